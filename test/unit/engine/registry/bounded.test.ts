// What a registry can make a listing or a manifest read cost: fake registries on loopback that
// repeat a page forever, send endless bodies, stall, or list 200k tags.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { EngineError } from '../../../../src/engine/errors';
import { BODY_LIMITS, PLATFORM_CONCURRENCY, RegistryClient } from '../../../../src/engine/registry/client';
import type { Page } from '../../../../src/engine/registry/client';
import { Pager } from '../../../../src/registries/pager';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** A fake registry on 127.0.0.1 whose behaviour each test sets. */
async function fakeRegistry(): Promise<{ host: string; set(h: Handler): void; requests: string[]; closed: number; close(): Promise<void> }> {
  let handler: Handler = (_q, r) => { r.writeHead(404); r.end(); };
  const state = { requests: [] as string[], closed: 0 };
  const server = http.createServer((req, res) => {
    state.requests.push(req.url ?? '');
    res.on('close', () => { if (!res.writableEnded) state.closed++; });
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    set: (h) => { handler = h; state.requests.length = 0; state.closed = 0; },
    get requests() { return state.requests; },
    get closed() { return state.closed; },
    close: async () => { server.closeAllConnections(); await new Promise((r) => server.close(r)); },
  };
}

const json = (res: http.ServerResponse, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(200, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

describe('registry responses are bounded', function () {
  this.timeout(30000);
  let reg: Awaited<ReturnType<typeof fakeRegistry>>;
  before(async () => { reg = await fakeRegistry(); });
  after(() => reg.close());

  it('a registry answering the same page with the same next link forever: two requests, not thousands', async () => {
    reg.set((_q, r) => json(r, { repositories: ['a', 'b'] }, { Link: '</v2/_catalog?n=2&last=b>; rel="next"' }));
    const c = new RegistryClient(reg.host);
    assert.deepEqual(await c.all((next) => c.catalogPage(2, next)), ['a', 'b']);
    assert.ok(reg.requests.length <= 3, `${reg.requests.length} requests`);
  });

  it('a registry answering the same items under ever new links stops at the repeat; an empty page with a next link ends the listing', async () => {
    let n = 0;
    reg.set((_q, r) => json(r, { tags: ['v1', 'v2'] }, { Link: `</v2/app/tags/list?n=2&last=x${n++}>; rel="next"` }));
    const c = new RegistryClient(reg.host);
    assert.deepEqual(await c.all((next) => c.tagsPage('app', 2, next)), ['v1', 'v2']);
    assert.equal(reg.requests.length, 2);
    let m = 0;
    reg.set((_q, r) => json(r, { tags: m === 0 ? ['v1'] : [] }, { Link: `</v2/app/tags/list?n=1&last=y${m++}>; rel="next"` }));
    assert.deepEqual(await c.all((next) => c.tagsPage('app', 1, next)), ['v1']);
    assert.equal(reg.requests.length, 2);
  });

  it('the view\'s pager stops the same way, and keeps what it had', async () => {
    reg.set((_q, r) => json(r, { repositories: ['a', 'b'] }, { Link: '</v2/_catalog?n=2&last=b>; rel="next"' }));
    const c = new RegistryClient(reg.host);
    const p = new Pager((next, signal) => c.catalogPage(2, next, signal), 100);
    assert.deepEqual(await p.first(), ['a', 'b']);
    assert.equal(p.hasMore, false);
    assert.equal(p.complete, true);
    assert.ok(reg.requests.length <= 3, `${reg.requests.length} requests`);
  });

  it('200k tags in one page: listed, no stack overflow', async () => {
    const tags = Array.from({ length: 200_000 }, (_, i) => `t${i}`);
    const c = new RegistryClient('127.0.0.1:1');
    const all = await c.all(async (): Promise<Page<string>> => ({ items: tags }), 1_000_000);
    assert.equal(all.length, 200_000);
    const p = new Pager(async () => ({ items: tags }), 100);
    assert.equal((await p.first()).length, 100);
    assert.equal(p.known, 200_000);
  });

  it('a manifest body past 4 MiB is cut off while it streams, with a clear error', async () => {
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    let sent = 0;
    reg.set((_q, r) => {
      r.writeHead(200, { 'Content-Type': 'application/vnd.oci.image.manifest.v1+json' });
      r.write('{"schemaVersion":2,"pad":"');
      // An endless body: reading it whole would never end.
      const more = () => { while (!r.destroyed && r.write(chunk)) sent += chunk.length; if (!r.destroyed) r.once('drain', more); };
      more();
    });
    const c = new RegistryClient(reg.host);
    await assert.rejects(c.manifest('app', 'latest'), (e: unknown) => e instanceof EngineError && e.kind === 'badRequest' && /sent more than 4\.19 MB for manifest app:latest/.test(e.message));
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(reg.closed, 1, 'the connection was dropped, the rest never read');
    assert.ok(sent < 64 * 1024 * 1024, `${sent} bytes sent`);
    assert.equal(BODY_LIMITS.manifest, 4 * 1024 * 1024);
  });

  it('a listing that declares more than 64 MiB is refused before reading it', async () => {
    reg.set((_q, r) => { r.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(BODY_LIMITS.listing + 1) }); r.write('{"repositories":['); });
    const c = new RegistryClient(reg.host);
    await assert.rejects(c.catalogPage(), (e: unknown) => e instanceof EngineError && e.kind === 'badRequest' && /sent more than .* for the catalog/.test(e.message));
  });

  it('a long listing is cancellable: the pager stops on cancel, keeps its place, and goes on afterwards', async () => {
    let stall = true;
    reg.set((req, r) => {
      const last = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('last') ?? 0);
      if (last >= 2 && stall) return; // never answers
      json(r, { tags: [`t${last}`, `t${last + 1}`] }, { Link: `</v2/app/tags/list?n=2&last=${last + 2}>; rel="next"` });
    });
    const c = new RegistryClient(reg.host, { timeoutMs: 60000 });
    const p = new Pager((next, signal) => c.tagsPage('app', 2, next, signal), 2);
    assert.deepEqual(await p.first(), ['t0', 't1']);
    const abort = new AbortController();
    const more = p.more(abort.signal);
    await new Promise((r) => setTimeout(r, 200));
    abort.abort();
    await assert.rejects(more, (e: unknown) => (e as { name?: string }).name === 'AbortError');
    assert.deepEqual(p.shown, ['t0', 't1']);
    stall = false;
    assert.deepEqual(await p.more(), ['t0', 't1', 't2', 't3']);
    // all() with a signal: cancelled between pages.
    const stop = new AbortController();
    let pages = 0;
    await assert.rejects(c.all(async (next) => { if (++pages === 3) stop.abort(); return c.tagsPage('app', 2, next, stop.signal); }, 100000, stop.signal), (e: unknown) => (e as { name?: string }).name === 'AbortError');
    assert.ok(pages <= 3);
  });

  it('per-platform manifests are fetched at most 4 at a time', async () => {
    let inFlight = 0;
    let most = 0;
    reg.set((_q, r) => {
      inFlight++;
      most = Math.max(most, inFlight);
      setTimeout(() => {
        inFlight--;
        json(r, { schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { digest: 'sha256:c', size: 10 }, layers: [{ digest: 'sha256:l', size: 90 }] });
      }, 30);
    });
    const c = new RegistryClient(reg.host);
    const platforms = Array.from({ length: 16 }, (_, i) => ({ digest: `sha256:${String(i).padStart(64, '0')}` }));
    const sizes = await c.platformSizes('app', platforms);
    assert.deepEqual(sizes, Array(16).fill(100));
    assert.equal(reg.requests.length, 16);
    assert.ok(most <= PLATFORM_CONCURRENCY, `${most} at once`);
    assert.equal(PLATFORM_CONCURRENCY, 4);
  });

  it('a listing cut mid-page: a clear error, and the retry works', async () => {
    let cut = true;
    reg.set((_q, r) => {
      if (!cut) { json(r, { repositories: ['a', 'b'] }); return; }
      r.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '1000' });
      r.write('{"repositories":["a",');
      setTimeout(() => r.socket?.destroy(), 50);
    });
    const c = new RegistryClient(reg.host);
    await assert.rejects(c.catalogPage(), (e: unknown) => e instanceof EngineError && e.kind === 'unreachable' && /closed the connection while sending the catalog/.test(e.message));
    cut = false;
    assert.deepEqual((await c.catalogPage()).items, ['a', 'b']);
  });
});

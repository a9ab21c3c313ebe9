// A registry listing cut mid-page (a proxy drops the connection after the headers and part of
// the body, as a flaky network or a dying registry does): a clear error, no hang, and the retry
// (the view's Retry / Load more) works, with what was shown kept. Against a real docker-registry.
import { strict as assert } from 'node:assert';
import * as net from 'node:net';
import { EngineError } from '../../src/engine/errors';
import { RegistryClient } from '../../src/engine/registry/client';
import { Pager } from '../../src/registries/pager';
import { HandPusher, startRegistry, TestRegistry } from '../support/registries';

/** A TCP pass-through to `upstream` that, when armed, forwards a response's headers and the first `keep` bytes of its body, then drops both sockets. */
class TcpCutProxy {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  armed: { match: RegExp; keep: number } | undefined;
  cuts = 0;
  constructor(upstreamPort: number) {
    this.server = net.createServer((client) => {
      const upstream = net.connect(upstreamPort, '127.0.0.1');
      this.sockets.add(client); this.sockets.add(upstream);
      let request = '';
      let limit = -1;
      let head = Buffer.alloc(0);
      let forwarded = 0;
      let cutting: { match: RegExp; keep: number } | undefined;
      client.on('data', (b: Buffer) => {
        const line = /^([A-Z]+ \S+)/.exec(b.subarray(0, 300).toString('latin1'));
        if (line) { request = line[1]; forwarded = 0; limit = -1; head = Buffer.alloc(0); cutting = this.armed && this.armed.match.test(request) ? this.armed : undefined; if (cutting) this.armed = undefined; }
        upstream.write(b);
      });
      upstream.on('data', (b: Buffer) => {
        if (!cutting) { client.write(b); return; }
        if (limit < 0) {
          head = Buffer.concat([head, b]);
          const end = head.indexOf('\r\n\r\n');
          if (end < 0) return;
          limit = end + 4 + cutting.keep;
          b = head;
        }
        const room = limit - forwarded;
        if (room > 0) { client.write(b.subarray(0, room)); forwarded += Math.min(room, b.length); }
        if (forwarded >= limit) {
          this.cuts++;
          cutting = undefined;
          client.write(Buffer.alloc(0), () => { client.destroy(); upstream.destroy(); });
        }
      });
      const drop = () => { client.destroy(); upstream.destroy(); this.sockets.delete(client); this.sockets.delete(upstream); };
      for (const s of [client, upstream]) { s.on('close', drop); s.on('error', drop); }
    });
  }
  listen(): Promise<number> {
    return new Promise((r) => this.server.listen(0, '127.0.0.1', () => r((this.server.address() as net.AddressInfo).port)));
  }
  get open(): number { return this.sockets.size; }
  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise((r) => this.server.close(r));
  }
}

describe('faults: a registry listing cut mid-page', function () {
  this.timeout(120000);
  let reg: TestRegistry;
  let proxy: TcpCutProxy;
  let host: string;
  const repos = Array.from({ length: 30 }, (_, i) => `cut/r${String(i).padStart(2, '0')}`);

  before(async () => {
    reg = await startRegistry();
    const push = new HandPusher(reg);
    const first = await push.image(repos[0], ['v1']);
    for (let i = 1; i < repos.length; i += 10) await Promise.all(repos.slice(i, i + 10).map((r) => push.tags(r, first, ['v1'], 1)));
    proxy = new TcpCutProxy(Number(reg.host.split(':')[1]));
    host = `127.0.0.1:${await proxy.listen()}`;
  });
  after(async () => { await proxy?.close(); await reg?.stop(); });

  it('one page cut after its headers and part of its body: a clear error in good time, then the retry lists it', async () => {
    const c = new RegistryClient(host, { timeoutMs: 20000 });
    // The headers and the first bytes of the JSON, then nothing: the connection is gone.
    proxy.armed = { match: /^GET \/v2\/_catalog/, keep: 40 };
    const started = Date.now();
    await assert.rejects(c.catalogPage(10), (e: unknown) => e instanceof EngineError && e.kind === 'unreachable'
      && /closed the connection while sending the catalog/.test(e.message));
    assert.equal(proxy.cuts, 1);
    assert.ok(Date.now() - started < 20000, 'ended by the cut, not by the timeout');
    const again = await c.catalogPage(10);
    assert.deepEqual(again.items, repos.slice(0, 10));
  });

  it('Load more cut on its second page: the first page stays shown, the error is clear, and Load more again goes on', async () => {
    const c = new RegistryClient(host, { timeoutMs: 20000 });
    const pager = new Pager((next, signal) => c.catalogPage(10, next, signal), 10);
    assert.deepEqual(await pager.first(), repos.slice(0, 10));
    proxy.armed = { match: /^GET \/v2\/_catalog\?.*last=/, keep: 60 };
    await assert.rejects(pager.more(), (e: unknown) => e instanceof EngineError && e.kind === 'unreachable');
    assert.deepEqual(pager.shown, repos.slice(0, 10));
    assert.equal(pager.hasMore, true);
    assert.deepEqual(await pager.more(), repos.slice(0, 20));
    assert.deepEqual(await pager.more(), repos.slice(0, 30));
    assert.equal(pager.complete, true);
  });
});

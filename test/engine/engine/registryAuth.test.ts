// The registry client against real docker-registry instances on loopback: open, htpasswd Basic
// (deletes enabled), and token mode with the test's own token issuer. Plus the docker CLI's
// credential helper protocol through a real helper on PATH, and config.json auths.
import * as assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EngineError } from '../../../src/engine/errors';
import { RegistryClient } from '../../../src/engine/registry/client';
import { engineRegistryConfig } from '../../../src/engine/registry/engineConfig';
import * as tar from 'tar-stream';
import { buildImage } from '../../../src/engine/build';
import { pullImage, RegistryAuth } from '../../../src/engine/images';
import type { BuildMessage } from '../../../src/engine/models';
import { dockerCredentials, RegistryCredential, serverUrlOf } from '../../../src/engine/registry/dockerConfig';
import { HandPusher, startRegistry, TestRegistry } from '../../support/registries';
import { testEngine } from '../helpers';

const creds = (username: string, password: string) => async (): Promise<RegistryCredential> => ({ username, password, source: 'the test' });
const isErr = (kind: string, re: RegExp) => (e: unknown) => e instanceof EngineError && e.kind === kind && re.test(e.message);

describe('registry client: htpasswd Basic auth, deletes enabled', function () {
  this.timeout(120000);
  let reg: TestRegistry;
  let push: HandPusher;
  before(async () => { reg = await startRegistry({ auth: 'htpasswd', deletes: true, users: { ada: 'lovelace' } }); push = new HandPusher(reg); });
  after(() => reg?.stop());

  it('without credentials: a clear "log in" error; with a wrong password: "refused"', async () => {
    await assert.rejects(new RegistryClient(reg.host).catalogPage(), isErr('auth', /needs a login/));
    await assert.rejects(new RegistryClient(reg.host, { credentials: creds('ada', 'wrong') }).catalogPage(), isErr('auth', /refused the credentials from the test/));
    await assert.rejects(new RegistryClient(reg.host, { credentials: creds('ada', 'wrong') }).ping(), isErr('auth', /refused/));
    await new RegistryClient(reg.host, { credentials: creds('ada', 'lovelace') }).ping();
  });

  it('pages the catalog (Link headers) through 130 repositories and a repository with 250 tags', async () => {
    const first = await push.image('paging/r000', ['v1']);
    const repos = Array.from({ length: 130 }, (_, i) => `paging/r${String(i).padStart(3, '0')}`);
    for (let i = 1; i < repos.length; i += 10) await Promise.all(repos.slice(i, i + 10).map((r) => push.tags(r, first, ['v1'], 1)));
    const tags = Array.from({ length: 250 }, (_, i) => `t${String(i).padStart(4, '0')}`);
    await push.tags('paging/many', first, tags);
    const c = new RegistryClient(reg.host, { credentials: creds('ada', 'lovelace') });
    const pages: number[] = [];
    const all = await c.all(async (next) => { const p = await c.catalogPage(50, next); pages.push(p.items.length); return p; });
    assert.deepEqual(all.filter((r) => r.startsWith('paging/r')), repos);
    assert.ok(all.includes('paging/many'));
    assert.deepEqual(pages, [50, 50, 31], 'three pages of at most 50');
    // distribution 2.8 ignores n= for tag lists (one page, no Link); the client follows Link when
    // a registry pages them (as the catalog above), and returns everything when it does not.
    const p1 = await c.tagsPage('paging/many', 100);
    assert.ok(p1.items.length === 250 ? p1.next === undefined : p1.items.length === 100 && !!p1.next, `${p1.items.length} tags, next ${p1.next}`);
    const allTags = await c.all((next) => c.tagsPage('paging/many', 100, next));
    assert.deepEqual([...allTags].sort(), tags, 'every tag once (2.8 lists them in storage order)');
    assert.deepEqual((await c.tagsPage('paging/many', 1000)).next, undefined, 'one page holds them all');
  });

  it('reads a manifest (digest, size), its config (created), an OCI index (platforms), and inspects them', async () => {
    const c = new RegistryClient(reg.host, { credentials: creds('ada', 'lovelace') });
    const amd = await push.image('multi/app', ['amd64-only'], { arch: 'amd64', created: '2026-03-04T05:06:07Z' });
    const arm = await push.image('multi/app', [], { arch: 'arm64', content: 'arm\n', oci: true });
    const idxDigest = await push.index('multi/app', 'latest', [amd, arm]);
    const m = await c.manifest('multi/app', 'amd64-only');
    assert.equal(m.kind, 'image');
    assert.equal(m.digest, amd.digest);
    assert.equal(m.size, amd.size);
    const cfg = await c.imageConfig('multi/app', m);
    assert.equal(cfg?.created, '2026-03-04T05:06:07Z');
    assert.equal(cfg?.architecture, 'amd64');
    const idx = await c.manifest('multi/app', 'latest');
    assert.equal(idx.kind, 'index');
    assert.equal(idx.digest, idxDigest);
    assert.deepEqual(idx.platforms.map((p) => [p.platform, p.digest]), [['linux/amd64', amd.digest], ['linux/arm64', arm.digest]]);
    const child = await c.manifest('multi/app', idx.platforms[1].digest);
    assert.equal(child.mediaType, 'application/vnd.oci.image.manifest.v1+json');
    assert.equal((await c.imageConfig('multi/app', child))?.architecture, 'arm64');
    await assert.rejects(c.manifest('multi/app', 'nope'), isErr('notFound', /manifest multi\/app:nope/));
  });

  it('deletes a manifest by digest: its tags go; a tag is not a digest', async () => {
    const c = new RegistryClient(reg.host, { credentials: creds('ada', 'lovelace') });
    const img = await push.image('del/app', ['a', 'b'], { content: 'delete me\n' });
    await assert.rejects(c.deleteManifest('del/app', 'a'), isErr('badRequest', /not a digest/));
    await c.deleteManifest('del/app', img.digest);
    await assert.rejects(c.manifest('del/app', 'a'), isErr('notFound', /./));
    assert.deepEqual((await c.tagsPage('del/app')).items, []);
  });
});

describe('registry client: an open registry without deletes, and one that goes away', function () {
  this.timeout(60000);
  let reg: TestRegistry;
  before(async () => { reg = await startRegistry({ auth: 'none', deletes: false }); });
  after(() => reg?.stop());

  it('a refused delete says the registry does not allow deletes', async () => {
    const img = await new HandPusher(reg).image('keep/app', ['v1']);
    const c = new RegistryClient(reg.host);
    await assert.rejects(c.deleteManifest('keep/app', img.digest), isErr('conflict', /does not allow deletes \(HTTP 405 UNSUPPORTED\)/));
    assert.equal((await c.manifest('keep/app', 'v1')).digest, img.digest);
  });

  it('a registry that goes away mid-listing: the next page fails with "cannot be reached", no hang', async () => {
    const p = new HandPusher(reg);
    const img = await p.image('gone/r0', ['v1']);
    for (let i = 1; i < 5; i++) await p.tags(`gone/r${i}`, img, ['v1'], 1);
    const c = new RegistryClient(reg.host, { timeoutMs: 5000 });
    const first = await c.catalogPage(2);
    assert.equal(first.items.length, 2);
    assert.ok(first.next);
    await reg.stop();
    const t0 = Date.now();
    await assert.rejects(c.catalogPage(2, first.next), isErr('unreachable', /cannot be reached \(ECONNREFUSED\)/));
    assert.ok(Date.now() - t0 < 5000);
  });
});

describe('registry client: token auth (401 → Bearer token → 200)', function () {
  this.timeout(60000);
  let reg: TestRegistry;
  let push: HandPusher;
  before(async () => { reg = await startRegistry({ auth: 'token', deletes: true, users: { grace: 'hopper' } }); push = new HandPusher(reg); await push.image('tok/app', ['v1', 'v2']); });
  after(() => reg?.stop());

  it('follows the challenge to the realm with the scope, then caches the token per scope', async () => {
    const iss = reg.issuer!;
    iss.requests.length = 0;
    const c = new RegistryClient(reg.host, { credentials: creds('grace', 'hopper') });
    assert.deepEqual((await c.tagsPage('tok/app')).items, ['v1', 'v2']);
    assert.deepEqual(iss.requests, [{ scope: ['repository:tok/app:pull'], account: 'grace', ok: true }]);
    await c.manifest('tok/app', 'v1');
    await c.manifest('tok/app', 'v2');
    await c.tagsPage('tok/app');
    assert.equal(c.tokenRequests, 1, 'one token for one scope');
    assert.ok((await c.catalogPage()).items.includes('tok/app'));
    assert.deepEqual(iss.requests.map((r) => r.scope), [['repository:tok/app:pull'], ['registry:catalog:*']]);
    await c.catalogPage();
    assert.equal(c.tokenRequests, 2);
  });

  it('asks again when a cached token expires (expires_in), and when the registry refuses a token it thinks is live', async () => {
    const iss = reg.issuer!;
    iss.expiresIn = 2;
    try {
      const c = new RegistryClient(reg.host, { credentials: creds('grace', 'hopper') });
      await c.tagsPage('tok/app');
      await c.tagsPage('tok/app');
      assert.equal(c.tokenRequests, 1);
      await new Promise((r) => setTimeout(r, 2100));
      await c.tagsPage('tok/app');
      assert.equal(c.tokenRequests, 2, 'a new token after expires_in');
      // Server-side expiry: the registry rejects the token (exp long past) though expires_in says it is live.
      iss.expiresIn = 300;
      iss.issueExpired = 600;
      const d = new RegistryClient(reg.host, { credentials: creds('grace', 'hopper') });
      await assert.rejects(d.tagsPage('tok/app'), isErr('auth', /refused the credentials/));
      await assert.rejects(d.ping(), isErr('auth', /refused/), 'a login whose tokens the registry refuses is not a login');
      iss.issueExpired = 0;
      assert.deepEqual((await d.tagsPage('tok/app')).items, ['v1', 'v2'], 'the stale token is dropped and a fresh one fetched');
    } finally {
      iss.expiresIn = 300;
      iss.issueExpired = 0;
    }
  });

  it('a wrong password and no credentials are refused with clear messages; ping proves a login', async () => {
    await assert.rejects(new RegistryClient(reg.host, { credentials: creds('grace', 'nope') }).tagsPage('tok/app'), isErr('auth', /refused the credentials from the test \(HTTP 401\)/));
    await assert.rejects(new RegistryClient(reg.host).tagsPage('tok/app'), isErr('auth', /needs a login/));
    await new RegistryClient(reg.host, { credentials: creds('grace', 'hopper') }).ping();
    await assert.rejects(new RegistryClient(reg.host, { credentials: creds('grace', 'nope') }).ping(), isErr('auth', /refused/));
  });

  it('deletes with a token for the delete scope the registry asks for', async () => {
    const img = await push.image('tok/del', ['x'], { content: 'tok delete\n' });
    const c = new RegistryClient(reg.host, { credentials: creds('grace', 'hopper') });
    await c.deleteManifest('tok/del', img.digest);
    await assert.rejects(c.manifest('tok/del', 'x'), isErr('notFound', /./));
    assert.ok(reg.issuer!.requests.some((r) => r.scope.some((s) => s.startsWith('repository:tok/del:') && s !== 'repository:tok/del:delete')), 'the challenge scope was used');
  });

  it('an identity token (config.json identitytoken) is exchanged at the realm by the refresh-token grant', async () => {
    const iss = reg.issuer!;
    iss.refreshTokens['refresh-for-grace'] = 'grace';
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dockyard-dc-'));
    try {
      writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ auths: { [reg.host]: { auth: Buffer.from('grace:').toString('base64'), identitytoken: 'refresh-for-grace' } } }));
      const deps = { env: { DOCKER_CONFIG: dir }, homeDir: '/nonexistent', readFile: (f: string) => (existsSync(f) ? readFileSync(f, 'utf8') : undefined) };
      iss.requests.length = 0;
      const c = new RegistryClient(reg.host, { credentials: (h) => dockerCredentials(h, deps) });
      assert.deepEqual((await c.tagsPage('tok/app')).items, ['v1', 'v2']);
      assert.deepEqual(iss.requests, [{ scope: ['repository:tok/app:pull'], account: 'grace', ok: true }], 'one POST with the refresh token');
      writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ auths: { [reg.host]: { identitytoken: 'revoked' } } }));
      await assert.rejects(new RegistryClient(reg.host, { credentials: (h) => dockerCredentials(h, deps) }).tagsPage('tok/app'), isErr('auth', /refused the credentials from docker config\.json/));
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });

  it('credentials from a config.json auths entry work against the token registry', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dockyard-dc-'));
    try {
      writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ auths: { [`http://${reg.host}`]: { auth: Buffer.from('grace:hopper').toString('base64') } } }));
      const deps = { env: { DOCKER_CONFIG: dir }, homeDir: '/nonexistent', readFile: (f: string) => (existsSync(f) ? readFileSync(f, 'utf8') : undefined) };
      const c = new RegistryClient(reg.host, { credentials: (h) => dockerCredentials(h, deps) });
      assert.deepEqual((await c.tagsPage('tok/app')).items, ['v1', 'v2']);
      assert.equal(await c.credentialSource(), 'docker config.json');
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });
});

describe('registry client: a credential helper on PATH (the real protocol)', function () {
  this.timeout(60000);
  let reg: TestRegistry;
  let dir: string;
  before(async () => {
    reg = await startRegistry({ auth: 'htpasswd', users: { helperuser: 'helper-pass' } });
    dir = mkdtempSync(path.join(os.tmpdir(), 'dockyard-helper-'));
    const script = path.join(dir, 'docker-credential-test');
    writeFileSync(script, [
      '#!/bin/sh',
      'read -r url',
      `echo "$* $url" >> "${path.join(dir, 'calls.log')}"`,
      `if [ "$1" = get ] && [ "$url" = "${reg.host}" ]; then`,
      `  printf '{"ServerURL":"%s","Username":"helperuser","Secret":"helper-pass"}' "$url"`,
      'else',
      '  echo "credentials not found in native keychain"; exit 1',
      'fi',
      '',
    ].join('\n'));
    chmodSync(script, 0o755);
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ credHelpers: { [reg.host]: 'test' }, credsStore: 'test' }));
  });
  after(async () => { await reg?.stop(); rmSync(dir, { recursive: true, force: true }); });

  const deps = () => ({ env: { PATH: `${dir}:${process.env.PATH}`, DOCKER_CONFIG: dir }, homeDir: '/nonexistent', readFile: (f: string) => (existsSync(f) ? readFileSync(f, 'utf8') : undefined) });

  it('spawns docker-credential-test get with the host on stdin, and the registry accepts what it answers', async () => {
    const c = await dockerCredentials(reg.host, deps());
    assert.deepEqual(c, { username: 'helperuser', password: 'helper-pass', source: 'credential helper test' });
    assert.equal(readFileSync(path.join(dir, 'calls.log'), 'utf8'), `get ${reg.host}\n`);
    const client = new RegistryClient(reg.host, { credentials: (h) => dockerCredentials(h, deps()) });
    await client.ping();
    assert.deepEqual((await client.catalogPage()).items, []);
  });

  it('the helper\'s "not found" is no credentials; a helper missing from PATH is a clear error', async () => {
    assert.equal(await dockerCredentials('other.example:5000', deps()), undefined);
    const noPath = { ...deps(), env: { PATH: '/nonexistent', DOCKER_CONFIG: dir } };
    await assert.rejects(dockerCredentials(reg.host, noPath), /docker-credential-test is not on PATH/);
    await assert.rejects(new RegistryClient(reg.host, { credentials: (h) => dockerCredentials(h, noPath) }).catalogPage(), isErr('auth', /Credentials for .* could not be read: docker-credential-test is not on PATH/));
  });
});

describe('the engine pulls with credentials from the same lookup (config.json → X-Registry-Auth)', function () {
  this.timeout(120000);
  let reg: TestRegistry;
  let dir: string;
  let engine: ReturnType<typeof testEngine>;
  const pulled: string[] = [];
  before(async () => {
    engine = testEngine();
    reg = await startRegistry({ auth: 'htpasswd', users: { puller: 'pull-pass' } });
    dir = mkdtempSync(path.join(os.tmpdir(), 'dockyard-dc-'));
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ auths: { [reg.host]: { auth: Buffer.from('puller:pull-pass').toString('base64') } } }));
  });
  after(async () => {
    for (const r of pulled) await engine?.removeImage(r).catch(() => undefined);
    await reg?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the engine\'s own registry config: the loopback range is insecure (what the Docker Hub node shows)', async () => {
    const rc = engineRegistryConfig(await engine.info());
    assert.ok(rc.insecure.includes('127.0.0.0/8'), JSON.stringify(rc));
    assert.deepEqual(rc.mirrors, []);
  });

  it('a tag listed through the client is pulled by the engine; without the login the engine says why', async () => {
    const img = await new HandPusher(reg).image('pull/app', ['v1'], { content: `pulled ${Date.now()}\n` });
    const deps = { env: { DOCKER_CONFIG: dir }, homeDir: '/nonexistent', readFile: (f: string) => (existsSync(f) ? readFileSync(f, 'utf8') : undefined) };
    const client = new RegistryClient(reg.host, { credentials: (h) => dockerCredentials(h, deps) });
    const [tag] = (await client.tagsPage('pull/app')).items;
    const ref = `${reg.host}/pull/app:${tag}`;
    await assert.rejects(pullImage(engine, ref, undefined, () => undefined, () => undefined).done, (e: unknown) => e instanceof EngineError && e.kind === 'auth');
    const c = await dockerCredentials(reg.host, deps);
    assert.ok(c);
    pulled.push(ref);
    const r = await pullImage(engine, ref, { username: c.username, password: c.password, serveraddress: serverUrlOf(reg.host) }, () => undefined, () => undefined).done;
    assert.equal(r.digest, img.digest);
    const info = (await engine.inspectImage(ref)) as { Architecture: string; Config: { Labels: Record<string, string> } };
    assert.equal(info.Config.Labels['dockyard.test'], '1');
  });

  it('a build FROM an image of the registry gets the credentials as X-Registry-Config', async () => {
    await new HandPusher(reg).image('base/img', ['v1'], { content: `base ${Date.now()}\n` });
    const from = `${reg.host}/base/img:v1`;
    const tag = `dockyard-test/regbuild-${Date.now()}:v1`;
    const build = async (registryConfig?: Record<string, RegistryAuth>) => {
      const pack = tar.pack();
      pack.entry({ name: 'Dockerfile' }, `FROM ${from}\nLABEL dockyard.test=1\n`);
      pack.finalize();
      const msgs: BuildMessage[] = [];
      await buildImage(engine, pack, { dockerfile: 'Dockerfile', tags: [tag], pull: true, registryConfig }, (m) => msgs.push(m));
      return msgs;
    };
    pulled.push(tag, from);
    const refused = await build();
    assert.ok(refused.some((m) => /no basic auth credentials|unauthorized/i.test(m.error ?? '')), JSON.stringify(refused.slice(-2)));
    const c = await dockerCredentials(reg.host, { env: { DOCKER_CONFIG: dir }, homeDir: '/nonexistent', readFile: (f: string) => (existsSync(f) ? readFileSync(f, 'utf8') : undefined) });
    assert.ok(c);
    const ok = await build({ [serverUrlOf(reg.host)]: { username: c.username, password: c.password, serveraddress: serverUrlOf(reg.host) } });
    assert.ok(!ok.some((m) => m.error), JSON.stringify(ok.filter((m) => m.error)));
    const info = (await engine.inspectImage(tag)) as { Config: { Labels: Record<string, string> } };
    assert.equal(info.Config.Labels['dockyard.test'], '1');
  });
});

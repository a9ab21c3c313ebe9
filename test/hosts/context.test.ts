import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { contextDigest, describeSource, resolveHost } from '../../src/engine/hosts/resolve';
import { Engine } from '../../src/engine/engine';
import { EngineError } from '../../src/engine/errors';
import { contexts, HostWatcher, nodeHostInputs, useContext } from '../../src/engine/hosts/dockerContexts';
import { exercise } from './support/exercise';
import { hostsDaemon, IMAGE, LABEL, podmanService, tempDir, waitFor } from './support/servers';
import { rawDocker } from '../support/rawDocker';

/** A temp DOCKER_CONFIG with contexts "tls-box" (tcp+TLS, material in the store) and "podman-box" (unix). */
async function store(): Promise<{ env: Record<string, string>; config: string }> {
  const d = await hostsDaemon();
  const podman = await podmanService();
  const dir = tempDir('dockercfg');
  const meta = (name: string, host: string) => {
    const m = path.join(dir, 'contexts', 'meta', contextDigest(name));
    mkdirSync(m, { recursive: true });
    writeFileSync(path.join(m, 'meta.json'), JSON.stringify({ Name: name, Metadata: { Description: `${name} (test)` }, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } }));
  };
  meta('tls-box', `tcp://127.0.0.1:${d.tlsPort}`);
  const tls = path.join(dir, 'contexts', 'tls', contextDigest('tls-box'), 'docker');
  mkdirSync(tls, { recursive: true });
  for (const f of ['ca.pem', 'cert.pem', 'key.pem']) copyFileSync(path.join(d.certs.clientDir, f), path.join(tls, f));
  meta('podman-box', `unix://${podman}`);
  const config = path.join(dir, 'config.json');
  writeFileSync(config, JSON.stringify({ auths: { 'registry.example': {} }, psFormat: 'table {{.ID}}' }, null, '\t'));
  return { env: { DOCKER_CONFIG: dir, HOME: tempDir('home') }, config };
}

describe('hosts: docker contexts', function () {
  this.timeout(150000);

  it('context: lists the store, "docker context use" switches what the tree lists', async () => {
    const { env, config } = await store();
    const inputs = () => nodeHostInputs(undefined, env);
    assert.deepEqual(contexts(inputs()).map((c) => `${c.name}${c.current ? '*' : ''}`), ['default*', 'podman-box', 'tls-box']);

    // A container that exists on the TLS engine only.
    const marker = `dockyard-ctx-${randomBytes(4).toString('hex')}`;
    const d = await hostsDaemon();
    const direct = new Engine({ host: `unix://${d.sock}`, source: 'setting', context: 'x' }, {});
    const c = await rawDocker(direct).createContainer({ name: marker, Image: IMAGE, Labels: { [LABEL]: '1' }, HostConfig: { NetworkMode: 'none' } });
    try {
      useContext(inputs(), 'tls-box');
      const cfg = JSON.parse(readFileSync(config, 'utf8')) as Record<string, unknown>;
      assert.equal(cfg.currentContext, 'tls-box');
      assert.deepEqual(cfg.auths, { 'registry.example': {} }, 'other keys are kept');
      assert.equal(cfg.psFormat, 'table {{.ID}}');
      const r1 = resolveHost(inputs());
      assert.equal(r1.source, 'config');
      assert.ok(r1.tls?.ca && r1.tls.cert && r1.tls.key, 'TLS material comes from the context store');
      const names1 = (await new Engine(r1, env).listContainers()).map((x) => x.name);
      assert.ok(names1.includes(marker), `tls-box lists ${marker}`);

      useContext(inputs(), 'podman-box');
      const r2 = resolveHost(inputs());
      assert.equal(r2.context, 'podman-box');
      const names2 = (await new Engine(r2, env).listContainers()).map((x) => x.name);
      assert.ok(!names2.includes(marker), 'podman-box does not list it');
      assert.deepEqual(contexts(inputs()).filter((x) => x.current).map((x) => x.name), ['podman-box']);

      useContext(inputs(), 'default');
      assert.equal((JSON.parse(readFileSync(config, 'utf8')) as Record<string, unknown>).currentContext, undefined);
      assert.throws(() => useContext(inputs(), 'nope'), /does not exist/);
    } finally {
      await direct.removeContainer(c.id, { force: true });
    }
  });

  it('context: over TLS from the store: list, events, exec, logs', async () => {
    const { env } = await store();
    useContext(nodeHostInputs(undefined, env), 'tls-box');
    await exercise('context (tls-box)', new Engine(resolveHost(nodeHostInputs(undefined, env)), env), { build: false });
  });

  it('context: DOCKER_CONTEXT and DOCKER_HOST win over config.json, and say so', async () => {
    const { env } = await store();
    useContext(nodeHostInputs(undefined, env), 'tls-box');
    const viaEnv = resolveHost(nodeHostInputs(undefined, { ...env, DOCKER_CONTEXT: 'podman-box' }));
    assert.equal(viaEnv.context, 'podman-box');
    assert.equal(viaEnv.overrides, 'tls-box');
    assert.match(describeSource(viaEnv), /DOCKER_CONTEXT environment variable \(overrides context "tls-box"\)/);
    const viaHost = resolveHost(nodeHostInputs(undefined, { ...env, DOCKER_HOST: 'unix:///tmp/x.sock' }));
    assert.match(describeSource(viaHost), /DOCKER_HOST environment variable \(overrides context "tls-box"\)/);
    const viaSetting = resolveHost(nodeHostInputs('unix:///tmp/y.sock', env));
    assert.match(describeSource(viaSetting), /dockyard.host setting \(overrides context "tls-box"\)/);
  });

  it('context: a change made outside (docker context use) is noticed by the watcher', async () => {
    const { env, config } = await store();
    const inputs = () => nodeHostInputs(undefined, env);
    let changes = 0;
    const w = new HostWatcher(inputs, () => { changes++; }, 50);
    try {
      writeFileSync(config, JSON.stringify({ currentContext: 'podman-box' }));
      await waitFor(() => changes === 1, 'the watcher to notice currentContext', 5000);
      writeFileSync(config, JSON.stringify({ currentContext: 'podman-box', other: 1 }));
      await new Promise((r) => setTimeout(r, 400));
      assert.equal(changes, 1, 'an unrelated edit does not reconnect');
      // The context's endpoint changes in the store (docker context update).
      const meta = path.join(env.DOCKER_CONFIG, 'contexts', 'meta', contextDigest('podman-box'), 'meta.json');
      writeFileSync(meta, JSON.stringify({ Name: 'podman-box', Endpoints: { docker: { Host: 'unix:///tmp/gone.sock' } } }));
      await waitFor(() => changes === 2, 'the watcher to notice the endpoint change', 5000);
    } finally {
      w.dispose();
    }
  });

  it('context: a context whose endpoint is gone gives an actionable message', async () => {
    const { env } = await store();
    const dir = env.DOCKER_CONFIG;
    const m = path.join(dir, 'contexts', 'meta', contextDigest('gone'));
    mkdirSync(m, { recursive: true });
    writeFileSync(path.join(m, 'meta.json'), JSON.stringify({ Name: 'gone', Endpoints: { docker: { Host: `unix://${path.join(dir, 'nothing.sock')}` } } }));
    useContext(nodeHostInputs(undefined, env), 'gone');
    const engine = new Engine(resolveHost(nodeHostInputs(undefined, env)), env);
    await assert.rejects(engine.listContainers(), (e: unknown) => e instanceof EngineError && e.kind === 'unreachable' && /no such socket; or pick another context/.test(e.message));
    // A currentContext naming a context that is not in the store.
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ currentContext: 'deleted' }));
    assert.throws(() => resolveHost(nodeHostInputs(undefined, env)), /context "deleted" \(from config.json currentContext\) does not exist/);
  });

  it('unix: a private socket given as dockyard.host: list, events, exec, logs, build', async () => {
    const d = await hostsDaemon();
    const r = resolveHost(nodeHostInputs(d.sock, {}));
    assert.equal(r.host, `unix://${d.sock}`);
    await exercise('unix', new Engine(r, {}));
  });

  it('unix: permission denied on the socket hints at the docker group', async () => {
    // A socket we may not open: root-owned 0600 for an unprivileged client (root itself
    // ignores file modes, so as root the client runs as nobody in a child process).
    const dir = tempDir('perm');
    chmodSync(dir, 0o755);
    const sock = path.join(dir, 'docker.sock');
    const server = net.createServer((c) => c.destroy());
    await new Promise<void>((resolve) => server.listen(sock, resolve));
    try {
      const asRoot = process.getuid?.() === 0;
      chmodSync(sock, asRoot ? 0o600 : 0o000);
      const script = [
        `const { Engine } = require(${JSON.stringify(path.resolve('src/engine/engine.ts'))});`,
        `const { resolveHost } = require(${JSON.stringify(path.resolve('src/engine/hosts/resolve.ts'))});`,
        `const r = resolveHost({ setting: ${JSON.stringify(`unix://${sock}`)}, env: {}, homeDir: '/nonexistent', platform: process.platform, readFile: () => undefined, exists: () => false });`,
        `new Engine(r, {}).ping().then(() => console.log('{"kind":"none"}'), (e) => console.log(JSON.stringify({ kind: e.kind, message: e.message })));`,
      ].join('\n');
      const scratch = path.join(dir, 'tmp'); // tsx's cache, writable by the child
      mkdirSync(scratch);
      chmodSync(scratch, 0o777);
      const out = execFileSync(process.execPath, ['-r', require.resolve('tsx/cjs'), '-e', script], {
        ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
        env: { PATH: process.env.PATH ?? '', TMPDIR: scratch, HOME: scratch },
        cwd: dir,
      }).toString().trim().split('\n').pop() ?? '';
      const e = JSON.parse(out) as { kind: string; message: string };
      assert.equal(e.kind, 'permission', out);
      assert.match(e.message, /Permission denied on unix:\/\/.*docker\.sock — add your user to the docker group/);
    } finally {
      server.close();
    }
  });
});

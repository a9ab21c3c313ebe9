// Debug in Container against the real engine: the program runs under node --inspect-brk in a
// labelled container made from this machine's node binary; its inspector answers on the address
// debuggerAddress gives, it lists the program from the bind-mounted folder, and the container goes
// when removed. The private engine has no bridge network: the test uses the host's network with
// the inspector on 127.0.0.1 (bridge publishing is covered by the inspect data only).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  DEBUG_LABEL, debuggerAddress, debuggerHostPort, inspectForDebugger, removeDebugContainer, startDebugContainer, waitForDebugger,
} from '../../../src/engine/debugContainer';
import { EngineError } from '../../../src/engine/errors';
import { buildNodeImage } from '../../support/nodeImage';
import { rawDocker } from '../../support/rawDocker';
import { cleanup, IMAGE, TEST_LABEL, testEngine } from '../helpers';

function getJson(url: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    http.get(url, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => { body += d.toString(); });
      res.on('end', () => { try { resolve(JSON.parse(body)); } catch (e) { reject(e); } });
    }).on('error', reject);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = http.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

describe('engine: debug containers', function () {
  this.timeout(180_000);
  const engine = testEngine();
  let image: string;
  let dir: string;

  before(async () => {
    image = await buildNodeImage(rawDocker(engine), IMAGE, { [TEST_LABEL]: '1' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockyard-debug-'));
    fs.writeFileSync(path.join(dir, 'app.js'), 'const answer = 6 * 7;\nconsole.log("answer", answer);\n');
  });
  after(async () => {
    await cleanup(engine);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs the program under node --inspect-brk with the folder mounted; the inspector answers and lists it', async () => {
    const port = await freePort();
    const c = await startDebugContainer(engine, {
      runtime: 'node', image, program: 'app.js', args: [], localRoot: dir, remoteRoot: '/app', env: {},
      network: 'host', port, copy: false, labels: { [TEST_LABEL]: '1' },
    });
    try {
      await waitForDebugger(engine, c.id, 'node');
      const info = await rawDocker(engine).getContainer(c.id).inspect();
      assert.equal(info.Config.Labels[DEBUG_LABEL], 'node');
      assert.deepEqual(info.HostConfig.Binds, [`${dir}:/app`]);
      assert.equal(info.State.Running, true);
      const hostPort = await debuggerHostPort(engine, c.id, port, 'host');
      const address = await debuggerAddress(engine, hostPort);
      assert.equal(address.address, '127.0.0.1');
      const targets = (await getJson(`http://${address.address}:${address.port}/json/list`)) as { url?: string }[];
      assert.ok(targets.some((t) => t.url === 'file:///app/app.js'), `inspector targets: ${JSON.stringify(targets)}`);
      // Attach Debugger finds the same debugger in the running container's command.
      const found = await inspectForDebugger(engine, c.id);
      assert.deepEqual(found?.debugger, { runtime: 'node', port });
      assert.equal(found?.network, 'host');
      assert.equal(found?.workingDir, '/app');
    } finally {
      await removeDebugContainer(engine, c.id);
    }
    await assert.rejects(rawDocker(engine).getContainer(c.id).inspect(), (e: { statusCode?: number }) => e.statusCode === 404);
    await removeDebugContainer(engine, c.id); // already gone: no error
  });

  it('copies the folder in for remote engines, and publishes the port on 127.0.0.1 in a bridge network (inspect data)', async () => {
    const c = await startDebugContainer(engine, {
      runtime: 'node', image, program: 'app.js', args: [], localRoot: dir, remoteRoot: '/srv/app', env: { A: '1' },
      network: 'bridge', port: 9229, copy: true, labels: { [TEST_LABEL]: '1' },
    }).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
    // Without a bridge network the engine refuses to start it; what it created is gone again.
    if (c instanceof Error) {
      assert.ok(c instanceof EngineError, String(c));
      const left = await rawDocker(engine).listContainers({ all: true, filters: { label: [DEBUG_LABEL] } });
      assert.deepEqual(left.map((x) => x.Names), []);
      return;
    }
    try {
      const info = await rawDocker(engine).getContainer(c.id).inspect();
      assert.deepEqual(info.HostConfig.PortBindings, { '9229/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] });
      assert.equal(info.HostConfig.Binds, null);
    } finally {
      await removeDebugContainer(engine, c.id);
    }
  });

  it('says so with the program\'s output when it exits before the debugger listens', async () => {
    const c = await startDebugContainer(engine, {
      runtime: 'node', image, program: 'app.js', args: [], localRoot: dir, remoteRoot: '/app', env: { NODE_OPTIONS: '--no-such-option' },
      network: 'host', port: await freePort(), copy: false, labels: { [TEST_LABEL]: '1' },
    });
    try {
      await waitForDebugger(engine, c.id, 'node').then(
        () => assert.fail('node with a bad option never listens'),
        (e: unknown) => assert.ok(e instanceof EngineError && e.kind === 'conflict' && /no-such-option/.test(e.message), String(e)),
      );
    } finally {
      await removeDebugContainer(engine, c.id);
    }
  });

  it('removes what it created when the container cannot start (no python3 in the image)', async () => {
    await assert.rejects(startDebugContainer(engine, {
      runtime: 'python', image, program: 'app.py', args: [], localRoot: dir, remoteRoot: '/app', env: {},
      network: 'host', port: await freePort(), copy: false, labels: { [TEST_LABEL]: '1' },
    }), EngineError);
    const left = await rawDocker(engine).listContainers({ all: true, filters: { label: [DEBUG_LABEL] } });
    assert.deepEqual(left.map((x) => x.Names), []);
  });

  it('copies the workspace through the archive API (copy: true) into remoteRoot', async () => {
    const port = await freePort();
    const c = await startDebugContainer(engine, {
      runtime: 'node', image, program: 'app.js', args: [], localRoot: dir, remoteRoot: '/srv/app', env: {},
      network: 'host', port, copy: true, labels: { [TEST_LABEL]: '1' },
    });
    try {
      await waitForDebugger(engine, c.id, 'node');
      const targets = (await getJson(`http://127.0.0.1:${port}/json/list`)) as { url?: string }[];
      assert.ok(targets.some((t) => t.url === 'file:///srv/app/app.js'), JSON.stringify(targets));
    } finally {
      await removeDebugContainer(engine, c.id);
    }
  });
});

// A private base image behind a registry with logins (docker-registry + htpasswd, started
// here on loopback): the BuildKit session hands the stored login to the engine when the
// build pulls FROM it; without a login the build fails with a message that says what to do.
import * as assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Engine } from '../../../src/engine/engine';
import { pushImage } from '../../../src/engine/images';
import { runBuild } from '../../../src/imagebuild/runner';
import { IMAGE, TEST_LABEL, testEngine, unique, waitUntil } from '../helpers';

const USER = 'dockyard';
const PASSWORD = 'dockyard-test-password';
// bcrypt (cost 4) of PASSWORD, as `htpasswd -Bbn dockyard dockyard-test-password` writes it.
const HTPASSWD = `${USER}:$2b$04$iNz/sBrx/rKuyDOj0N0.pe.FljVDG/3VxJ69IWPfbCplyQJLCAUQm\n`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

describe('BuildKit build from a private registry (engine + htpasswd registry)', function () {
  this.timeout(120_000);
  let engine: Engine;
  let registry: ChildProcess | undefined;
  let host = '';
  let base = '';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockyard-private-'));
  const tags: string[] = [];

  before(async () => {
    engine = testEngine();
    const port = await freePort();
    host = `127.0.0.1:${port}`;
    fs.writeFileSync(path.join(dir, 'htpasswd'), HTPASSWD);
    fs.writeFileSync(path.join(dir, 'config.yml'), [
      'version: 0.1',
      'log: { level: error }',
      `storage: { filesystem: { rootdirectory: ${JSON.stringify(path.join(dir, 'data'))} } }`,
      `http: { addr: ${JSON.stringify(host)} }`,
      `auth: { htpasswd: { realm: dockyard-test, path: ${JSON.stringify(path.join(dir, 'htpasswd'))} } }`,
      '',
    ].join('\n'));
    registry = spawn('docker-registry', ['serve', path.join(dir, 'config.yml')], { stdio: 'ignore' });
    await waitUntil(async () => {
      const res = await fetch(`http://${host}/v2/`).catch(() => undefined);
      return res?.status === 401 || undefined;
    }, 'the htpasswd registry', 20_000);

    // The base image lives only in the registry: push it, then drop the local tag.
    base = `${host}/dockyard-test/${unique('base')}`;
    await engine.tagImage(IMAGE, base, 'v1');
    await pushImage(engine, base, 'v1', { username: USER, password: PASSWORD, serveraddress: host }, () => undefined, () => undefined).done;
    await engine.removeImage(`${base}:v1`);
    fs.mkdirSync(path.join(dir, 'ctx'));
    fs.writeFileSync(path.join(dir, 'ctx', 'Dockerfile'), `FROM ${base}:v1\nLABEL dockyard.test=1\nRUN echo "built on the private base"\n`);
  });

  after(async () => {
    for (const t of tags) await engine.removeImage(t).catch(() => undefined);
    await engine.removeImage(`${base}:v1`).catch(() => undefined);
    registry?.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const build = (credentials?: (h: string) => Promise<{ username: string; password: string } | undefined>, builder: 'auto' | 'classic' = 'auto') => {
    const t = `${unique('private')}:latest`;
    tags.push(t);
    const text: string[] = [];
    return runBuild(engine, {
      dockerfilePath: path.join(dir, 'ctx', 'Dockerfile'), contextDir: path.join(dir, 'ctx'), tag: t, labels: { [TEST_LABEL]: '1' }, credentials, builder,
    }, { onText: (x) => text.push(x) }).then((r) => ({ r, text: text.join(''), tag: t }));
  };

  it('fails with a clear message without a login', async () => {
    const { r, text } = await build(async () => undefined);
    assert.equal(r.outcome, 'failed', text);
    if (r.outcome !== 'failed') return;
    assert.match(r.failure.message, /unauthorized|authentication required|no basic auth credentials|401/i);
    assert.match(text, /log in to that registry/);
  });

  it('pulls FROM with the stored login, asked for that registry only', async () => {
    const asked: string[] = [];
    const { r, text, tag } = await build(async (h) => { asked.push(h); return h === host ? { username: USER, password: PASSWORD } : undefined; });
    assert.equal(r.outcome, 'succeeded', text);
    assert.ok(asked.length > 0 && asked.every((h) => h === host), `asked for ${asked.join(', ')}`);
    assert.match(text, /built on the private base/);
    assert.ok(!text.includes(PASSWORD), 'the password is not in the output');
    const img = await engine.inspectImage(tag) as { Config: { Labels: Record<string, string> } };
    assert.equal(img.Config.Labels[TEST_LABEL], '1');
  });

  it('the classic builder gets the login for the FROM registry up front (X-Registry-Config)', async () => {
    const without = await build(async () => undefined, 'classic');
    assert.equal(without.r.outcome, 'failed', without.text);
    await engine.removeImage(`${base}:v1`).catch(() => undefined);
    const asked: string[] = [];
    const { r, text } = await build(async (h) => { asked.push(h); return h === host ? { username: USER, password: PASSWORD } : undefined; }, 'classic');
    assert.equal(r.outcome, 'succeeded', text);
    assert.deepEqual(asked, [host]);
    assert.match(text, /Step 1\/\d+ : FROM /);
    assert.ok(!text.includes(PASSWORD));
  });
});

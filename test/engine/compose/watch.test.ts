// Compose Watch over the Engine API against the private engine: a container labelled as a
// compose service, the rules read from a compose file in a temporary folder, Node's file
// watcher; a file edited on the host lands in the container (read back through GET /archive).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readFile, statIfExists } from '../../../src/engine/archive';
import type { Engine } from '../../../src/engine/engine';
import type { ProjectFs } from '../../../src/compose/project';
import { watchRules } from '../../../src/compose/watchSpec';
import { nodeFolderWatcher, SyncReport, WatchSession } from '../../../src/compose/watchSession';
import { cleanup, createContainer, testEngine, unique, waitUntil } from '../helpers';

const diskFs: ProjectFs = { exists: (f) => fs.existsSync(f), read: (f) => { try { return fs.readFileSync(f, 'utf8'); } catch { return undefined; } } };

const COMPOSE = `services:
  web:
    image: dockyard-test/busybox:latest
    develop:
      watch:
        - action: sync
          path: ./src
          target: /app
          ignore: ["*.tmp", "cache/"]
          initial_sync: true
        - action: sync+restart
          path: ./conf
          target: /etc/web
        - action: sync+exec
          path: ./hooks
          target: /hooks
          exec:
            command: ["sh", "-c", "cat /hooks/h.txt > /tmp/exec-ran"]
        - action: rebuild
          path: ./Dockerfile
`;

describe('compose watch over the Engine API (engine)', function () {
  this.timeout(120000);
  let engine: Engine;
  let dir: string;
  let id: string;
  let session: WatchSession;
  const rebuilt: string[] = [];
  const reports: SyncReport[] = [];
  const project = unique('watch').replace(/[^a-z0-9_-]/g, '');

  /** The file's content in the container, or undefined while it is not there. */
  const inContainer = async (p: string) => {
    if (!(await statIfExists(engine, id, p))) return undefined;
    return (await readFile(engine, id, p)).data.toString('utf8');
  };
  /** Polls (generously: a loaded machine) until the container has `text` at `p`; returns the time it took. */
  const lands = async (p: string, text: string, since: number) => {
    await waitUntil(async () => (await inContainer(p)) === text, `${p} = ${JSON.stringify(text)} in the container`, 8000);
    return Date.now() - since;
  };

  before(async () => {
    engine = testEngine();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockyard-watch-'));
    fs.writeFileSync(path.join(dir, 'compose.yaml'), COMPOSE);
    for (const d of ['src', 'src/cache', 'conf', 'hooks']) fs.mkdirSync(path.join(dir, d));
    fs.writeFileSync(path.join(dir, 'src', 'a.txt'), 'one\n');
    fs.writeFileSync(path.join(dir, 'src', 'cache', 'big.bin'), 'cached\n');
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM dockyard-test/busybox\n');
    id = (await createContainer(engine, { name: unique('watch-web'), labels: { 'com.docker.compose.project': project, 'com.docker.compose.service': 'web' } })).id;
  });

  after(async () => {
    session?.stop();
    await cleanup(engine);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads the rules of the compose file', () => {
    const { rules, problems } = watchRules([path.join(dir, 'compose.yaml')], diskFs, dir);
    assert.deepEqual(problems, []);
    assert.deepEqual(rules.map((r) => [r.action, path.relative(dir, r.path), r.target]), [
      ['sync', 'src', '/app'], ['sync+restart', 'conf', '/etc/web'], ['sync+exec', 'hooks', '/hooks'], ['rebuild', 'Dockerfile', undefined],
    ]);
  });

  it('initial_sync copies the folder in (ignored paths left out)', async () => {
    const { rules } = watchRules([path.join(dir, 'compose.yaml')], diskFs, dir);
    session = new WatchSession({
      engine, project, rules, watch: nodeFolderWatcher, debounceMs: 100,
      rebuild: async (service) => { rebuilt.push(service); },
      log: () => undefined,
    });
    session.onDidSync.on((r) => reports.push(r));
    await session.start();
    assert.equal(await inContainer('/app/a.txt'), 'one\n');
    assert.equal(await statIfExists(engine, id, '/app/cache/big.bin'), undefined, 'cache/ is ignored');
  });

  it('a file edited on the host lands in the running container (latency recorded)', async () => {
    const t0 = Date.now();
    fs.writeFileSync(path.join(dir, 'src', 'a.txt'), 'two\n');
    const ms = await lands('/app/a.txt', 'two\n', t0);
    // The figure the issue asks about ("within a second"); asserted by the poll above, not by a timer.
    const report = reports.at(-1)!;
    console.log(`      edit → read back from the container: ${ms} ms; event → synced: ${report.ms} ms (debounce 100 ms)`);
    assert.equal(report.service, 'web');
    assert.equal(report.containers, 1);
  });

  it('new nested folders are created, ignored files stay out, deleted files go', async () => {
    fs.writeFileSync(path.join(dir, 'src', 'skip.tmp'), 'no\n');
    fs.mkdirSync(path.join(dir, 'src', 'deep', 'er'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'src', 'deep', 'er', 'x.txt'), 'deep\n');
    await lands('/app/deep/er/x.txt', 'deep\n', Date.now());
    assert.equal(await statIfExists(engine, id, '/app/skip.tmp'), undefined);
    fs.rmSync(path.join(dir, 'src', 'a.txt'));
    await waitUntil(async () => !(await statIfExists(engine, id, '/app/a.txt')), '/app/a.txt removed', 8000);
  });

  it('sync+restart restarts the container after copying; sync+exec runs its command', async () => {
    const started = async () => ((await engine.inspectContainer(id)) as { State: { StartedAt: string } }).State.StartedAt;
    const before = await started();
    fs.writeFileSync(path.join(dir, 'conf', 'web.conf'), 'port=1\n');
    await lands('/etc/web/web.conf', 'port=1\n', Date.now());
    await waitUntil(async () => (await started()) !== before, 'the container restarted', 15000);
    await waitUntil(async () => ((await engine.inspectContainer(id)) as { State: { Running: boolean } }).State.Running, 'running again', 15000);
    fs.writeFileSync(path.join(dir, 'hooks', 'h.txt'), 'hooked\n');
    await lands('/tmp/exec-ran', 'hooked\n', Date.now());
  });

  it('a rebuild path hands the service to the rebuild', async () => {
    fs.appendFileSync(path.join(dir, 'Dockerfile'), 'RUN true\n');
    await waitUntil(() => rebuilt.includes('web'), 'the rebuild of web', 8000);
  });

  it('after stop nothing more is copied', async () => {
    session.stop();
    fs.writeFileSync(path.join(dir, 'src', 'late.txt'), 'late\n');
    // A session that still watched would copy it within the poll of the tests above.
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(await statIfExists(engine, id, '/app/late.txt'), undefined);
    assert.ok(session.isStopped);
  });
});

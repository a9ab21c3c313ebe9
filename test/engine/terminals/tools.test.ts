import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { copyFromContainer, copyToContainer, statsOnce, top } from '../../../src/engine/containerTools';
import { StatsSession } from '../../../src/terminals/session/stats';
import { createContainer } from '../../../src/engine/run';
import { EngineError } from '../../../src/engine/errors';
import { AttachSession, ExecSession } from '../../../src/terminals/session/sessions';
import { computeStats } from '../../../src/engine/stats';
import { buildCreateSpec } from '../../../src/engine/runOptions';
import { Created, IMAGE, LABELS, Recorder, testEngine, uniqueName } from './helpers';

describe('container tools and run (engine)', function () {
  const engine = testEngine();
  const created = new Created(engine);
  let ctr: { id: string; name: string };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dockyard-cp-'));
  before(async () => { ctr = await created.container('tools'); });
  after(async () => { await created.cleanup(); fs.rmSync(tmp, { recursive: true, force: true }); });

  it('top lists the processes', async () => {
    const t = await top(engine, ctr.id);
    assert.ok(t.titles.includes('PID'), t.titles.join(','));
    assert.ok(t.processes.some((p) => p.join(' ').includes('sleep 3600')));
  });

  it('stats: one sample, and a live session that redraws', async () => {
    const s = computeStats(await statsOnce(engine, ctr.id));
    assert.ok(s.memUsage > 0 && s.pids >= 1, JSON.stringify(s));
    const live = new StatsSession(engine, ctr.id, ctr.name);
    const r = new Recorder(live);
    await live.start({ cols: 80, rows: 24 });
    await r.output(/MEMORY[^]*PIDS\s+1/);
    live.close();
    assert.equal((await r.exited()).reason, 'closed');
  });

  it('copies a file into the container and back out', async () => {
    const src = path.join(tmp, 'hello.txt');
    fs.writeFileSync(src, 'hello, container\n');
    await copyToContainer(engine, ctr.id, [src], '/tmp');
    const s = new ExecSession(engine, ctr.id, { cmd: ['cat', '/tmp/hello.txt'], tty: false });
    const r = new Recorder(s);
    await s.start();
    await r.exited();
    assert.match(r.text, /hello, container/);
    const out = path.join(tmp, 'out');
    fs.mkdirSync(out);
    await copyFromContainer(engine, ctr.id, '/tmp/hello.txt', out);
    assert.equal(fs.readFileSync(path.join(out, 'hello.txt'), 'utf8'), 'hello, container\n');
    await assert.rejects(copyFromContainer(engine, ctr.id, '/no/such/file', out), (e: unknown) => e instanceof EngineError && e.kind === 'notFound');
  });

  it('runs an image from a validated spec: ports, env, volumes, command; names with shell characters never reach a shell', async () => {
    const name = uniqueName('run');
    const built = buildCreateSpec({
      image: IMAGE, name, detached: false, remove: false, ports: ['127.0.0.1::8080', '9090/udp'], publishAll: false,
      volumes: ['/scratch'], volumesFrom: [], env: ['GREETING=hello world', 'TRICK=$(id);`x`'], command: `sh -c 'echo "$GREETING|$TRICK"; ls -d /scratch'`, labels: LABELS,
    });
    assert.ok(built.ok);
    const c = await createContainer(engine, built.value);
    created.containers.push(c.id);
    assert.equal(c.name, name);
    const s = new AttachSession(engine, c.id, { startAfterAttach: true });
    const r = new Recorder(s);
    await s.start({ cols: 80, rows: 24 });
    await r.output('hello world|$(id);`x`');
    await r.output('/scratch');
    assert.equal((await r.exited()).code, 0);
    const info = (await engine.inspectContainer(c.id)) as { HostConfig: { PortBindings: Record<string, unknown> } };
    assert.deepEqual(Object.keys(info.HostConfig.PortBindings).sort(), ['8080/tcp', '9090/udp']);
    const bad = buildCreateSpec({ image: IMAGE, name: 'x; rm -rf /', detached: true, remove: false, ports: [], publishAll: false, volumes: [], volumesFrom: [], env: [] });
    assert.equal(bad.ok, false);
  });

  it('run -it --rm: the exit code is shown even though the container is removed', async () => {
    const built = buildCreateSpec({ image: IMAGE, name: uniqueName('rm'), detached: false, remove: true, ports: [], publishAll: false, volumes: [], volumesFrom: [], env: [], command: 'sh -c "exit 4"', labels: LABELS });
    assert.ok(built.ok);
    const c = await createContainer(engine, built.value);
    created.containers.push(c.id);
    const s = new AttachSession(engine, c.id, { startAfterAttach: true });
    const r = new Recorder(s);
    await s.start({ cols: 80, rows: 24 });
    const exit = await r.exited();
    assert.equal(exit.code, 4, JSON.stringify(exit));
  });
});

import * as assert from 'node:assert/strict';
import { EngineError } from '../../../src/engine/errors';
import { ExecSession, pickShell } from '../../../src/terminals/session/sessions';
import { Created, Recorder, sleep, testEngine } from './helpers';

describe('exec sessions (engine)', function () {
  const engine = testEngine();
  const created = new Created(engine);
  let ctr: { id: string; name: string };

  before(async () => { ctr = await created.container('exec'); });
  after(() => created.cleanup());

  it('runs a command and reports its output and exit code', async () => {
    const s = new ExecSession(engine, ctr.id, { cmd: ['echo', 'hello from exec'], tty: false });
    const r = new Recorder(s);
    await s.start();
    const exit = await r.exited();
    assert.equal(exit.code, 0);
    assert.match(r.text, /hello from exec\r\n/);
  });

  it('reports a non-zero exit code and demultiplexes stderr', async () => {
    const s = new ExecSession(engine, ctr.id, { cmd: ['sh', '-c', 'echo out; echo err >&2; exit 3'], tty: false });
    const r = new Recorder(s);
    await s.start();
    assert.equal((await r.exited()).code, 3);
    assert.match(r.text, /out\r\n/);
    assert.match(r.text, /err\r\n/);
  });

  it('falls back to sh when the image has no bash', async () => {
    assert.deepEqual(await pickShell(engine, ctr.id), ['/bin/sh']);
    assert.deepEqual(await pickShell(engine, ctr.id, '/bin/ash'), ['/bin/ash']);
  });

  it('drives an interactive shell through its input, with a TTY that follows resize', async () => {
    const s = new ExecSession(engine, ctr.id, { cmd: ['/bin/sh'], tty: true, workdir: '/tmp', env: ['DY_GREETING=hi-there'] });
    const r = new Recorder(s);
    await s.start({ cols: 100, rows: 30 });
    await sleep(200);
    s.write('echo "$DY_GREETING in $(pwd)"\r');
    await r.output(/hi-there in \/tmp/);
    s.write('stty size\r');
    await r.output(/30 100/);
    s.resize({ cols: 132, rows: 43 });
    await sleep(200);
    s.write('stty size\r');
    await r.output(/43 132/);
    s.write('exit 7\r');
    assert.equal((await r.exited()).code, 7);
  });

  /** Waits, with a deadline, until the exec no longer runs (no fixed sleeps: a busy machine only makes it slower). */
  async function execEnded(s: ExecSession, timeoutMs = 15000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!(await s.inspect()).running) return true;
      if (Date.now() > deadline) return false;
      await sleep(100);
    }
  }

  it('closing the session ends the exec, not the container', async () => {
    const s = new ExecSession(engine, ctr.id, { cmd: ['/bin/sh'], tty: true });
    const r = new Recorder(s);
    await s.start({ cols: 80, rows: 24 });
    s.write('echo ready\r');
    await r.output('ready');
    s.close();
    assert.equal((await r.exited()).reason, 'closed');
    const how = await s.whenEnded();
    assert.ok(['exited', 'hungUp', 'killed'].includes(how), 'the exec was ended');
    assert.equal(await execEnded(s), true, 'the shell ended');
    const info = (await engine.inspectContainer(ctr.id)) as { State: { Running: boolean } };
    assert.equal(info.State.Running, true);
  });

  it('closing ends a program that never reads its stdin (hung up after the grace)', async () => {
    const s = new ExecSession(engine, ctr.id, { cmd: ['sh', '-c', 'echo started; exec sleep 600'], tty: false, endTimings: { graceMs: 300 } });
    const r = new Recorder(s);
    await s.start();
    await r.output('started');
    const t0 = Date.now();
    s.close();
    assert.equal(await s.whenEnded(), 'hungUp');
    assert.equal(await execEnded(s), true);
    assert.ok(Date.now() - t0 < 10000, `ended in ${Date.now() - t0} ms`);
    const info = (await engine.inspectContainer(ctr.id)) as { State: { Running: boolean } };
    assert.equal(info.State.Running, true, 'the container keeps running');
  });

  it('closing ends a TTY program that ignores EOF and SIGHUP (killed), and its output stops', async () => {
    const s = new ExecSession(engine, ctr.id, { cmd: ['sh', '-c', 'trap "" HUP; stty raw -echo; echo stubborn; while :; do sleep 1; done'], tty: true, endTimings: { graceMs: 200, hangupMs: 300 } });
    const r = new Recorder(s);
    await s.start({ cols: 80, rows: 24 });
    await r.output('stubborn');
    s.close();
    assert.equal(await s.whenEnded(), 'killed');
    assert.equal(await execEnded(s), true);
    assert.equal((await r.exited()).reason, 'closed');
  });

  it('an exec as another user is still ended (the signals come from that user)', async () => {
    const s = new ExecSession(engine, ctr.id, { cmd: ['sleep', '600'], tty: false, user: 'nobody', endTimings: { graceMs: 200 } });
    await s.start();
    await waitRunning(s);
    s.close();
    assert.equal(await s.whenEnded(), 'hungUp');
    assert.equal(await execEnded(s), true);
  });

  async function waitRunning(s: ExecSession): Promise<void> {
    const deadline = Date.now() + 10000;
    while (!(await s.inspect()).running) {
      if (Date.now() > deadline) throw new Error('the exec did not start');
      await sleep(50);
    }
  }

  it('closed while it was starting: the exec that started meanwhile is ended too', async () => {
    const s = new ExecSession(engine, ctr.id, { cmd: ['sleep', '600'], tty: false, endTimings: { graceMs: 200 } });
    const starting = s.start();
    s.close();
    await starting;
    assert.equal(await s.whenEnded(), 'hungUp');
    assert.equal(await execEnded(s), true);
  });

  it('runs as another user in another working directory', async () => {
    const s = new ExecSession(engine, ctr.id, { cmd: ['sh', '-c', 'id -u; pwd'], tty: false, user: 'nobody', workdir: '/bin' });
    const r = new Recorder(s);
    await s.start();
    await r.exited();
    assert.match(r.text, /65534\r\n\/bin\r\n/);
  });

  it('a stopped container: a clear message, no hang', async () => {
    const stopped = await created.container('exec-stopped', { start: false });
    const s = new ExecSession(engine, stopped.id, { cmd: ['sh'] });
    await assert.rejects(s.start(), (e: unknown) => e instanceof EngineError && /is not running \(created\) — start it first/.test(e.message));
  });

  it('the container exits mid-exec: the session ends, no hang', async () => {
    const doomed = await created.container('exec-doomed');
    const s = new ExecSession(engine, doomed.id, { cmd: ['/bin/sh'], tty: true });
    const r = new Recorder(s);
    await s.start({ cols: 80, rows: 24 });
    s.write('echo alive\r');
    await r.output('alive');
    await engine.killContainer(doomed.id);
    const exit = await r.exited(20000);
    assert.ok(exit.code !== 0 || exit.reason, `ended: ${JSON.stringify(exit)}`);
  });
});

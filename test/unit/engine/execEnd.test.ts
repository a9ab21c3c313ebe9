import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { endExec, EXEC_MARKER_ENV, newExecMarker, SIGNAL_SCRIPT } from '../../../src/engine/execEnd';

describe('engine/execEnd', function () {
  this.timeout(20000); // the script reads every process of this (busy, shared) machine
  it('an exec that exits within the grace is left alone', async () => {
    let polls = 0;
    const signals: string[] = [];
    const r = await endExec(async () => ++polls < 3, async (s) => { signals.push(s); return 1; }, { graceMs: 1000, pollMs: 5 });
    assert.equal(r, 'exited');
    assert.deepEqual(signals, []);
  });

  it('hangs up after the grace, kills after the hangup, and says which ended it', async () => {
    const signals: string[] = [];
    let alive = true;
    const r1 = await endExec(async () => alive, async (s, mode) => { signals.push(`${s}/${mode}`); alive = false; return 1; }, { graceMs: 20, pollMs: 5 });
    assert.equal(r1, 'hungUp');
    assert.deepEqual(signals, ['HUP/all']);
    signals.length = 0;
    alive = true;
    const r2 = await endExec(async () => alive, async (s, mode) => { signals.push(`${s}/${mode}`); if (s === 'KILL') alive = false; return 1; }, { graceMs: 20, hangupMs: 20, pollMs: 5 });
    assert.equal(r2, 'killed');
    assert.deepEqual(signals, ['HUP/all', 'KILL/root']);
  });

  it('an engine that does not answer gives "unknown", without signals', async () => {
    const signals: string[] = [];
    assert.equal(await endExec(async () => undefined, async (s) => { signals.push(s); return 0; }), 'unknown');
    assert.deepEqual(signals, []);
  });

  it('the signalling script hangs up exactly the marked processes (real sh and /proc)', async function () {
    if (process.platform !== 'linux') this.skip();
    const marker = newExecMarker();
    const env = { ...process.env, [EXEC_MARKER_ENV]: marker };
    const marked = spawn('sh', ['-c', 'sleep 30 & wait'], { env, stdio: 'ignore' });
    const other = spawn('sleep', ['30'], { env: { ...process.env, [EXEC_MARKER_ENV]: newExecMarker() }, stdio: 'ignore' });
    const exits = (p: ReturnType<typeof spawn>) => new Promise<string | null>((r) => p.on('exit', (_c, sig) => r(sig)));
    const markedExit = exits(marked);
    try {
      await new Promise((r) => setTimeout(r, 200));
      const out = spawnSync('sh', ['-c', SIGNAL_SCRIPT, 'x', 'HUP', 'all', `${EXEC_MARKER_ENV}=${marker}`], { encoding: 'utf8' });
      assert.equal(out.stdout.trim(), '2', 'the shell and its sleep');
      assert.equal(await markedExit, 'SIGHUP');
      assert.equal(other.exitCode, null, 'an unmarked process keeps running');
      assert.equal(other.signalCode, null);
    } finally {
      marked.kill('SIGKILL');
      other.kill('SIGKILL');
    }
  });

  it('"root" mode signals only the marked process whose parent is not marked', async function () {
    if (process.platform !== 'linux') this.skip();
    const marker = newExecMarker();
    const env = { ...process.env, [EXEC_MARKER_ENV]: marker };
    const marked = spawn('sh', ['-c', 'sleep 30 & wait'], { env, stdio: 'ignore' });
    const markedExit = new Promise<string | null>((r) => marked.on('exit', (_c, sig) => r(sig)));
    try {
      await new Promise((r) => setTimeout(r, 200));
      const out = spawnSync('sh', ['-c', SIGNAL_SCRIPT, 'x', 'KILL', 'root', `${EXEC_MARKER_ENV}=${marker}`], { encoding: 'utf8' });
      assert.equal(out.stdout.trim(), '1', 'the shell, not its sleep (chosen before any was killed)');
      assert.equal(await markedExit, 'SIGKILL');
    } finally {
      marked.kill('SIGKILL');
      spawnSync('sh', ['-c', SIGNAL_SCRIPT, 'x', 'KILL', 'all', `${EXEC_MARKER_ENV}=${marker}`]);
    }
  });
});

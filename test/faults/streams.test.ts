// Kill the engine (SIGKILL) in the middle of every streaming operation and check what a user
// would see: a clear message, a terminal that ends (or a view that recovers), no unhandled
// rejection (support/hooks.ts), and no socket or timer left open afterwards.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { copyFromContainer } from '../../src/engine/containerTools';
import type { Engine } from '../../src/engine/engine';
import { EngineError } from '../../src/engine/errors';
import { EventStream } from '../../src/engine/events';
import { pullImage, pushImage } from '../../src/engine/images';
import { runBuild } from '../../src/imagebuild/runner';
import { StatsSession } from '../../src/terminals/session/stats';
import { AttachSession, ExecSession, LogsSession, SessionExit, TerminalSession } from '../../src/terminals/session/sessions';
import { rawDocker } from '../support/rawDocker';
import { ensureEngine, faultEngine, IMAGE, killEngine, openSockets, REGISTRY, resources, socketsBackTo, startEngine, stopEngine, TEST_LABEL, waitUntil } from './support/faults';

const FIXTURES = path.resolve(__dirname, '../fixtures/build');

/** A session's output and exit. */
function record(s: TerminalSession) {
  const r = { text: '', exit: undefined as SessionExit | undefined };
  s.onData((t) => { r.text += t; });
  s.onExit((e) => { r.exit = e; });
  return r;
}

async function container(engine: Engine, cmd: string[], opts: { tty?: boolean; openStdin?: boolean } = {}): Promise<string> {
  const d = rawDocker(engine);
  const c = await d.createContainer({
    Image: IMAGE, Cmd: cmd, Tty: !!opts.tty, OpenStdin: !!opts.openStdin,
    Labels: { [TEST_LABEL]: '1' }, HostConfig: { NetworkMode: 'none' }, StopTimeout: 1,
  });
  await c.start();
  return c.id;
}

async function cleanup(engine: Engine): Promise<void> {
  const d = rawDocker(engine);
  for (const c of await d.listContainers({ all: true, filters: { label: [TEST_LABEL] } })) await d.getContainer(c.Id).remove({ force: true }).catch(() => undefined);
}

/** Kills the engine, then brings it back; returns the error-free restart time. */
async function killAndRestart(): Promise<number> {
  await killEngine();
  const t0 = Date.now();
  await startEngine();
  return Date.now() - t0;
}

describe('faults: the engine dies mid-stream', function () {
  this.timeout(90000);
  let engine: Engine;
  let baseline = 0;
  let atStart = 0;

  before(async () => {
    await ensureEngine();
    engine = faultEngine();
    await cleanup(engine);
    atStart = openSockets();
  });
  beforeEach(async () => {
    await ensureEngine();
    baseline = openSockets();
  });
  after(async () => {
    await ensureEngine();
    await cleanup(engine);
  });

  it('events: disconnected with a clear message, then reconnected and delivering; one stream, no socket left', async () => {
    const stream = new EventStream(engine);
    const seen: string[] = [];
    let error: EngineError | undefined;
    stream.onConnected.on(() => seen.push('connected'));
    stream.onDisconnected.on((e) => { seen.push('disconnected'); error = e; });
    stream.start();
    try {
      await waitUntil(() => stream.connected, 'connection');
      await killEngine();
      await waitUntil(() => seen.includes('disconnected'), 'disconnect');
      assert.equal(error?.kind, 'unreachable');
      assert.match(error!.message, /Docker is not running at unix:\/\//);
      await startEngine();
      await waitUntil(() => seen.filter((s) => s === 'connected').length === 2, 'reconnection', 20000);
      assert.equal(seen.filter((s) => s === 'disconnected').length, 1, 'one notice, not one per retry');
      const got: string[] = [];
      stream.onEvent.on((e) => got.push(`${e.action} ${e.id}`));
      const id = await container(engine, ['true']);
      await waitUntil(() => got.includes(`start ${id}`), 'events after the restart');
    } finally {
      stream.stop();
    }
    await socketsBackTo(baseline + 0, 'events');
  });

  it('logs, exec, attach and stats terminals all end with a message when the engine dies', async () => {
    const chatty = await container(engine, ['sh', '-c', 'i=0; while :; do i=$((i+1)); echo "line $i"; sleep 0.05; done']);
    const shell = await container(engine, ['sh'], { tty: true, openStdin: true });
    const logs = new LogsSession(engine, chatty, { follow: true, tail: 5 });
    const exec = new ExecSession(engine, shell, { cmd: ['sh', '-c', 'while :; do echo tick; sleep 0.1; done'], tty: false });
    const attach = new AttachSession(engine, chatty);
    const stats = new StatsSession(engine, chatty, 'chatty');
    const sessions = { logs, exec, attach, stats };
    const rec = Object.fromEntries(Object.entries(sessions).map(([k, s]) => [k, record(s)])) as Record<keyof typeof sessions, ReturnType<typeof record>>;
    await logs.start();
    await exec.start();
    await attach.start({ cols: 80, rows: 24 });
    await stats.start();
    try {
      await waitUntil(() => rec.logs.text.includes('line') && rec.exec.text.includes('tick') && rec.attach.text.includes('line') && rec.stats.text.length > 0, 'all four streaming', 20000);
      const restart = killAndRestart();
      for (const [name, r] of Object.entries(rec)) {
        await waitUntil(() => r.exit, `${name} to end`, 20000).catch(() => assert.fail(`${name} never ended; output: ${JSON.stringify(r.text.slice(-300))}`));
        const why = r.exit!.reason ?? '';
        assert.ok(why.length > 0 || r.exit!.code !== undefined, `${name}: ${JSON.stringify(r.exit)}`);
        assert.doesNotMatch(why, /^(aborted|socket hang up|read ECONNRESET)$/, `${name} says something a person can act on: ${why}`);
        assert.doesNotMatch(why, /was removed/, `${name}: the container was not removed, the engine went away: ${why}`);
        console.log(`      ${name} ended: ${JSON.stringify(r.exit)}`);
      }
      await restart;
    } finally {
      for (const s of Object.values(sessions)) s.close();
    }
    await socketsBackTo(baseline, 'sessions');
  });

  it('a graceful engine restart (SIGTERM): the logs terminal ends with a message, the event stream recovers, no listener left', async () => {
    const chatty = await container(engine, ['sh', '-c', 'trap "exit 0" TERM; while :; do echo beat; sleep 0.05; done']);
    const listenersBefore = ['exit', 'SIGINT', 'SIGTERM', 'uncaughtException', 'unhandledRejection'].map((e) => process.listenerCount(e));
    const events = new EventStream(engine);
    let connects = 0;
    events.onConnected.on(() => connects++);
    events.start();
    const logs = new LogsSession(engine, chatty, { follow: true, tail: 1 });
    const r = record(logs);
    await logs.start();
    try {
      await waitUntil(() => connects === 1 && r.text.includes('beat'), 'logs and events');
      await stopEngine();
      await waitUntil(() => r.exit, 'the logs terminal to end', 30000);
      console.log(`      logs ended: ${JSON.stringify(r.exit)}`);
      assert.ok(r.exit!.reason || r.exit!.code !== undefined);
      assert.doesNotMatch(r.exit!.reason ?? '', /was removed/, 'the container was not removed: the engine restarted');
      await startEngine();
      await waitUntil(() => connects === 2, 'the event stream to reconnect', 20000);
    } finally {
      logs.close();
      events.stop();
    }
    assert.deepEqual(['exit', 'SIGINT', 'SIGTERM', 'uncaughtException', 'unhandledRejection'].map((e) => process.listenerCount(e)), listenersBefore, 'process listeners');
    await socketsBackTo(baseline, 'restart');
  });

  it('build: "the engine closed the connection during the build", and the build ends', async () => {
    const dir = path.join(FIXTURES, 'slow');
    const text: string[] = [];
    const p = runBuild(engine, { dockerfilePath: path.join(dir, 'Dockerfile'), contextDir: dir, noCache: true, labels: { [TEST_LABEL]: '1' } }, { onText: (t) => text.push(t) });
    await waitUntil(() => text.join('').includes('sleeping'), 'the RUN step', 30000);
    await killEngine();
    const r = await p;
    assert.equal(r.outcome, 'failed');
    assert.match(r.outcome === 'failed' ? r.failure.message : '', /the engine closed the connection during the build/i);
    await startEngine();
    await socketsBackTo(baseline, 'build');
  });

  it('push and pull: a clear failure, never a success, when the engine dies mid-transfer', async function () {
    if (!REGISTRY) this.skip();
    const d = rawDocker(engine);
    const repo = `${REGISTRY}/dockyard-faults/busybox`;
    await d.getImage(IMAGE).tag({ repo, tag: 'push' });
    for (const op of ['push', 'pull'] as const) {
      if (op === 'pull') {
        // Something to pull: a finished push, then no local copy.
        await pushImage(engine, repo, 'push', undefined, () => undefined, () => undefined).done;
        await d.getImage(`${repo}:push`).remove({ force: true });
      }
      let lines = 0;
      const h = op === 'push'
        ? pushImage(engine, repo, 'push', undefined, () => { lines++; }, () => undefined)
        : pullImage(engine, `${repo}:push`, undefined, () => { lines++; }, () => undefined);
      const settled = h.done.then((v) => ({ ok: true as const, v }), (e: unknown) => ({ ok: false as const, e }));
      await waitUntil(() => lines > 0, `${op} progress`, 20000).catch(() => undefined);
      await killEngine();
      const r = await settled;
      await startEngine();
      console.log(`      ${op}: ${r.ok ? `done ${JSON.stringify(r.v)}` : String((r.e as Error).message)}`);
      if (r.ok) {
        // The transfer finished before the kill landed: then it really is there.
        assert.ok(r.v.digest, `${op} reported success without a digest`);
      } else {
        assert.ok(r.e instanceof EngineError, `${op}: ${String(r.e)}`);
        assert.equal((r.e as EngineError).kind, 'unreachable', (r.e as EngineError).message);
        assert.match((r.e as EngineError).message, /closed the connection|not running|connection/i);
      }
    }
    await d.getImage(`${repo}:push`).remove({ force: true }).catch(() => undefined);
    await socketsBackTo(baseline, 'transfers');
  });

  it('copy from a container: the engine dies mid-copy, a clear error (or a complete copy), no raw "aborted"', async () => {
    const id = await container(engine, ['sh', '-c', 'head -c 100000000 /dev/zero > /big && touch /ready; sleep 600']);
    const d = rawDocker(engine);
    await waitUntil(async () => {
      const ex = await d.getContainer(id).exec({ Cmd: ['test', '-e', '/ready'] });
      await (await ex.start({})).resume();
      await new Promise((r) => setTimeout(r, 100));
      return (await ex.inspect()).ExitCode === 0;
    }, 'the big file', 30000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockyard-faults-copy-'));
    try {
      const p = copyFromContainer(engine, id, '/big', dir).then(() => undefined, (e: unknown) => e);
      await waitUntil(() => fs.existsSync(path.join(dir, 'big')), 'the copy to start', 20000).catch(() => undefined);
      await killEngine();
      const err = await p;
      await startEngine();
      console.log(`      copy: ${err ? (err as Error).message : 'finished before the kill'}`);
      if (err) {
        assert.ok(err instanceof EngineError, String(err));
        assert.match(err.message, /closed the connection before the copy finished|not running/);
      } else {
        assert.equal(fs.statSync(path.join(dir, 'big')).size, 100000000);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    await socketsBackTo(baseline, 'copy');
  });

  it('after all of it: the sockets open are those open before the first kill', async () => {
    await socketsBackTo(atStart, 'the whole suite');
    const r = resources();
    assert.ok((r.PipeWrap ?? 0) + (r.TCPSocketWrap ?? 0) <= atStart + 3, JSON.stringify(r)); // + stdio pipes
  });
});

import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { Engine } from '../../../src/engine/engine';
import { EngineError } from '../../../src/engine/errors';
import { DockerEvent } from '../../../src/engine/models';
import { cleanup, createContainer, testEngine, waitUntil } from '../helpers';
import { EventStream } from '../../../src/engine/events';

interface EngineScript { startDaemon(): Promise<void>; stopDaemon(signal?: string): Promise<void> }
const engineScript = (): Promise<EngineScript> => import(path.join(process.cwd(), 'scripts', 'engine.mjs')) as Promise<EngineScript>;

describe('event stream (real dockerd)', () => {
  let engine: Engine;
  before(async () => { engine = testEngine(); await cleanup(engine); });
  after(async () => cleanup(engine));

  it('delivers create, start, die, destroy for a container', async () => {
    const events: DockerEvent[] = [];
    const stream = new EventStream(engine);
    await new Promise<void>((resolve) => { stream.onConnected.on(() => resolve()); stream.start(); });
    stream.onEvent.on((e) => events.push(e));
    try {
      const { id } = await createContainer(engine);
      await engine.stopContainer(id, 0);
      await engine.removeContainer(id);
      const actions = () => events.filter((e) => e.type === 'container' && e.id === id).map((e) => e.action);
      await waitUntil(() => actions().includes('destroy'), 'destroy event');
      for (const a of ['create', 'start', 'die', 'destroy']) assert.ok(actions().includes(a), `${a} in ${actions().join(',')}`);
      assert.ok(events.every((e) => e.time > 0));
    } finally {
      stream.stop();
    }
  });

  it('reconnects after the daemon is killed and restarted', async function () {
    this.timeout(90000);
    const script = await engineScript();
    const stream = new EventStream(engine);
    const seen: string[] = [];
    let lastError: EngineError | undefined;
    stream.onConnected.on(() => seen.push('connected'));
    stream.onDisconnected.on((e) => { seen.push('disconnected'); lastError = e; });
    stream.start();
    try {
      await waitUntil(() => seen.includes('connected'), 'first connection');
      await script.stopDaemon('SIGKILL');
      await waitUntil(() => seen.includes('disconnected'), 'disconnect');
      assert.equal(lastError?.kind, 'unreachable');
      assert.match(lastError!.message, /Docker is not running at unix:\/\//);
      await assert.rejects(engine.listContainers(), (e: unknown) => e instanceof EngineError && e.kind === 'unreachable');
      const disconnects = seen.filter((s) => s === 'disconnected').length;
      await script.startDaemon();
      const back = Date.now();
      await waitUntil(() => seen.filter((s) => s === 'connected').length >= 2, 'reconnection', 30000);
      const reconnectMs = Date.now() - back;
      assert.ok(reconnectMs < 2000, `reconnected ${reconnectMs} ms after the engine answered`);
      assert.equal(seen.filter((s) => s === 'disconnected').length, disconnects, 'one disconnect notice, not one per retry');
      const { id } = await createContainer(engine);
      const got: DockerEvent[] = [];
      stream.onEvent.on((e) => got.push(e));
      await engine.stopContainer(id, 0);
      await waitUntil(() => got.some((e) => e.id === id && e.action === 'die'), 'events after reconnect');
    } finally {
      stream.stop();
    }
  });
});

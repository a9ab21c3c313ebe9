// Retry storms and host switches while the engine is down: exactly one /events stream once it
// is back, each event once, and a stopped stream never connects.
import { strict as assert } from 'node:assert';
import type { Engine } from '../../src/engine/engine';
import { EventSource, EventStream } from '../../src/engine/events';
import { DockerEvent } from '../../src/engine/models';
import { rawDocker } from '../support/rawDocker';
import { ensureEngine, faultEngine, IMAGE, killEngine, openSockets, sleep, socketsBackTo, startEngine, TEST_LABEL, waitUntil } from './support/faults';

class CountingSource implements EventSource {
  opened = 0;
  attempts = 0;
  private readonly streams: NodeJS.ReadableStream[] = [];
  constructor(private readonly engine: Engine) {}
  get host(): string { return this.engine.host; }
  async openEvents(): Promise<NodeJS.ReadableStream> {
    this.attempts++;
    const s = await this.engine.openEvents();
    this.opened++;
    this.streams.push(s);
    return s;
  }
  get open(): number {
    return this.streams.filter((s) => !(s as { destroyed?: boolean }).destroyed && !(s as { readableEnded?: boolean }).readableEnded).length;
  }
}

describe('faults: retries and switches while the engine is down', function () {
  this.timeout(60000);
  let engine: Engine;
  before(async () => { await ensureEngine(); engine = faultEngine(); });
  after(async () => { await ensureEngine(); });

  it('50 rapid Retry clicks while the engine is down: one /events stream when it is back, each event once', async () => {
    const baseline = openSockets();
    const source = new CountingSource(engine);
    const stream = new EventStream(source);
    stream.start();
    try {
      await waitUntil(() => stream.connected, 'connection');
      await killEngine();
      await waitUntil(() => !stream.connected, 'disconnect');
      for (let i = 0; i < 50; i++) { stream.retryNow(); if (i % 10 === 0) await sleep(5); }
      await startEngine();
      for (let i = 0; i < 50; i++) stream.retryNow(); // while the reconnection is in flight
      await waitUntil(() => stream.connected, 'reconnection', 20000);
      await sleep(300);
      assert.equal(source.opened, 2, `streams opened (attempts ${source.attempts})`);
      assert.equal(source.open, 1, 'open /events streams');
      const got: DockerEvent[] = [];
      stream.onEvent.on((e) => got.push(e));
      const c = await rawDocker(engine).createContainer({ Image: IMAGE, Cmd: ['true'], Labels: { [TEST_LABEL]: '1' }, HostConfig: { NetworkMode: 'none' } });
      await c.remove();
      await waitUntil(() => got.some((e) => e.id === c.id && e.action === 'destroy'), 'destroy event');
      await sleep(200);
      assert.equal(got.filter((e) => e.id === c.id && e.action === 'create').length, 1, 'the create event once');
    } finally {
      stream.stop();
    }
    await socketsBackTo(baseline, 'retries');
  });

  it('a host switch during a reconnect: the old stream never connects, the new one does', async () => {
    const oldSource = new CountingSource(engine);
    const old = new EventStream(oldSource);
    const oldSeen: string[] = [];
    old.onConnected.on(() => oldSeen.push('connected'));
    old.onEvent.on((e) => oldSeen.push(e.action));
    old.start();
    await waitUntil(() => old.connected, 'connection');
    await killEngine();
    await waitUntil(() => !old.connected, 'disconnect');
    old.retryNow();
    old.stop(); // the switch, while the old stream is retrying
    const next = new EventStream(new CountingSource(engine));
    next.start();
    await startEngine();
    try {
      await waitUntil(() => next.connected, 'the new stream', 20000);
      await sleep(1500); // longer than the old stream's backoff
      assert.deepEqual(oldSeen, ['connected'], 'nothing after the switch');
      assert.equal(oldSource.open, 0);
    } finally {
      next.stop();
    }
  });
});

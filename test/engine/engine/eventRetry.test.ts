// Retry while GET /events is in flight, and host switches: exactly one /events stream stays open,
// and each event arrives once (issue 17).
import { strict as assert } from 'node:assert';
import { Engine } from '../../../src/engine/engine';
import { EventSource, EventStream } from '../../../src/engine/events';
import { DockerEvent } from '../../../src/engine/models';
import { cleanup, createContainer, testEngine, waitUntil } from '../helpers';

/** The real engine's /events, counting what was opened and what is still open. */
class CountingSource implements EventSource {
  opened = 0;
  private readonly streams: NodeJS.ReadableStream[] = [];
  constructor(private readonly engine: Engine) {}
  get host(): string { return this.engine.host; }
  async openEvents(): Promise<NodeJS.ReadableStream> {
    this.opened++;
    const s = await this.engine.openEvents();
    this.streams.push(s);
    return s;
  }
  /** Streams neither destroyed nor ended: each holds a socket to the engine. */
  get open(): number {
    return this.streams.filter((s) => {
      const r = s as NodeJS.ReadableStream & { destroyed?: boolean; readableEnded?: boolean };
      return !r.destroyed && !r.readableEnded;
    }).length;
  }
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('event stream: retries and switches (real dockerd)', () => {
  let engine: Engine;
  before(async () => { engine = testEngine(); await cleanup(engine); });
  after(async () => cleanup(engine));

  it('50 rapid retries while connecting open exactly one /events stream, and each event arrives once', async () => {
    const source = new CountingSource(engine);
    const stream = new EventStream(source);
    let connects = 0;
    stream.onConnected.on(() => connects++);
    stream.start();
    for (let i = 0; i < 50; i++) stream.retryNow();
    try {
      await waitUntil(() => stream.connected, 'connection');
      for (let i = 0; i < 50; i++) stream.retryNow();
      await settle(300);
      assert.equal(source.opened, 1, 'GET /events requests');
      assert.equal(source.open, 1, 'open /events streams');
      assert.equal(connects, 1);
      const got: DockerEvent[] = [];
      stream.onEvent.on((e) => got.push(e));
      const { id } = await createContainer(engine, { start: false });
      await engine.removeContainer(id);
      await waitUntil(() => got.some((e) => e.id === id && e.action === 'destroy'), 'destroy event');
      await settle(200);
      assert.equal(got.filter((e) => e.id === id && e.action === 'create').length, 1, 'create events');
    } finally {
      stream.stop();
    }
    assert.equal(source.open, 0, 'open streams after stop');
  });

  it('stop and start while an attempt is in flight: the old attempt never becomes a second stream', async () => {
    const source = new CountingSource(engine);
    const stream = new EventStream(source);
    stream.start();
    stream.stop();
    stream.start();
    try {
      await waitUntil(() => stream.connected, 'connection');
      await waitUntil(() => source.opened === 2 && source.open === 1 ? true : undefined, 'the stale stream closed', 3000)
        .catch(() => assert.fail(`opened ${source.opened}, open ${source.open}`));
      const got: DockerEvent[] = [];
      stream.onEvent.on((e) => got.push(e));
      const { id } = await createContainer(engine, { start: false });
      await engine.removeContainer(id);
      await waitUntil(() => got.some((e) => e.id === id && e.action === 'destroy'), 'destroy event');
      await settle(200);
      assert.equal(got.filter((e) => e.id === id && e.action === 'create').length, 1, 'create events');
    } finally {
      stream.stop();
    }
  });

  it('a host switch during a connection attempt: the old stream delivers nothing', async () => {
    const oldSource = new CountingSource(engine);
    const old = new EventStream(oldSource);
    const oldEvents: DockerEvent[] = [];
    old.onEvent.on((e) => oldEvents.push(e));
    old.onConnected.on(() => oldEvents.push({ type: 'container', action: 'connected', id: '', attributes: {}, time: 0 }));
    old.start();
    old.stop(); // the switch: the manager stops the old stream and starts one for the new host
    const next = new EventStream(new CountingSource(engine));
    const nextEvents: DockerEvent[] = [];
    next.onEvent.on((e) => nextEvents.push(e));
    next.start();
    try {
      await waitUntil(() => next.connected, 'connection');
      const { id } = await createContainer(engine, { start: false });
      await engine.removeContainer(id);
      await waitUntil(() => nextEvents.some((e) => e.id === id && e.action === 'destroy'), 'destroy event');
      await settle(200);
      assert.deepEqual(oldEvents, []);
      assert.equal(oldSource.open, 0);
    } finally {
      next.stop();
    }
  });
});

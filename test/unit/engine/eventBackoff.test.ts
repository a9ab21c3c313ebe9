import { strict as assert } from 'node:assert';
import { BackoffTimer, EventSource, EventStream } from '../../../src/engine/events';

/** A clock the test runs by hand: the stream's waits are recorded, and fired when the test says. */
class FakeTimer implements BackoffTimer {
  pending: { fn: () => void; ms: number; id: number }[] = [];
  waits: number[] = [];
  private next = 1;
  set(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.push({ fn, ms, id });
    this.waits.push(ms);
    return id;
  }
  clear(handle: unknown): void {
    this.pending = this.pending.filter((p) => p.id !== handle);
  }
  /** Fires the one pending wait. */
  fire(): void {
    assert.equal(this.pending.length, 1, 'one reconnection wait pending');
    const [p] = this.pending;
    this.pending = [];
    p.fn();
  }
}

/** An engine that is never there: every GET /events is refused. */
class DownSource implements EventSource {
  readonly host = 'ssh://nobody@192.0.2.1';
  tries = 0;
  async openEvents(): Promise<NodeJS.ReadableStream> {
    this.tries++;
    throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
  }
}

const settle = () => new Promise((r) => setImmediate(r));

describe('event stream reconnection backoff', () => {
  it('waits longer after repeated failures, up to one minute, instead of retrying every second forever', async () => {
    const timer = new FakeTimer();
    const source = new DownSource();
    const stream = new EventStream(source, timer);
    let disconnects = 0;
    stream.onDisconnected.on(() => disconnects++);
    stream.start();
    await settle();
    for (let i = 0; i < 24; i++) { timer.fire(); await settle(); }
    assert.equal(source.tries, 25);
    assert.deepEqual(timer.waits, [100, 200, 400, 800, ...Array(10).fill(1000), 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000, 60000, 60000, 60000]);
    assert.equal(disconnects, 1, 'the failure is reported once, not once per try');
    stream.stop();
    assert.equal(timer.pending.length, 0, 'stop leaves no wait behind');
  });

  it('an explicit Retry tries at once and starts the backoff over', async () => {
    const timer = new FakeTimer();
    const source = new DownSource();
    const stream = new EventStream(source, timer);
    stream.start();
    await settle();
    for (let i = 0; i < 22; i++) { timer.fire(); await settle(); }
    assert.equal(timer.pending[0].ms, 60000);
    const before = source.tries;
    stream.retryNow();
    await settle();
    assert.equal(source.tries, before + 1, 'Retry dials at once');
    assert.equal(timer.pending.length, 1, 'the minute wait was replaced, not added to');
    assert.equal(timer.pending[0].ms, 100, 'and the backoff starts over');
    stream.stop();
  });

  it('the wait is capped at one minute', () => {
    assert.equal(EventStream.backoff(1), 100);
    assert.equal(EventStream.backoff(14), 1000);
    assert.equal(EventStream.backoff(20), 60000);
    assert.equal(EventStream.backoff(1000), 60000);
  });
});

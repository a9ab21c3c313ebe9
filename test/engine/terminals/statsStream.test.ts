import * as assert from 'node:assert/strict';
import { StatsEnd, StatsStream, TimedSample } from '../../../src/engine/statsStream';
import { cleanup, createContainer, testEngine, waitUntil } from '../helpers';
import { withDocker } from '../../support/rawDocker';

describe('stats stream (engine)', () => {
  const engine = testEngine();
  after(() => cleanup(engine));

  it('delivers samples for a running container, then says it stopped', async () => {
    const c = await createContainer(engine, { cmd: ['sh', '-c', 'while :; do :; done'] });
    const stream = new StatsStream(engine, c.id, c.name);
    const samples: TimedSample[] = [];
    let end: StatsEnd | undefined;
    stream.onSample((s) => samples.push(s));
    stream.onEnd((e) => { end = e; });
    await stream.start();
    try {
      await waitUntil(() => samples.length >= 2, 'two stats samples', 15000);
      const last = samples[samples.length - 1];
      assert.ok(last.memUsage > 0, 'memory usage');
      assert.ok(last.memLimit >= last.memUsage, 'memory limit');
      assert.ok(last.pids >= 1, 'pids');
      assert.ok(samples.some((s) => s.cpuPercent > 0), 'a busy loop shows CPU');
      assert.ok(last.time > samples[0].time, 'sample times move on');
      await withDocker(engine, (d) => d.getContainer(c.id).stop({ t: 0 }));
      await waitUntil(() => end, 'the stream to end', 15000);
      assert.equal(end?.reason, 'stopped');
      assert.match(end?.message ?? '', new RegExp(`${c.name} stopped`));
    } finally {
      stream.stop();
    }
  });

  it('says the container was removed', async () => {
    const c = await createContainer(engine);
    const stream = new StatsStream(engine, c.id, c.name);
    let end: StatsEnd | undefined;
    let n = 0;
    stream.onSample(() => { n++; });
    stream.onEnd((e) => { end = e; });
    await stream.start();
    try {
      await waitUntil(() => n >= 1, 'a sample', 15000);
      await withDocker(engine, (d) => d.getContainer(c.id).remove({ force: true }));
      await waitUntil(() => end, 'the stream to end', 15000);
      assert.equal(end?.reason, 'removed');
      assert.match(end?.message ?? '', /was removed/);
    } finally {
      stream.stop();
    }
  });

  it('stop() ends the stream without a stopped/removed message', async () => {
    const c = await createContainer(engine);
    const stream = new StatsStream(engine, c.id, c.name);
    const ends: StatsEnd[] = [];
    stream.onEnd((e) => ends.push(e));
    await stream.start();
    stream.stop();
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(ends.map((e) => e.reason), ['closed']);
  });
});

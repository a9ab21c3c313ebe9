// Logs terminals whose streams end (issue 17): the engine ends the event stream while the
// container is stopped, and progress bars with carriage returns.
import * as assert from 'node:assert/strict';
import { LogsSession } from '../../../src/terminals/session/sessions';
import { Engine } from '../../../src/engine/engine';
import { EndingProxy } from './endingProxy';
import { Created, Recorder, sleep, testEngine } from './helpers';

describe('logs sessions whose streams end (engine)', function () {
  const engine = testEngine();
  const created = new Created(engine);
  after(() => created.cleanup());

  it('keeps only the last state of a progress bar (carriage returns, no line end)', async function () {
    this.timeout(60000);
    const c = await created.container('logs-cr', { Cmd: ['sh', '-c', 'i=0; while [ $i -lt 20000 ]; do printf "\\r%d%%" $i; i=$((i+1)); done; echo; echo all-done; sleep 3600'] });
    const s = new LogsSession(engine, c.id, { tail: 'all' });
    const r = new Recorder(s);
    await s.start();
    await r.output('all-done', 45000);
    s.close();
    assert.match(r.text, /19999%\r\n/);
    assert.ok(!r.text.includes('19998%'), 'earlier states of the line are not written');
    assert.ok(r.text.length < 2000, `wrote ${r.text.length} characters`);
  });

  it('a stopped container whose event stream the engine ends cleanly: the terminal ends with a message, no hang', async function () {
    this.timeout(60000);
    const upstream = (process.env.DOCKER_HOST ?? '').replace(/^unix:\/\//, '');
    const proxy = new EndingProxy(upstream);
    await proxy.listen();
    const viaProxy = new Engine({ host: proxy.host, source: 'DOCKER_HOST', context: 'default' });
    const c = await created.container('logs-clean-end', { Cmd: ['sh', '-c', 'echo hello-end; sleep 3600'] });
    const s = new LogsSession(viaProxy, c.id, { tail: 'all' });
    const r = new Recorder(s);
    try {
      await s.start();
      await r.output('hello-end');
      await engine.stopContainer(c.id, 0);
      await r.output('waiting for it to start again');
      await sleep(300);
      assert.equal(proxy.endEventStreams(), 1, 'one event stream open while waiting');
      const exit = await r.exited(10000);
      assert.equal(exit.error, true);
      assert.match(exit.reason ?? '', /event stream/);
    } finally {
      s.close();
      await proxy.close();
    }
  });
});

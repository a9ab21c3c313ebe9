// Project logs over the Engine API (no compose CLI): two services' history merged by time, each
// line prefixed by its service; a container that starts later joins.
import * as assert from 'node:assert/strict';
import type { Engine } from '../../../src/engine/engine';
import { ProjectLogsSession, serviceColour } from '../../../src/compose/projectLogs';
import { cleanup, createContainer, testEngine, unique, waitUntil } from '../helpers';

// eslint-disable-next-line no-control-regex
const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

describe('compose project logs (engine)', function () {
  let engine: Engine;
  const project = unique('plogs').replace(/[^a-z0-9_-]/g, '');
  const labels = (service: string, n: number) => ({
    'com.docker.compose.project': project, 'com.docker.compose.service': service, 'com.docker.compose.container-number': String(n),
  });

  before(() => { engine = testEngine(); });
  after(async () => { await cleanup(engine); });

  it('merges two services by time, prefixes each line, and follows a container started later', async () => {
    // a1 (t≈0), b1 (t≈0.6 s), a2 (t≈1.2 s): history merged by time alternates services.
    await createContainer(engine, { name: unique('plogs-a'), labels: labels('alpha', 1), cmd: ['sh', '-c', 'echo a1; sleep 1.2; echo a2; sleep 600'] });
    await new Promise((r) => setTimeout(r, 600));
    await createContainer(engine, { name: unique('plogs-b'), labels: labels('beta', 1), cmd: ['sh', '-c', 'echo b1; sleep 600'] });
    await new Promise((r) => setTimeout(r, 1500));

    const session = new ProjectLogsSession(engine, project, { tail: 'all', settleMs: 500 });
    let out = '';
    session.onData((t) => { out += t; });
    try {
      await session.start();
      const lines = plain(out).split('\r\n').filter(Boolean);
      assert.deepEqual(lines, ['alpha-1 | a1', 'beta-1  | b1', 'alpha-1 | a2'], out);
      assert.ok(out.includes(`${serviceColour('alpha')}alpha-1`), 'alpha lines in its colour');
      assert.notEqual(serviceColour('alpha'), serviceColour('beta'));

      // Scale up: a second alpha container starts and joins, with its history.
      await createContainer(engine, { name: unique('plogs-a2'), labels: labels('alpha', 2), cmd: ['sh', '-c', 'echo second; sleep 600'] });
      await waitUntil(() => (plain(out).includes('alpha-2 | second') ? true : undefined), 'the new container\'s line', 15000);
      assert.deepEqual(session.labels, ['alpha-1', 'alpha-2', 'beta-1']);
    } finally {
      session.close();
    }
    assert.deepEqual(session.exited, { reason: 'closed' });
  });
});

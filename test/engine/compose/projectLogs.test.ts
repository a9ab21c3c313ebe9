// Project logs over the Engine API (no compose CLI): two services' history merged by time, each
// line prefixed by its service; a container that starts later joins.
import * as assert from 'node:assert/strict';
import type { Engine } from '../../../src/engine/engine';
import { ProjectLogsSession, serviceColour } from '../../../src/compose/projectLogs';
import { compareSince, timestampToSince } from '../../../src/engine/streams';
import { rawDocker } from '../../support/rawDocker';
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
    // a1, then b1, then a2 (usually): the history must come out in the order of the engine's own
    // timestamps, whatever that order turned out to be on a busy machine.
    const a = await createContainer(engine, { name: unique('plogs-a'), labels: labels('alpha', 1), cmd: ['sh', '-c', 'echo a1; sleep 1.2; echo a2; sleep 600'] });
    await new Promise((r) => setTimeout(r, 600));
    const b = await createContainer(engine, { name: unique('plogs-b'), labels: labels('beta', 1), cmd: ['sh', '-c', 'echo b1; sleep 600'] });
    const stamped = async (id: string, label: string) => {
      const buf = (await rawDocker(engine).getContainer(id).logs({ stdout: true, stderr: true, timestamps: true, follow: false })) as unknown as Buffer;
      // Non-TTY logs are framed: 8-byte headers, then "<RFC3339Nano> <text>\n".
      const out: { ts: string; line: string }[] = [];
      for (let i = 0; i + 8 <= buf.length;) {
        const size = buf.readUInt32BE(i + 4);
        const text = buf.subarray(i + 8, i + 8 + size).toString('utf8').replace(/\n$/, '');
        const sp = text.indexOf(' ');
        out.push({ ts: text.slice(0, sp), line: `${label} | ${text.slice(sp + 1)}` });
        i += 8 + size;
      }
      return out;
    };
    const expected = await waitUntil(async () => {
      const all = [...await stamped(a.id, 'alpha-1'), ...await stamped(b.id, 'beta-1 ')];
      return all.length === 3 ? all : undefined;
    }, 'three log lines', 15000);
    // RFC 3339 with trimmed nanoseconds: compare as seconds.nanoseconds, not as strings.
    expected.sort((x, y) => compareSince(timestampToSince(x.ts)!, timestampToSince(y.ts)!));

    const session = new ProjectLogsSession(engine, project, { tail: 'all', settleMs: 500 });
    let out = '';
    session.onData((t) => { out += t; });
    try {
      await session.start();
      const lines = plain(out).split('\r\n').filter(Boolean);
      assert.deepEqual(lines, expected.map((e) => e.line), out);
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

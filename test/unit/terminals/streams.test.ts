import * as assert from 'node:assert/strict';
import { JsonLines, ProgressTracker } from '../../../src/engine/progress';
import { computeStats } from '../../../src/engine/stats';
import { compareSince, Demuxer, parseSince, splitTimestamp, timestampToSince } from '../../../src/engine/streams';
import { formatBytes } from '../../../src/shared/format';
import { LineSplitter } from '../../../src/shared/lines';
import { Pacer, toCrlf } from '../../../src/terminals/session/pacer';
import { describeKeys, exitBanner } from '../../../src/terminals/session/banner';

function frame(kind: number, text: string): Buffer {
  const payload = Buffer.from(text);
  const h = Buffer.alloc(8);
  h[0] = kind;
  h.writeUInt32BE(payload.length, 4);
  return Buffer.concat([h, payload]);
}

describe('terminal stream helpers', () => {
  it('demultiplexes frames split at any byte', () => {
    const all = Buffer.concat([frame(1, 'out ✓\n'), frame(2, 'err\n'), frame(1, 'more')]);
    for (let cut = 1; cut < all.length; cut++) {
      const got: string[] = [];
      const d = new Demuxer((k, p) => got.push(`${k}:${p.toString()}`));
      d.push(all.subarray(0, cut));
      d.push(all.subarray(cut));
      assert.deepEqual(got, ['stdout:out ✓\n', 'stderr:err\n', 'stdout:more'], `cut at ${cut}`);
      assert.equal(d.buffered, 0);
    }
  });

  it('passes a non-multiplexed stream through', () => {
    const got: string[] = [];
    new Demuxer((k, p) => got.push(`${k}:${p.toString()}`)).push(Buffer.from('plain tty output here'));
    assert.deepEqual(got, ['stdout:plain tty output here']);
  });

  it('splits lines across chunks and multi-byte characters', () => {
    const s = new LineSplitter();
    const euro = Buffer.from('€');
    assert.deepEqual(s.push(Buffer.concat([Buffer.from('a\r\nb'), euro.subarray(0, 1)])), ['a']);
    assert.deepEqual(s.push(Buffer.concat([euro.subarray(1), Buffer.from('\nc')])), ['b€']);
    assert.equal(s.flush(), 'c');
  });

  it('handles timestamps and the since form', () => {
    assert.deepEqual(splitTimestamp('2024-05-01T10:00:00.123456789Z hello'), { ts: '2024-05-01T10:00:00.123456789Z', text: 'hello' });
    assert.deepEqual(splitTimestamp('no stamp'), { text: 'no stamp' });
    assert.equal(timestampToSince('2024-05-01T10:00:00.123456789Z'), '1714557600.123456789');
    assert.equal(timestampToSince('2024-05-01T10:00:00Z'), '1714557600.000000000');
    assert.ok(compareSince('1714557600.123456789', '1714557600.123456790') < 0);
    assert.ok(compareSince('1714557601.0', '1714557600.999999999') > 0);
    assert.deepEqual(parseSince('10m', 1_000_000_000), { since: String(1_000_000 - 600) });
    assert.deepEqual(parseSince('1h30m', 1_000_000_000), { since: String(1_000_000 - 5400) });
    assert.deepEqual(parseSince('1714557600'), { since: '1714557600' });
    assert.deepEqual(parseSince('2024-05-01T10:00:00Z'), { since: '1714557600' });
    assert.ok('reason' in parseSince('yesterday-ish'));
    assert.equal(toCrlf('a\nb\r\nc'), 'a\r\nb\r\nc');
  });

  it('paces output in bounded chunks and pauses the source above the high-water mark', async () => {
    const delivered: string[] = [];
    const events: string[] = [];
    const source = { pause: () => events.push('pause'), resume: () => events.push('resume') };
    const p = new Pacer((t) => delivered.push(t), source, { highWater: 100, lowWater: 20, chunkChars: 30 });
    for (let i = 0; i < 10; i++) p.push('x'.repeat(25));
    assert.deepEqual(events, ['pause']);
    assert.ok(p.buffered <= 250);
    await p.idle();
    assert.equal(delivered.join('').length, 250);
    assert.ok(delivered.every((c) => c.length <= 30));
    assert.deepEqual(events, ['pause', 'resume']);
    assert.equal(p.buffered, 0);
  });

  it('tracks per-layer progress, the digest and stream errors', () => {
    const t = new ProgressTracker();
    const lines = new JsonLines();
    const msgs = lines.push('{"status":"The push refers to repository [x]"}\n{"status":"Preparing","id":"a"}\n{"status":"Pushing","id":"a","progressDetail":{"current":50,"total":100}}\n{"status":"Pre');
    for (const m of msgs) t.update(m);
    assert.ok(t.fraction > 0 && t.fraction < 1);
    assert.match(t.summary, /0\/1 layers/);
    for (const m of lines.push('paring","id":"b"}\n{"status":"Pushed","id":"a"}\n{"status":"Layer already exists","id":"b"}\n{"status":"rt: digest: sha256:' + 'a'.repeat(64) + ' size: 527"}\n')) t.update(m);
    assert.equal(t.fraction, 1);
    assert.equal(t.digest, `sha256:${'a'.repeat(64)}`);
    t.update({ errorDetail: { message: 'unauthorized: authentication required' }, error: 'unauthorized' });
    assert.equal(t.error, 'unauthorized: authentication required');
  });

  it('computes stats like the docker CLI', () => {
    const s = computeStats({
      cpu_stats: { cpu_usage: { total_usage: 400 }, system_cpu_usage: 2000, online_cpus: 2 },
      precpu_stats: { cpu_usage: { total_usage: 200 }, system_cpu_usage: 1000 },
      memory_stats: { usage: 100 * 1024 * 1024, limit: 1024 * 1024 * 1024, stats: { inactive_file: 20 * 1024 * 1024 } },
      networks: { eth0: { rx_bytes: 10, tx_bytes: 20 }, eth1: { rx_bytes: 1, tx_bytes: 2 } },
      blkio_stats: { io_service_bytes_recursive: [{ op: 'Read', value: 5 }, { op: 'Write', value: 7 }] },
      pids_stats: { current: 3 },
    });
    assert.equal(s.cpuPercent, 40);
    assert.equal(s.memUsage, 80 * 1024 * 1024);
    assert.equal(Math.round(s.memPercent * 100) / 100, 7.81);
    assert.deepEqual([s.netRx, s.netTx, s.blockRead, s.blockWrite, s.pids], [11, 22, 5, 7, 3]);
    assert.equal(formatBytes(80 * 1024 * 1024), '83.9 MB');
  });

  it('writes exit banners', () => {
    assert.match(exitBanner({ code: 0 }), /process exited with code 0 — press any key to close/);
    assert.match(exitBanner({ reason: 'detached; the container keeps running' }), /detached; the container keeps running/);
    assert.match(exitBanner({ code: 137, reason: 'container web stopped' }), /container web stopped, exit code 137/);
    assert.equal(describeKeys('ctrl-p,ctrl-q'), 'Ctrl-P Ctrl-Q');
  });
});

import * as assert from 'node:assert/strict';
import { fields, ProtoError, str, Writer } from '../../../../src/engine/buildkit/protobuf';
import { BuildTrace, decodeStatus } from '../../../../src/engine/buildkit/trace';
import { chooseBuilder } from '../../../../src/engine/buildkit/detect';
import { credentialHost } from '../../../../src/engine/buildkit/session';

const ts = (ms: number) => new Writer().int(1, Math.floor(ms / 1000)).int(2, (ms % 1000) * 1e6).finish();

function vertex(v: { digest: string; name: string; cached?: boolean; started?: number; completed?: number; error?: string; inputs?: string[] }): Buffer {
  const w = new Writer().string(1, v.digest);
  for (const i of v.inputs ?? []) w.string(2, i);
  w.string(3, v.name).int(4, v.cached ? 1 : 0);
  if (v.started !== undefined) w.bytes(5, ts(v.started));
  if (v.completed !== undefined) w.bytes(6, ts(v.completed));
  return w.string(7, v.error).finish();
}

function log(vertexDigest: string, msg: string, at?: number, stream = 1): Buffer {
  const w = new Writer().string(1, vertexDigest);
  if (at !== undefined) w.bytes(2, ts(at));
  return w.int(3, stream).bytes(4, Buffer.from(msg)).finish();
}

function status(parts: { vertexes?: Buffer[]; logs?: Buffer[]; statuses?: Buffer[]; warnings?: Buffer[] }): Buffer {
  const w = new Writer();
  for (const v of parts.vertexes ?? []) w.bytes(1, v);
  for (const s of parts.statuses ?? []) w.bytes(2, s);
  for (const l of parts.logs ?? []) w.bytes(3, l);
  for (const x of parts.warnings ?? []) w.bytes(4, x);
  return w.finish();
}

describe('BuildKit protobuf and trace', () => {
  it('round-trips varints, strings and bytes, and skips fixed fields', () => {
    const big = 2 ** 40 + 5;
    const buf = Buffer.concat([new Writer().int(1, big).string(2, 'héllo').finish(), Buffer.from([0x19, 1, 2, 3, 4, 5, 6, 7, 8]), new Writer().bytes(4, Buffer.from([0, 255])).finish()]);
    const fs = [...fields(buf)];
    assert.deepEqual(fs.map((f) => f.no), [1, 2, 4]);
    assert.equal(fs[0].int, big);
    assert.equal(str(fs[1]), 'héllo');
    assert.deepEqual([...fs[2].bytes], [0, 255]);
  });

  it('refuses truncated input instead of reading past the end', () => {
    assert.throws(() => [...fields(Buffer.from([0x12, 0x05, 0x61]))], ProtoError);
    assert.throws(() => [...fields(Buffer.from([0x08, 0x80]))], ProtoError);
  });

  it('decodes vertexes, statuses, logs and warnings with source ranges', () => {
    const pos = (line: number, ch: number) => new Writer().int(1, line).int(2, ch).finish();
    const warning = new Writer().string(1, 'sha256:b').int(2, 1).bytes(3, Buffer.from('JSON arguments recommended'))
      .bytes(4, Buffer.from('use the exec form')).string(5, 'https://docs.docker.com/go/dockerfile/rule/json-args-recommended/')
      .bytes(6, new Writer().string(1, 'Dockerfile').finish())
      .bytes(7, new Writer().bytes(1, pos(7, 0)).bytes(2, pos(7, 20)).finish()).finish();
    const st = new Writer().string(1, 'exporting layers').string(2, 'sha256:b').int(4, 5).int(5, 10).bytes(7, ts(1000)).bytes(8, ts(1500)).finish();
    const r = decodeStatus(status({
      vertexes: [vertex({ digest: 'sha256:a', name: '[stage-0 1/2] FROM busybox', inputs: ['x', 'y'], cached: true, started: 1_000, completed: 1_250 })],
      statuses: [st],
      logs: [log('sha256:b', 'hi\n', 2_000, 2)],
      warnings: [warning],
    }));
    assert.deepEqual(r.vertexes[0], { digest: 'sha256:a', inputs: ['x', 'y'], name: '[stage-0 1/2] FROM busybox', cached: true, started: 1000, completed: 1250 });
    assert.deepEqual(r.statuses[0], { id: 'exporting layers', vertex: 'sha256:b', name: '', current: 5, total: 10, started: 1000, completed: 1500 });
    assert.equal(r.logs[0].stream, 2);
    assert.equal(Buffer.from(r.logs[0].msg).toString(), 'hi\n');
    assert.deepEqual(r.warnings[0], {
      vertex: 'sha256:b', level: 1, short: 'JSON arguments recommended', detail: ['use the exec form'],
      url: 'https://docs.docker.com/go/dockerfile/rule/json-args-recommended/', filename: 'Dockerfile',
      ranges: [{ startLine: 7, startCharacter: 0, endLine: 7, endCharacter: 20 }],
    });
  });

  it('folds messages into numbered steps: start, output lines split across messages, completion', () => {
    const t = new BuildTrace();
    const run = { digest: 'sha256:run', name: '[stage-0 2/2] RUN make' };
    let ev = t.apply(decodeStatus(status({ vertexes: [vertex({ digest: 'sha256:from', name: '[stage-0 1/2] FROM busybox', cached: true, started: 0, completed: 0 })] })));
    assert.deepEqual(ev.map((e) => e.type), ['started', 'completed']);
    ev = t.apply(decodeStatus(status({ vertexes: [vertex({ ...run, started: 10_000 })], logs: [log('sha256:run', 'one\ntw', 10_500)] })));
    assert.deepEqual(ev.map((e) => (e.type === 'log' ? `log:${e.line}@${e.at}` : e.type)), ['started', 'log:one@500']);
    ev = t.apply(decodeStatus(status({ logs: [log('sha256:run', 'o\nthree', 11_000)] })));
    assert.deepEqual(ev.map((e) => (e.type === 'log' ? e.line : e.type)), ['two']);
    ev = t.apply(decodeStatus(status({ vertexes: [vertex({ ...run, started: 10_000, completed: 12_000, error: 'exit code: 2' })] })));
    // The unterminated last line comes out when the step ends.
    assert.deepEqual(ev.map((e) => (e.type === 'log' ? e.line : e.type)), ['three', 'completed']);
    assert.equal(t.steps.get('sha256:run')?.n, 2);
    assert.deepEqual(t.counts(), { done: 2, total: 2, cached: 1 });
    assert.equal(t.failed()?.digest, 'sha256:run');
    assert.deepEqual(t.lastLines(t.failed()!, 2), ['two', 'three']);
  });

  it('decodes a 500-step build log in linear time', () => {
    const messages = (steps: number) => {
      const out: string[] = [];
      for (let i = 0; i < steps; i++) {
        const d = `sha256:${i}`;
        out.push(status({ vertexes: [vertex({ digest: d, name: `[stage-0 ${i + 1}/${steps}] RUN step ${i}`, started: i * 1000 })] }).toString('base64'));
        for (let j = 0; j < 20; j++) out.push(status({ logs: [log(d, `line ${j} of step ${i}\n`, i * 1000 + j)] }).toString('base64'));
        out.push(status({ vertexes: [vertex({ digest: d, name: `[stage-0 ${i + 1}/${steps}] RUN step ${i}`, started: i * 1000, completed: i * 1000 + 900 })] }).toString('base64'));
      }
      return out;
    };
    const time = (msgs: string[]) => {
      const t = new BuildTrace();
      const start = process.hrtime.bigint();
      for (const m of msgs) t.applyBase64(m);
      assert.equal(t.counts().done, t.counts().total);
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    // 10× the steps: linear is ~10×, quadratic 100×; best of three, with a floor for the small
    // run, so a busy machine does not decide the result.
    const small = messages(50);
    const large = messages(500);
    time(small); // warm up
    const a = Math.min(time(small), time(small), time(small));
    const b = Math.min(time(large), time(large), time(large));
    assert.ok(b < Math.max(a, 5) * 40, `500 steps took ${b.toFixed(1)} ms, 50 steps ${a.toFixed(1)} ms`);
  });
});

describe('BuildKit builder choice', () => {
  it('uses BuildKit when the engine offers it or says nothing, classic when it cannot or the setting says so', () => {
    assert.equal(chooseBuilder('auto', { builderVersion: '2' }).builder, 'buildkit');
    assert.equal(chooseBuilder('auto', { os: 'linux', apiVersion: '1.41' }).builder, 'buildkit');
    assert.equal(chooseBuilder('auto', { os: 'linux', apiVersion: '1.41', builderVersion: '1' }).builder, 'classic');
    assert.match(chooseBuilder('auto', { podman: true, os: 'linux', apiVersion: '1.41' }).reason ?? '', /Podman/);
    assert.match(chooseBuilder('auto', { os: 'windows', apiVersion: '1.41' }).reason ?? '', /windows/);
    assert.match(chooseBuilder('auto', { os: 'linux', apiVersion: '1.38' }).reason ?? '', /1\.38/);
    assert.deepEqual(chooseBuilder('classic', { builderVersion: '2' }), { builder: 'classic', reason: 'Using the classic builder (dockyard.build.builder is "classic").' });
    assert.deepEqual(chooseBuilder('buildkit', { podman: true }), { builder: 'buildkit' });
  });

  it('maps BuildKit\'s Docker Hub host to the stored login\'s host', () => {
    assert.equal(credentialHost('registry-1.docker.io'), 'docker.io');
    assert.equal(credentialHost('127.0.0.1:5000'), '127.0.0.1:5000');
  });
});

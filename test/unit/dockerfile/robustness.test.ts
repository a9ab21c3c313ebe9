// Shapes that used to give false errors, exceptions or quadratic time.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze } from '../../../src/dockerfile/analyze';
import { FsBuildContext } from '../../../src/dockerfile/fsContext';
import { parse } from '../../../src/dockerfile/parser';
import { main } from '../../../src/dockerfile/lint';
import { codes } from './helpers';

describe('dockerfile: robustness', () => {
  it('an escaped escape at the end of a line ends the instruction (BuildKit)', () => {
    const t = 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY app.exe C:\\\\Windows\\\\System32\\\\\nRUN dir\n';
    const df = parse(t);
    assert.deepEqual(df.instructions.map((i) => i.keyword), ['FROM', 'COPY', 'RUN']);
    assert.ok(!codes(t).includes('DL3021'));
    // a single escape still continues; so does an escape alone on a line
    assert.equal(parse('FROM a:1\nRUN echo a \\\n  b\n').instructions.length, 2);
    assert.equal(parse('FROM a:1\nRUN echo a \\\n\\\n  b\n').instructions.length, 2);
  });

  it('skips a UTF-8 byte-order mark', () => {
    const c = codes('\ufeffFROM debian:12\nRUN true\n');
    assert.ok(!c.includes('UnknownInstruction') && !c.includes('NoFromInstruction'), c.join());
    assert.equal(parse('\ufeff# escape=`\nFROM a:1\n').escape, '`');
  });

  it('80,000 continuation lines in linear time', function () {
    this.timeout(120000); // a loaded CI machine can take seconds per run; the ratio below decides
    // Linear, not quadratic: 8× the lines may take at most ~20× the time (quadratic would be 64×).
    // Best of three runs each, so a busy machine does not decide the result; no absolute bound.
    const file = (n: number) => 'FROM debian:12\nRUN true' + ' \\\n  && echo x'.repeat(n) + '\n';
    const best = (t: string) => Math.min(...[0, 1, 2].map(() => { const s = process.hrtime.bigint(); analyze(t); return Number(process.hrtime.bigint() - s) / 1e6; }));
    const small = best(file(10000));
    const large = best(file(80000));
    assert.ok(large < Math.max(small, 5) * 20, `10k lines ${small.toFixed(1)} ms, 80k lines ${large.toFixed(1)} ms`);
  });

  it('no exception on an inverted glob class or 5,000 nested expansions', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockyard-rob-'));
    try {
      fs.writeFileSync(path.join(dir, 'a0'), '');
      const ctx = new FsBuildContext(dir, path.join(dir, 'Dockerfile'));
      assert.ok(codes('FROM debian:12\nCOPY [z-a]0 /x/\n', { context: ctx }).includes('CopySourceNotFound'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const t = 'FROM debian:12\nENV X=' + '${a:-'.repeat(5000) + 'x' + '}'.repeat(5000) + '\n';
    assert.ok(Array.isArray(analyze(t).diagnostics));
  });

  it('the CLI exits 3 with one line on an internal fault, never a stack trace', async () => {
    let err = '';
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockyard-rob-'));
    try {
      fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM debian:latest\n');
      // a fault while writing the findings stands for any internal fault
      const code = await main(['--no-shellcheck', path.join(dir, 'Dockerfile')], () => { throw new Error('boom'); }, (s) => { err += s; });
      assert.equal(code, 3);
      assert.equal(err.trim().split('\n').length, 1);
      assert.match(err, /^lint: internal error: boom/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('dockerfile: build context listings', () => {
  it('are complete in a big folder and follow changes', function () {
    this.timeout(120000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockyard-big-'));
    try {
      for (let i = 0; i < 6000; i++) fs.writeFileSync(path.join(dir, `f${String(i).padStart(4, '0')}.txt`), '');
      const t = 'FROM debian:12\nCOPY f59*.txt /x/\n';
      const ctx = () => new FsBuildContext(dir, path.join(dir, 'Dockerfile'));
      assert.ok(!codes(t, { context: ctx() }).includes('CopySourceNotFound'), 'entries past the 5,000th are seen');
      assert.equal(ctx().list('')!.length, 6000);
      fs.mkdirSync(path.join(dir, 'sub'));
      assert.equal(ctx().list('')!.length, 6001, 'a changed folder is read again');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('dockerfile: asynchronous build-context listings (the editor)', () => {
  it('a folder not read yet is unknown for this run (no false finding), then read in the background', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockyard-async-'));
    try {
      fs.mkdirSync(path.join(dir, 'src'));
      fs.writeFileSync(path.join(dir, 'src', 'a.go'), '');
      const t = 'FROM debian:12\nCOPY src/*.go /src/\nCOPY src/*.rs /src/\n';
      let listed = 0;
      let ready!: () => void;
      const done = new Promise<void>((resolve) => { ready = resolve; });
      const ctx = new FsBuildContext(dir, path.join(dir, 'Dockerfile'), () => { listed++; ready(); });
      assert.ok(!codes(t, { context: ctx }).includes('CopySourceNotFound'), 'nothing is claimed while src/ is being read');
      assert.ok(ctx.unknown() > 0);
      await done;
      assert.ok(listed >= 1);
      const again = new FsBuildContext(dir, path.join(dir, 'Dockerfile'), () => { throw new Error('already read'); });
      const d = codes(t, { context: again });
      assert.equal(d.filter((c) => c === 'CopySourceNotFound').length, 1, 'the *.rs source is missing; *.go is there');
      assert.equal(again.unknown(), 0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

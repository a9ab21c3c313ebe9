import { strict as assert } from 'node:assert';
import { BuildOutput } from '../../../src/imagebuild/output';
import { LineSplitter, MAX_TERMINAL_LINE } from '../../../src/shared/lines';

const bar = (i: number, n: number) => `${String(Math.floor((i * 100) / n)).padStart(3)}%|${'█'.repeat(Math.floor((i * 40) / n)).padEnd(40)}| ${i}/${n} [00:01<00:02, 1234.56it/s]`;

/** Pushes n tqdm-style updates ("\r" + the bar, no "\n"), one per chunk; checks the held text stays bounded. */
function progress(s: LineSplitter, n: number): number {
  const t0 = process.hrtime.bigint();
  let maxHeld = 0;
  for (let i = 1; i <= n; i++) {
    s.push(`\r${bar(i, n)}`);
    if (s.buffered > maxHeld) maxHeld = s.buffered;
    if (maxHeld > 1000) assert.fail(`the held line grew to ${maxHeld} characters after ${i} updates`);
  }
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

describe('line splitter with carriage returns', () => {
  const cr = () => new LineSplitter({ carriageReturn: true, maxLine: MAX_TERMINAL_LINE });

  it('keeps the last state of a line like a terminal', () => {
    assert.deepEqual(cr().push('abc\rdef\n'), ['def']);
    assert.deepEqual(cr().push('10%\r50%\r100%\r\ndone\n'), ['100%', 'done']);
    assert.deepEqual(cr().push('a\r\nb\r\n'), ['a', 'b']);
    const s = cr();
    assert.deepEqual(s.push('abc\r'), []);
    assert.deepEqual(s.push('\n'), ['abc'], 'a CRLF split across chunks ends the line');
    assert.deepEqual(s.push('x\r'), []);
    assert.deepEqual(s.push('yz'), []);
    assert.equal(s.peek(), 'yz');
    assert.equal(s.flush(), 'yz');
    const t = cr();
    t.push('ab');
    t.push('cd\r\rzz');
    assert.deepEqual(t.push('\n'), ['zz']);
  });

  it('without the option, lines are as before (a trailing "\\r" is dropped, others kept)', () => {
    const s = new LineSplitter();
    assert.deepEqual(s.push('a\rb\r\nc'), ['a\rb']);
    assert.equal(s.flush(), 'c');
  });

  it('bounds a line without any line end', () => {
    const s = new LineSplitter({ maxLine: 1000 });
    const out: string[] = [];
    for (let i = 0; i < 100; i++) out.push(...s.push('x'.repeat(97)));
    assert.ok(s.buffered <= 1000);
    assert.equal(out.join('').length + s.buffered, 9700);
    assert.ok(out.every((l) => l.length === 1000));
  });

  it('100k progress updates take linear time and bounded memory', function () {
    this.timeout(20_000);
    progress(cr(), 5_000); // warm up
    const small = progress(cr(), 25_000);
    const large = progress(cr(), 100_000);
    // Linear: 4× the updates cost about 4× (quadratic would be 16×); generous for a busy machine.
    assert.ok(large < 10_000, `100k updates took ${large.toFixed(0)} ms`);
    assert.ok(large < Math.max(small, 20) * 10, `25k: ${small.toFixed(0)} ms, 100k: ${large.toFixed(0)} ms`);
  });

  it('a build step with 100k curl-style updates keeps only the last state', function () {
    this.timeout(20_000);
    const out = new BuildOutput();
    out.add({ stream: 'Step 1/2 : RUN curl -o x https://example.invalid/x\n' });
    const t0 = Date.now();
    for (let i = 1; i <= 100_000; i++) out.add({ stream: `\r${bar(i, 100_000)}` });
    const ms = Date.now() - t0;
    assert.ok(ms < 10_000,  `took ${ms} ms (the quadratic splitter took over 120 s)`);
    assert.deepEqual(out.lastLines(5), [bar(100_000, 100_000)]);
    out.add({ stream: '\n' });
    assert.deepEqual(out.lastLines(5), [bar(100_000, 100_000)]);
  });
});

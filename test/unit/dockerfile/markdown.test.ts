import { strict as assert } from 'node:assert';
import { hover } from '../../../src/dockerfile/hover';
import { imageFactsMarkdown, mdCode, mdText } from '../../../src/dockerfile/markdown';

/** Removes inline code spans as CommonMark reads them (a run of n backticks closed by the next run of exactly n). */
function outsideCode(md: string): { outside: string; spans: string[] } {
  let outside = '';
  const spans: string[] = [];
  let i = 0;
  while (i < md.length) {
    if (md[i] !== '`') { outside += md[i++]; continue; }
    let n = 0;
    while (md[i + n] === '`') n++;
    let j = i + n;
    let close = -1;
    while (j < md.length) {
      if (md[j] !== '`') { j++; continue; }
      let m = 0;
      while (md[j + m] === '`') m++;
      if (m === n) { close = j; break; }
      j += m;
    }
    if (close < 0) { outside += md.slice(i, i + n); i += n; continue; }
    spans.push(md.slice(i + n, close));
    outside += '\u0000';
    i = close + n;
  }
  return { outside, spans };
}

function assertNoInjection(md: string, payloadPart: string): void {
  const { outside, spans } = outsideCode(md);
  assert.ok(!/\]\(|!\[|<|https?:\/\//.test(outside), `markup outside code spans: ${JSON.stringify(outside)} in ${JSON.stringify(md)}`);
  assert.ok(spans.some((s) => s.includes(payloadPart)), `payload not shown as code: ${md}`);
}

const LINK = '[click](https://evil.example/x)';
const IMAGE = '![p](https://evil.example/p.png)';

describe('hover markdown from untrusted Dockerfile text', () => {
  it('keeps an ARG value with backticks, links and images inside code', () => {
    const text = `ARG X="a\` ${LINK} ${IMAGE} <img src=x onerror=y> \`\`"\nFROM scratch\nARG X\nRUN echo $X\n`;
    const offset = text.lastIndexOf('$X') + 1;
    const h = hover(text, offset);
    assert.ok(h, 'a hover on the variable');
    assertNoInjection(h.markdown, LINK);
  });

  it('keeps a FROM image with a backtick and a link inside code', () => {
    const text = `FROM evil\`${IMAGE}\`x\n`;
    const h = hover(text, 7);
    assert.ok(h);
    assertNoInjection(h.markdown, IMAGE);
  });

  it('keeps stage names and their base image inside code', () => {
    const text = `FROM a\`${IMAGE} AS base\nFROM base AS next\n`;
    const h = hover(text, text.indexOf('FROM base') + 6);
    assert.ok(h);
    assertNoInjection(h.markdown, IMAGE);
  });

  it('escapes image facts from the engine', () => {
    const md = imageFactsMarkdown({ id: 'sha256:' + 'a'.repeat(64), platform: 'linux/amd64', size: 1, created: 0, user: `r\`${LINK}`,
      workdir: '/w', entrypoint: [`\`\`${IMAGE}`], cmd: [], exposed: ['80/tcp'] }, 1000);
    assertNoInjection(md, LINK);
    assertNoInjection(md, IMAGE);
  });

  it('code spans: fences longer than any backtick run, no line breaks, bounded length', () => {
    assert.equal(mdCode('a'), '`a`');
    assert.equal(mdCode('a`b'), '``a`b``');
    assert.equal(mdCode('`x`'), '`` `x` ``');
    assert.ok(!mdCode('a\n\n# h').includes('\n'));
    assert.ok(mdCode('x'.repeat(10_000)).length < 300);
  });

  it('text: markdown punctuation is escaped', () => {
    assert.equal(mdText('[a](b)'), '\\[a\\]\\(b\\)');
    assert.ok(!/https:\/\//.test(mdText('https://evil.example')));
  });
});

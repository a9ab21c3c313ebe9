import { strict as assert } from 'node:assert';
import { hover } from '../../../src/dockerfile/hover';
import { imageFactsMarkdown, mdCode, mdText, mdTextLines } from '../../../src/shared/markdown';
import { assertNoInjection, HOSTILE } from './markdownCheck';

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

  it('lines of text: each line escaped, no blank line, nothing hostile renders', () => {
    const md = mdTextLines(`Task x\n\n${HOSTILE.join('\n\n')}\nImage: https://evil.example/?k=1`);
    assertNoInjection(md);
    assert.ok(!/\n\s*\n/.test(md), 'no paragraph break');
  });
});

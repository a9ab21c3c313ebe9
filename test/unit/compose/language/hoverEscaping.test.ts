import { strict as assert } from 'node:assert';
import { analyzeCompose } from '../../../../src/compose/language/analyze';
import { hoverAt, imageHoverMarkdown } from '../../../../src/compose/language/hover';
import { assertNoInjection, HOSTILE } from '../../shared/markdownCheck';
import { at } from './helpers';

describe('compose hover: values from the file, .env and the engine render as text', () => {
  for (const [n, evil] of HOSTILE.entries()) {
    it(`a variable's value (${n}) stays inside code`, () => {
      const text = 'services:\n  web:\n    image: "app:${TAG}-${MISSING:-' + 'd}"\n    command: ${REQ:?boom}\n';
      const a = analyzeCompose(text, { environment: { TAG: evil } });
      const h = hoverAt(a.tree, a.model, a.variables, at(text, 'TAG', 0, 1));
      assert.ok(h);
      assertNoInjection(h.markdown, 'evil');
    });

    it(`an image: reference and the image's config (${n}) render as text`, () => {
      const md = imageHoverMarkdown(`app${evil}`, {
        id: 'sha256:' + 'a'.repeat(64), platform: 'linux/amd64', size: 1, created: 0, user: evil, workdir: evil,
        entrypoint: [evil], cmd: ['sh', '-c', evil], exposed: [evil],
      }, 1000);
      assertNoInjection(md);
      assert.ok(md.includes('evil'), 'the value is shown');
    });
  }

  it('a required variable\'s message and a default stay inside code', () => {
    const text = 'services:\n  web:\n    image: "${A:-x`![](https://evil.example/?k=1)`}"\n    command: "${B:?`![](https://evil.example/?k=2)`}"\n';
    const a = analyzeCompose(text);
    assertNoInjection(hoverAt(a.tree, a.model, a.variables, at(text, '{A', 0, 1))!.markdown);
    assertNoInjection(hoverAt(a.tree, a.model, a.variables, at(text, '{B', 0, 1))!.markdown);
  });

  it('a referenced definition\'s image stays inside code', () => {
    const text = 'services:\n  web:\n    image: "x`![](https://evil.example/?k=1)`"\n  other:\n    image: y\n    depends_on: [web]\n';
    const a = analyzeCompose(text);
    const h = hoverAt(a.tree, a.model, a.variables, at(text, '[web', 0, 2));
    assert.ok(h);
    assertNoInjection(h.markdown, 'evil.example');
  });
});

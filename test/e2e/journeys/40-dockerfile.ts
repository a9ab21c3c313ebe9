// Journey 40: open a Dockerfile: the Problems panel lists BuildKit and hadolint codes, completion after
// `FROM ` offers the engine's local test image, and a quick fix corrects the file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Journey } from '../harness/journey';
import { waitUntil } from '../harness/workbench';

const journey: Journey = {
  name: 'dockerfile',
  description: 'Dockerfile: problems with their codes, FROM completion from the engine\'s images, a quick fix',
  timeoutMs: 180_000,
  async run(t) {
    const folder = t.unique('dockerfile');
    const dir = path.join(t.workspace, folder);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'lint-e2e.dockerfile'), 'FROM dockyard-test/busybox:latest as Build\nRUN cd /tmp && echo hi\nCMD echo done\n');
    try {
      // Open it as a user would with File: Open File… (the simple file picker takes a path).
      await t.wb.runCommand('File: Open File...');
      await t.page.locator('.quick-input-widget .quick-input-title', { hasText: 'Open File' }).waitFor({ timeout: 15_000 });
      const input = t.page.locator('.quick-input-widget .quick-input-box input');
      await input.waitFor({ timeout: 15_000 });
      // The picker fills in its starting folder itself: typing before that gets appended to it.
      await waitUntil(async () => ((await input.inputValue()) ? true : undefined), 'the Open File picker\'s starting folder', { timeoutMs: 15_000 });
      // It may also rewrite its value once more after that: type the folder again until it holds.
      const want = dir + path.sep;
      const fileRow = t.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'lint-e2e.dockerfile' }).first();
      await waitUntil(async () => {
        if ((await input.inputValue()) !== want) await input.fill(want);
        return (await fileRow.isVisible()) ? true : undefined;
      }, 'lint-e2e.dockerfile in the Open File picker', { timeoutMs: 15_000, intervalMs: 500 });
      await fileRow.click();
      await t.wb.waitForEditor(/^lint-e2e\.dockerfile/, { timeoutMs: 30_000 });

      // Problems panel: the codes of both rule families.
      await t.wb.runCommand('View: Focus Problems');
      const expected = [/keywords' casing do not match/, /Using latest is prone to errors/, /Use WORKDIR to switch to a directory/, /JSON arguments recommended for CMD/];
      const problems = await waitUntil(async () => {
        const p = await t.wb.problems();
        return expected.every((re) => p.some((x) => re.test(x))) ? p : undefined;
      }, 'the Dockerfile problems (FromAsCasing, DL3007, DL3003, JSONArgsRecommended)', { timeoutMs: 30_000 });
      t.log(`problems: ${problems.join(' | ')}`);
      await t.screenshot('problems');

      // Completion after FROM: the engine's local test image, with size and age.
      const editor = t.page.locator('.part.editor .editor-group-container.active .monaco-editor .view-lines').first();
      await editor.click();
      await t.page.keyboard.press('Control+End');
      await t.page.keyboard.type('FROM ');
      const suggestion = t.page.locator('.editor-widget.suggest-widget .monaco-list-row[aria-label^="dockyard-test/busybox"]').first();
      await suggestion.waitFor({ timeout: 30_000 }).catch(async () => {
        // the space trigger may race the image list: ask again, as a user would with Ctrl+Space
        await t.page.keyboard.press('Control+Space');
        await suggestion.waitFor({ timeout: 30_000 });
      });
      t.log(`suggestion: ${await suggestion.getAttribute('aria-label')}`);
      await t.screenshot('from-completion');
      await t.page.keyboard.press('Escape');
      await t.page.keyboard.press('Control+Z');

      await t.page.keyboard.press('Control+Z');
      // Quick fix on `as`: Go to Line 1:36, Ctrl+. → "Change 'as' to 'AS'".
      await t.page.keyboard.press('Control+G');
      await t.wb.answerInput(':1:36');
      await t.page.keyboard.press('Control+.');
      const fix = t.page.locator('.action-widget .monaco-list-row', { hasText: "Change 'as' to 'AS'" }).first();
      await fix.waitFor({ timeout: 30_000 });
      await t.screenshot('quick-fix');
      await fix.click();
      await waitUntil(async () => (/FROM dockyard-test\/busybox:latest AS Build/.test(await t.wb.activeEditorText()) ? true : undefined), 'the fixed FROM line', { timeoutMs: 15_000 });
      await t.wb.runCommand('View: Focus Problems');
      await waitUntil(async () => ((await t.wb.problems()).some((p) => /keywords' casing do not match/.test(p)) ? undefined : true), 'FromAsCasing gone from Problems', { timeoutMs: 15_000 });
      await t.screenshot('fixed');
      // Leave no dirty editor behind (the next journey closes all editors, which would ask to save).
      await waitUntil(async () => {
        await t.wb.runCommand('File: Revert File').catch(() => undefined);
        return (await t.page.locator('.part.editor .tab.dirty').count()) === 0 ? true : undefined;
      }, 'the edited Dockerfile reverted', { timeoutMs: 15_000 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
export default journey;

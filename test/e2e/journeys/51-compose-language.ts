// Journey 51: editing a compose file. A `depends_on` naming a missing service shows in Problems
// with its name; the lightbulb's "Change to "db"" fixes it and the problem goes; `image:` completes
// with the engine's local test image; hover on a key shows the Compose Specification's words and
// on an image the engine's facts; the Outline lists the services.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Journey } from '../harness/journey';
import { Section, waitUntil } from '../harness/workbench';

const COMPOSE = [
  'services:',
  '  web:',
  '    image: dockyard-test/busybox:latest',
  '    depends_on:',
  '      - dbb',
  '  db:',
  '    image: dockyard-test/busybox:latest',
  '  cache:',
  '    image: ',
  '',
].join('\n');

const journey: Journey = {
  name: 'compose-language',
  description: 'Compose file: an undefined depends_on service in Problems and its quick fix, image: completion from the engine, hover docs, services in the Outline',
  timeoutMs: 120_000,
  async run(t) {
    const folder = t.unique('composelang');
    const dir = path.join(t.workspace, folder);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'compose.yaml'), COMPOSE);
    const kb = t.page.keyboard;
    const goTo = async (line: number, col: number) => {
      await kb.press('Control+G');
      await t.wb.answerInput(`:${line}:${col}`);
    };
    try {
      await t.wb.runCommand('View: Close All Editors');
      const explorer = await t.wb.workspaceExplorer();
      await (await explorer.showChild(folder, 'compose.yaml', { timeoutMs: 30_000 })).click();
      await t.wb.waitForEditor(/^compose\.yaml/, { timeoutMs: 30_000 });

      // The missing service, named, in Problems.
      await t.wb.runCommand('View: Focus Problems');
      const problems = await waitUntil(async () => {
        const p = await t.wb.problems();
        return p.some((x) => /Service "dbb" is not defined/.test(x)) ? p : undefined;
      }, 'the problem naming the undefined service "dbb"', { timeoutMs: 30_000 });
      t.log(`problems: ${problems.join(' | ')}`);
      await t.screenshot('problems');

      // The quick fix from the lightbulb.
      const editor = t.page.locator('.part.editor .editor-group-container.active .monaco-editor .view-lines').first();
      await editor.click();
      await goTo(5, 10);
      await kb.press('Control+.');
      const fix = t.page.locator('.action-widget .monaco-list-row', { hasText: 'Change to "db"' }).first();
      await fix.waitFor({ timeout: 30_000 });
      await t.screenshot('quick-fix');
      await fix.click();
      await waitUntil(async () => (/- db\n/.test(await t.wb.activeEditorText()) ? true : undefined), 'depends_on fixed to db', { timeoutMs: 15_000 });
      await t.wb.runCommand('View: Focus Problems');
      await waitUntil(async () => ((await t.wb.problems()).some((p) => /"dbb"/.test(p)) ? undefined : true), 'the problem gone', { timeoutMs: 15_000 });

      // image: completes with the engine's local images.
      await editor.click();
      await goTo(9, 12);
      await kb.press('Control+Space');
      const suggestion = t.page.locator('.editor-widget.suggest-widget .monaco-list-row[aria-label^="dockyard-test/busybox"]').first();
      await suggestion.waitFor({ timeout: 30_000 }).catch(async () => {
        await kb.press('Escape');
        await kb.press('Control+Space');
        await suggestion.waitFor({ timeout: 30_000 });
      });
      t.log(`suggestion: ${await suggestion.getAttribute('aria-label')}`);
      await t.screenshot('image-completion');
      // Click the busybox row itself: other local images (the debug suite's node image) may sort first, so Enter could take another.
      await suggestion.click();
      await waitUntil(async () => (/cache:\n {4}image: dockyard-test\/busybox/.test(await t.wb.activeEditorText()) ? true : undefined), 'the image inserted', { timeoutMs: 15_000 });

      // Hover on a key: the schema's documentation.
      await goTo(4, 6);
      await kb.press('Control+K');
      await kb.press('Control+I');
      const hover = t.page.locator('.monaco-hover:not(.hidden) .monaco-hover-content').first();
      const text = await waitUntil(async () => {
        const s = await hover.innerText().catch(() => '');
        return /dependency between services/i.test(s) ? s : undefined;
      }, 'the hover on depends_on', { timeoutMs: 15_000 });
      t.log(`hover: ${text.replace(/\s+/g, ' ').slice(0, 160)}`);
      await t.screenshot('hover');
      await kb.press('Escape');

      // Hover on an image: the engine's facts about it.
      await goTo(3, 16);
      await kb.press('Control+K');
      await kb.press('Control+I');
      const imageHover = await waitUntil(async () => {
        const s = await hover.innerText().catch(() => '');
        return /Local image/.test(s) ? s : undefined;
      }, 'the hover on the image', { timeoutMs: 15_000 });
      t.log(`image hover: ${imageHover.replace(/\s+/g, ' ').slice(0, 160)}`);
      await t.screenshot('image-hover');
      await kb.press('Escape');

      // Outline: the services.
      await t.wb.openActivity('Explorer');
      const outline = new Section(t.wb, t.page.locator('.part.sidebar .pane:has(> .pane-header[aria-label^="Outline"])').first(), 'Outline');
      await outline.expand();
      await outline.waitForRow('services', { timeoutMs: 15_000 });
      await outline.expandRow('services').catch(() => undefined);
      await outline.waitForRow('cache', { timeoutMs: 15_000 });
      t.log(`outline: ${(await outline.labels()).join(', ')}`);
      await t.screenshot('outline');
      await outline.header.click();
      await t.wb.runCommand('File: Revert File').catch(() => undefined);
      await t.wb.runCommand('View: Close All Editors').catch(() => undefined);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
export default journey;

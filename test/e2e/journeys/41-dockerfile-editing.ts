// Journey 41: everyday Dockerfile editing. Hover on an instruction keyword and on a `--mount`
// flag shows their docs; completion offers the mount types after `RUN --mount=type=`, the file's
// stages after `COPY --from=` and the ARG/ENV names in scope after `$` (a stage's own
// ARG, ENV inherited from its parent stage); the DL3015 quick fix from the
// lightbulb adds `--no-install-recommends`; ShellCheck's SC2086 shows in Problems (the machine has
// Debian's shellcheck); Format Document upper-cases a keyword and tidies its spacing; the Outline lists the stages.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Journey } from '../harness/journey';
import { Section, waitUntil } from '../harness/workbench';

const DOCKERFILE = [
  'ARG VERSION=1.0',
  'FROM dockyard-test/busybox:1.36 AS builder',
  'ENV APP_HOME=/app',
  'RUN apt-get install -y curl',
  'FROM builder AS runtime',
  'ARG VERSION',
  'RUN --mount=type=cache,target=/root/.cache echo hi',
  'run   echo $HOME',
  '',
].join('\n');

const journey: Journey = {
  name: 'dockerfile-editing',
  description: 'Dockerfile: hover docs (keyword, --mount), completion of mount types, stages and variables, the DL3015 quick fix, ShellCheck in Problems, Format Document, stages in the Outline',
  timeoutMs: 120_000,
  async run(t) {
    const folder = t.unique('dfedit');
    const dir = path.join(t.workspace, folder);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'app.Dockerfile'), DOCKERFILE);
    const kb = t.page.keyboard;
    const goTo = async (line: number, col: number) => {
      await kb.press('Control+G');
      await t.wb.answerInput(`:${line}:${col}`);
    };
    const hover = t.page.locator('.monaco-hover:not(.hidden) .monaco-hover-content').first();
    const hoverAt = async (line: number, col: number, expected: RegExp, what: string) => {
      await goTo(line, col);
      await kb.press('Control+K');
      await kb.press('Control+I');
      const text = await waitUntil(async () => {
        const s = await hover.innerText().catch(() => '');
        return expected.test(s) ? s : undefined;
      }, `the hover on ${what}`, { timeoutMs: 15_000 });
      t.log(`hover ${what}: ${text.replace(/\s+/g, ' ').slice(0, 160)}`);
      await t.screenshot(`hover-${what.replace(/\W+/g, '')}`);
      await kb.press('Escape');
    };
    const suggestions = t.page.locator('.editor-widget.suggest-widget.visible .monaco-list-row');
    const labels = async () => suggestions.evaluateAll((rows) => rows.map((r) => (r.querySelector('.label-name')?.textContent ?? '').trim()));
    /** Types `text` on a new last line and waits for completion to offer every expected label. */
    const completes = async (text: string, expected: string[], shot: string) => {
      await kb.press('Control+End');
      await kb.type(text);
      const got = await waitUntil(async () => {
        const l = await labels();
        return expected.every((e) => l.includes(e)) ? l : undefined;
      }, `completion of "${text}" offering ${expected.join(', ')}`, { timeoutMs: 15_000 }).catch(async (e: unknown) => {
        // the trigger character may race the provider: ask again, as a user would with Ctrl+Space
        await kb.press('Control+Space');
        return waitUntil(async () => {
          const l = await labels();
          return expected.every((x) => l.includes(x)) ? l : undefined;
        }, `completion of "${text}" offering ${expected.join(', ')} (${String(e)})`, { timeoutMs: 15_000 });
      });
      t.log(`"${text}" → ${got.join(', ')}`);
      await t.screenshot(shot);
      await kb.press('Escape');
      await kb.press('Shift+Home');
      await kb.press('Shift+Home');
      await kb.press('Backspace');
    };
    try {
      await t.wb.runCommand('View: Close All Editors');
      const explorer = await t.wb.workspaceExplorer();
      await (await explorer.showChild(folder, 'app.Dockerfile', { timeoutMs: 30_000 })).click();
      await t.wb.waitForEditor(/^app\.Dockerfile/, { timeoutMs: 30_000 });
      const editor = t.page.locator('.part.editor .editor-group-container.active .monaco-editor .view-lines').first();
      await editor.click();

      await hoverAt(2, 2, /FROM[\s\S]*(base image|stage)/i, 'FROM');
      await hoverAt(7, 8, /--mount[\s\S]*type=bind\|cache\|tmpfs\|secret\|ssh/, '--mount');

      await kb.press('Control+End');
      await completes('RUN --mount=type=', ['bind', 'cache', 'tmpfs', 'secret', 'ssh'], 'mount-types');
      await completes('COPY --from=', ['builder'], 'copy-from');
      await completes('RUN echo $', ['VERSION', 'APP_HOME'], 'variables');

      // DL3015 from the lightbulb (Ctrl+. on the apt-get line).
      await goTo(4, 6);
      await kb.press('Control+.');
      const fix = t.page.locator('.action-widget .monaco-list-row', { hasText: 'Add --no-install-recommends' }).first();
      await fix.waitFor({ timeout: 30_000 });
      await t.screenshot('quick-fix');
      await fix.click();
      const fixed = await waitUntil(async () => {
        const line = (await t.wb.activeEditorText()).split('\n').find((l) => /apt-get/.test(l));
        return line && /--no-install-recommends/.test(line) ? line : undefined;
      }, 'the apt-get line with --no-install-recommends', { timeoutMs: 15_000 });
      t.log(`fixed: ${fixed.trim()}`);
      if (!/^RUN apt-get install (-y --no-install-recommends|--no-install-recommends -y) curl$/.test(fixed.trim())) throw new Error(`the fixed line reads "${fixed.trim()}"`);

      // ShellCheck on the last RUN, then Format Document.
      await t.wb.runCommand('View: Focus Problems');
      const sc = await waitUntil(async () => {
        const p = await t.wb.problems();
        return p.find((x) => /Double quote to prevent globbing/.test(x));
      }, 'ShellCheck\'s SC2086 in Problems', { timeoutMs: 30_000 });
      t.log(`shellcheck: ${sc}`);
      await t.screenshot('shellcheck-problem');
      await editor.click();
      await t.wb.runCommand('Format Document');
      const formatted = await waitUntil(async () => {
        const line = (await t.wb.activeEditorText()).split('\n').find((l) => /echo \$HOME/.test(l));
        return line && /^RUN echo \$HOME$/.test(line.trim()) ? line : undefined;
      }, 'the formatted RUN line', { timeoutMs: 15_000 });
      t.log(`formatted: ${formatted.trim()}`);
      await t.screenshot('formatted');

      // Outline: both stages.
      await t.wb.openActivity('Explorer');
      const outline = new Section(t.wb, t.page.locator('.part.sidebar .pane:has(> .pane-header[aria-label^="Outline"])').first(), 'Outline');
      await outline.expand();
      await outline.waitForRow('builder', { timeoutMs: 15_000 });
      await outline.waitForRow('runtime', { timeoutMs: 15_000 });
      t.log(`outline: ${(await outline.labels()).join(', ')}`);
      await t.screenshot('outline');
      await outline.header.click(); // collapse it again, as it was
      await t.wb.runCommand('File: Revert File').catch(() => undefined);
      await t.wb.runCommand('View: Close All Editors').catch(() => undefined);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
export default journey;

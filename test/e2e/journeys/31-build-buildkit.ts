// Journey 31: right-click a BuildKit Dockerfile (a cache mount and a secret mount) → Build
// Image…: the form asks where the secret comes from (an environment variable here), the
// terminal shows BuildKit's steps (#N [stage-0 i/n] RUN …, DONE) and the summary, and the
// image appears in the Images tree.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Journey, waitForImagesGone } from '../harness/journey';

const journey: Journey = {
  name: 'build-buildkit',
  description: 'Build Image… of a Dockerfile with RUN --mount=type=cache and type=secret: BuildKit steps in the terminal, the image in the tree',
  timeoutMs: 240_000,
  async run(t) {
    const folder = t.unique('bk');
    const dir = path.join(t.workspace, folder);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'buildkit.Dockerfile'), [
      'FROM dockyard-test/busybox',
      'LABEL dockyard.test=1',
      // The folder's unique name in each step: the e2e engine keeps BuildKit's cache between runs.
      `RUN --mount=type=cache,target=/cache echo "cache-mount-$((40+2)) ${folder}" | tee /cache/last`,
      `RUN --mount=type=secret,id=home test -s /run/secrets/home && echo "secret-mounted-$((40+2)) ${folder}"`,
      '',
    ].join('\n'));
    const title = t.page.locator('.quick-input-widget .quick-input-title');
    const rows = t.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    try {
      const explorer = await t.wb.workspaceExplorer();
      await explorer.showChild(folder, 'buildkit.Dockerfile', { timeoutMs: 30_000 });
      await explorer.contextMenu('buildkit.Dockerfile', 'Build Image…');
      await t.wb.answerInput(`${folder}:e2e`);
      await title.filter({ hasText: /options$/ }).waitFor({ timeout: 15_000 });
      await t.wb.answerInput('');

      // The secret: from an environment variable (HOME is set in every extension host).
      await title.filter({ hasText: /secret "home"$/ }).waitFor({ timeout: 15_000 });
      await t.screenshot('secret-source');
      await rows.filter({ hasText: /From an environment variable/ }).first().click();
      await title.filter({ hasText: /secret "home"$/ }).waitFor({ timeout: 15_000 });
      await t.wb.answerInput('HOME');

      // The terminal's DOM holds only its visible rows: maximise the panel so that every step stays in view.
      await t.wb.waitForNotification(new RegExp(`Built ${folder}:e2e`), { timeoutMs: 90_000 });
      await t.wb.runCommand('View: Toggle Maximized Panel');
      await t.wb.waitForTerminalText(/#\d+ [\d.]+ secret-mounted-42 [\s\S]*#\d+ DONE \d+\.\ds[\s\S]*\d+ steps, \d+ cached/, { timeoutMs: 30_000 });
      // BuildKit built it: its history records the RUN with the cache mount as a BuildKit step.
      const history = await t.docker.docker.getImage(`${folder}:e2e`).history() as { CreatedBy: string }[];
      const run = history.find((h) => h.CreatedBy.includes('cache-mount-'));
      t.log(`history: ${run?.CreatedBy}`);
      if (!run || !/buildkit/i.test(run.CreatedBy)) throw new Error(`no BuildKit RUN step in the image history: ${JSON.stringify(history.map((h) => h.CreatedBy))}`);
      t.log(`terminal (maximised): ${(await t.wb.terminalText()).replace(/\s+/g, ' ').slice(0, 600)}`);
      await t.screenshot('buildkit-terminal');
      await t.wb.runCommand('View: Toggle Maximized Panel');
      await t.wb.openActivity('Dockyard');
      const images = t.wb.section('Images');
      await images.expand();
      await images.waitForRow(folder, { timeoutMs: 30_000 });
      await t.screenshot('built-image');
      await t.wb.clearNotifications();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      await t.docker.removeTagsWithPrefix(folder).catch(() => undefined);
    }
    await waitForImagesGone(t, folder);
  },
};
export default journey;

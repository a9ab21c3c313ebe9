// Journey 30: right-click a Dockerfile in the Explorer → Build Image… → a tag: the build output
// streams into a terminal and the image appears (revealed) in the Images tree. A Dockerfile
// whose RUN fails puts the build's diagnostic in the Problems panel.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Journey, waitForImagesGone } from '../harness/journey';
import { waitUntil } from '../harness/workbench';

const journey: Journey = {
  name: 'build-image',
  description: 'Build Image… from the Explorer context menu: the image appears in the Images tree; a failing build shows its diagnostic in Problems',
  timeoutMs: 240_000,
  async run(t) {
    const folder = t.unique('build');
    const dir = path.join(t.workspace, folder);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'ok.Dockerfile'), 'FROM dockyard-test/busybox\nLABEL dockyard.test=1\nRUN echo "built-by-$((40+2))"\n');
    fs.writeFileSync(path.join(dir, 'broken.Dockerfile'), 'FROM dockyard-test/busybox\nLABEL dockyard.test=1\nRUN echo "before"\nRUN echo "failing on purpose" && exit 7\n');
    try {
      const explorer = await t.wb.workspaceExplorer();
      await explorer.showChild(folder, 'ok.Dockerfile', { timeoutMs: 30_000 });

      // Success: tag prompt, options (Enter), output in a terminal, the image revealed.
      await explorer.contextMenu('ok.Dockerfile', 'Build Image…');
      await t.wb.answerInput(`${folder}:e2e`);
      await t.page.locator('.quick-input-widget .quick-input-title', { hasText: /options$/ }).waitFor({ timeout: 15_000 });
      await t.wb.answerInput('');
      await t.wb.waitForTerminalText(/built-by-42/, { timeoutMs: 60_000 });
      await t.wb.waitForNotification(new RegExp(`Built ${folder}:e2e`), { timeoutMs: 60_000 });
      await t.wb.openActivity('Dockyard');
      const images = t.wb.section('Images');
      await images.expand();
      await images.waitForRow(folder, { timeoutMs: 30_000 });
      await images.waitForRow('e2e', { timeoutMs: 30_000 });
      await t.screenshot('built-image');
      await t.wb.clearNotifications();

      // Failure: the diagnostic on the failing RUN, in the Problems panel.
      await t.wb.openActivity('Explorer');
      // Let the Explorer settle after the switch (a menu opened mid-render stays open).
      await (await explorer.waitForRow('broken.Dockerfile')).click();
      await t.page.waitForTimeout(500);
      await explorer.contextMenu('broken.Dockerfile', 'Build Image…');
      await t.wb.answerInput(`${folder}-broken:e2e`);
      await t.page.locator('.quick-input-widget .quick-input-title', { hasText: /options$/ }).waitFor({ timeout: 15_000 });
      await t.wb.answerInput('');
      await t.wb.waitForNotification(/failed/, { timeoutMs: 60_000 });
      await t.wb.runCommand('View: Focus Problems');
      const problem = await waitUntil(async () => (await t.wb.problems()).find((p) => /non-zero code: 7|exit code: 7/.test(p)), 'the build diagnostic in the Problems panel', { timeoutMs: 30_000 });
      t.log(`problem: ${problem}`);
      await t.screenshot('build-problem');
      await t.wb.clearNotifications();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      await t.docker.removeTagsWithPrefix(folder).catch(() => undefined);
    }
    await waitForImagesGone(t, folder);
  },
};
export default journey;

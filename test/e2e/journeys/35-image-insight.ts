// Journey 35: build a Dockerfile from the Explorer, then its editor shows what each instruction's
// layer added as inline hints, and the image row in the Images tree expands to Layers (wasted
// space and efficiency on the node) whose layers list their files.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Journey, waitForImagesGone } from '../harness/journey';
import { waitUntil } from '../harness/workbench';

const journey: Journey = {
  name: 'image-insight',
  description: 'After Build Image…, the Dockerfile shows +size hints per instruction and the image expands to Layers with files',
  timeoutMs: 240_000,
  async run(t) {
    const folder = t.unique('insight');
    const dir = path.join(t.workspace, folder);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'Dockerfile'), `FROM dockyard-test/busybox\nLABEL dockyard.test=1\nRUN head -c 5000 /dev/zero > /${folder}.bin\nCMD ["sh"]\n`);
    try {
      const explorer = await t.wb.workspaceExplorer();
      await explorer.showChild(folder, 'Dockerfile', { timeoutMs: 30_000 });
      await explorer.contextMenu('Dockerfile', 'Build Image…');
      await t.wb.answerInput(`${folder}:e2e`);
      await t.page.locator('.quick-input-widget .quick-input-title', { hasText: /options$/ }).waitFor({ timeout: 15_000 });
      await t.wb.answerInput('');
      await t.wb.waitForNotification(new RegExp(`Built ${folder}:e2e`), { timeoutMs: 90_000 });
      await t.wb.clearNotifications();

      // The hints in the Dockerfile's editor.
      await t.wb.openFile(`${folder}/Dockerfile`);
      const text = await waitUntil(async () => {
        const s = await t.wb.activeEditorText();
        return /\+5\.00 kB/.test(s) ? s : undefined;
      }, 'the +5.00 kB hint on the RUN line', { timeoutMs: 60_000 });
      t.log(`editor: ${text.replace(/\s+/g, ' ').slice(0, 200)}`);
      await t.screenshot('dockerfile-hints');

      // The Layers node under the image.
      await t.wb.openActivity('Dockyard');
      // Room for the layers and their files: the other views collapsed.
      for (const o of ['Containers', 'Volumes', 'Networks', 'Registries'].map((title) => t.wb.section(title))) {
        if ((await o.header.getAttribute('aria-expanded')) === 'true') await o.header.click();
      }
      const images = t.wb.section('Images');
      await images.showChild(folder, 'e2e', { timeoutMs: 30_000 });
      await images.expandRow('e2e');
      await images.waitForRow('Layers', { timeoutMs: 30_000 });
      await images.expandRow('Layers');
      const info = await images.waitForRowInfo('Layers', (i) => /efficiency/.test(i.description), 'wasted space and efficiency', { timeoutMs: 60_000 });
      t.log(`Layers: ${info.description}`);
      const run = `RUN head -c 5000 /dev/zero > /${folder}.bin`;
      await images.waitForRow(run, { timeoutMs: 30_000 });
      await images.expandRow(run);
      await images.waitForRowInfo(`${folder}.bin`, (i) => /added · 5\.00 kB/.test(i.description), 'the file with its size', { timeoutMs: 30_000 });
      await t.screenshot('layers');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      await t.docker.removeTagsWithPrefix(folder).catch(() => undefined);
    }
    await waitForImagesGone(t, folder);
  },
};
export default journey;

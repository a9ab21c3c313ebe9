// Journey 11: the engine at a glance from the palette. "Dockyard: Show Engine Version and Info"
// and "Dockyard: Show Disk Usage" each open a readable document (a markdown preview) with the
// engine's version, and the Images row of the disk usage with the engine's image count.
import type { Frame } from 'playwright-core';
import type { Journey, JourneyContext } from '../harness/journey';
import { waitUntil } from '../harness/workbench';

/** The text of a markdown preview (a webview: frames inside frames) matching `match`. */
async function previewText(t: JourneyContext, match: RegExp, what: string): Promise<string> {
  return waitUntil(async () => {
    for (const f of t.page.frames() as Frame[]) {
      const body = f.locator('.markdown-body').first();
      const text = (await body.count().catch(() => 0)) ? await body.innerText().catch(() => '') : '';
      if (match.test(text)) return text;
    }
    return undefined;
  }, what);
}

/** Waits for the active editor tab to read `label` (a webview tab has no resource name). */
async function activeTab(t: JourneyContext, label: string): Promise<void> {
  const tab = t.page.locator('.part.editor .tabs-container .tab.active .label-name').first();
  await waitUntil(async () => (await tab.innerText().catch(() => '')).trim() === label || undefined, `the active tab "${label}"`);
}

/** Only the rendered document shows: no tab with the generated markdown source next to it. */
async function noSourceTab(t: JourneyContext, file: string): Promise<void> {
  const tabs = (await t.page.locator('.part.editor .tabs-container .tab .label-name').allInnerTexts()).map((s) => s.trim());
  t.log(`tabs: ${tabs.join(', ')}`);
  if (tabs.includes(file)) throw new Error(`the markdown source ${file} is open next to its preview: ${tabs.join(', ')}`);
}

const journey: Journey = {
  name: 'system',
  description: 'Show Engine Version and Info, Show Disk Usage: readable documents with the engine version and the Images row',
  async run(t) {
    const version = await t.docker.docker.version();
    await t.wb.runCommand('Dockyard: Show Engine Version and Info');
    await activeTab(t, 'Preview engine.md');
    const info = await previewText(t, /Docker engine/, 'the engine info preview');
    const engineRow = info.split('\n').find((l) => /^Engine\b/.test(l.trim())) ?? '';
    t.log(`engine row: ${engineRow.replace(/\t/g, ' | ')}`);
    if (!engineRow.includes(version.Version) || !engineRow.includes(version.ApiVersion)) throw new Error(`the Engine row does not show ${version.Version} (API ${version.ApiVersion}): ${engineRow}`);
    await noSourceTab(t, 'engine.md');
    await t.screenshot('engine-info');

    const df = await t.docker.docker.df() as { Images?: unknown[] };
    await t.wb.runCommand('Dockyard: Show Disk Usage');
    await activeTab(t, 'Preview disk-usage.md');
    const usage = await previewText(t, /Docker disk usage/, 'the disk usage preview');
    const imagesRow = usage.split('\n').find((l) => /^Images\b/.test(l.trim())) ?? '';
    t.log(`images row: ${imagesRow.replace(/\t/g, ' | ')}`);
    const count = (df.Images ?? []).length;
    if (!new RegExp(`^Images\\s+${count}\\s`).test(imagesRow.trim())) throw new Error(`the Images row does not count ${count} images: ${imagesRow}`);
    if (!/Total reclaimable/.test(usage)) throw new Error(`no total reclaimable line: ${usage}`);
    await noSourceTab(t, 'disk-usage.md');
    await t.screenshot('disk-usage');

    await t.wb.runCommand('View: Close All Editors');
    await waitUntil(async () => !(await t.wb.activeEditorTitle()) || undefined, 'the editors to close');
  },
};
export default journey;

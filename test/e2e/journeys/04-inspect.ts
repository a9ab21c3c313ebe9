// Journey 4: Inspect (context menu) opens a read-only JSON document with the container's id.
import type { Journey } from '../harness/journey';
import { waitUntil } from '../harness/workbench';

const journey: Journey = {
  name: 'inspect',
  description: 'Inspect opens a JSON document containing the container id',
  async run(t) {
    await t.wb.openActivity('Dockyard');
    const section = t.wb.section('Containers');
    await section.expand();
    const c = await t.docker.container(t.unique('inspected'));
    await section.waitForRowInfo(c.name, (i) => /running/i.test(i.ariaLabel), 'running');
    await section.contextMenu(c.name, 'Inspect');
    await t.wb.waitForEditor(new RegExp(`${c.name}.*\\.json`));
    await waitUntil(async () => (await t.wb.activeEditorText()).includes(c.id), `the inspect document to show ${c.id}`);
    await t.screenshot('document');
    // Leave the editor area clean for the next journey.
    await t.wb.runCommand('View: Close All Editors');
  },
};
export default journey;

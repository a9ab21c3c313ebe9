// Journey 22: Run with Defaults from the Images tree: an interactive terminal attached to the new
// container (the test image's CMD is sh, so -it --rm), which appears in the Containers view.
import type { Journey } from '../harness/journey';
import { waitUntil } from '../harness/workbench';

const journey: Journey = {
  name: 'run-image',
  description: 'Run with Defaults on an image opens an attached terminal and the new container appears',
  async run(t) {
    await t.wb.openActivity('Dockyard');
    const repo = `dockyard-e2e/${t.unique('runme')}`;
    const tag = 'run1';
    await t.docker.tag(repo, tag);
    const images = t.wb.section('Images');
    await images.showChild(repo, tag);
    const containers = t.wb.section('Containers');
    await containers.expand();
    const before = new Set(await containers.labels());
    await images.contextMenu(tag, 'Run with Defaults');
    await t.wb.waitForTerminalText(/Ctrl-P Ctrl-Q/);
    const name = await waitUntil(async () => (await containers.labels()).find((l) => !before.has(l)), 'the new container in the Containers view');
    await containers.waitForRowInfo(name, (i) => /running/i.test(i.ariaLabel) || i.description.includes(repo), 'running from the image');
    await t.page.keyboard.type('echo "ran-$((2+3))"\n');
    await t.wb.waitForTerminalText(/ran-5/);
    await t.screenshot('terminal');
    // --rm: exiting the shell removes the container.
    await t.page.keyboard.type('exit\n');
    await t.wb.waitForTerminalText(/exited with code 0/);
    await containers.waitForNoRow(name);
    await t.page.keyboard.press('Enter');
  },
};
export default journey;

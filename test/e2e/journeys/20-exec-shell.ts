// Journey 20: Open Shell from a running container's context menu, type a command, see its output.
import type { Journey } from '../harness/journey';

const journey: Journey = {
  name: 'exec-shell',
  description: 'Open Shell on a container runs sh (no bash in the image) and shows command output in the terminal',
  async run(t) {
    await t.wb.openActivity('Dockyard');
    const section = t.wb.section('Containers');
    await section.expand();
    const c = await t.docker.container(t.unique('shell'));
    await section.waitForRowInfo(c.name, (i) => /running/i.test(i.ariaLabel), 'running');
    await section.contextMenu(c.name, 'Open Shell');
    await t.wb.waitForTerminalText(/closing the terminal ends this shell/);
    await t.wb.waitForTerminalText(/[#$] ?$/m);
    await t.page.keyboard.type('echo "dockyard-$((6*7))" && stty size\n');
    await t.wb.waitForTerminalText(/dockyard-42/);
    await t.screenshot('terminal');
    await t.page.keyboard.type('exit 3\n');
    await t.wb.waitForTerminalText(/process exited with code 3/);
    await t.page.keyboard.press('Enter'); // any key closes it
  },
};
export default journey;

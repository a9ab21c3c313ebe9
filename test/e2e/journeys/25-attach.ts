// Journey 25: Attach to a running TTY container (docker run -it … sh) from the Containers tree:
// what is typed reaches its shell and echoes back; closing the terminal detaches and the
// container keeps running.
import { TEST_LABELS } from '../harness/docker';
import type { Journey } from '../harness/journey';
import { waitUntil } from '../harness/workbench';

const journey: Journey = {
  name: 'attach',
  description: 'Attach to a running -it container: typed input echoes; closing the terminal leaves it running',
  timeoutMs: 60_000,
  async run(t) {
    await t.wb.openActivity('Dockyard');
    const section = t.wb.section('Containers');
    await section.expand();
    const name = t.unique('tty');
    const created = await t.docker.docker.createContainer({
      name, Image: t.docker.image, Cmd: ['sh'], Tty: true, OpenStdin: true, Labels: TEST_LABELS, StopSignal: 'SIGKILL',
      HostConfig: { NetworkMode: 'none' },
    });
    await created.start();
    await section.waitForRowInfo(name, (i) => /running/i.test(i.ariaLabel), 'running');
    await section.contextMenu(name, 'Attach');
    await t.wb.waitForTerminalText(new RegExp(`attached to ${name}`));
    // The shell already printed its prompt before we attached: a new line brings one up.
    await t.page.keyboard.type('\n');
    await t.page.keyboard.type('echo "attached-$((6*7))"\n');
    await t.wb.waitForTerminalText(/attached-42/, { timeoutMs: 15_000 });
    await t.screenshot('attached');

    await t.wb.runCommand('Terminal: Kill the Active Terminal Instance');
    await waitUntil(async () => (/attached-42/.test(await t.wb.terminalText()) ? undefined : true), 'the attach terminal to close', { timeoutMs: 15_000 });
    // What is checked is that nothing happens: give a wrongly forwarded end-of-input (or a
    // stop) the time to reach the container before looking.
    await t.page.waitForTimeout(1000);
    const state = (await created.inspect()).State;
    if (!state.Running) throw new Error(`closing the attach terminal stopped the container (${state.Status})`);
    await section.waitForRowInfo(name, (i) => /running/i.test(i.ariaLabel), 'still running after detaching');
    t.log(`after detaching: running since ${state.StartedAt}`);
    await t.screenshot('detached');
  },
};
export default journey;

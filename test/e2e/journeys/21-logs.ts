// Journey 21: View Logs from the context menu shows the container's output, following it.
import type { Journey } from '../harness/journey';

const journey: Journey = {
  name: 'logs',
  description: 'View Logs from the context menu shows the container output in a terminal and follows new lines',
  async run(t) {
    await t.wb.openActivity('Dockyard');
    const section = t.wb.section('Containers');
    await section.expand();
    const c = await t.docker.container(t.unique('logs'), { cmd: ['sh', '-c', 'echo hello-from-logs; sleep 2; echo second-line; sleep 3600'] });
    await section.waitForRowInfo(c.name, (i) => /running/i.test(i.ariaLabel), 'running');
    await section.contextMenu(c.name, 'View Logs');
    await t.wb.waitForTerminalText(/hello-from-logs/);
    await t.wb.waitForTerminalText(/second-line/);
    await t.screenshot('terminal');
    await t.wb.runCommand('Terminal: Kill the Active Terminal Instance');
  },
};
export default journey;

// Journey 24: View Logs on a container, then Restart it from the tree: the logs terminal keeps
// following — it says the container stopped and started again, and shows the new run's lines
// (and not the old ones a second time).
import type { Journey } from '../harness/journey';

const journey: Journey = {
  name: 'logs-restart',
  description: 'Logs follow across Restart from the tree: a restart banner and the new run\'s lines in the same terminal',
  timeoutMs: 90_000,
  async run(t) {
    await t.wb.openActivity('Dockyard');
    const section = t.wb.section('Containers');
    await section.expand();
    // Each run prints its number (kept in the container's own /tmp across restarts).
    const script = 'n=$(( $(cat /tmp/n 2>/dev/null || echo 0) + 1 )); echo $n > /tmp/n; echo "boot-$n"; sleep 3600';
    const c = await t.docker.container(t.unique('relog'), { cmd: ['sh', '-c', script] });
    await section.waitForRowInfo(c.name, (i) => /running/i.test(i.ariaLabel), 'running');
    await section.contextMenu(c.name, 'View Logs');
    await t.wb.waitForTerminalText(/boot-1/);

    await section.contextMenu(c.name, 'Restart');
    const text = await t.wb.waitForTerminalText(/boot-2/, { timeoutMs: 30_000 });
    if (!/container .* (started|restarted)/.test(text)) throw new Error(`no restart banner in the logs terminal:\n${text}`);
    if ((text.match(/boot-1/g) ?? []).length !== 1) throw new Error(`the first run's lines were shown again:\n${text}`);
    if (!text.includes(`logs of ${c.name}`) || /press any key to close/.test(text)) throw new Error(`not the same, still following terminal:\n${text}`);
    await t.screenshot('after-restart');
    await t.wb.clearNotifications();
    await t.wb.runCommand('Terminal: Kill the Active Terminal Instance');
  },
};
export default journey;

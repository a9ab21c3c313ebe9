// Journey 50: right-click the workspace's compose.yaml → Compose Up: the CLI runs in a terminal
// and the project's group appears in the Containers view with both services running; the
// group's context menu → Compose Down Project… → confirm: the group and its containers go.
import type { Journey } from '../harness/journey';
import { waitUntil } from '../harness/workbench';

const PROJECT = 'workspace';

const journey: Journey = {
  name: 'compose',
  description: 'Compose Up from the Explorer shows the project group running; Down from the group removes it',
  timeoutMs: 90_000,
  async run(t) {
    const explorer = await t.wb.workspaceExplorer();
    await explorer.expand();
    await (await explorer.waitForRow('compose.yaml', { timeoutMs: 30_000 })).click();
    await t.page.waitForTimeout(300);
    const items = await explorer.contextMenuItems('compose.yaml');
    const want = ['Compose Up', 'Compose Up Selected Services…', 'Compose Down', 'Compose Restart', 'Compose Logs'];
    const missing = want.filter((w) => !items.includes(w));
    if (missing.length) throw new Error(`compose.yaml's context menu lacks ${missing.join(', ')} (has ${items.join(', ')})`);
    await explorer.contextMenu('compose.yaml', 'Compose Up');
    // The terminal stays open with the CLI's output and how it ended.
    await t.wb.waitForTerminalText(/Creating workspace_web_1[\s\S]*compose up finished/, { timeoutMs: 30_000 });

    await t.wb.openActivity('Dockyard');
    const containers = t.wb.section('Containers');
    await containers.expand();
    await containers.waitForRowInfo(PROJECT, (i) => /2\/2 running/.test(i.description), 'both services running', { timeoutMs: 30_000 });
    const labels = await containers.labels();
    t.log(`containers: ${labels.join(', ')}`);
    // Still there once the terminal had time to go (VS Code closes a finished program's terminal).
    await t.page.waitForTimeout(1000);
    const still = await t.wb.terminalText();
    if (!/compose up finished/.test(still)) throw new Error(`the Compose Up terminal no longer shows its output: ${still}`);
    await t.screenshot('up');

    const menu = await containers.contextMenuItems(PROJECT);
    t.log(`project menu: ${menu.join(', ')}`);
    if (!menu.includes('Stop Project') || !menu.includes('Compose Logs of Project')) throw new Error(`the project's context menu: ${menu.join(', ')}`);
    // The project's logs over the Engine API: every service's lines, prefixed by service.
    await containers.contextMenu(PROJECT, 'Compose Logs of Project');
    const logs = await t.wb.waitForTerminalText(/worker-1 \| worker ready/, { timeoutMs: 30_000 });
    t.log(`project logs: ${logs.split('\n').filter((l) => / \| /.test(l)).slice(0, 3).join(' / ')}`);
    await t.screenshot('project-logs');
    await containers.contextMenu(PROJECT, 'Compose Down Project…');
    await t.wb.waitForDialog(/down/i);
    await t.screenshot('confirm-down');
    await t.wb.confirm('Down');
    await containers.waitForNoRow(PROJECT, { timeoutMs: 30_000 });
    const left = await waitUntil(async () => {
      const list = await t.docker.docker.listContainers({ all: true, filters: JSON.stringify({ label: [`com.docker.compose.project=${PROJECT}`] }) });
      return list.length === 0 ? 'none' : undefined;
    }, 'the project containers to be gone from the engine');
    t.log(`left on the engine: ${left}`);
    await t.wb.waitForTerminalText(/Removing workspace_web_1[\s\S]*compose down finished/, { timeoutMs: 30_000 });
    await t.screenshot('down');
    await containers.waitForWelcome(/No containers yet/); // the view says what to do next
    // Leave the page as found: the two compose terminals and the compose.yaml editor.
    await t.wb.runCommand('Terminal: Kill All Terminals');
    await t.wb.runCommand('View: Close All Editors');
  },
};
export default journey;

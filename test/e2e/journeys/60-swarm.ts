// Journey 60: Docker Swarm. "Initialize Swarm on This Engine…" from the palette (advertise address
// on loopback) makes the e2e engine a one-node swarm, and the Services view appears. A 2-replica
// service shows as 2/2 with its tasks, its logs merged in one terminal (task@node prefixes), the
// node as leading manager, a secret made from the editor selection (then removed); Scale Service… to 3 changes the engine's replica count and
// the row follows (3/3) from events. The swarm is left again afterwards, and the views hide.
import * as net from 'node:net';
import type Docker from 'dockerode';
import type { Journey } from '../harness/journey';
import { waitUntil } from '../harness/workbench';

async function freeLowPort(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const ok = await new Promise<boolean>((resolve) => {
      const srv = net.createServer();
      srv.once('error', () => resolve(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
    });
    if (ok) return port;
  }
  throw new Error('no free port');
}

const journey: Journey = {
  name: 'swarm',
  description: 'Initialize Swarm shows the Services view; a 2-replica service reads 2/2; its merged logs; the node; a secret from the selection; Scale Service… to 3 changes the engine and the row (3/3)',
  timeoutMs: 240_000,
  async run(t) {
    const d = t.docker.docker;
    const name = t.unique('svc');
    let serviceId: string | undefined;
    try {
      await t.wb.openActivity('Dockyard');
      await t.wb.runCommand('Dockyard: Initialize Swarm on This Engine…');
      await t.wb.answerInput(`127.0.0.1:${await freeLowPort()}`);
      const dialog = await t.wb.waitForDialog(/swarm manager\?/);
      t.log(`init asks: ${dialog.replace(/\n/g, ' | ')}`);
      await t.wb.confirm('Initialize');
      await waitUntil(async () => ((await d.info()) as { Swarm?: { ControlAvailable?: boolean } }).Swarm?.ControlAvailable, 'the engine to be a swarm manager', { timeoutMs: 30_000 });

      const services = t.wb.section('Services');
      await services.expand();
      const created = (await d.createService({
        Name: name,
        Labels: { 'dockyard.test': '1' },
        TaskTemplate: { ContainerSpec: { Image: t.docker.image, Args: ['sh', '-c', 'while true; do echo hi; sleep 1; done'], StopGracePeriod: 1e9 } },
        Mode: { Replicated: { Replicas: 2 } },
      } as unknown as Docker.ServiceSpec)) as { id?: string; ID?: string };
      serviceId = created.id ?? created.ID;
      const two = await services.waitForRowInfo(name, (i) => /^2\/2 · replicated/.test(i.description), '2/2 running', { timeoutMs: 60_000 });
      t.log(`service row: ${two.description}`);
      await services.expandRow(name);
      await services.waitForRow(`${name}.1`);
      await services.waitForRow(`${name}.2`);
      await t.screenshot('two-of-two');

      // Service logs: both tasks merged in one terminal, each line prefixed with task@node.
      await services.contextMenu(name, 'View Service Logs');
      await t.wb.waitForTerminalText(new RegExp(`${name}\\.1@\\S+ \\| hi`), { timeoutMs: 30_000 });
      await t.wb.waitForTerminalText(new RegExp(`${name}\\.2@\\S+ \\| hi`), { timeoutMs: 30_000 });
      await t.screenshot('service-logs');
      await t.wb.runCommand('Terminal: Kill the Active Terminal Instance');

      // Nodes: this engine, a leading manager.
      const hostname = ((await d.listNodes()) as { Description?: { Hostname?: string } }[])[0].Description?.Hostname ?? '';
      const nodesView = t.wb.section('Nodes');
      await nodesView.expand();
      const nodeRow = await nodesView.waitForRowInfo(`${hostname} (this engine)`, (i) => /^manager \(leader\) · active · ready/.test(i.description), 'the node as leading manager');
      t.log(`node row: ${nodeRow.description}`);

      // A secret from the editor's selection: created on the engine, listed, its value never shown.
      const secretName = t.unique('secret');
      await t.wb.openFile('hello.sh');
      // Focus the text first (as journey 26 does): Ctrl+A elsewhere selects nothing in the editor.
      await t.page.locator('.part.editor .editor-group-container.active .monaco-editor .view-lines').first().click();
      await t.page.keyboard.press('Control+A');
      await t.page.locator('.part.statusbar', { hasText: /selected/ }).first().waitFor();
      await t.wb.runCommand('Dockyard: Create Secret…');
      await t.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'Selection' }).first().waitFor();
      await t.wb.answerInput('Selection');
      await t.wb.answerInput(secretName);
      const secretsView = t.wb.section('Secrets');
      await secretsView.expand();
      await secretsView.waitForRow(secretName);
      const onEngine = ((await d.listSecrets()) as { Spec?: { Name?: string } }[]).some((x) => x.Spec?.Name === secretName);
      if (!onEngine) throw new Error(`secret ${secretName} is not on the engine`);
      await t.screenshot('secret');
      await secretsView.contextMenu(secretName, 'Remove Secret…');
      await t.wb.waitForDialog(new RegExp(`Remove secret ${secretName}\\?`));
      await t.wb.confirm('Remove');
      await secretsView.waitForNoRow(secretName, { timeoutMs: 30_000 });
      await t.wb.runCommand('View: Close All Editors');

      await services.contextMenu(name, 'Scale Service…');
      await t.wb.answerInput('3');
      await waitUntil(async () => ((await d.getService(serviceId!).inspect()) as { Spec?: { Mode?: { Replicated?: { Replicas?: number } } } }).Spec?.Mode?.Replicated?.Replicas === 3, 'the engine to have 3 replicas', { timeoutMs: 20_000 });
      const three = await services.waitForRowInfo(name, (i) => /^3\/3/.test(i.description), '3/3 running', { timeoutMs: 60_000 });
      t.log(`after scale: ${three.description}`);
      await t.screenshot('three-of-three');

      await services.contextMenu(name, 'Remove Service…');
      await t.wb.waitForDialog(new RegExp(`Remove service ${name}\\?`));
      await t.wb.confirm('Remove');
      await services.waitForNoRow(name, { timeoutMs: 30_000 });
      serviceId = undefined;

      await t.wb.runCommand('Dockyard: Leave Swarm…');
      const leave = await t.wb.waitForDialog(/Leave the swarm/);
      t.log(`leave asks: ${leave.replace(/\n/g, ' | ')}`);
      if (!/last manager/.test(leave)) throw new Error(`leaving does not warn that this is the last manager: ${leave}`);
      await t.wb.confirm('Leave');
      await waitUntil(async () => ((await d.info()) as { Swarm?: { LocalNodeState?: string } }).Swarm?.LocalNodeState === 'inactive', 'the engine to leave the swarm', { timeoutMs: 30_000 });
    } finally {
      if (serviceId) await d.getService(serviceId).remove().catch(() => undefined);
      await d.swarmLeave({ force: true }).catch(() => undefined);
      // The swarm made docker_gwbridge, a host interface: remove it with the swarm.
      await d.getNetwork('docker_gwbridge').remove().catch(() => undefined);
    }
    // Leaving hides the swarm views again.
    await waitUntil(async () => !(await t.page.locator('.pane-header', { hasText: /^Services/ }).isVisible()), 'the Services view to hide', { timeoutMs: 30_000 });
  },
};
export default journey;

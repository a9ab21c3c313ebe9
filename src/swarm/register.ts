// Docker Swarm: the Services, Nodes, Secrets and Configs views (shown while the engine is a swarm
// manager, live from its events) and every swarm command, each id written out beside its handler.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import {
  ConfigSummary, needsTaskSettle, NodeSummary, parseLabel, SecretSummary, ServiceSummary, swarmViewsAffectedBy, SwarmViewKind,
  TASK_SETTLE_MS, validateSwarmObjectName,
} from '../engine/swarmModel';
import { Debouncer } from '../explorer/refresh';
import { ResourceTree } from '../explorer/resourceTree';
import { runProgram, exitSummary, RunningProgram } from '../compose/process';
import { OutputTerminal } from '../terminals/outputTerminal';
import { openExecShell, openLogs } from '../terminals/open';
import { openSessionTerminal } from '../terminals/pty';
import { introBanner } from '../terminals/session/banner';
import { ServiceLogsSession } from '../terminals/session/serviceLogs';
import { ReadOnlyDocuments, openJson } from '../ui/documents';
import { confirm, forEachTarget, PickEntry, reportFailures, targetsOrPick, treeTargets } from '../ui/pick';
import { validateReference } from '../shared/reference';
import { isSwarmItem, SwarmItem } from './items';
import { detectDockerCli, MISSING_DOCKER_CLI, stackDeployArgs, stackRmArgs, validateStackName } from './stack';
import { SwarmState } from './state';
import { ConfigsTree, NodesTree, SecretsTree, ServicesTree } from './trees';
import { followUpdate } from './update';
import { listenAddrFor, validateAdvertiseAddr, validateReplicas } from './validate';
import { cliEnvFor } from '../engine/hosts/resolve';

const t = vscode.l10n.t;

export interface SwarmViews {
  readonly state: SwarmState;
  readonly trees: Record<SwarmViewKind, ResourceTree>;
}

export function registerSwarm(ctx: Ctx, docs: ReadOnlyDocuments): SwarmViews {
  const state = ctx.own(new SwarmState(ctx.connection, ctx.log));
  const trees: Record<SwarmViewKind, ResourceTree> = {
    services: ctx.own(new ServicesTree(ctx, 'services', state)),
    nodes: ctx.own(new NodesTree(ctx, 'nodes', state)),
    secrets: ctx.own(new SecretsTree(ctx, 'secrets', state)),
    configs: ctx.own(new ConfigsTree(ctx, 'configs', state)),
  };
  // Live from the engine's events (service/node/secret/config, and task containers); a view
  // that is hidden (not a manager, collapsed) is not read at all.
  const debounce = new Debouncer<SwarmViewKind>(() => ctx.setting('explorer.refreshDebounceMs', 50), (kind) => trees[kind].refresh());
  ctx.own({ dispose: () => debounce.dispose() });
  const settles = new Set<NodeJS.Timeout>();
  ctx.own({ dispose: () => { for (const s of settles) clearTimeout(s); } });
  ctx.own(ctx.connection.onDidEvent((ev) => {
    if (!state.isManager) return;
    for (const kind of swarmViewsAffectedBy(ev)) debounce.trigger(kind);
    if (needsTaskSettle(ev)) {
      const timer = setTimeout(() => { settles.delete(timer); debounce.trigger('services'); }, TASK_SETTLE_MS);
      settles.add(timer);
    }
  }));
  ctx.own(ctx.connection.onDidRequestRefresh(() => { for (const tree of Object.values(trees)) tree.refresh(); }));
  ctx.own(state.onDidChange(() => { for (const tree of Object.values(trees)) tree.refresh(); }));

  const swarm = () => state.swarm;
  const ask = () => ctx.setting('confirmDestructiveActions', true);

  // ---- targets: the tree selection, or a quick pick from the palette ----------------------
  const serviceEntries = async (filter: (s: ServiceSummary) => boolean = () => true): Promise<PickEntry<ServiceSummary>[]> =>
    (await swarm().services()).filter(filter).sort((a, b) => a.name.localeCompare(b.name)).map((s) => ({ label: s.name, description: `${s.mode} · ${s.image}`, value: s }));
  const services = async (args: unknown[], verb: string, many = true, filter?: (s: ServiceSummary) => boolean): Promise<ServiceSummary[]> => {
    const [clicked] = args;
    if (clicked instanceof SwarmItem && clicked.row.kind === 'stack') return clicked.row.stack!.services.filter(filter ?? (() => true));
    return targetsOrPick(args, (x): x is SwarmItem => isSwarmItem(x) && x.row.kind === 'service', (i) => i.row.service!, () => serviceEntries(filter), 'Service', verb, many);
  };
  const nodes = async (args: unknown[], verb: string, filter: (n: NodeSummary) => boolean = () => true): Promise<NodeSummary[]> =>
    targetsOrPick(args, (x): x is SwarmItem => isSwarmItem(x) && x.row.kind === 'node', (i) => i.row.node!, async () => (await swarm().nodes()).filter(filter)
      .map((n) => ({ label: n.hostname, description: `${n.role} · ${n.availability} · ${n.state}`, value: n })), 'Node', verb, true);
  const secrets = async (args: unknown[], verb: string): Promise<SecretSummary[]> =>
    targetsOrPick(args, (x): x is SwarmItem => isSwarmItem(x) && x.row.kind === 'secret', (i) => i.row.secret!, async () => (await swarm().secrets())
      .map((s) => ({ label: s.name, value: s })), 'Secret', verb, true);
  const configs = async (args: unknown[], verb: string): Promise<ConfigSummary[]> =>
    targetsOrPick(args, (x): x is SwarmItem => isSwarmItem(x) && x.row.kind === 'config', (i) => i.row.config!, async () => (await swarm().configs())
      .map((c) => ({ label: c.name, value: c })), 'Config', verb, true);

  /** Tasks whose container runs on this engine (the others' containers are on other nodes). */
  const localTasks = (args: unknown[]): SwarmItem[] => {
    const tasks = treeTargets(args, (x): x is SwarmItem => isSwarmItem(x) && x.row.kind === 'task');
    const local = tasks.filter((i) => i.row.task?.containerId && i.row.task.nodeId === state.info?.nodeId);
    if (tasks.length && !local.length) throw new Error(t('The container of {0} runs on another node: connect Dockyard to that node\'s engine to reach it.', tasks[0].row.label));
    return local;
  };

  const nodeAction = (verb: string, act: (n: NodeSummary) => Promise<void>, filter?: (n: NodeSummary) => boolean) => async (...args: unknown[]) => {
    const targets = await nodes(args, verb, filter);
    const r = await forEachTarget(targets, (n) => n.hostname, act);
    reportFailures(ctx, verb, 'nodes', r.failed);
  };

  /** Reads a file or the editor's selection for a secret or config (never logged). */
  const readContent = async (noun: string): Promise<{ data: Buffer; suggested?: string } | undefined> => {
    const editor = vscode.window.activeTextEditor;
    const selection = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : undefined;
    const choices: (vscode.QuickPickItem & { from: 'selection' | 'file' })[] = [];
    if (selection !== undefined) choices.push({ label: t('Selection'), description: t('{0} characters selected in {1}', selection.length, path.basename(editor!.document.fileName)), from: 'selection' });
    choices.push({ label: t('File…'), description: t('read a file from disk'), from: 'file' });
    const pick = choices.length === 1 ? choices[0] : await vscode.window.showQuickPick(choices, { title: t('Create {0}: content from', noun) });
    if (!pick) return undefined;
    if (pick.from === 'selection') return { data: Buffer.from(selection!, 'utf8') };
    const [uri] = (await vscode.window.showOpenDialog({ canSelectMany: false, title: t('File whose content becomes the {0}', noun) })) ?? [];
    if (!uri) return undefined;
    const data = Buffer.from(await vscode.workspace.fs.readFile(uri));
    if (data.length > 500 * 1024) throw new Error(t('{0} is {1} KB: swarm {2}s hold at most 500 KB.', path.basename(uri.fsPath), Math.ceil(data.length / 1024), noun));
    return { data, suggested: path.basename(uri.fsPath).replace(/[^a-zA-Z0-9_.-]/g, '-').replace(/^[^a-zA-Z0-9]+|[^a-zA-Z0-9]+$/g, '') };
  };

  const createSwarmObject = async (noun: 'secret' | 'config', existing: () => Promise<{ name: string }[]>, create: (name: string, data: Buffer) => Promise<string>) => {
    const content = await readContent(noun);
    if (!content) return;
    const taken = new Set((await existing()).map((x) => x.name));
    const name = await vscode.window.showInputBox({
      title: t('Create {0}: name', noun),
      value: content.suggested,
      validateInput: (v) => validateSwarmObjectName(v, noun) ?? (taken.has(v) ? t('A {0} named {1} exists already (they cannot be changed: create one with a new name).', noun, v) : undefined),
    });
    if (!name) return;
    await create(name, content.data);
    void vscode.window.showInformationMessage(t('Created {0} {1}.', noun, name));
  };

  /** The compose file to deploy: the active YAML editor, a workspace compose file, or a file picked. */
  const stackFile = async (args: unknown[]): Promise<vscode.Uri | undefined> => {
    const [first] = args;
    if (first instanceof vscode.Uri) return first;
    const active = vscode.window.activeTextEditor?.document;
    if (active && /\.ya?ml$/i.test(active.fileName) && active.uri.scheme === 'file') return active.uri;
    const found = await vscode.workspace.findFiles('**/{docker-compose,compose,docker-stack,stack}*.{yml,yaml}', '**/node_modules/**', 50);
    const entries = [...found.map((u) => ({ label: vscode.workspace.asRelativePath(u), uri: u as vscode.Uri | undefined })), { label: t('Other file…'), uri: undefined }];
    const pick = await vscode.window.showQuickPick(entries, { title: t('Compose file to deploy as a stack') });
    if (!pick) return undefined;
    if (pick.uri) return pick.uri;
    const [uri] = (await vscode.window.showOpenDialog({ canSelectMany: false, filters: { YAML: ['yml', 'yaml'] } })) ?? [];
    return uri;
  };

  /** Runs `docker stack …` in a terminal that stays open with how it ended; trust-gated. */
  const runStackCli = async (title: string, args: string[], cwd: string | undefined): Promise<boolean> => {
    if (!vscode.workspace.isTrusted) throw new Error(t('Stacks are turned off in an untrusted workspace: deploying runs what the compose file names. Trust the workspace to use them.'));
    const env = cliEnvFor(ctx.connection.state.resolved, process.env);
    if (!(await detectDockerCli(env))) throw new Error(MISSING_DOCKER_CLI);
    ctx.log.info(`Stack: docker ${args.map((a) => JSON.stringify(a)).join(' ')}`);
    let program: RunningProgram | undefined;
    const terminal = new OutputTerminal(title, () => program?.stop(), 'layers');
    terminal.writeLine(`\x1b[2m> docker ${args.join(' ')}\x1b[0m`);
    program = runProgram('docker', args, { cwd, env }, (text) => terminal.write(text));
    terminal.show();
    const r = await program.done;
    const summary = r.error ? t('docker {0} did not start: {1}', args.slice(0, 2).join(' '), r.error) : exitSummary(`docker ${args.slice(0, 2).join(' ')}`, r.code, r.signal);
    terminal.finish(summary);
    if (r.error || r.code !== 0) {
      void vscode.window.showErrorMessage(t('{0} — its output is in the terminal "{1}".', summary, title));
      return false;
    }
    return true;
  };

  ctx.registerCommands({
    'dockyard.services.refresh': () => trees.services.refresh(),
    'dockyard.services.filter': async () => {
      const text = await vscode.window.showInputBox({ title: t('Filter services'), prompt: t('Show services whose name, image or stack contains…'), value: trees.services.filter });
      if (text !== undefined) trees.services.setFilter(text);
    },
    'dockyard.services.clearFilter': () => trees.services.setFilter(''),
    'dockyard.nodes.refresh': () => trees.nodes.refresh(),
    'dockyard.secrets.refresh': () => trees.secrets.refresh(),
    'dockyard.configs.refresh': () => trees.configs.refresh(),

    // ---- services ----
    'dockyard.service.scale': async (...args: unknown[]) => {
      const [s] = await services(args, 'scale', false, (x) => x.mode === 'replicated');
      if (!s) return;
      if (s.mode !== 'replicated') throw new Error(t('Service {0} is {1}: only replicated services have a replica count.', s.name, s.mode));
      const text = await vscode.window.showInputBox({ title: t('Scale {0}', s.name), prompt: t('Replicas (now {0})', s.replicas ?? 0), value: String(s.replicas ?? 1), validateInput: validateReplicas });
      if (text === undefined) return;
      await swarm().scale(s.id, Number(text.trim()));
    },

    'dockyard.service.updateImage': async (...args: unknown[]) => {
      const [s] = await services(args, 'update', false);
      if (!s) return;
      const image = await vscode.window.showInputBox({ title: t('Update {0} to image', s.name), value: s.image, prompt: t('Tasks are replaced one batch at a time (the service\'s update settings); a failure pauses the update.'), validateInput: (v) => validateReference(v.trim(), { allowDigest: true }) });
      if (!image || image.trim() === s.image) return;
      const warnings = await swarm().updateImage(s.id, image.trim());
      for (const w of warnings) ctx.log.warn(`Service ${s.name}: ${w}`);
      await followUpdate(ctx, state, s, t('Updating {0} to {1}', s.name, image.trim()));
    },

    'dockyard.service.rollback': async (...args: unknown[]) => {
      const [s] = await services(args, 'roll back', false, (x) => x.hasPrevious);
      if (!s) return;
      if (!(await confirm(ask(), t('Roll {0} back to its previous version?', s.name), t('Its tasks are replaced with the previous image and settings.'), t('Roll Back')))) return;
      await swarm().rollback(s.id);
      await followUpdate(ctx, state, s, t('Rolling back {0}', s.name));
    },

    'dockyard.service.restart': async (...args: unknown[]) => {
      const targets = await services(args, 'restart');
      if (!targets.length) return;
      if (!(await confirm(ask(), targets.length === 1 ? t('Restart every task of {0}?', targets[0].name) : t('Restart the tasks of {0} services?', targets.length), t('A forced update replaces the tasks one batch at a time.'), t('Restart')))) return;
      const r = await forEachTarget(targets, (s) => s.name, (s) => swarm().forceUpdate(s.id));
      reportFailures(ctx, 'restart', 'services', r.failed);
    },

    'dockyard.service.remove': async (...args: unknown[]) => {
      const targets = await services(args, 'remove');
      if (!targets.length) return;
      if (!(await confirm(ask(), targets.length === 1 ? t('Remove service {0}?', targets[0].name) : t('Remove {0} services?', targets.length), t('Its tasks are stopped and removed: {0}', targets.map((s) => s.name).join(', ')), t('Remove')))) return;
      const r = await forEachTarget(targets, (s) => s.name, (s) => swarm().removeService(s.id));
      reportFailures(ctx, 'remove', 'services', r.failed);
    },

    'dockyard.service.logs': async (...args: unknown[]) => {
      for (const s of await services(args, 'show the logs of', false)) {
        const session = new ServiceLogsSession(swarm(), s.id, { tail: ctx.setting<number>('logs.tail', 1000), timestamps: ctx.setting('logs.timestamps', false) });
        openSessionTerminal(ctx, t('logs: {0}', s.name), session, { icon: 'output', intro: introBanner([t('docker service logs -f {0} (all tasks, merged)', s.name)]) });
      }
    },

    'dockyard.service.inspect': async (...args: unknown[]) => {
      for (const s of await services(args, 'inspect', false)) await openJson(ctx, docs, `services/${s.name}`, () => swarm().inspectService(s.id));
    },

    'dockyard.task.logs': async (...args: unknown[]) => {
      for (const i of localTasks(args)) openLogs(ctx, ctx.connection.engine, { id: i.row.task!.containerId!, name: i.row.label });
    },

    'dockyard.task.shell': async (...args: unknown[]) => {
      for (const i of localTasks(args)) await openExecShell(ctx, ctx.connection.engine, { id: i.row.task!.containerId!, name: i.row.label });
    },

    'dockyard.task.inspect': async (...args: unknown[]) => {
      for (const i of treeTargets(args, (x): x is SwarmItem => isSwarmItem(x) && x.row.kind === 'task')) await openJson(ctx, docs, `tasks/${i.row.label}`, () => swarm().inspectTask(i.row.task!.id));
    },

    // ---- nodes ----
    'dockyard.node.drain': async (...args: unknown[]) => {
      const targets = await nodes(args, 'drain', (n) => n.availability !== 'drain');
      if (!targets.length) return;
      if (!(await confirm(ask(), targets.length === 1 ? t('Drain node {0}?', targets[0].hostname) : t('Drain {0} nodes?', targets.length), t('Its tasks are stopped and scheduled on other nodes; nothing new runs there until it is made active again.'), t('Drain')))) return;
      const r = await forEachTarget(targets, (n) => n.hostname, (n) => swarm().setAvailability(n.id, 'drain'));
      reportFailures(ctx, 'drain', 'nodes', r.failed);
    },
    'dockyard.node.activate': nodeAction('activate', (n) => swarm().setAvailability(n.id, 'active'), (n) => n.availability !== 'active'),
    'dockyard.node.pause': nodeAction('pause', (n) => swarm().setAvailability(n.id, 'pause'), (n) => n.availability === 'active'),
    'dockyard.node.promote': nodeAction('promote', (n) => swarm().setRole(n.id, 'manager'), (n) => n.role === 'worker'),
    'dockyard.node.demote': async (...args: unknown[]) => {
      const targets = await nodes(args, 'demote', (n) => n.role === 'manager');
      if (!targets.length) return;
      if (!(await confirm(ask(), t('Demote {0} to worker?', targets.map((n) => n.hostname).join(', ')), t('Fewer managers tolerate fewer failures: a swarm keeps working while more than half of its managers are up.'), t('Demote')))) return;
      const r = await forEachTarget(targets, (n) => n.hostname, (n) => swarm().setRole(n.id, 'worker'));
      reportFailures(ctx, 'demote', 'nodes', r.failed);
    },
    'dockyard.node.addLabel': async (...args: unknown[]) => {
      const targets = await nodes(args, 'label');
      if (!targets.length) return;
      const text = await vscode.window.showInputBox({ title: t('Label {0}', targets.map((n) => n.hostname).join(', ')), prompt: t('key=value (placement constraints read node.labels.key)'), validateInput: (v) => { const p = parseLabel(v); return 'reason' in p ? p.reason : undefined; } });
      if (!text) return;
      const p = parseLabel(text);
      if ('reason' in p) return;
      const r = await forEachTarget(targets, (n) => n.hostname, (n) => swarm().setNodeLabels(n.id, { [p.key]: p.value }));
      reportFailures(ctx, 'label', 'nodes', r.failed);
    },
    'dockyard.node.removeLabel': async (...args: unknown[]) => {
      const [n] = await nodes(args, 'remove a label from', (x) => Object.keys(x.labels).length > 0);
      if (!n) return;
      const keys = await vscode.window.showQuickPick(Object.entries(n.labels).map(([k, v]) => ({ label: k, description: v })), { title: t('Labels to remove from {0}', n.hostname), canPickMany: true });
      if (!keys?.length) return;
      await swarm().setNodeLabels(n.id, {}, keys.map((k) => k.label));
    },
    'dockyard.node.inspect': async (...args: unknown[]) => {
      for (const n of (await nodes(args, 'inspect')).slice(0, 5)) await openJson(ctx, docs, `nodes/${n.hostname}`, () => swarm().inspectNode(n.id));
    },

    // ---- secrets and configs ----
    'dockyard.secret.create': () => createSwarmObject('secret', () => swarm().secrets(), (name, data) => swarm().createSecret(name, data)),
    'dockyard.secret.remove': async (...args: unknown[]) => {
      const targets = await secrets(args, 'remove');
      if (!targets.length) return;
      if (!(await confirm(ask(), targets.length === 1 ? t('Remove secret {0}?', targets[0].name) : t('Remove {0} secrets?', targets.length), t('Its value cannot be read back: keep a copy if you need it. The engine refuses to remove a secret services use.'), t('Remove')))) return;
      const r = await forEachTarget(targets, (s) => s.name, (s) => swarm().removeSecret(s.id));
      reportFailures(ctx, 'remove', 'secrets', r.failed);
    },
    'dockyard.secret.inspect': async (...args: unknown[]) => {
      for (const s of (await secrets(args, 'inspect')).slice(0, 5)) await openJson(ctx, docs, `secrets/${s.name}`, () => swarm().inspectSecret(s.id));
    },
    'dockyard.config.create': () => createSwarmObject('config', () => swarm().configs(), (name, data) => swarm().createConfig(name, data)),
    'dockyard.config.remove': async (...args: unknown[]) => {
      const targets = await configs(args, 'remove');
      if (!targets.length) return;
      if (!(await confirm(ask(), targets.length === 1 ? t('Remove config {0}?', targets[0].name) : t('Remove {0} configs?', targets.length), t('The engine refuses to remove a config services use.'), t('Remove')))) return;
      const r = await forEachTarget(targets, (c) => c.name, (c) => swarm().removeConfig(c.id));
      reportFailures(ctx, 'remove', 'configs', r.failed);
    },
    'dockyard.config.inspect': async (...args: unknown[]) => {
      for (const c of (await configs(args, 'show')).slice(0, 5)) await docs.open(`configs/${c.name}`, async () => (await swarm().inspectConfig(c.id)).data);
    },

    // ---- stacks (the docker CLI) ----
    'dockyard.stack.deploy': async (...args: unknown[]) => {
      if (!vscode.workspace.isTrusted) throw new Error(t('Stacks are turned off in an untrusted workspace: deploying runs what the compose file names. Trust the workspace to use them.'));
      const uri = await stackFile(args);
      if (!uri) return;
      if (uri.scheme !== 'file') throw new Error(t('docker stack deploy reads files on disk ({0}).', uri.toString()));
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (open?.isDirty) await open.save();
      const suggested = path.basename(path.dirname(uri.fsPath)).toLowerCase().replace(/[^a-z0-9_-]/g, '').replace(/^[^a-z0-9]+/, '') || 'stack';
      const name = await vscode.window.showInputBox({ title: t('Deploy {0} as stack', path.basename(uri.fsPath)), prompt: t('Stack name (deploying to an existing stack updates it)'), value: suggested, validateInput: validateStackName });
      if (!name) return;
      await runStackCli(t('stack deploy: {0}', name), stackDeployArgs([uri.fsPath], name), path.dirname(uri.fsPath));
    },
    'dockyard.stack.remove': async (...args: unknown[]) => {
      const [clicked] = args;
      let name = clicked instanceof SwarmItem && clicked.row.kind === 'stack' ? clicked.row.stack!.name : undefined;
      if (!name) {
        const stacks = [...new Set((await swarm().services()).map((s) => s.stack).filter((x): x is string => !!x))].sort();
        if (!stacks.length) { void vscode.window.showInformationMessage(t('No stack to remove.')); return; }
        name = await vscode.window.showQuickPick(stacks, { title: t('Stack to remove') });
        if (!name) return;
      }
      if (!(await confirm(ask(), t('Remove stack {0}?', name), t('All its services, and the networks, secrets and configs it created, are removed.'), t('Remove')))) return;
      await runStackCli(t('stack rm: {0}', name), stackRmArgs(name), undefined);
    },

    // ---- the swarm itself ----
    'dockyard.swarm.init': async () => {
      const info = await swarm().info();
      if (info.nodeState !== 'inactive') throw new Error(t('This engine is already part of a swarm ({0}) — leave it first (Dockyard: Leave Swarm).', info.nodeState));
      const addr = await vscode.window.showInputBox({
        title: t('Initialize a swarm on {0}', ctx.connection.engine.host),
        prompt: t('Advertise address: the address other nodes reach this engine at (an IP or interface name, optionally :port); 127.0.0.1 for a single-node swarm'),
        value: '127.0.0.1',
        validateInput: validateAdvertiseAddr,
      });
      if (!addr) return;
      if (!(await confirm(true, t('Make {0} a swarm manager?', ctx.connection.engine.host), t('The engine starts managing a swarm (raft store, ingress network); leave it again with Dockyard: Leave Swarm.'), t('Initialize')))) return;
      await swarm().init({ advertiseAddr: addr.trim(), listenAddr: listenAddrFor(addr.trim()) });
      await state.refresh();
      void vscode.window.showInformationMessage(t('{0} is now the manager of a one-node swarm.', ctx.connection.engine.host));
    },
    'dockyard.swarm.leave': async () => {
      const info = await swarm().info();
      if (info.nodeState === 'inactive') { void vscode.window.showInformationMessage(t('This engine is not part of a swarm.')); return; }
      const lastManager = info.controlAvailable && (info.managers ?? 1) <= 1;
      const detail = info.controlAvailable
        ? lastManager
          ? t('This is the swarm\'s last manager: leaving ends the swarm, and its services, secrets and configs are lost.')
          : t('This is a manager: leaving lowers the number of managers, and so how many failures the swarm survives. Demote it first to be safe.')
        : t('Its tasks stop; the swarm schedules them elsewhere.');
      if (!(await confirm(true, t('Leave the swarm on {0}?', ctx.connection.engine.host), detail, t('Leave')))) return;
      await swarm().leave(info.controlAvailable);
      await state.refresh();
    },
  });

  return { state, trees };
}

// Docker contexts in the editor: the Contexts view, `docker context use`, the status-bar picker,
// and the prompts the connection needs from a person (trust an SSH host key, plain-tcp warning).
// The commands are registered in register.ts.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { describeSource, ResolvedHost } from '../engine/hosts/resolve';
import type { LinkState } from '../connection/engineLink';
import { contexts, ContextEntry, useContext } from '../engine/hosts/dockerContexts';
import { appendKnownHost, knownHostsTarget } from './knownHosts';
import { mdCode, mdText } from '../shared/markdown';
import { untrustedMarkdown } from '../ui/markdown';
import { describeError } from '../shared/errors';

type Node =
  | { kind: 'override'; resolved: ResolvedHost }
  | { kind: 'problem'; message: string }
  | { kind: 'context'; ctx: ContextEntry; inUse: boolean };

/** True when something other than config.json's currentContext picks the engine. */
function overriding(r: ResolvedHost | undefined): boolean {
  return !!r && (r.source === 'setting' || r.source === 'DOCKER_HOST' || r.source === 'DOCKER_CONTEXT');
}

class ContextsTree implements vscode.TreeDataProvider<Node> {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.emitter.event;

  constructor(private readonly ctx: Ctx) {}

  refresh(): void { this.emitter.fire(); }

  getChildren(parent?: Node): Node[] {
    if (parent) return [];
    const state = this.ctx.connection.state;
    const out: Node[] = [];
    if (overriding(state.resolved)) out.push({ kind: 'override', resolved: state.resolved! });
    if (state.kind === 'unreachable') out.push({ kind: 'problem', message: state.message });
    let list: ContextEntry[] = [];
    try {
      list = contexts(this.ctx.connection.inputs());
    } catch (e) {
      out.push({ kind: 'problem', message: (e as Error).message });
    }
    const inUse = state.resolved?.source === 'config' || state.resolved?.source === 'default' || state.resolved?.source === 'DOCKER_CONTEXT'
      ? state.resolved.context : undefined;
    for (const c of list) out.push({ kind: 'context', ctx: c, inUse: c.name === inUse });
    return out;
  }

  getTreeItem(n: Node): vscode.TreeItem {
    switch (n.kind) {
      case 'override': {
        const item = new vscode.TreeItem(`Using ${n.resolved.host}`);
        item.description = describeSource(n.resolved);
        item.tooltip = vscode.l10n.t('Dockyard uses {0}, {1}. As with the docker CLI, {2} wins over "docker context use"; clear it to follow the current context.', n.resolved.host, describeSource(n.resolved), n.resolved.source === 'setting' ? 'the dockyard.host setting' : n.resolved.source);
        item.iconPath = new vscode.ThemeIcon('info');
        item.contextValue = `override.${n.resolved.source}`;
        if (n.resolved.source === 'setting') item.command = { command: 'dockyard.engine.openSettings', title: vscode.l10n.t('Open Settings') };
        return item;
      }
      case 'problem': {
        const item = new vscode.TreeItem(n.message);
        item.tooltip = n.message;
        item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
        item.contextValue = 'problem';
        item.command = { command: 'dockyard.engine.retry', title: vscode.l10n.t('Retry') };
        return item;
      }
      case 'context': {
        const c = n.ctx;
        const item = new vscode.TreeItem(c.name);
        item.id = `context:${c.name}`;
        const pinned = this.ctx.engines.isPinned(c.name);
        const marks = `${c.current ? vscode.l10n.t('(current)') + ' ' : ''}${pinned ? vscode.l10n.t('(pinned)') + ' ' : ''}`;
        item.description = `${marks}${c.host}`;
        const lines = [`**${mdText(c.name)}**${c.current ? vscode.l10n.t(' — current (docker context use)') : ''}`, '', vscode.l10n.t('Endpoint: {0}', mdCode(c.host))];
        if (c.description) lines.push('', mdText(c.description));
        if (c.skipTlsVerify) lines.push('', vscode.l10n.t('$(warning) SkipTLSVerify: the server certificate is not checked.'));
        if (c.current && !n.inUse) lines.push('', vscode.l10n.t('_Overridden: Dockyard connects elsewhere (see the first line)._'));
        if (pinned) lines.push('', vscode.l10n.t('$(pinned) Pinned: the views show this engine beside the active one (dockyard.engines).'));
        item.tooltip = untrustedMarkdown(lines.join('\n'), true);
        item.iconPath = new vscode.ThemeIcon(c.current ? 'pass-filled' : 'circle-large-outline', n.inUse ? new vscode.ThemeColor('charts.green') : undefined);
        item.contextValue = `context${c.current ? '.current' : ''}${pinned ? '.pinned' : ''}`;
        return item;
      }
    }
  }
}

/** The Contexts view, the host-key and plain-tcp prompts; returns the handlers of its commands. */
export function dockerContextsView(ctx: Ctx) {
  const tree = new ContextsTree(ctx);
  ctx.own(vscode.window.createTreeView('dockyard.contexts', { treeDataProvider: tree, showCollapseAll: false }));
  ctx.own(ctx.connection.onDidChangeState(() => tree.refresh()));
  // Contexts created or removed outside change the list even when the engine in use stays.
  ctx.own(ctx.connection.onDidChangeDockerContexts(() => tree.refresh()));
  // Pinned contexts are marked.
  ctx.own(vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('dockyard.engines')) tree.refresh(); }));

  const use = async (name: string) => {
    useContext(ctx.connection.inputs(), name);
    ctx.log.info(`docker context use ${name}`);
    const before = ctx.connection.state.resolved;
    ctx.connection.reconnect();
    if (overriding(before)) {
      const r = before!;
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('"{0}" is now the current docker context, but Dockyard still uses {1} {2}.', name, r.host, describeSource(r)),
        ...(r.source === 'setting' ? [vscode.l10n.t('Open Setting')] : []),
      );
      if (choice === vscode.l10n.t('Open Setting')) await vscode.commands.executeCommand('workbench.action.openSettings', 'dockyard.host');
    }
  };

  const pick = async () => {
    const state = ctx.connection.state;
    type Item = vscode.QuickPickItem & { run: () => unknown };
    const items: Item[] = [];
    for (const c of contexts(ctx.connection.inputs())) {
      items.push({
        label: `${c.current ? '$(check) ' : ''}${c.name}`,
        description: c.host,
        detail: c.description || undefined,
        run: () => use(c.name),
      });
    }
    items.push({ label: '', kind: vscode.QuickPickItemKind.Separator, run: () => undefined });
    if (state.kind === 'unreachable') items.push({ label: vscode.l10n.t('$(refresh) Retry Connection'), detail: state.message, run: () => ctx.connection.retry() });
    if (state.kind === 'connected') items.push({ label: vscode.l10n.t('$(info) Show Engine Version and Info'), run: () => vscode.commands.executeCommand('dockyard.system.info') });
    items.push({ label: vscode.l10n.t('$(settings-gear) Set dockyard.host…'), run: () => vscode.commands.executeCommand('workbench.action.openSettings', 'dockyard.host') });
    const placeHolder = overriding(state.resolved)
      ? vscode.l10n.t('Dockyard uses {0} {1} — choosing a context runs "docker context use"', state.resolved!.host, describeSource(state.resolved!))
      : vscode.l10n.t('Switch the docker context (like "docker context use")');
    const chosen = await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true });
    if (chosen) await chosen.run();
  };



  const askTrust = async (name: string, keyType: string, fp: string, line: string, knownHostsFile?: string) => {
    // The file the connection reads first: ssh config's UserKnownHostsFile for this host, else ~/.ssh/known_hosts.
    const target = knownHostsTarget(ctx.connection.inputs().homeDir, knownHostsFile);
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('The authenticity of host {0} can\'t be established.', name),
      { modal: true, detail: vscode.l10n.t('{0} key fingerprint is {1}.\nCompare it with the server\'s (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub) before trusting it. Trusting adds it to {2}.', keyType, fp, target) },
      vscode.l10n.t('Trust Host and Connect'),
    );
    if (choice !== vscode.l10n.t('Trust Host and Connect')) return;
    let file: string;
    try {
      file = appendKnownHost(target, line);
    } catch (e) {
      void vscode.window.showErrorMessage(describeError(e));
      return;
    }
    ctx.log.info(`Added the ${keyType} host key of ${name} (${fp}) to ${file}.`);
    ctx.connection.reconnect();
  };

  // Ask once per unknown host key; warn once per plain-tcp host. Never a popup storm.
  const asked = new Set<string>();
  const onState = (s: LinkState) => {
    if (s.kind === 'unreachable' && s.error?.kind === 'hostKey' && s.error.hostKey?.verdict === 'unknown') {
      const hk = s.error.hostKey;
      if (!asked.has(hk.fingerprint)) {
        asked.add(hk.fingerprint);
        void askTrust(hk.name, hk.keyType, hk.fingerprint, hk.knownHostsLine, hk.knownHostsFile);
      }
    }
    const w = s.resolved?.warning;
    if (w && s.kind === 'connecting' && /plain tcp/.test(w) && !asked.has(w)) {
      asked.add(w);
      void vscode.window.showWarningMessage(w);
    }
  };
  ctx.own(ctx.connection.onDidChangeState(onState));

  return {
    use: async (arg?: unknown) => {
      const node = arg as Node | undefined;
      if (node && node.kind === 'context') return use(node.ctx.name);
      return pick();
    },
    pick,
    refresh: () => tree.refresh(),
    /** Pin/Unpin Engine on a context: show it beside the active engine (dockyard.engines). */
    pin: (pin: boolean) => async (arg?: unknown) => {
      const node = arg as Node | undefined;
      let name = node && node.kind === 'context' ? node.ctx.name : undefined;
      if (!name) {
        const list = contexts(ctx.connection.inputs()).filter((c) => ctx.engines.isPinned(c.name) !== pin);
        const picked = await vscode.window.showQuickPick(list.map((c) => ({ label: c.name, description: c.host })), {
          title: pin ? vscode.l10n.t('Docker context to show beside the active engine') : vscode.l10n.t('Docker context to stop showing'),
        });
        name = picked?.label;
      }
      if (name) await ctx.engines.pinContext(name, pin);
    },
    trustHost: async () => {
      const s = ctx.connection.state;
      const hk = s.kind === 'unreachable' ? s.error?.hostKey : undefined;
      if (!hk || hk.verdict !== 'unknown') {
        void vscode.window.showInformationMessage(vscode.l10n.t('No unknown SSH host key is waiting to be trusted.'));
        return;
      }
      await askTrust(hk.name, hk.keyType, hk.fingerprint, hk.knownHostsLine, hk.knownHostsFile);
    },
  };
}

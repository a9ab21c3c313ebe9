// Compose Watch from the Containers view: Start Watch / Stop Watch on a compose project, its
// state on the project's row, its log in an output channel. The work is WatchSession's
// (vscode-free, over the Engine API); here: VS Code's file watcher, the compose CLI for
// `rebuild` (`up --build --detach <service>`), and stopping when the project goes down, its
// engine goes away or the extension deactivates.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { Engine } from '../engine/engine';
import type { Explorer } from '../explorer/register';
import { ComposeProjectItem } from '../explorer/items';
import { describeError } from '../shared/errors';
import { composeArgs } from './cli';
import { runProgram } from '../programs/process';
import { workspaceProjectFiles } from './profiles';
import { diskFs } from './projectChoice';
import { ComposeRunner, requireComposeTrust } from './runner';
import { FolderWatcher, nodeFolderWatcher, WatchSession } from './watchSession';
import { watchRules } from './watchSpec';

interface Running {
  session: WatchSession;
  engineKey: string;
  project: string;
  /** Rebuilds under way: their recreate removes containers without the project going down. */
  busy: { rebuilding: number };
  subs: vscode.Disposable[];
}

/**
 * One watcher per path: a folder with Node's recursive watcher (VS Code's missed the files of a
 * folder created while it ran, seen in code-server), a single file with VS Code's, which follows
 * an editor's save-by-rename that a plain fs.watch on the file would lose.
 */
const editorWatcher: FolderWatcher = (hostPath, onChange) => {
  let isFile = false;
  try { isFile = fs.statSync(hostPath).isFile(); } catch { /* WatchSession watches only paths that exist */ }
  if (!isFile) return nodeFolderWatcher(hostPath, onChange);
  const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(hostPath)), path.basename(hostPath)));
  const on = (u: vscode.Uri) => onChange(u.fsPath);
  const subs = [w.onDidChange(on), w.onDidCreate(on), w.onDidDelete(on)];
  return { dispose: () => { for (const s of subs) s.dispose(); w.dispose(); } };
};

export function registerWatch(ctx: Ctx, explorer: Explorer, runner: ComposeRunner): { start: (engine: Engine, ...args: unknown[]) => Promise<void>; stop: (engine: Engine, ...args: unknown[]) => Promise<void> } {
  const running = new Map<string, Running>();
  const keyOf = (engineKey: string, project: string) => `${engineKey}\0${project}`;
  let channel: vscode.LogOutputChannel | undefined;
  const out = () => (channel ??= ctx.own(vscode.window.createOutputChannel(vscode.l10n.t('Dockyard Compose Watch'), { log: true })));
  const changed = (engineKey: string) => explorer.trees.containers.refreshContainers(engineKey, false);

  const stopOne = (r: Running, why: string | undefined) => {
    if (!running.delete(keyOf(r.engineKey, r.project))) return;
    r.session.stop();
    for (const s of r.subs) s.dispose();
    if (why === undefined) return; // deactivating: the channel and the views are going too
    out().info(vscode.l10n.t('{0}: watch stopped ({1}).', r.project, why));
    changed(r.engineKey);
  };
  ctx.own({ dispose: () => { for (const r of [...running.values()]) stopOne(r, undefined); } });

  explorer.trees.containers.decorateProjects((item, engineKey) => {
    if (!running.has(keyOf(engineKey, item.project))) return;
    item.description = vscode.l10n.t('{0} · watching', String(item.description ?? ''));
    item.iconPath = new vscode.ThemeIcon('eye', new vscode.ThemeColor('testing.iconPassed'));
    item.contextValue = `${item.contextValue}.watching`;
  });

  const projectOf = async (args: unknown[]): Promise<ComposeProjectItem | undefined> => {
    const [first] = args;
    if (first instanceof ComposeProjectItem) return first;
    const groups = explorer.trees.containers.items().filter((i): i is ComposeProjectItem => i instanceof ComposeProjectItem);
    if (!groups.length) throw new Error(vscode.l10n.t('No compose project has containers on this engine.'));
    const picked = groups.length === 1 ? { g: groups[0] } : await vscode.window.showQuickPick(groups.map((g) => ({ label: g.project, g })), { title: vscode.l10n.t('Compose project') });
    return picked?.g;
  };

  const start = async (engine: Engine, ...args: unknown[]) => {
    const item = await projectOf(args);
    if (!item) return;
    requireComposeTrust();
    const engineKey = ctx.engines.keyOf(engine);
    if (running.has(keyOf(engineKey, item.project))) {
      out().show(true);
      return;
    }
    const where = workspaceProjectFiles(item);
    if (!where) throw new Error(vscode.l10n.t('Compose project {0}: its compose files are not in an open workspace folder, so there is nothing to watch here.', item.project));
    const { rules, problems } = watchRules(where.files, diskFs, where.projectDirectory);
    const log = out();
    for (const p of problems) log.warn(`${item.project}: ${p}`);
    if (!rules.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No service of {0} has develop.watch rules to carry out.', item.project));
      return;
    }
    const target = { projectName: item.project, files: where.files, projectDirectory: where.projectDirectory };
    const busy = { rebuilding: 0 };
    const session = new WatchSession({
      engine, project: item.project, rules, watch: editorWatcher,
      log: (line) => log.info(`${item.project}: ${line}`),
      rebuild: async (service) => {
        const c = await runner.cli(engine);
        await runner.confirmEngine(engine, c.label);
        const cmd = composeArgs(c, target, { verb: 'up', detached: true, build: true, services: [service] });
        log.info(`> ${[c.label, ...cmd.slice(c.prefix.length)].join(' ')}`);
        busy.rebuilding++;
        try {
          const result = await runProgram(c.bin, cmd, { cwd: where.projectDirectory, env: runner.env(engine) }, (text) => log.info(text.replace(/\r\n$/, ''))).done;
          if (result.error || result.code !== 0) throw new Error(vscode.l10n.t('{0} up --build {1} failed (exit {2}).', c.label, service, String(result.code ?? result.error)));
        } finally {
          busy.rebuilding--;
        }
      },
    });
    const r: Running = { engineKey, project: item.project, busy, subs: [], session };
    let warned = false;
    r.session.onDidFail.on((message) => {
      if (warned) return;
      warned = true; // one popup per session; every failure is in the output channel
      void vscode.window.showWarningMessage(vscode.l10n.t('Compose Watch {0}: {1}', item.project, message));
    });
    // The project went down (its last container removed, outside a rebuild), or the engine went away.
    r.subs.push(ctx.engines.onDidEvent(({ key, event }) => {
      if (key !== engineKey || event.type !== 'container' || event.action !== 'destroy' || event.attributes['com.docker.compose.project'] !== item.project) return;
      setTimeout(() => {
        if (r.busy.rebuilding || !running.has(keyOf(engineKey, item.project))) return;
        void engine.listContainers().then((all) => {
          if (!r.busy.rebuilding && !all.some((c) => c.composeProject === item.project)) stopOne(r, vscode.l10n.t('the project is down'));
        }, () => undefined);
      }, 500);
    }));
    const engineGone = () => {
      const shown = ctx.engines.get(engineKey);
      if (!shown || shown.state.kind !== 'connected') stopOne(r, vscode.l10n.t('the engine is not reachable'));
    };
    r.subs.push(ctx.engines.onDidChangeState((key) => { if (key === engineKey) engineGone(); }));
    r.subs.push(ctx.engines.onDidChange(engineGone));
    running.set(keyOf(engineKey, item.project), r);
    log.info(vscode.l10n.t('{0}: watching {1} rule(s) of {2}.', item.project, rules.length, r.session.services.join(', ')));
    for (const rule of rules) log.info(`  ${rule.service}: ${rule.action} ${rule.path}${rule.target ? ` → ${rule.target}` : ''}`);
    log.show(true);
    changed(engineKey);
    try {
      await r.session.start();
    } catch (e) {
      stopOne(r, describeError(e));
      throw e;
    }
  };

  const stop = async (engine: Engine, ...args: unknown[]) => {
    const item = await projectOf(args);
    if (!item) return;
    const engineKey = ctx.engines.keyOf(engine);
    const r = running.get(keyOf(engineKey, item.project));
    if (r) stopOne(r, vscode.l10n.t('stopped by you'));
  };
  return { start, stop };
}

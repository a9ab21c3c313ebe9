// Compose Up / Up Services / Down / Restart / Logs on a compose file, and Start / Stop /
// Restart / Down / Logs on a compose project group in the Containers tree. The CLI runs in a
// terminal started with the program and an argument list (no shell line).
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { Engine } from '../engine/engine';
import type { Explorer } from '../explorer/register';
import { ComposeProjectItem } from '../explorer/items';
import { forEachTarget } from '../ui/pick';
import { ComposeAction, ComposeCli, ComposeTarget, composeArgs, detectComposeCli, missingCliMessage } from './cli';
import { checkLabelTarget } from './labelTarget';
import { COMPOSE_GLOB, isComposeFileName, parseComposeFile } from './files';
import { RunningProgram, exitSummary, runProgram } from './process';
import { OutputTerminal } from '../terminals/outputTerminal';
import { ComposeChoices, diskFs } from './projectChoice';
import { composeVariables, projectName, projectOfFile } from './project';
import { ProjectLogsSession } from './projectLogs';
import { addDockerFiles } from './starterCommand';
import { openSessionTerminal } from '../terminals/pty';
import { cliEnvFor } from '../engine/hosts/resolve';

export function registerCompose(ctx: Ctx, explorer: Explorer): void {
  const choices = new ComposeChoices(ctx);
  let cliCache: { setting: string; cli: ComposeCli } | undefined;
  ctx.own(vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('dockyard.compose.command')) cliCache = undefined; }));

  const cli = async (engine: Engine): Promise<ComposeCli> => {
    const setting = ctx.setting('compose.command', '');
    if (cliCache && cliCache.setting === setting) return cliCache.cli;
    const found = await detectComposeCli({ setting, env: composeEnv(engine) });
    if (!found) throw new Error(missingCliMessage(setting));
    ctx.log.info(`Compose CLI: ${found.label} ${found.version}`);
    cliCache = { setting, cli: found };
    return found;
  };

  /** The engine the command acts on (its item's, or the one picked with several engines shown), handed to the CLI. */
  const composeEnv = (engine: Engine): NodeJS.ProcessEnv => cliEnvFor(engine.resolved, process.env);

  const requireTrust = () => {
    if (!vscode.workspace.isTrusted) throw new Error(vscode.l10n.t('Compose is turned off in an untrusted workspace: it runs the commands the compose file names. Trust the workspace to use it.'));
  };

  /**
   * Runs the CLI in a terminal of our own that stays open when it ends, with how it ended on its
   * last line (a terminal that starts the program itself closes the moment it exits, taking
   * the output of Up or Down with it). Ctrl+C or closing the terminal stops the program.
   */
  const runInTerminal = async (engine: Engine, title: string, target: ComposeTarget, action: ComposeAction, cwd: string | undefined): Promise<OutputTerminal> => {
    requireTrust();
    const c = await cli(engine);
    const args = composeArgs(c, target, action);
    const env = composeEnv(engine);
    ctx.log.info(`Compose: ${[c.bin, ...args].map((a) => JSON.stringify(a)).join(' ')}`);
    let program: RunningProgram | undefined;
    const terminal = new OutputTerminal(title, () => program?.stop(), 'layers');
    terminal.writeLine(`\x1b[2m> ${[c.label, ...args.slice(c.prefix.length)].join(' ')}\x1b[0m`);
    program = runProgram(c.bin, args, { cwd, env }, (text) => terminal.write(text));
    terminal.show();
    const label = `${c.label} ${action.verb}`;
    void program.done.then((r) => {
      const summary = r.error ? vscode.l10n.t('{0} did not start: {1}', label, r.error) : exitSummary(label, r.code, r.signal);
      if (r.error || (r.code !== 0 && r.code !== null)) {
        ctx.log.warn(`Compose: ${summary}`);
        if (!terminal.isClosed) void vscode.window.showErrorMessage(vscode.l10n.t('{0} — its output is in the terminal "{1}".', summary, title));
      }
      terminal.finish(summary);
    });
    return terminal;
  };

  /** The compose file a command acts on, checked for YAML errors first. */
  const composeFile = async (args: unknown[]): Promise<{ uri: vscode.Uri; services: string[] } | undefined> => {
    const [first] = args;
    let uri: vscode.Uri | undefined = first instanceof vscode.Uri ? first : undefined;
    if (!uri) {
      const active = vscode.window.activeTextEditor?.document.uri;
      uri = await pickComposeFile(active);
    }
    if (!uri) return undefined;
    if (uri.scheme !== 'file') throw new Error(vscode.l10n.t('Compose runs on files on disk ({0}).', uri.toString()));
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri!.toString());
    if (open?.isDirty) await open.save();
    const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    const info = parseComposeFile(text);
    const error = info.problems.find((p) => p.severity === 'error');
    if (error) {
      const go = vscode.l10n.t('Go to Error');
      void vscode.window.showErrorMessage(vscode.l10n.t('{0} line {1}: {2} — fix it before running compose.', path.basename(uri.fsPath), error.line + 1, error.message), go).then(async (a) => {
        if (a === go) await vscode.window.showTextDocument(uri!, { selection: new vscode.Range(error.line, error.character, error.endLine, error.endCharacter) });
      });
      return undefined;
    }
    return { uri, services: info.services };
  };

  const onFile = (verb: string, action: (services: string[]) => Promise<ComposeAction | undefined>) => async (engine: Engine, ...args: unknown[]) => {
    requireTrust();
    const f = await composeFile(args);
    if (!f) return;
    // Which files (-f, with the override file), profiles and env file: see projectChoice.ts.
    const choice = await choices.choiceFor(f.uri.fsPath);
    if (!choice) return;
    const act = await action(choice.files.length > 1 ? choices.services(choice) : f.services);
    if (!act) return;
    const dir = path.dirname(f.uri.fsPath);
    await runInTerminal(engine, `Compose ${verb} ${path.basename(dir)}`, choices.target(choice), act, dir);
  };

  const pickServices = async (services: string[], verb: string): Promise<string[] | undefined> => {
    if (!services.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('This compose file defines no services.'));
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(services.map((s) => ({ label: s })), { title: vscode.l10n.t('Compose: services to {0}', verb), canPickMany: true });
    return picked?.length ? picked.map((p) => p.label) : undefined;
  };

  /** A project group in the Containers tree, or a pick among the running projects. */
  const projectTarget = async (args: unknown[]): Promise<ComposeProjectItem | undefined> => {
    const [first] = args;
    if (first instanceof ComposeProjectItem) return first;
    const groups = (explorer.trees.containers.items()).filter((i): i is ComposeProjectItem => i instanceof ComposeProjectItem);
    if (!groups.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No compose project has containers on this engine.'));
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(groups.map((g) => ({ label: g.project, description: String(g.description ?? ''), g })), { title: vscode.l10n.t('Compose project') });
    return picked?.g;
  };

  /** Down / Logs of a project through the CLI, with the files its containers were created from. */
  const projectCli = async (engine: Engine, item: ComposeProjectItem, verb: string, action: ComposeAction): Promise<boolean> => {
    const labels = item.containers[0]?.container.labels ?? {};
    // Labels come from the image as much as from compose: only files of an open workspace folder are run.
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
    const checked = checkLabelTarget(labels, item.project, folders);
    if (checked.kind === 'refused') throw new Error(checked.message);
    const exist = checked.kind === 'files';
    const files = exist ? checked.files : [];
    const base = exist ? checked.projectDirectory : undefined;
    const c = await cli(engine);
    // Without the files, only the docker plugin can act on a project by name.
    if (!exist && c.prefix[0] !== 'compose') return false;
    await runInTerminal(engine, `Compose ${verb} ${item.project}`, { projectName: item.project, files: exist ? files : [], projectDirectory: exist ? base : undefined }, action,
      exist && base ? base : undefined);
    return true;
  };

  const each = async (item: ComposeProjectItem, verb: string, act: (id: string) => Promise<void>) => {
    const r = await forEachTarget(item.containers, (c) => c.container.name, (c) => act(c.container.id));
    if (r.failed.length) throw new Error(vscode.l10n.t('Could not {0} {1}', verb, r.failed.join('; ')));
  };

  ctx.registerEngineCommands({
    'dockyard.compose.up': onFile('up', async () => ({ verb: 'up', detached: true, build: ctx.setting('compose.build', false) })),
    'dockyard.compose.upServices': onFile('up', async (services) => {
      const picked = await pickServices(services, vscode.l10n.t('start'));
      return picked ? { verb: 'up', detached: true, build: ctx.setting('compose.build', false), services: picked } : undefined;
    }),
    'dockyard.compose.down': onFile('down', async () => ({ verb: 'down' })),
    'dockyard.compose.downServices': onFile('down', async (services) => {
      const picked = await pickServices(services, vscode.l10n.t('stop and remove'));
      if (!picked) return undefined;
      if (ctx.setting('confirmDestructiveActions', true)) {
        const ok = await vscode.window.showWarningMessage(vscode.l10n.t('Stop and remove the containers of {0}?', picked.join(', ')), { modal: true }, vscode.l10n.t('Remove'));
        if (!ok) return undefined;
      }
      return { verb: 'rm', services: picked };
    }),
    'dockyard.compose.restart': onFile('restart', async () => ({ verb: 'restart' })),
    'dockyard.compose.logs': async (engine: Engine, ...args: unknown[]) => {
      // Over the Engine API (no CLI, works untrusted): the project whose containers were made
      // from this file, else the name compose would give it (they may start later).
      const f = await composeFile(args);
      if (!f) return;
      const file = f.uri.fsPath;
      const dir = path.dirname(file);
      const project = projectOfFile(file, await engine.listContainers().catch(() => []))
        ?? projectName(dir, diskFs.read(file), composeVariables(dir, diskFs));
      const session = new ProjectLogsSession(engine, project, { tail: ctx.setting('compose.logsTail', 200), timestamps: ctx.setting('logs.timestamps', false) });
      openSessionTerminal(ctx, vscode.l10n.t('Logs {0}', project), session, { icon: 'layers' });
    },
    'dockyard.composeProject.start': async (engine: Engine, ...args: unknown[]) => {
      const item = await projectTarget(args);
      if (item) await each(item, 'start', (id) => engine.startContainer(id));
    },
    'dockyard.composeProject.stop': async (engine: Engine, ...args: unknown[]) => {
      const item = await projectTarget(args);
      if (item) await each(item, 'stop', (id) => engine.stopContainer(id));
    },
    'dockyard.composeProject.restart': async (engine: Engine, ...args: unknown[]) => {
      const item = await projectTarget(args);
      if (item) await each(item, 'restart', (id) => engine.restartContainer(id));
    },
    'dockyard.composeProject.down': async (engine: Engine, ...args: unknown[]) => {
      const item = await projectTarget(args);
      if (!item) return;
      requireTrust();
      if (ctx.setting('confirmDestructiveActions', true)) {
        const ok = await vscode.window.showWarningMessage(vscode.l10n.t('Take compose project {0} down?', item.project), { modal: true, detail: vscode.l10n.t('Stops and removes its {0} container{1} and its networks.', item.containers.length, item.containers.length === 1 ? '' : 's') }, vscode.l10n.t('Down'));
        if (ok !== vscode.l10n.t('Down')) return;
      }
      if (await projectCli(engine, item, 'down', { verb: 'down' })) return;
      // The files are not here (another machine, moved): remove the containers through the API.
      await each(item, 'remove', (id) => engine.removeContainer(id, { force: true }));
      void vscode.window.showInformationMessage(vscode.l10n.t('Removed the containers of {0} (its compose files are not on this machine, so its networks stay).', item.project));
    },
    'dockyard.composeProject.logs': async (engine: Engine, ...args: unknown[]) => {
      // Over the Engine API: no compose CLI, no files needed, works in untrusted workspaces.
      const item = await projectTarget(args);
      if (!item) return;
      const session = new ProjectLogsSession(engine, item.project, { tail: ctx.setting('compose.logsTail', 200), timestamps: ctx.setting('logs.timestamps', false) });
      openSessionTerminal(ctx, vscode.l10n.t('Logs {0}', item.project), session, { icon: 'layers' });
    },
  });

  ctx.registerCommands({
    'dockyard.compose.addDockerFiles': (...args: unknown[]) => addDockerFiles(args[0] instanceof vscode.Uri ? args[0] : undefined),
    'dockyard.compose.chooseOptions': async (...args: unknown[]) => {
      const f = await composeFile(args);
      if (!f) return;
      const c = await choices.configure(f.uri.fsPath);
      if (c) void vscode.window.showInformationMessage(vscode.l10n.t('Compose on {0} uses {1}{2}{3}.', path.basename(f.uri.fsPath),
        c.files.map((x) => path.basename(x)).join(' + '), c.profiles.length ? vscode.l10n.t(', profiles {0}', c.profiles.join(', ')) : '', c.envFile ? vscode.l10n.t(', env file {0}', path.basename(c.envFile)) : ''));
    },
  });

  // Problems in compose files as they are edited: see languageProviders.ts.
}

async function pickComposeFile(active?: vscode.Uri): Promise<vscode.Uri | undefined> {
  if (active && active.scheme === 'file' && isComposeFileName(active.fsPath)) return active;
  const found = (await vscode.workspace.findFiles(COMPOSE_GLOB, '**/node_modules/**', 200)).filter((u) => isComposeFileName(u.fsPath));
  if (!found.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No compose file (compose.yaml, docker-compose.yml, …) in this workspace.'));
    return undefined;
  }
  if (found.length === 1) return found[0];
  const picked = await vscode.window.showQuickPick(found.sort((a, b) => a.fsPath.localeCompare(b.fsPath)).map((u) => ({
    label: path.basename(u.fsPath), description: vscode.workspace.asRelativePath(path.dirname(u.fsPath)), uri: u,
  })), { title: vscode.l10n.t('Compose file') });
  return picked?.uri;
}

// Compose Up / Up Services / Down / Restart / Logs / Options on a compose file (the clicked one,
// the active editor's, or a pick), checked for YAML errors first.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { Engine } from '../engine/engine';
import { openSessionTerminal } from '../terminals/pty';
import { ComposeAction } from './cli';
import { COMPOSE_GLOB, isComposeFileName, parseComposeFile } from './files';
import { ComposeChoices, diskFs } from './projectChoice';
import { composeVariables, projectName, projectOfFile } from './project';
import { ProjectLogsSession } from './projectLogs';
import { ComposeRunner, requireComposeTrust } from './runner';

export function composeFileCommands(ctx: Ctx, runner: ComposeRunner) {
  const choices = new ComposeChoices(ctx);
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
    requireComposeTrust();
    const f = await composeFile(args);
    if (!f) return;
    // Which files (-f, with the override file), profiles and env file: see projectChoice.ts.
    const choice = await choices.choiceFor(f.uri.fsPath);
    if (!choice) return;
    const act = await action(choice.files.length > 1 ? choices.services(choice) : f.services);
    if (!act) return;
    const dir = path.dirname(f.uri.fsPath);
    await runner.runInTerminal(engine, `Compose ${verb} ${path.basename(dir)}`, choices.target(choice), act, dir);
  };

  const pickServices = async (services: string[], title: string): Promise<string[] | undefined> => {
    if (!services.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('This compose file defines no services.'));
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(services.map((s) => ({ label: s })), { title, canPickMany: true });
    return picked?.length ? picked.map((p) => p.label) : undefined;
  };

  return {
    up: onFile('up', async () => ({ verb: 'up', detached: true, build: ctx.setting('compose.build', false) })),
    upServices: onFile('up', async (services) => {
      const picked = await pickServices(services, vscode.l10n.t('Compose: services to start'));
      return picked ? { verb: 'up', detached: true, build: ctx.setting('compose.build', false), services: picked } : undefined;
    }),
    down: onFile('down', async () => ({ verb: 'down' })),
    downServices: onFile('down', async (services) => {
      const picked = await pickServices(services, vscode.l10n.t('Compose: services to stop and remove'));
      if (!picked) return undefined;
      if (ctx.setting('confirmDestructiveActions', true)) {
        const ok = await vscode.window.showWarningMessage(vscode.l10n.t('Stop and remove the containers of {0}?', picked.join(', ')), { modal: true }, vscode.l10n.t('Remove'));
        if (!ok) return undefined;
      }
      return { verb: 'rm', services: picked };
    }),
    restart: onFile('restart', async () => ({ verb: 'restart' })),
    logs: async (engine: Engine, ...args: unknown[]) => {
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
    chooseOptions: async (...args: unknown[]) => {
      const f = await composeFile(args);
      if (!f) return;
      const c = await choices.configure(f.uri.fsPath);
      if (c) void vscode.window.showInformationMessage(vscode.l10n.t('Compose on {0} uses {1}{2}{3}.', path.basename(f.uri.fsPath),
        c.files.map((x) => path.basename(x)).join(' + '), c.profiles.length ? vscode.l10n.t(', profiles {0}', c.profiles.join(', ')) : '', c.envFile ? vscode.l10n.t(', env file {0}', path.basename(c.envFile)) : ''));
    },
  };
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

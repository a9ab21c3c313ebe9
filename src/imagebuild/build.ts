// Building one Dockerfile on an engine: prompts, a terminal with the live output, a cancellable
// progress notification, the failure as a diagnostic, and on success the image revealed with
// Run / Push offered. The commands that start it are in register.ts.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { Explorer } from '../explorer/register';
import { ImageTagItem } from '../explorer/items';
import type { Engine } from '../engine/engine';
import { describeError } from '../shared/errors';
import { formatBytes } from '../shared/format';
import { describePlan } from './context';
import { BuildDiagnostics } from './diagnostics';
import { readBuildInput } from './buildInput';
import { resolveContextFolder } from '../shared/buildContext';
import { DOCKERFILE_GLOB, defaultTag, isDockerfileName, normalizeTag } from './files';
import { BuildAnswers, BuildMemory } from './memory';
import { OutputTerminal } from '../terminals/outputTerminal';
import { askBuildAnswers } from './prompts';
import { runBuild } from './runner';
import type { BuilderSetting } from '../engine/buildkit/detect';
import type { Credentials } from '../credentials/credentials';
import { SecretChoices, askSecretSources } from './secretsPrompt';
import { matchesImageRef } from '../shared/refMatch';
import { DIM, RESET } from '../shared/ansi';
import { sshAgentForBuild } from './sshAgent';
import type { BuiltImage } from '../ui/builtImage';
import { requireWorkspaceTrust } from '../connection/trustedSettings';



export type BuildOutcome = 'succeeded' | 'failed' | 'cancelled';

/** Builds a Dockerfile on an engine; with answers given, asks nothing. Resolves to the outcome (undefined: the user backed out). */
export type BuildImage = (engine: Engine, dockerfile: vscode.Uri, answers?: BuildAnswers) => Promise<BuildOutcome | undefined>;

export function buildImage(ctx: Ctx, explorer: Explorer, credentials: Credentials, memory: BuildMemory, diagnostics: BuildDiagnostics, built: vscode.EventEmitter<BuiltImage>): BuildImage {
  const secretChoices = new SecretChoices();
  return async (engine: Engine, uri: vscode.Uri, preset?: BuildAnswers): Promise<BuildOutcome | undefined> => {
    requireWorkspaceTrust('build');
    if (uri.scheme !== 'file') throw new Error(vscode.l10n.t('Only Dockerfiles on disk can be built ({0}).', uri.toString()));
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open?.isDirty) await open.save();
    let text: string;
    try {
      text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    } catch {
      throw new Error(vscode.l10n.t('{0} cannot be read.', uri.fsPath));
    }
    const input = readBuildInput(text);
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const config = vscode.workspace.getConfiguration('dockyard.build', uri);
    const where = resolveContextFolder(config.get<string>('contextFolder', ''), uri.fsPath, folder?.uri.fsPath);
    if (!where.ok) throw new Error(where.reason);
    const label = folder ? path.relative(folder.uri.fsPath, uri.fsPath) : path.basename(uri.fsPath);

    const answers = preset ?? await askBuildAnswers(input, {
      tag: defaultTag(path.basename(where.dir)),
      previous: memory.answers(uri),
      askOptions: config.get<boolean>('promptForOptions', true),
      dockerfileLabel: label,
    });
    if (!answers) return undefined;
    // BuildKit: a source for each secret the RUN steps mount (asked, never stored), the ssh-agent when a step wants it.
    const builder = config.get<BuilderSetting>('builder', 'auto');
    const mounts = builder === 'classic' ? { secrets: [], ssh: [] } : input.mounts;
    let secrets = secretChoices.get(uri);
    if (mounts.secrets.length && (!preset || !secrets)) {
      secrets = await askSecretSources(mounts.secrets, secrets, vscode.l10n.t('Build Image from {0}', label));
      if (!secrets) return undefined;
      secretChoices.set(uri, secrets);
    }
    const ssh = await sshAgentForBuild(ctx.extension.globalState, uri, label, mounts.ssh.length > 0, ctx.setting('build.sshAgent', 'ask'));
    if (!ssh) return undefined;
    await memory.remember(uri, answers);
    const tag = normalizeTag(answers.tag);

    const abort = new AbortController();
    const terminal = new OutputTerminal(`Build ${tag}`, () => abort.abort());
    terminal.show();
    terminal.writeLine(`${DIM}${answers.target
      ? vscode.l10n.t('Building {0} from {1} (target {2}) on {3}', tag, label, answers.target, engine.host)
      : vscode.l10n.t('Building {0} from {1} on {2}', tag, label, engine.host)}${RESET}`);
    terminal.writeLine(`${DIM}${vscode.l10n.t('Context: {0}', where.dir)}${RESET}`);
    if (ssh.note) terminal.writeLine(`${DIM}${ssh.note}${RESET}`);
    const thresholdMb = config.get<number>('contextSizeWarningMB', 100);

    const result = await vscode.window.withProgress({
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Building {0}', tag),
      cancellable: true,
    }, async (progress, token) => {
      token.onCancellationRequested(() => abort.abort());
      return runBuild(engine, {
        dockerfilePath: uri.fsPath,
        input,
        contextDir: where.dir,
        tag,
        target: answers.target,
        buildArgs: answers.buildArgs,
        noCache: answers.noCache,
        pull: answers.pull,
        builder,
        platform: answers.platform,
        cacheFrom: answers.cacheFrom,
        networkMode: config.get<string>('networkMode', '') || undefined,
        secrets: mounts.secrets.length ? secrets : undefined,
        sshAgentSocket: ssh.socket,
        credentials: async (host) => {
          // The same lookup as pull: Dockyard's login, then the docker CLI's (config.json, helpers).
          const a = await credentials.auth(host);
          return a ? { username: a.username, password: a.password } : undefined;
        },
      }, {
        confirmContext: async (plan) => {
          terminal.writeLine(`${DIM}${vscode.l10n.t('Sending build context: {0}', describePlan(plan))}${RESET}`);
          progress.report({ message: vscode.l10n.t('sending {0} of context', formatBytes(plan.bytes)) });
          if (thresholdMb > 0 && plan.bytes > thresholdMb * 1024 * 1024) {
            const send = vscode.l10n.t('Send Anyway');
            const answer = await vscode.window.showWarningMessage(
              vscode.l10n.t('The build context is {0} ({1} files).', formatBytes(plan.bytes), plan.files.toLocaleString('en-US')),
              { modal: true, detail: vscode.l10n.t('It is over dockyard.build.contextSizeWarningMB ({0} MB). Add what the build does not need to {1} to send less.', thresholdMb, plan.ignoreFile ? path.basename(plan.ignoreFile) : '.dockerignore') },
              send);
            return answer === send;
          }
          return true;
        },
        onText: (t) => terminal.write(t),
        onStep: (s) => progress.report({ message: vscode.l10n.t('Step {0}/{1}: {2}', s.n, s.total, s.text.slice(0, 80)) }),
      }, abort.signal);
    }).then(undefined, (e: unknown) => {
      // Whatever broke, the build terminal says that the build ended.
      terminal.finish(vscode.l10n.t('build failed: {0}', describeError(e)));
      throw e;
    });

    const seconds = (result.ms / 1000).toFixed(1);
    if (result.outcome === 'cancelled') {
      if (!result.plan || !terminal.isClosed) terminal.finish(vscode.l10n.t('build cancelled after {0} s', seconds));
      ctx.log.info(`Build of ${tag} cancelled.`);
      return 'cancelled';
    }
    if (result.outcome === 'failed') {
      terminal.finish(vscode.l10n.t('build failed after {0} s', seconds));
      const d = diagnostics.set(uri, result.failure, result.warnings);
      ctx.log.error(`Build of ${tag} failed: ${result.failure.message}`);
      const actions = d ? [vscode.l10n.t('Go to Error'), vscode.l10n.t('Show Output')] : [vscode.l10n.t('Show Output')];
      void vscode.window.showErrorMessage(vscode.l10n.t('Build of {0} failed: {1}', tag, result.failure.message), ...actions).then(async (a) => {
        if (a === vscode.l10n.t('Show Output')) terminal.show();
        if (a === vscode.l10n.t('Go to Error') && d) await vscode.window.showTextDocument(uri, { selection: d.range });
      });
      return 'failed';
    }
    diagnostics.setWarnings(uri, result.warnings ?? []);
    terminal.finish(result.summary ? vscode.l10n.t('built {0} in {1} s ({2})', tag, seconds, result.summary) : vscode.l10n.t('built {0} in {1} s', tag, seconds));
    await memory.rememberImage(tag, uri);
    if (result.imageId) built.fire({ dockerfile: uri, engine, imageId: result.imageId, tag, target: answers.target, steps: result.steps });
    // The engine's tag event refreshes the Images view; reveal() waits for that load.
    const match = (i: unknown) => i instanceof ImageTagItem && matchesImageRef(tag, i);
    void explorer.trees.images.reveal(match, { engine, timeoutMs: 10000 });
    void vscode.window.showInformationMessage(vscode.l10n.t('Built {0}.', tag), vscode.l10n.t('Run'), vscode.l10n.t('Push')).then(async (a) => {
      try {
        if (a === vscode.l10n.t('Run')) {
          const item = explorer.trees.images.items().find(match);
          await vscode.commands.executeCommand('dockyard.image.run', ...(item ? [item] : []));
        }
        if (a === vscode.l10n.t('Push')) {
          const item = explorer.trees.images.items().find(match);
          await vscode.commands.executeCommand('dockyard.image.push', ...(item ? [item] : []));
        }
      } catch (e) {
        ctx.showError(e);
      }
    });
    return 'succeeded';
  };
}

/** The workspace's Dockerfiles, most recently built first (the active editor's next). */
export async function pickDockerfile(memory: BuildMemory, active?: vscode.Uri): Promise<vscode.Uri | undefined> {
  if (!vscode.workspace.workspaceFolders?.length) {
    if (active && isDockerfileName(active.fsPath) && active.scheme === 'file') return active;
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder with a Dockerfile to build an image.'));
    return undefined;
  }
  const found = await vscode.workspace.findFiles(DOCKERFILE_GLOB, '**/node_modules/**', 500);
  const recent = memory.recent();
  const rank = (u: vscode.Uri) => {
    const r = recent.indexOf(u.toString());
    if (r >= 0) return r;
    return active && u.toString() === active.toString() ? recent.length : recent.length + 1;
  };
  const files = found.filter((u) => isDockerfileName(u.fsPath))
    .sort((a, b) => rank(a) - rank(b) || a.fsPath.localeCompare(b.fsPath));
  if (!files.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No Dockerfile found in this workspace.'));
    return undefined;
  }
  if (files.length === 1) return files[0];
  const picked = await vscode.window.showQuickPick(files.map((u) => ({
    label: path.basename(u.fsPath),
    description: vscode.workspace.asRelativePath(path.dirname(u.fsPath)),
    detail: recent.includes(u.toString()) ? vscode.l10n.t('recently built') : undefined,
    uri: u,
  })), { title: vscode.l10n.t('Build Image: pick a Dockerfile'), matchOnDescription: true });
  return picked?.uri;
}

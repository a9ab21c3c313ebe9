// Stacks through the docker CLI (deploy a compose file, remove a stack), in a terminal that stays
// open with how it ended; turned off in an untrusted workspace.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Engine } from '../engine/engine';
import { cliEnvFor } from '../engine/hosts/resolve';
import { runProgram, exitSummary, RunningProgram } from '../programs/process';
import { OutputTerminal } from '../terminals/outputTerminal';
import { requireWorkspaceTrust } from '../connection/trustedSettings';
import { confirm } from '../ui/pick';
import { SwarmItem } from './items';
import { detectDockerCli, MISSING_DOCKER_CLI, stackDeployArgs, stackRmArgs, validateStackName } from './stack';
import { swarmOf } from './state';
import type { SwarmDeps } from './services';
import { DIM, RESET } from '../shared/ansi';

export function stackCommands({ ctx, confirmCliEngine }: SwarmDeps) {
  const ask = () => ctx.setting('confirmDestructiveActions', true);
  /** The compose file to deploy: the active YAML editor, a workspace compose file, or a file picked. */
  const stackFile = async (args: unknown[]): Promise<vscode.Uri | undefined> => {
    const [first] = args;
    if (first instanceof vscode.Uri) return first;
    const active = vscode.window.activeTextEditor?.document;
    if (active && /\.ya?ml$/i.test(active.fileName) && active.uri.scheme === 'file') return active.uri;
    const found = await vscode.workspace.findFiles('**/{docker-compose,compose,docker-stack,stack}*.{yml,yaml}', '**/node_modules/**', 50);
    const entries = [...found.map((u) => ({ label: vscode.workspace.asRelativePath(u), uri: u as vscode.Uri | undefined })), { label: vscode.l10n.t('Other file…'), uri: undefined }];
    const pick = await vscode.window.showQuickPick(entries, { title: vscode.l10n.t('Compose file to deploy as a stack') });
    if (!pick) return undefined;
    if (pick.uri) return pick.uri;
    const [uri] = (await vscode.window.showOpenDialog({ canSelectMany: false, filters: { YAML: ['yml', 'yaml'] } })) ?? [];
    return uri;
  };

  /** Runs `docker stack …` in a terminal that stays open with how it ended; trust-gated. */
  const runStackCli = async (engine: Engine, title: string, args: string[], cwd: string | undefined): Promise<boolean> => {
    requireWorkspaceTrust('stacks');
    const env = cliEnvFor(engine.resolved, process.env);
    if (!(await detectDockerCli(env))) throw new Error(MISSING_DOCKER_CLI);
    await confirmCliEngine(env.DOCKER_HOST, 'docker stack');
    ctx.log.info(`Stack: docker ${args.map((a) => JSON.stringify(a)).join(' ')}`);
    let program: RunningProgram | undefined;
    const terminal = new OutputTerminal(title, () => program?.stop(), 'layers');
    terminal.writeLine(`${DIM}> docker ${args.join(' ')}${RESET}`);
    program = runProgram('docker', args, { cwd, env }, (text) => terminal.write(text));
    terminal.show();
    const r = await program.done;
    const summary = r.error ? vscode.l10n.t('docker {0} did not start: {1}', args.slice(0, 2).join(' '), r.error) : exitSummary(`docker ${args.slice(0, 2).join(' ')}`, r.code, r.signal);
    terminal.finish(summary);
    if (r.error || r.code !== 0) {
      void vscode.window.showErrorMessage(vscode.l10n.t('{0} — its output is in the terminal "{1}".', summary, title));
      return false;
    }
    return true;
  };

  return {
    deploy: async (engine: Engine, ...args: unknown[]) => {
      requireWorkspaceTrust('stacks');
      const uri = await stackFile(args);
      if (!uri) return;
      if (uri.scheme !== 'file') throw new Error(vscode.l10n.t('docker stack deploy reads files on disk ({0}).', uri.toString()));
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (open?.isDirty) await open.save();
      const suggested = path.basename(path.dirname(uri.fsPath)).toLowerCase().replace(/[^a-z0-9_-]/g, '').replace(/^[^a-z0-9]+/, '') || 'stack';
      const name = await vscode.window.showInputBox({ title: vscode.l10n.t('Deploy {0} as stack', path.basename(uri.fsPath)), prompt: vscode.l10n.t('Stack name (deploying to an existing stack updates it)'), value: suggested, validateInput: validateStackName });
      if (!name) return;
      await runStackCli(engine, vscode.l10n.t('stack deploy: {0}', name), stackDeployArgs([uri.fsPath], name), path.dirname(uri.fsPath));
    },
    remove: async (engine: Engine, ...args: unknown[]) => {
      const swarm = swarmOf(engine);
      const [clicked] = args;
      let name = clicked instanceof SwarmItem && clicked.row.kind === 'stack' ? clicked.row.stack!.name : undefined;
      if (!name) {
        const stacks = [...new Set((await swarm.services()).map((s) => s.stack).filter((x): x is string => !!x))].sort();
        if (!stacks.length) { void vscode.window.showInformationMessage(vscode.l10n.t('No stack to remove.')); return; }
        name = await vscode.window.showQuickPick(stacks, { title: vscode.l10n.t('Stack to remove') });
        if (!name) return;
      }
      if (!(await confirm(ask(), vscode.l10n.t('Remove stack {0}?', name), vscode.l10n.t('All its services, and the networks, secrets and configs it created, are removed.'), vscode.l10n.t('Remove')))) return;
      await runStackCli(engine, vscode.l10n.t('stack rm: {0}', name), stackRmArgs(name), undefined);
    },
  };
}

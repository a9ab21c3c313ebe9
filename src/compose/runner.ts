// Runs the compose CLI for a command: found once per setting, pointed at the command's engine,
// in a terminal of our own that stays open with how it ended.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { Engine } from '../engine/engine';
import { cliEnvFor } from '../engine/hosts/resolve';
import { OutputTerminal } from '../terminals/outputTerminal';
import { ComposeAction, ComposeCli, ComposeTarget, composeArgs, detectComposeCli, missingCliMessage } from './cli';
import { RunningProgram, exitSummary, runProgram } from '../programs/process';
import { DIM, RESET } from '../shared/ansi';
import { ComposeProjectItem } from '../explorer/items';
import { checkLabelTarget } from './labelTarget';
import { requireWorkspaceTrust } from '../connection/trustedSettings';

/** Asks before the CLI runs against an engine the workspace chose (it sends that engine the CLI's registry logins). */
export type CliEngineGuard = (engineHost: string | undefined, tool: string) => Promise<void>;

export class ComposeRunner {
  private cliCache: { setting: string; cli: ComposeCli } | undefined;

  constructor(private readonly ctx: Ctx, private readonly confirmCliEngine: CliEngineGuard) {
    ctx.own(vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('dockyard.compose.command')) this.cliCache = undefined; }));
  }

  /** The compose CLI (docker compose or docker-compose, or the setting's). */
  async cli(engine: Engine): Promise<ComposeCli> {
    const setting = this.ctx.setting('compose.command', '');
    if (this.cliCache && this.cliCache.setting === setting) return this.cliCache.cli;
    const found = await detectComposeCli({ setting, env: this.env(engine) });
    if (!found) throw new Error(missingCliMessage(setting));
    this.ctx.log.info(`Compose CLI: ${found.label} ${found.version}`);
    this.cliCache = { setting, cli: found };
    return found;
  }

  /** The engine the command acts on (its item's, or the one picked with several engines shown), handed to the CLI. */
  env(engine: Engine): NodeJS.ProcessEnv {
    return cliEnvFor(engine.resolved, process.env);
  }

  /**
   * Runs the CLI in a terminal of our own that stays open when it ends, with how it ended on its
   * last line (a terminal that starts the program itself closes the moment it exits, taking
   * the output of Up or Down with it). Ctrl+C or closing the terminal stops the program.
   */
  async runInTerminal(engine: Engine, title: string, target: ComposeTarget, action: ComposeAction, cwd: string | undefined): Promise<OutputTerminal> {
    requireComposeTrust();
    const c = await this.cli(engine);
    const args = composeArgs(c, target, action);
    const env = this.env(engine);
    await this.confirmCliEngine(env.DOCKER_HOST, c.label);
    this.ctx.log.info(`Compose: ${[c.bin, ...args].map((a) => JSON.stringify(a)).join(' ')}`);
    let program: RunningProgram | undefined;
    const terminal = new OutputTerminal(title, () => program?.stop(), 'layers');
    terminal.writeLine(`${DIM}> ${[c.label, ...args.slice(c.prefix.length)].join(' ')}${RESET}`);
    program = runProgram(c.bin, args, { cwd, env }, (text) => terminal.write(text));
    terminal.show();
    const label = `${c.label} ${action.verb}`;
    void program.done.then((r) => {
      const summary = r.error ? vscode.l10n.t('{0} did not start: {1}', label, r.error) : exitSummary(label, r.code, r.signal);
      if (r.error || (r.code !== 0 && r.code !== null)) {
        this.ctx.log.warn(`Compose: ${summary}`);
        if (!terminal.isClosed) void vscode.window.showErrorMessage(vscode.l10n.t('{0} — its output is in the terminal "{1}".', summary, title));
      }
      terminal.finish(summary);
    });
    return terminal;
  }

  /** The workspace-chosen-engine question, for CLI runs that do not go through runInTerminal (Compose Watch's rebuilds). */
  confirmEngine(engine: Engine, tool: string): Promise<void> {
    return this.confirmCliEngine(this.env(engine).DOCKER_HOST, tool);
  }

  /**
   * Runs the CLI on the files a project's containers were created from (only files of an open
   * workspace folder: the labels come from the image as much as from compose); false when they
   * are not on this machine and the CLI cannot act on the project by name.
   */
  async projectCli(engine: Engine, item: ComposeProjectItem, verb: string, action: ComposeAction, extra: Partial<ComposeTarget> = {}): Promise<boolean> {
    const labels = item.containers[0]?.container.labels ?? {};
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
    const checked = checkLabelTarget(labels, item.project, folders);
    if (checked.kind === 'refused') throw new Error(checked.message);
    const exist = checked.kind === 'files';
    const files = exist ? checked.files : [];
    const base = exist ? checked.projectDirectory : undefined;
    const c = await this.cli(engine);
    // Without the files, only the docker plugin can act on a project by name.
    if (!exist && c.prefix[0] !== 'compose') return false;
    await this.runInTerminal(engine, `Compose ${verb} ${item.project}`, { projectName: item.project, files: exist ? files : [], projectDirectory: exist ? base : undefined, ...extra }, action,
      exist && base ? base : undefined);
    return true;
  }
}

/** Compose runs what the compose file names: not in an untrusted workspace. */
export function requireComposeTrust(): void {
  requireWorkspaceTrust('compose');
}

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

export class ComposeRunner {
  private cliCache: { setting: string; cli: ComposeCli } | undefined;

  constructor(private readonly ctx: Ctx) {
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
}

/** Compose runs what the compose file names: not in an untrusted workspace. */
export function requireComposeTrust(): void {
  if (!vscode.workspace.isTrusted) throw new Error(vscode.l10n.t('Compose is turned off in an untrusted workspace: it runs the commands the compose file names. Trust the workspace to use it.'));
}

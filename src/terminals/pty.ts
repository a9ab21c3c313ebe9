// A vscode.Pseudoterminal over a TerminalSession: the thin adapter. Everything that talks to the
// engine is in the vscode-free sessions of ./session/ (over src/engine's streams).
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { Dimensions, TerminalSession } from './session/sessions';
import { errorBanner, exitBanner } from './session/banner';
import { describeError } from '../shared/errors';

export class SessionPty implements vscode.Pseudoterminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<number | void>();
  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;
  private done = false;
  private closed = false;
  private exitCode: number | undefined;

  constructor(private readonly ctx: Ctx, private readonly session: TerminalSession, private readonly intro?: string) {
    session.onData((t) => this.writeEmitter.fire(t));
    session.onExit((exit) => {
      this.done = true;
      this.exitCode = exit.code;
      if (exit.reason === 'closed') return;
      this.writeEmitter.fire(exitBanner(exit));
    });
  }

  open(dims: vscode.TerminalDimensions | undefined): void {
    if (this.intro) this.writeEmitter.fire(this.intro);
    const size: Dimensions | undefined = dims ? { cols: dims.columns, rows: dims.rows } : undefined;
    this.session.start(size).catch((e: unknown) => {
      this.done = true;
      const message = describeError(e);
      this.ctx.log.error(message);
      this.writeEmitter.fire(errorBanner(message));
    });
  }

  handleInput(data: string): void {
    if (this.done) { this.fireClose(); return; }
    this.session.write(data);
  }

  setDimensions(dims: vscode.TerminalDimensions): void {
    this.session.resize({ cols: dims.columns, rows: dims.rows });
  }

  close(): void {
    this.session.close();
    this.closed = true;
    this.writeEmitter.dispose();
    this.closeEmitter.dispose();
  }

  private fireClose(): void {
    if (this.closed) return;
    this.closeEmitter.fire(this.exitCode);
  }
}

/** Opens a terminal over a session and shows it. */
export function openSessionTerminal(ctx: Ctx, name: string, session: TerminalSession, opts: { intro?: string; icon?: string; preserveFocus?: boolean } = {}): vscode.Terminal {
  const pty = new SessionPty(ctx, session, opts.intro);
  const terminal = vscode.window.createTerminal({ name, pty, iconPath: new vscode.ThemeIcon(opts.icon ?? 'terminal') });
  terminal.show(opts.preserveFocus ?? false);
  return terminal;
}

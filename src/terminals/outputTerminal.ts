// A write-only terminal for build and push output: text written before VS Code opens it is
// kept, Ctrl+C asks to stop, closing it while running stops too, and once finished any key closes it.
import * as vscode from 'vscode';
import { DIM, RESET } from '../shared/ansi';

export class OutputTerminal implements vscode.Pseudoterminal {
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<number | void>();
  readonly onDidWrite = this.writeEmitter.event;
  readonly onDidClose = this.closeEmitter.event;
  readonly terminal: vscode.Terminal;
  private opened = false;
  private pending: string[] = [];
  private done = false;
  private closed = false;

  /** `onStop` runs when the user presses Ctrl+C or closes the terminal while it is running. */
  constructor(name: string, private readonly onStop?: () => void, icon = 'tools') {
    this.terminal = vscode.window.createTerminal({ name, pty: this, iconPath: new vscode.ThemeIcon(icon), isTransient: true });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  show(): void {
    this.terminal.show(true);
  }

  open(): void {
    this.opened = true;
    for (const t of this.pending.splice(0)) this.writeEmitter.fire(t);
  }

  write(text: string): void {
    if (this.closed || !text) return;
    if (this.opened) this.writeEmitter.fire(text);
    else this.pending.push(text);
  }

  writeLine(line = ''): void {
    this.write(`${line.replace(/\r?\n/g, '\r\n')}\r\n`);
  }

  /** Ends the terminal's running state; the last line says how, and that a key closes it. */
  finish(summary: string): void {
    this.done = true;
    this.write(`\r\n${DIM}[${vscode.l10n.t('{0} — press any key to close', summary)}]${RESET}\r\n`);
  }

  handleInput(data: string): void {
    if (this.done) { this.dispose(); return; }
    if (data === '\x03') this.onStop?.();
  }

  close(): void {
    const wasRunning = !this.done;
    this.closed = true;
    if (wasRunning) this.onStop?.();
  }

  dispose(): void {
    if (this.closed) return;
    this.closed = true;
    this.closeEmitter.fire();
    this.terminal.dispose();
  }
}

// Text the terminals print around a session (pure: no vscode).
import type { SessionExit } from './sessions';

const DIM = '\x1b[2m';
const RED = '\x1b[31m';
const RESET = '\x1b[0m';

/** The last line of a terminal: how the session ended, and that a key closes it. */
export function exitBanner(exit: SessionExit): string {
  let what: string;
  if (exit.error) what = `${RED}${exit.reason ?? 'failed'}${RESET}${DIM}`;
  else if (exit.code !== undefined && exit.reason) what = `${exit.reason}, exit code ${exit.code}`;
  else if (exit.code !== undefined) what = `process exited with code ${exit.code}`;
  else what = exit.reason ?? 'ended';
  return `\r\n${DIM}[${what} — press any key to close]${RESET}\r\n`;
}

/** The first line of a terminal: what it is connected to. */
export function introBanner(lines: string[]): string {
  return lines.map((l) => `${DIM}${l}${RESET}\r\n`).join('');
}

/** An error that prevented the session from starting. */
export function errorBanner(message: string): string {
  return `${RED}${message}${RESET}\r\n${DIM}[press any key to close]${RESET}\r\n`;
}

/** "ctrl-p,ctrl-q" → "Ctrl-P Ctrl-Q". */
export function describeKeys(keys: string): string {
  return keys.split(',').map((k) => k.trim().replace(/^ctrl-(.)$/i, (_m, c: string) => `Ctrl-${c.toUpperCase()}`)).join(' ');
}

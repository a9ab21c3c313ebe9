// Text the terminals print around a session (pure: no vscode).
import type { SessionExit } from './sessions';
import { l10n } from '../../shared/l10n';
import { DIM, RED, RESET } from '../../shared/ansi';


/** The last line of a terminal: how the session ended, and that a key closes it. */
export function exitBanner(exit: SessionExit): string {
  let what: string;
  if (exit.error) what = `${RED}${exit.reason ?? l10n.t('failed')}${RESET}${DIM}`;
  else if (exit.code !== undefined && exit.reason) what = l10n.t('{0}, exit code {1}', exit.reason, exit.code);
  else if (exit.code !== undefined) what = l10n.t('process exited with code {0}', exit.code);
  else what = exit.reason ?? l10n.t('ended');
  return `\r\n${DIM}[${l10n.t('{0} — press any key to close', what)}]${RESET}\r\n`;
}

/** The first line of a terminal: what it is connected to. */
export function introBanner(lines: string[]): string {
  return lines.map((l) => `${DIM}${l}${RESET}\r\n`).join('');
}

/** An error that prevented the session from starting. */
export function errorBanner(message: string): string {
  return `${RED}${message}${RESET}\r\n${DIM}[${l10n.t('press any key to close')}]${RESET}\r\n`;
}

/** "ctrl-p,ctrl-q" → "Ctrl-P Ctrl-Q". */
export function describeKeys(keys: string): string {
  return keys.split(',').map((k) => k.trim().replace(/^ctrl-(.)$/i, (_m, c: string) => `Ctrl-${c.toUpperCase()}`)).join(' ');
}

// Opens the terminals other features start too: a shell, logs, an attachment (run -it).
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { Engine } from '../engine/engine';
import { ContainerSummary } from '../engine/models';
import { describeKeys, introBanner } from './session/banner';
import { AttachSession, ExecSession, LogsSession, pickShell } from './session/sessions';
import { openSessionTerminal } from './pty';

const DETACH_KEYS = 'ctrl-p,ctrl-q';

export function execSettings(ctx: Ctx): { shell: string; user: string; workdir: string } {
  return {
    shell: ctx.setting('terminal.shell', ''),
    user: ctx.setting('terminal.user', ''),
    workdir: ctx.setting('terminal.workingDirectory', ''),
  };
}

/** Opens a shell in a running container (bash when present, else sh; the setting overrides). */
export async function openExecShell(ctx: Ctx, engine: Engine, c: Pick<ContainerSummary, 'id' | 'name'>): Promise<vscode.Terminal> {
  const s = execSettings(ctx);
  const cmd = await pickShell(engine, c.id, s.shell);
  const session = new ExecSession(engine, c.id, { cmd, user: s.user, workdir: s.workdir, tty: true });
  return openSessionTerminal(ctx, `${c.name} (${cmd[0].replace(/^.*\//, '')})`, session, {
    intro: introBanner([s.user ? vscode.l10n.t('exec {0} in {1} as {2} — closing the terminal ends this shell, not the container', cmd.join(' '), c.name, s.user) : vscode.l10n.t('exec {0} in {1} — closing the terminal ends this shell, not the container', cmd.join(' '), c.name)]),
  });
}

export function openLogs(ctx: Ctx, engine: Engine, c: Pick<ContainerSummary, 'id' | 'name'>, opts: { tail?: number | 'all'; timestamps?: boolean; since?: string; sinceLabel?: string } = {}): vscode.Terminal {
  const tail = opts.tail ?? ctx.setting<number>('logs.tail', 1000);
  const timestamps = opts.timestamps ?? ctx.setting('logs.timestamps', false);
  const session = new LogsSession(engine, c.id, { tail: tail === 'all' || tail < 0 ? 'all' : tail, timestamps, since: opts.since });
  const what = [tail === 'all' || tail < 0 ? vscode.l10n.t('all lines') : vscode.l10n.t('last {0} lines', tail), opts.sinceLabel ? vscode.l10n.t('since {0}', opts.sinceLabel) : '', timestamps ? vscode.l10n.t('timestamps') : ''].filter(Boolean).join(', ');
  return openSessionTerminal(ctx, `logs: ${c.name}`, session, {
    icon: 'output',
    intro: introBanner([vscode.l10n.t('logs of {0} ({1}), following — closing the terminal stops following', c.name, what)]),
  });
}

/** Attaches a terminal to a container; `startAfterAttach`: a container just created for Run, started once attached. */
export function openAttach(ctx: Ctx, engine: Engine, c: Pick<ContainerSummary, 'id' | 'name'>, opts: { startAfterAttach?: boolean } = {}): vscode.Terminal {
  const session = new AttachSession(engine, c.id, { detachKeys: DETACH_KEYS, startAfterAttach: opts.startAfterAttach });
  const keys = describeKeys(DETACH_KEYS);
  return openSessionTerminal(ctx, `${opts.startAfterAttach ? 'run' : 'attach'}: ${c.name}`, session, {
    icon: 'plug',
    intro: introBanner([opts.startAfterAttach
      ? vscode.l10n.t('running {0} — {1} or closing the terminal detaches; the container keeps running', c.name, keys)
      : vscode.l10n.t('attached to {0} — {1} or closing the terminal detaches; the container keeps running', c.name, keys)]),
  });
}


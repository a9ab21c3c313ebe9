// Terminal commands on containers: exec shell, exec command, attach, logs.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { ContainerSummary } from '../engine/models';
import { AttachSession, ExecSession, LogsSession, pickShell } from './session/sessions';
import { parseSince } from '../engine/streams';
import { describeKeys, introBanner } from './session/banner';
import { openSessionTerminal } from './pty';
import { joinCommandLine, splitCommandLine } from '../shared/commandLine';
import { containerTargets } from '../containers/register';

const DETACH_KEYS = 'ctrl-p,ctrl-q';

export function execSettings(ctx: Ctx): { shell: string; user: string; workdir: string } {
  return {
    shell: ctx.setting('terminal.shell', ''),
    user: ctx.setting('terminal.user', ''),
    workdir: ctx.setting('terminal.workingDirectory', ''),
  };
}

/** Opens a shell in a running container (bash when present, else sh; the setting overrides). */
export async function openExecShell(ctx: Ctx, c: Pick<ContainerSummary, 'id' | 'name'>): Promise<vscode.Terminal> {
  const engine = ctx.engine.engine;
  const s = execSettings(ctx);
  const cmd = await pickShell(engine, c.id, s.shell);
  const session = new ExecSession(engine, c.id, { cmd, user: s.user, workdir: s.workdir, tty: true });
  return openSessionTerminal(ctx, `${c.name} (${cmd[0].replace(/^.*\//, '')})`, session, {
    intro: introBanner([`exec ${cmd.join(' ')} in ${c.name}${s.user ? ` as ${s.user}` : ''} — closing the terminal ends this shell, not the container`]),
  });
}

export function openLogs(ctx: Ctx, c: Pick<ContainerSummary, 'id' | 'name'>, opts: { tail?: number | 'all'; timestamps?: boolean; since?: string; sinceLabel?: string } = {}): vscode.Terminal {
  const tail = opts.tail ?? ctx.setting<number>('logs.tail', 1000);
  const timestamps = opts.timestamps ?? ctx.setting('logs.timestamps', false);
  const session = new LogsSession(ctx.engine.engine, c.id, { tail: tail === 'all' || tail < 0 ? 'all' : tail, timestamps, since: opts.since });
  const what = [tail === 'all' || tail < 0 ? 'all lines' : `last ${tail} lines`, opts.sinceLabel ? `since ${opts.sinceLabel}` : '', timestamps ? 'timestamps' : ''].filter(Boolean).join(', ');
  return openSessionTerminal(ctx, `logs: ${c.name}`, session, {
    icon: 'output',
    intro: introBanner([`logs of ${c.name} (${what}), following — closing the terminal stops following`]),
  });
}

export function openAttach(ctx: Ctx, c: Pick<ContainerSummary, 'id' | 'name'>, opts: { startAfterAttach?: boolean; verb?: string } = {}): vscode.Terminal {
  const session = new AttachSession(ctx.engine.engine, c.id, { detachKeys: DETACH_KEYS, startAfterAttach: opts.startAfterAttach });
  return openSessionTerminal(ctx, `${opts.verb ?? 'attach'}: ${c.name}`, session, {
    icon: 'plug',
    intro: introBanner([`${opts.verb ?? 'attached to'} ${c.name} — ${describeKeys(DETACH_KEYS)} or closing the terminal detaches; the container keeps running`]),
  });
}

export function terminalCommands(ctx: Ctx): Record<string, (...args: unknown[]) => unknown> {
  const lastCommands = (id: string) => ctx.extension.workspaceState.get<string>(`dockyard.exec.last.${id}`, '');
  return {
    'dockyard.container.execShell': async (...args: unknown[]) => {
      const targets = await containerTargets(ctx, args, 'open a shell in', ['running']);
      for (const c of targets) await openExecShell(ctx, c);
    },

    'dockyard.container.execCommand': async (...args: unknown[]) => {
      const [c] = await containerTargets(ctx, args, 'run a command in', ['running'], false);
      if (!c) return;
      const line = await vscode.window.showInputBox({
        title: `Run a command in ${c.name}`,
        prompt: 'Split into arguments like a shell would; no shell is involved (use sh -c \'…\' for pipes and variables).',
        value: lastCommands(c.id),
        placeHolder: `e.g. ls -la /app   or   sh -c 'ps aux | grep node'`,
        validateInput: (v) => {
          const r = splitCommandLine(v);
          if (!r.ok) return r.reason;
          return r.value.length ? undefined : 'Type a command.';
        },
      });
      if (line === undefined) return;
      const r = splitCommandLine(line);
      if (!r.ok || !r.value.length) return;
      await ctx.extension.workspaceState.update(`dockyard.exec.last.${c.id}`, line);
      const s = execSettings(ctx);
      const session = new ExecSession(ctx.engine.engine, c.id, { cmd: r.value, user: s.user, workdir: s.workdir, tty: true });
      openSessionTerminal(ctx, `${c.name}: ${r.value[0]}`, session, { intro: introBanner([`exec ${joinCommandLine(r.value)} in ${c.name}`]) });
    },

    'dockyard.container.attach': async (...args: unknown[]) => {
      const targets = await containerTargets(ctx, args, 'attach to', ['running']);
      for (const c of targets) openAttach(ctx, c);
    },

    'dockyard.container.logs': async (...args: unknown[]) => {
      const targets = await containerTargets(ctx, args, 'show the logs of');
      for (const c of targets) openLogs(ctx, c);
    },

    'dockyard.container.logsWithOptions': async (...args: unknown[]) => {
      const [c] = await containerTargets(ctx, args, 'show the logs of', undefined, false);
      if (!c) return;
      const defTail = ctx.setting<number>('logs.tail', 1000);
      const tailText = await vscode.window.showInputBox({
        title: `Logs of ${c.name} (1/3): lines of history`,
        prompt: 'How many lines before following ("all" for everything)',
        value: String(defTail),
        validateInput: (v) => (/^(all|\d+)$/.test(v.trim()) ? undefined : 'Type a number of lines or "all".'),
      });
      if (tailText === undefined) return;
      const sinceText = await vscode.window.showInputBox({
        title: `Logs of ${c.name} (2/3): since`,
        prompt: 'Only lines since a duration ago (10m, 2h, 1d), a date (2024-05-01T10:00:00) or unix seconds; empty for no limit',
        validateInput: (v) => { if (!v.trim()) return undefined; const r = parseSince(v); return 'reason' in r ? r.reason : undefined; },
      });
      if (sinceText === undefined) return;
      const ts = await vscode.window.showQuickPick([
        { label: 'Without timestamps', value: false },
        { label: 'With timestamps', value: true },
      ], { title: `Logs of ${c.name} (3/3): timestamps` });
      if (!ts) return;
      const since = sinceText.trim() ? parseSince(sinceText) : undefined;
      openLogs(ctx, c, {
        tail: tailText.trim() === 'all' ? 'all' : Number(tailText),
        timestamps: ts.value,
        since: since && 'since' in since ? since.since : undefined,
        sinceLabel: sinceText.trim() || undefined,
      });
    },

    'dockyard.logs.toggleTimestamps': async () => {
      const now = ctx.setting('logs.timestamps', false);
      await ctx.config().update('logs.timestamps', !now, vscode.ConfigurationTarget.Global);
      void vscode.window.showInformationMessage(`Dockyard logs ${!now ? 'show' : 'hide'} timestamps (for logs opened from now on).`);
    },
  };
}

// Ending an exec for sure. The Engine API has no call that stops an exec, and an exec whose
// connection closes keeps running (a TTY shell that missed its EOF, a program that never reads
// stdin). Its inspect Pid is a host pid, which means nothing inside the container's pid
// namespace, so each exec Dockyard starts carries a marker in its environment
// (DOCKYARD_EXEC_ID=<random>), and ending it means signalling, from a second exec running as the
// same user (only that user may read the processes' environment without CAP_SYS_PTRACE), the processes whose environment holds that marker: SIGHUP to all of them (a terminal hangup;
// nohup'd jobs survive it, as they would an ssh hangup), then SIGKILL to the exec's own process
// (the marked process whose parent is not marked) if it is still running.
import { randomBytes } from 'node:crypto';
import type { Engine } from './engine';

export const EXEC_MARKER_ENV = 'DOCKYARD_EXEC_ID';

/** A fresh marker value for one exec. */
export function newExecMarker(): string {
  return randomBytes(8).toString('hex');
}

/**
 * The signalling script: POSIX sh with tr, grep, sed and kill (busybox and every distro image
 * have them). $1 signal, $2 "all" or "root" (only the marked processes whose parent is unmarked),
 * $3 the marker. Prints how many processes it signalled.
 */
export const SIGNAL_SCRIPT = [
  'sig=$1; mode=$2; want="$3"; targets=""; n=0',
  'marked() { tr "\\000" "\\n" < "/proc/$1/environ" 2>/dev/null | grep -qx "$want"; }',
  // Choose every target before signalling any: a parent killed first would make its child look parentless.
  'for d in /proc/[0-9]*; do',
  '  p=${d#/proc/}',
  '  [ "$p" = "$$" ] && continue',
  '  marked "$p" || continue',
  '  if [ "$mode" = root ]; then',
  '    pp=$(sed -n "s/^PPid:[[:space:]]*//p" "$d/status" 2>/dev/null)',
  '    [ -n "$pp" ] && marked "$pp" && continue',
  '  fi',
  '  targets="$targets $p"',
  'done',
  'for p in $targets; do kill "-$sig" "$p" 2>/dev/null && n=$((n+1)); done',
  'echo "$n"',
].join('\n');

/** Sends `signal` to the processes of the exec that carries `marker`; resolves with how many were signalled (undefined when the container cannot run the script). */
export async function signalMarkedExec(engine: Engine, containerId: string, marker: string, signal: 'HUP' | 'KILL', mode: 'all' | 'root', user?: string): Promise<number | undefined> {
  if (!/^[0-9a-f]{16}$/.test(marker)) throw new Error('bad exec marker');
  return engine.call(undefined, async (d) => {
    const exec = await d.getContainer(containerId).exec({
      Cmd: ['sh', '-c', SIGNAL_SCRIPT, 'dockyard-end-exec', signal, mode, `${EXEC_MARKER_ENV}=${marker}`],
      AttachStdout: true, AttachStderr: true, Tty: true, User: user || undefined,
    });
    const stream = await exec.start({ hijack: true, stdin: false, Tty: true });
    const out = await new Promise<string>((resolve) => {
      let text = '';
      const timer = setTimeout(() => { stream.destroy(); resolve(text); }, 5000);
      stream.on('data', (b: Buffer) => { text += b.toString('utf8'); });
      const done = () => { clearTimeout(timer); resolve(text); };
      stream.on('end', done);
      stream.on('close', done);
      stream.on('error', done);
    });
    const n = Number(out.trim().split(/\s+/).pop());
    return Number.isFinite(n) && out.trim() !== '' ? n : undefined;
  }).catch(() => undefined);
}

export interface EndExecOptions {
  /** How long the exec may take to end by itself (after its EOF) before it is hung up on. */
  graceMs?: number;
  /** How long after SIGHUP before SIGKILL. */
  hangupMs?: number;
  pollMs?: number;
}

/** How an exec ended after its terminal closed. */
export type ExecEnding = 'exited' | 'hungUp' | 'killed' | 'stillRunning' | 'unknown';

/**
 * Makes sure an exec ends: waits `graceMs` for it to exit by itself, then hangs up on its
 * processes, then kills its own process. `running()` asks the engine (exec inspect).
 */
export async function endExec(
  running: () => Promise<boolean | undefined>,
  signal: (sig: 'HUP' | 'KILL', mode: 'all' | 'root') => Promise<number | undefined>,
  opts: EndExecOptions = {},
): Promise<ExecEnding> {
  const poll = opts.pollMs ?? 100;
  const waitEnded = async (ms: number): Promise<boolean | undefined> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const r = await running();
      if (r !== true) return r === undefined ? undefined : true;
      if (Date.now() >= deadline) return false;
      await new Promise((res) => setTimeout(res, poll));
    }
  };
  const first = await waitEnded(opts.graceMs ?? 1000);
  if (first === undefined) return 'unknown';
  if (first) return 'exited';
  await signal('HUP', 'all');
  const second = await waitEnded(opts.hangupMs ?? 1000);
  if (second === undefined) return 'unknown';
  if (second) return 'hungUp';
  await signal('KILL', 'root');
  const third = await waitEnded(2000);
  return third ? 'killed' : third === undefined ? 'unknown' : 'stillRunning';
}

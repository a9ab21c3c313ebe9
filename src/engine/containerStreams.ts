// The engine side of terminals: a container's run state, exec, attach, logs, wait, TTY resize
// and its start/destroy events, as plain streams and data. No terminal text is made here:
// src/terminals/session/ turns these into what a terminal shows.
import type { Duplex, Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import { Engine, short } from './engine';
import { EngineError, toEngineError } from './errors';
import { EndExecOptions, endExec, ExecEnding, EXEC_MARKER_ENV, newExecMarker, signalMarkedExec } from './execEnd';
import { l10n } from '../shared/l10n';

export interface Dimensions {
  cols: number;
  rows: number;
}

export interface ContainerRunState {
  name: string;
  running: boolean;
  paused: boolean;
  status: string;
  tty: boolean;
  openStdin: boolean;
  exitCode?: number;
}

/** What exec and attach need to know first: is it running, does it have a TTY and stdin. */
export async function containerState(engine: Engine, id: string): Promise<ContainerRunState> {
  const i = (await engine.inspectContainer(id)) as {
    Name?: string; State?: { Running?: boolean; Paused?: boolean; Status?: string; ExitCode?: number };
    Config?: { Tty?: boolean; OpenStdin?: boolean };
  };
  return {
    name: (i.Name ?? short(id)).replace(/^\//, ''),
    running: !!i.State?.Running,
    paused: !!i.State?.Paused,
    status: i.State?.Status ?? 'unknown',
    tty: !!i.Config?.Tty,
    openStdin: !!i.Config?.OpenStdin,
    exitCode: i.State?.ExitCode,
  };
}

/** "Container X is not running — start it first" (or "is paused — unpause it first"). */
export function notRunning(name: string, status: string): EngineError {
  if (status === 'paused') return new EngineError('conflict', l10n.t('Container {0} is paused — unpause it first.', name), 409);
  return new EngineError('conflict', l10n.t('Container {0} is not running ({1}) — start it first.', name, status), 409);
}

export interface ExecSpec {
  cmd: string[];
  user?: string;
  workdir?: string;
  env?: string[];
  tty: boolean;
}

export interface ExecInfo {
  running: boolean;
  exitCode?: number | null;
  pid?: number;
}

/** A started exec: its hijacked stream, and what can be asked of it afterwards. */
export interface ExecHandle {
  stream: Duplex;
  resize(dims: Dimensions): Promise<void>;
  inspect(): Promise<ExecInfo>;
  /**
   * Makes sure the exec ends (its connection closing does not end it): waits a grace for it to
   * exit by itself, then hangs up on its processes, then kills its own (execEnd.ts).
   */
  end(opts?: EndExecOptions): Promise<ExecEnding>;
}

/** `docker exec`: creates the exec and starts it with stdin attached. */
export async function startExec(engine: Engine, containerId: string, spec: ExecSpec, what: string): Promise<ExecHandle> {
  const marker = newExecMarker();
  const exec = await engine.call(what, (d) => d.getContainer(containerId).exec({
    Cmd: spec.cmd,
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    Tty: spec.tty,
    User: spec.user || undefined,
    WorkingDir: spec.workdir || undefined,
    Env: [...(spec.env ?? []), `${EXEC_MARKER_ENV}=${marker}`],
  }));
  const stream = (await engine.call(what, () => exec.start({ hijack: true, stdin: true, Tty: spec.tty }))) as Duplex;
  return {
    stream,
    resize: async (dims) => { await engine.call(what, () => exec.resize({ h: dims.rows, w: dims.cols })); },
    inspect: async () => {
      const info = (await engine.call(what, () => exec.inspect())) as { Running?: boolean; ExitCode?: number | null; Pid?: number };
      return { running: !!info.Running, exitCode: info.ExitCode, pid: info.Pid };
    },
    end: (opts) => endExec(
      async () => {
        try {
          return !!((await exec.inspect()) as { Running?: boolean }).Running;
        } catch (e) {
          // The exec (or its container) is gone: nothing left to end.
          return toEngineError(e, engine.host).kind === 'notFound' ? false : undefined;
        }
      },
      (sig, mode) => signalMarkedExec(engine, containerId, marker, sig, mode, spec.user),
      opts,
    ),
  };
}

/** `docker attach`: the main process's stdio (stdin only when asked). */
export async function attachContainer(engine: Engine, containerId: string, opts: { stdin: boolean; detachKeys: string }, what: string): Promise<Duplex> {
  return (await engine.call(what, (d) => d.getContainer(containerId).attach({
    stream: true, stdin: opts.stdin, stdout: true, stderr: true, hijack: true, detachKeys: opts.detachKeys,
  }))) as Duplex;
}

/** Resizes the container's own TTY (attach). */
export async function resizeContainer(engine: Engine, containerId: string, dims: Dimensions): Promise<void> {
  await engine.call(l10n.t('Container {0}', short(containerId)), (d) => d.getContainer(containerId).resize({ h: dims.rows, w: dims.cols }));
}

/** The exit code of the container's next exit (undefined when aborted or unknown); outlives --rm. */
export function waitForNextExit(engine: Engine, containerId: string, signal: AbortSignal): Promise<number | undefined> {
  return engine.call(l10n.t('Container {0}', short(containerId)), (d) => d.getContainer(containerId).wait({ condition: 'next-exit', abortSignal: signal }) as Promise<{ StatusCode?: number }>)
    .then((r) => r.StatusCode, () => undefined);
}

export interface LogsRequest {
  follow: boolean;
  tail: number | 'all';
  /** Unix seconds ("seconds.nanoseconds"), the engine's form. */
  since?: string;
}

/** `docker logs [-f] --tail N --since S -t`: the raw stream (multiplexed unless the container has a TTY). */
export async function openLogs(engine: Engine, containerId: string, req: LogsRequest, what: string): Promise<Readable> {
  const params = {
    stdout: true, stderr: true, timestamps: true,
    tail: req.tail === 'all' ? 'all' : String(req.tail),
    ...(req.since ? { since: req.since } : {}),
  };
  const c = (d: Dockerode) => d.getContainer(containerId);
  if (req.follow) {
    return (await engine.call(what, (d) => c(d).logs({ ...params, follow: true } as unknown as Dockerode.ContainerLogsOptions & { follow: true }))) as unknown as Readable;
  }
  const buf = (await engine.call(what, (d) => c(d).logs({ ...params, follow: false } as unknown as Dockerode.ContainerLogsOptions & { follow?: false }))) as unknown as Buffer;
  const { Readable: R } = await import('node:stream');
  return R.from([buf]);
}

/** The engine's events for one container's start and destroy, as the raw /events stream. */
export async function containerLifecycleEvents(engine: Engine, containerId: string): Promise<Readable> {
  return (await engine.call(undefined, (d) => d.getEvents({
    filters: { type: ['container'], container: [containerId], event: ['start', 'destroy'] },
  }))) as unknown as Readable;
}

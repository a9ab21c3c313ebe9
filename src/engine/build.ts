// POST /build for both builders: the query both send, one call's cancellation (the caller's
// signal and a failing context stream stop it alike), the error it ends with, and the JSON
// lines it answers with. The classic builder's request is here; BuildKit's (a session, its
// trace) is in buildkit/build.ts.
import type { Engine } from './engine';
import { buildCancelled, EngineError, isCutOff } from './errors';
import { BuildMessage } from './models';
import { LineSplitter } from '../shared/lines';
import { l10n } from '../shared/l10n';
import { asError } from '../shared/errors';

export interface BuildRequest {
  /** The Dockerfile's path inside the context tar. */
  dockerfile: string;
  tags?: string[];
  target?: string;
  buildArgs?: Record<string, string>;
  noCache?: boolean;
  pull?: boolean;
  labels?: Record<string, string>;
  /** Classic builder: logins per registry address for pulling FROM (X-Registry-Config). Never logged. */
  registryConfig?: Record<string, { username: string; password: string }>;
  signal?: AbortSignal;
}

/** The query parameters of POST /build that both builders send. */
export function buildQuery(req: BuildRequest): Record<string, unknown> {
  const query: Record<string, unknown> = { dockerfile: req.dockerfile, rm: true, forcerm: true };
  if (req.tags?.length) query.t = req.tags;
  if (req.target) query.target = req.target;
  if (req.buildArgs && Object.keys(req.buildArgs).length) query.buildargs = req.buildArgs;
  if (req.labels && Object.keys(req.labels).length) query.labels = req.labels;
  if (req.noCache) query.nocache = true;
  if (req.pull) query.pull = true;
  return query;
}

/**
 * One POST /build in flight (to the engine at `host`): `signal` aborts the request when the caller cancels or the context
 * stream fails; `failure` says how a stopped or broken call ended; `follow` reads the answer's
 * JSON lines. Dispose it when the call is over.
 */
export class BuildCall {
  private readonly abort = new AbortController();
  private contextError: Error | undefined;
  private readonly onUserAbort = () => this.abort.abort();
  private readonly onContextError = (e: Error) => { this.contextError = e; this.abort.abort(); };

  /** Throws the EngineError of kind 'cancelled' when the caller's signal has already fired. */
  constructor(private readonly host: string, private readonly context: NodeJS.ReadableStream, private readonly userSignal: AbortSignal | undefined) {
    if (userSignal?.aborted) throw buildCancelled();
    userSignal?.addEventListener('abort', this.onUserAbort, { once: true });
    context.on('error', this.onContextError);
  }

  get signal(): AbortSignal {
    return this.abort.signal;
  }

  /** The call was stopped: by the caller, or by the context stream's own error. */
  get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  /**
   * The error a stopped or broken call ends with: the context stream's own error, the build
   * cancelled, the connection dropped mid-build, or `e` itself.
   */
  failure(e: unknown): Error {
    if (this.contextError) return this.contextError;
    if (this.userSignal?.aborted || this.abort.signal.aborted) return buildCancelled();
    if (isConnectionDrop(e)) return connectionDropped(this.host);
    return asError(e);
  }

  /** The error for what the request itself threw: the engine's own (it refused) unless the call was stopped. */
  requestFailure(e: unknown): unknown {
    return this.stopped ? this.failure(e) : e;
  }

  /**
   * Reads the answer's lines (UTF-8 across chunks) until it ends; rejects with `failure` when the
   * call is stopped (after `onStop`, e.g. asking the engine to cancel) or the stream breaks.
   */
  follow(res: NodeJS.ReadableStream, onLine: (line: string) => void, onStop?: () => void): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const lines = new LineSplitter();
      const emit = (line: string) => { if (line.trim()) onLine(line); };
      const onAbort = () => {
        (res as NodeJS.ReadableStream & { destroy?: (e?: Error) => void }).destroy?.();
        onStop?.();
        reject(this.failure(undefined));
      };
      if (this.stopped) { onAbort(); return; }
      this.abort.signal.addEventListener('abort', onAbort, { once: true });
      res.on('data', (chunk: Buffer | string) => {
        for (const line of lines.push(chunk)) emit(line);
      });
      res.on('end', () => {
        this.abort.signal.removeEventListener('abort', onAbort);
        const rest = lines.flush();
        if (rest !== undefined) emit(rest);
        if (this.contextError) reject(this.contextError);
        else resolve();
      });
      res.on('error', (e: Error) => {
        this.abort.signal.removeEventListener('abort', onAbort);
        reject(this.failure(e));
      });
    });
  }

  /** Whatever else broke the call becomes the error `failure` gives; EngineErrors and the context's error stay as they are. */
  settle(e: unknown): unknown {
    return e instanceof EngineError || (e !== undefined && e === this.contextError) ? e : this.failure(e);
  }

  dispose(): void {
    this.userSignal?.removeEventListener('abort', this.onUserAbort);
    this.context.removeListener('error', this.onContextError);
  }
}

/**
 * Runs a classic build. Resolves when the engine finished sending messages (a failed build is
 * reported through an {error} message, not a rejection); rejects with the EngineError of kind 'cancelled'
 * when the signal fires, with the context stream's own error when packing fails, and with an
 * EngineError when the engine refuses the request.
 */
export async function buildImage(
  engine: Engine,
  context: NodeJS.ReadableStream,
  req: BuildRequest,
  onMessage: (m: BuildMessage) => void,
): Promise<void> {
  const call = new BuildCall(engine.host, context, req.signal);
  const opts = { ...buildQuery(req), abortSignal: call.signal } as Record<string, unknown>;
  if (req.registryConfig && Object.keys(req.registryConfig).length) opts.registryconfig = req.registryConfig;
  try {
    let stream: NodeJS.ReadableStream;
    try {
      stream = await engine.call(undefined, async (d) => await d.buildImage(context, opts) as NodeJS.ReadableStream);
    } catch (e) {
      // A cancelled request or a failed context is not the engine's fault: say what happened.
      throw call.requestFailure(e);
    }
    await call.follow(stream, (line) => {
      let m: BuildMessage;
      try { m = JSON.parse(line) as BuildMessage; } catch { m = { stream: `${line}\n` }; }
      onMessage(m);
    });
  } catch (e) {
    throw call.settle(e);
  } finally {
    call.dispose();
  }
}

/** A build error that says little by itself (from either builder), with what to do about it. */
export function explainBuildError(message: string): string {
  if (/network bridge not found/i.test(message)) {
    return l10n.t('{0} — this engine has no bridge network (dockerd --bridge=none): set dockyard.build.networkMode to "none" or "host".', message);
  }
  if (/the --mount option requires BuildKit/i.test(message)) {
    return l10n.t('{0} — set dockyard.build.builder to "buildkit" (or "auto").', message);
  }
  if (/no SSH key .* forwarded from the client/i.test(message)) {
    return l10n.t('{0} — a RUN step mounts the ssh-agent: start one (SSH_AUTH_SOCK) with your key added (ssh-add) before VS Code, then build again.', message);
  }
  if (/secret (\S+) not found|failed to load secret/i.test(message)) {
    return l10n.t('{0} — pick a file or environment variable for that secret id in the build form.', message);
  }
  if (/pull access denied|unauthorized|authentication required|no basic auth credentials|denied: /i.test(message)) {
    return l10n.t('{0} — log in to that registry (Dockyard: Log In to Registry) and build again.', message);
  }
  return message;
}

/** The message for a build whose connection ended before the engine said how the build went. */
export function connectionDropped(host: string): EngineError {
  return new EngineError('unreachable', l10n.t('The engine closed the connection during the build ({0}); the build did not finish. Check that Docker is still running, then build again.', host));
}

/** A response cut off mid-stream, or an engine that stopped answering. */
export function isConnectionDrop(e: unknown): boolean {
  if (e instanceof EngineError) return e.kind === 'unreachable';
  const code = (e as { code?: string } | undefined)?.code ?? '';
  return isCutOff(e) || code === 'ECONNREFUSED' || code === 'ENOENT';
}

// POST /build: sends a context tar, streams the builder's JSON messages, and stops the build
// when cancelled (the request is destroyed; the engine then cancels the build).
import type { Engine } from './engine';
import { buildCancelled, EngineError, isCutOff } from './errors';
import { BuildMessage } from './models';
import { LineSplitter } from '../shared/lines';

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



/**
 * Runs a build. Resolves when the engine finished sending messages (a failed build is
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
  const abort = new AbortController();
  let contextError: Error | undefined;
  const onUserAbort = () => abort.abort();
  if (req.signal?.aborted) throw buildCancelled();
  req.signal?.addEventListener('abort', onUserAbort, { once: true });
  const onContextError = (e: Error) => { contextError = e; abort.abort(); };
  context.on('error', onContextError);

  const opts: Record<string, unknown> = {
    dockerfile: req.dockerfile,
    abortSignal: abort.signal,
    rm: true,
    forcerm: true,
  };
  if (req.tags?.length) opts.t = req.tags;
  if (req.target) opts.target = req.target;
  if (req.buildArgs && Object.keys(req.buildArgs).length) opts.buildargs = req.buildArgs;
  if (req.labels && Object.keys(req.labels).length) opts.labels = req.labels;
  if (req.noCache) opts.nocache = true;
  if (req.pull) opts.pull = true;
  if (req.registryConfig && Object.keys(req.registryConfig).length) opts.registryconfig = req.registryConfig;

  const failure = (e: unknown): Error => {
    if (contextError) return contextError;
    if (req.signal?.aborted || abort.signal.aborted) return buildCancelled();
    if (isConnectionDrop(e)) return connectionDropped(engine.host);
    return e instanceof Error ? e : new Error(String(e));
  };

  try {
    let stream: NodeJS.ReadableStream;
    try {
      stream = await engine.call(undefined, async (d) => await d.buildImage(context, opts) as NodeJS.ReadableStream);
    } catch (e) {
      // A cancelled request or a failed context is not the engine's fault: say what happened.
      if (contextError || abort.signal.aborted) throw failure(e);
      throw e;
    }

    await new Promise<void>((resolve, reject) => {
      const lines = new LineSplitter();
      const emitLine = (line: string) => {
        if (!line.trim()) return;
        let m: BuildMessage;
        try { m = JSON.parse(line) as BuildMessage; } catch { m = { stream: `${line}\n` }; }
        onMessage(m);
      };
      const onAbort = () => {
        (stream as NodeJS.ReadableStream & { destroy?: (e?: Error) => void }).destroy?.();
        reject(failure(undefined));
      };
      abort.signal.addEventListener('abort', onAbort, { once: true });
      stream.on('data', (chunk: Buffer | string) => {
        for (const line of lines.push(chunk)) emitLine(line);
      });
      stream.on('end', () => {
        abort.signal.removeEventListener('abort', onAbort);
        const rest = lines.flush();
        if (rest !== undefined) emitLine(rest);
        if (contextError) reject(contextError);
        else resolve();
      });
      stream.on('error', (e: Error) => {
        abort.signal.removeEventListener('abort', onAbort);
        reject(failure(e));
      });
    });
  } catch (e) {
    if (e instanceof EngineError || e === contextError) throw e;
    throw failure(e);
  } finally {
    req.signal?.removeEventListener('abort', onUserAbort);
    context.removeListener('error', onContextError);
  }
}

/** The message for a build whose connection ended before the engine said how the build went. */
export function connectionDropped(host: string): EngineError {
  return new EngineError('unreachable', `The engine closed the connection during the build (${host}); the build did not finish. Check that Docker is still running, then build again.`);
}

/** A response cut off mid-stream, or an engine that stopped answering. */
export function isConnectionDrop(e: unknown): boolean {
  if (e instanceof EngineError) return e.kind === 'unreachable';
  const code = (e as { code?: string } | undefined)?.code ?? '';
  return isCutOff(e) || code === 'ECONNREFUSED' || code === 'ENOENT';
}

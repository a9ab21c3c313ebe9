// A BuildKit build through the Engine API: a session (credentials, secrets, ssh-agent) and
// `POST /build?version=2` with the context tar as the body. The engine streams JSON lines:
// `moby.buildkit.trace` (base64 StatusResponse), `moby.image.id`, and {error} at the end.
// Cancelling destroys the request and asks the engine to cancel (POST /build/cancel).
import * as crypto from 'node:crypto';
import { l10n } from '../../shared/l10n';
import type { IncomingMessage } from 'node:http';
import { BuildRequest, connectionDropped, isConnectionDrop } from '../build';
import { buildCancelled } from '../errors';
import type { Engine } from '../engine';
import { EngineError } from '../errors';
import { BuildSession, RegistryLogin, SecretSource, SessionActivity } from './session';
import { BuildTrace, TraceEvent } from './trace';
import { describeError } from '../../shared/errors';

export interface BuildKitRequest extends BuildRequest {
  platform?: string;
  /** `--network`: default (empty), none, host, or a network name. */
  networkMode?: string;
  /** Images to use as cache sources. */
  cacheFrom?: string[];
  secrets?: SecretSource[];
  sshAgentSocket?: string;
  credentials?: (host: string) => Promise<RegistryLogin | undefined>;
  /** The session's name (the context folder's name, like the CLI). */
  sessionName?: string;
}

export type BuildKitEvent =
  | { type: 'trace'; events: TraceEvent[] }
  | { type: 'image'; id: string }
  | { type: 'error'; message: string }
  | { type: 'text'; text: string };

export interface BuildKitResult {
  imageId?: string;
  error?: string;
  activity: SessionActivity;
}

const bridges = new WeakMap<Engine, { at: number; present: boolean }>();

/**
 * False when the engine has no bridge network (dockerd --bridge=none): BuildKit's RUN fails
 * there unless told otherwise. Remembered for a minute per engine (it changes only with a restart).
 */
export async function hasBridgeNetwork(engine: Engine): Promise<boolean> {
  const known = bridges.get(engine);
  if (known && Date.now() - known.at < 60_000) return known.present;
  let present = true;
  try {
    await engine.call(undefined, (d) => d.getNetwork('bridge').inspect());
  } catch (e) {
    if (!(e instanceof EngineError && e.kind === 'notFound')) throw e;
    present = false;
  }
  bridges.set(engine, { at: Date.now(), present });
  return present;
}

/** A message a person can act on for BuildKit errors that say little by themselves. */
export function explainBuildKitError(message: string): string {
  if (/network bridge not found/i.test(message)) {
    return `${message} — this engine has no bridge network (dockerd --bridge=none): set dockyard.build.networkMode to "none" or "host".`;
  }
  if (/the --mount option requires BuildKit/i.test(message)) {
    return `${message} — set dockyard.build.builder to "buildkit" (or "auto").`;
  }
  if (/no SSH key .* forwarded from the client/i.test(message)) {
    return `${message} — a RUN step mounts the ssh-agent: start one (SSH_AUTH_SOCK) with your key added (ssh-add) before VS Code, then build again.`;
  }
  if (/secret (\S+) not found|failed to load secret/i.test(message)) {
    return `${message} — pick a file or environment variable for that secret id in the build form.`;
  }
  if (/pull access denied|unauthorized|authentication required|no basic auth credentials|denied: /i.test(message)) {
    return `${message} — log in to that registry (Dockyard: Log In to Registry) and build again.`;
  }
  return message;
}

export async function buildWithBuildKit(
  engine: Engine,
  context: NodeJS.ReadableStream,
  req: BuildKitRequest,
  trace: BuildTrace,
  onEvent: (e: BuildKitEvent) => void,
): Promise<BuildKitResult> {
  if (req.signal?.aborted) throw buildCancelled();
  const session = new BuildSession(engine, {
    credentials: req.credentials,
    secrets: req.secrets,
    sshAgentSocket: req.sshAgentSocket,
    name: req.sessionName,
  });
  const buildId = crypto.randomUUID();
  const abort = new AbortController();
  let contextError: Error | undefined;
  const onUserAbort = () => abort.abort();
  req.signal?.addEventListener('abort', onUserAbort, { once: true });
  const onContextError = (e: Error) => { contextError = e; abort.abort(); };
  context.on('error', onContextError);

  const query: Record<string, unknown> = {
    version: '2',
    session: session.id,
    buildid: buildId,
    dockerfile: req.dockerfile,
    rm: true,
    forcerm: true,
  };
  if (req.tags?.length) query.t = req.tags;
  if (req.target) query.target = req.target;
  if (req.buildArgs && Object.keys(req.buildArgs).length) query.buildargs = req.buildArgs;
  if (req.labels && Object.keys(req.labels).length) query.labels = req.labels;
  if (req.noCache) query.nocache = true;
  if (req.pull) query.pull = true;
  if (req.platform) query.platform = req.platform;
  if (req.networkMode) query.networkmode = req.networkMode;
  if (req.cacheFrom?.length) query.cachefrom = JSON.stringify(req.cacheFrom);

  const result: BuildKitResult = { activity: session.activity };
  const cancelled = () => req.signal?.aborted || (abort.signal.aborted && !contextError);
  try {
    try {
      await session.open();
    } catch (e) {
      // Without a session BuildKit still builds, only without logins, secrets and the ssh-agent:
      // go on when the build needs none of those it could not do without.
      if (req.secrets?.length || req.sshAgentSocket || (e instanceof EngineError && e.kind !== 'unknown' && e.kind !== 'badRequest' && e.kind !== 'notFound')) throw e;
      delete query.session;
      onEvent({ type: 'text', text: `${l10n.t('The engine did not open a build session ({0}): building without registry logins.', describeError(e))}\n` });
    }
    if (abort.signal.aborted) throw contextError ?? buildCancelled();
    let res: IncomingMessage;
    try {
      res = await engine.call(undefined, (d) => new Promise<IncomingMessage>((resolve, reject) => {
        d.modem.dial({
          path: '/build?',
          method: 'POST',
          file: context,
          options: query,
          abortSignal: abort.signal,
          isStream: true,
          headers: { 'Content-Type': 'application/x-tar' },
          statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' },
        } as never, (err: unknown, r: unknown) => (err ? reject(err) : resolve(r as IncomingMessage)));
      }));
    } catch (e) {
      if (contextError) throw contextError;
      if (cancelled()) throw buildCancelled();
      throw e;
    }

    await new Promise<void>((resolve, reject) => {
      let buffered = '';
      const line = (raw: string) => {
        if (!raw.trim()) return;
        let m: { id?: string; aux?: unknown; error?: string; errorDetail?: { message?: string }; stream?: string };
        try { m = JSON.parse(raw) as typeof m; } catch { onEvent({ type: 'text', text: raw }); return; }
        if (m.id === 'moby.buildkit.trace' && typeof m.aux === 'string') {
          const events = trace.applyBase64(m.aux);
          if (events.length) onEvent({ type: 'trace', events });
        } else if (m.aux && typeof (m.aux as { ID?: unknown }).ID === 'string') {
          // moby.image.id from BuildKit; a bare {aux: {ID}} from engines that build classically anyway.
          result.imageId = (m.aux as { ID: string }).ID;
          onEvent({ type: 'image', id: result.imageId });
        } else if (m.error || m.errorDetail?.message) {
          result.error = (m.errorDetail?.message ?? m.error ?? '').trim();
          onEvent({ type: 'error', message: result.error });
        } else if (typeof m.stream === 'string') {
          onEvent({ type: 'text', text: m.stream });
        }
      };
      const onAbort = () => {
        res.destroy();
        void engine.call(undefined, (d) => new Promise<void>((done) => {
          d.modem.dial({ path: '/build/cancel?', method: 'POST', options: { id: buildId }, statusCodes: { 200: true, 404: true, 500: true } } as never, () => done());
        })).catch(() => undefined);
        reject(contextError ?? buildCancelled());
      };
      abort.signal.addEventListener('abort', onAbort, { once: true });
      res.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        let nl: number;
        while ((nl = buffered.indexOf('\n')) >= 0) {
          line(buffered.slice(0, nl));
          buffered = buffered.slice(nl + 1);
        }
      });
      res.on('end', () => {
        abort.signal.removeEventListener('abort', onAbort);
        line(buffered);
        if (contextError) reject(contextError);
        else resolve();
      });
      res.on('error', (e: Error) => {
        abort.signal.removeEventListener('abort', onAbort);
        // A response cut off mid-build (the engine went away) says so, not a raw "aborted".
        reject(contextError ?? (cancelled() ? buildCancelled() : isConnectionDrop(e) ? connectionDropped(engine.host) : e));
      });
    });
    return result;
  } finally {
    session.close();
    req.signal?.removeEventListener('abort', onUserAbort);
    context.removeListener('error', onContextError);
  }
}

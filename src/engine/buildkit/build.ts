// A BuildKit build through the Engine API: a session (credentials, secrets, ssh-agent) and
// `POST /build?version=2` with the context tar as the body. The engine streams JSON lines:
// `moby.buildkit.trace` (base64 StatusResponse), `moby.image.id`, and {error} at the end.
// Cancelling destroys the request and asks the engine to cancel (POST /build/cancel).
import * as crypto from 'node:crypto';
import { l10n } from '../../shared/l10n';
import type { IncomingMessage } from 'node:http';
import { BuildCall, BuildRequest, buildQuery } from '../build';
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

export async function buildWithBuildKit(
  engine: Engine,
  context: NodeJS.ReadableStream,
  req: BuildKitRequest,
  trace: BuildTrace,
  onEvent: (e: BuildKitEvent) => void,
): Promise<BuildKitResult> {
  const call = new BuildCall(engine.host, context, req.signal);
  const session = new BuildSession(engine, {
    credentials: req.credentials,
    secrets: req.secrets,
    sshAgentSocket: req.sshAgentSocket,
    name: req.sessionName,
  });
  const buildId = crypto.randomUUID();
  const query: Record<string, unknown> = { ...buildQuery(req), version: '2', session: session.id, buildid: buildId };
  if (req.platform) query.platform = req.platform;
  if (req.networkMode) query.networkmode = req.networkMode;
  if (req.cacheFrom?.length) query.cachefrom = JSON.stringify(req.cacheFrom);

  const result: BuildKitResult = { activity: session.activity };
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
    if (call.stopped) throw call.failure(undefined);
    let res: IncomingMessage;
    try {
      res = await engine.call(undefined, (d) => new Promise<IncomingMessage>((resolve, reject) => {
        d.modem.dial({
          path: '/build?',
          method: 'POST',
          file: context,
          options: query,
          abortSignal: call.signal,
          isStream: true,
          headers: { 'Content-Type': 'application/x-tar' },
          statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' },
        } as never, (err: unknown, r: unknown) => (err ? reject(err) : resolve(r as IncomingMessage)));
      }));
    } catch (e) {
      throw call.requestFailure(e);
    }
    const cancelOnEngine = () => {
      void engine.call(undefined, (d) => new Promise<void>((done) => {
        d.modem.dial({ path: '/build/cancel?', method: 'POST', options: { id: buildId }, statusCodes: { 200: true, 404: true, 500: true } } as never, () => done());
      })).catch(() => undefined);
    };
    await call.follow(res, (raw) => {
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
    }, cancelOnEngine);
    return result;
  } catch (e) {
    throw call.settle(e);
  } finally {
    session.close();
    call.dispose();
  }
}

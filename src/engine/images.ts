// Image workflows beyond list/tag/remove: commit, push and pull with progress, history, digests,
// "since" filtering, and the engine's registry search. Credentials are passed in by the caller
// (from SecretStorage) and only ever sent as X-Registry-Auth; they are never logged.
import type { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import { Engine, short } from './engine';
import { EngineError, isCutOff, toEngineError, withSubject } from './errors';
import { toImage } from './convert';
import { ImageSummary } from './models';
import { JsonLines, ProgressMessage, ProgressTracker } from './progress';
import { l10n } from '../shared/l10n';

export interface RegistryAuth {
  username: string;
  password: string;
  serveraddress: string;
  /** An identity (refresh) token from `docker login` / a credential helper, instead of a password. */
  identitytoken?: string;
}

export interface CommitOptions {
  repo: string;
  tag: string;
  author?: string;
  comment?: string;
  /** Pause the container while committing (the engine's default). */
  pause?: boolean;
  /** Dockerfile instructions to apply (e.g. 'CMD ["sh"]'). */
  changes?: string[];
}

export async function commitContainer(engine: Engine, containerId: string, opts: CommitOptions): Promise<string> {
  // Only the options given: the query string would carry an undefined one as an empty value,
  // and `changes=` (empty) makes the engine fail the commit with "file with no instructions".
  const query: Record<string, string | boolean | string[]> = { repo: opts.repo, tag: opts.tag, pause: opts.pause ?? true };
  if (opts.author) query.author = opts.author;
  if (opts.comment) query.comment = opts.comment;
  if (opts.changes?.length) query.changes = opts.changes;
  const r = (await engine.call(l10n.t('Container {0}', short(containerId)), (d) => d.getContainer(containerId).commit(query))) as { Id?: string; id?: string };
  return r.Id ?? r.id ?? '';
}

/** How engines word a registry's refusal of (missing) credentials. */
const REGISTRY_AUTH = /unauthorized|authentication required|no basic auth credentials|denied|401/i;

export interface TransferHandle {
  /** Resolves with the digest (when the engine reported one) or rejects with an EngineError. */
  done: Promise<{ digest?: string }>;
  cancel(): void;
}

/**
 * Follows a progress stream: `onMessage` gets a log line per state change, `onProgress` the
 * tracker after each message. Errors reported inside the stream reject `done`.
 */
function follow(engine: Engine, what: string, open: (d: Dockerode) => Promise<Readable>, onLine: (line: string) => void, onProgress: (t: ProgressTracker) => void): TransferHandle {
  const tracker = new ProgressTracker();
  let stream: Readable | undefined;
  let cancelled = false;
  const done = (async () => {
    stream = await engine.call(what, open).catch((e: unknown) => {
      // The engine answers a registry's refusal with HTTP 500 and the registry's words.
      if (e instanceof EngineError && e.kind === 'unknown' && REGISTRY_AUTH.test(e.message)) throw new EngineError('auth', e.message, e.statusCode);
      throw e;
    });
    if (cancelled) { stream.destroy(); throw new EngineError('unknown', l10n.t('{0}: cancelled.', what)); }
    const lines = new JsonLines();
    const handle = (msgs: ProgressMessage[]) => {
      for (const m of msgs) {
        const line = tracker.update(m);
        if (line) onLine(line);
      }
      onProgress(tracker);
    };
    await new Promise<void>((resolve, reject) => {
      let ended = false;
      stream!.on('data', (b: Buffer) => handle(lines.push(b)));
      stream!.on('end', () => { ended = true; handle(lines.flush()); resolve(); });
      // A close without the stream's end is a connection cut off mid-transfer, never a success.
      stream!.on('close', () => (cancelled ? reject(new EngineError('unknown', l10n.t('{0}: cancelled.', what))) : ended ? resolve() : reject(transferCut(engine.host, what))));
      stream!.on('error', (e) => reject(cancelled ? new EngineError('unknown', l10n.t('{0}: cancelled.', what)) : isCutOff(e) ? transferCut(engine.host, what) : toEngineError(e, engine.host, what)));
    });
    if (cancelled) throw new EngineError('unknown', l10n.t('{0}: cancelled.', what));
    if (tracker.error) {
      const auth = REGISTRY_AUTH.test(tracker.error);
      throw new EngineError(auth ? 'auth' : 'unknown', withSubject(what, tracker.error));
    }
    return { digest: tracker.digest };
  })();
  return {
    done,
    cancel: () => { cancelled = true; stream?.destroy(); },
  };
}

/** `docker push repo:tag`. */
export function pushImage(engine: Engine, repo: string, tag: string, auth: RegistryAuth | undefined, onLine: (line: string) => void, onProgress: (t: ProgressTracker) => void): TransferHandle {
  return follow(engine, l10n.t('Push {0}', `${repo}:${tag}`),
    async (d) => (await d.getImage(repo).push({ tag, authconfig: auth ?? { username: '', password: '', serveraddress: '' } })) as unknown as Readable,
    onLine, onProgress);
}

/** `docker pull ref` (a tag defaults to latest). */
export function pullImage(engine: Engine, ref: string, auth: RegistryAuth | undefined, onLine: (line: string) => void, onProgress: (t: ProgressTracker) => void): TransferHandle {
  const full = /[:@][^/]+$/.test(ref) ? ref : `${ref}:latest`;
  return follow(engine, l10n.t('Pull {0}', full),
    async (d) => (await d.pull(full, auth ? { authconfig: auth } : {})) as unknown as Readable,
    onLine, onProgress);
}

/** Checks credentials against the registry through the engine (`docker login`). */
export async function checkAuth(engine: Engine, auth: RegistryAuth): Promise<void> {
  await engine.call(l10n.t('Registry {0}', auth.serveraddress), (d) => d.checkAuth(auth) as Promise<unknown>);
}

export interface HistoryEntry {
  id: string;          // "<missing>" for layers from elsewhere
  created: number;     // ms
  createdBy: string;
  size: number;
  comment: string;
  tags: string[];
}

export async function imageHistory(engine: Engine, ref: string): Promise<HistoryEntry[]> {
  const h = (await engine.call(l10n.t('Image {0}', short(ref)), (d) => d.getImage(ref).history())) as {
    Id: string; Created: number; CreatedBy: string; Size: number; Comment: string; Tags: string[] | null;
  }[];
  return h.map((x) => ({ id: x.Id, created: x.Created * 1000, createdBy: x.CreatedBy, size: x.Size, comment: x.Comment, tags: x.Tags ?? [] }));
}

/** `docker image ls -f since=ref` (images created after it). */
export async function imagesSince(engine: Engine, ref: string): Promise<ImageSummary[]> {
  return engine.call(l10n.t('Image {0}', short(ref)), async (d) => (await d.listImages({ filters: { since: [ref] } } as Dockerode.ListImagesOptions)).map(toImage));
}

export interface SearchResult {
  name: string;
  description: string;
  stars: number;
  official: boolean;
}

/** The engine's `/images/search` (Docker Hub or the engine's configured index). */
export async function searchIndex(engine: Engine, term: string, limit = 25): Promise<SearchResult[]> {
  try {
    const r = (await engine.call(undefined, (d) => d.searchImages({ term, limit }))) as { name: string; description: string; star_count: number; is_official: boolean }[];
    return r.map((x) => ({ name: x.name, description: x.description, stars: x.star_count, official: x.is_official }));
  } catch (e) {
    const err = e instanceof EngineError ? e : toEngineError(e, engine.host);
    if (err.kind === 'unreachable' || err.kind === 'timeout') throw err;
    throw new EngineError(err.kind, l10n.t('Searching the registry index failed — is the engine online? ({0})', err.message), err.statusCode);
  }
}

/** The message for a push or pull whose connection ended before the engine said how it went. */
function transferCut(host: string, what: string): EngineError {
  return new EngineError('unreachable', withSubject(what, l10n.t('the engine closed the connection before the transfer finished ({0}). Check that Docker is still running, then try again.', host)));
}


// A Docker Registry HTTP API v2 client that authenticates like the docker CLI: it follows the
// distribution spec's challenge flow (401 + WWW-Authenticate → Basic, or a Bearer token from the
// realm for the scope asked, cached per scope until it expires), pages with Link headers, reads
// manifests (Docker v2, OCI, lists and indexes), config blobs, and deletes by digest.
// Loopback registries (IP literals in 127.0.0.0/8, ::1, and localhost) are spoken to over plain
// HTTP (the engine trusts them as insecure by default); others over HTTPS. Credentials are asked
// for lazily, sent only to this registry and its token realm, and never logged or put into an
// error message. A realm is checked first: never plain HTTP for an HTTPS registry (refused), and
// a realm on another site is reported through `onRealmElsewhere` (the extension warns).
import { createHash } from 'node:crypto';
import { EngineError } from '../errors';
import { isLoopbackHost } from '../../shared/loopback';
import { Challenge, checkRealm, nextLink, parseWwwAuthenticate, repositoryScope } from './challenge';
import type { RegistryCredential } from './dockerConfig';
import { DOCKER_HUB } from './dockerConfig';
import { ImageConfigInfo, MANIFEST_ACCEPT, ManifestInfo, readImageConfig, readManifest } from './manifest';
import { formatBytes } from '../../shared/format';
import { l10n } from '../../shared/l10n';
import { Page, PageWalk } from './paging';
import { describeError } from '../../shared/errors';

export type CredentialLookup = (host: string) => Promise<RegistryCredential | undefined>;

export interface RegistryClientOptions {
  /** Where credentials come from (SecretStorage, then the docker CLI's config, for the extension). */
  credentials?: CredentialLookup;
  timeoutMs?: number;
  /** Speak plain HTTP to this registry (loopback registries always are). */
  insecure?: boolean;
  /** Told once per realm host when the registry sends logins to a realm on another site. */
  onRealmElsewhere?: (registryHost: string, realmHost: string) => void;
}

export type { Page } from './paging';

type AuthMode = { kind: 'none' } | { kind: 'basic' } | { kind: 'bearer'; realm: string; service?: string };

interface CachedToken { token: string; expiresAt: number }

/**
 * The most of a response body read, by kind: a registry (or something posing as one) cannot make
 * Dockyard hold a 400 MB manifest. Reading stops at the limit, while the body streams.
 */
export const BODY_LIMITS = {
  manifest: 4 * 1024 * 1024,
  config: 8 * 1024 * 1024,
  listing: 64 * 1024 * 1024,
  token: 1024 * 1024,
  error: 64 * 1024,
} as const;

/** Per-platform manifests fetched at once. */
export const PLATFORM_CONCURRENCY = 4;

/** The base URL of a registry host's API (Docker Hub's API lives at registry-1.docker.io). */
export function registryBaseUrl(host: string, insecure = false): string {
  if (host === DOCKER_HUB) return 'https://registry-1.docker.io';
  return `${insecure || isLoopbackHost(host) ? 'http' : 'https'}://${host}`;
}

/** Repository path segments, escaped for a URL. */
function repoPath(repository: string): string {
  return repository.split('/').map(encodeURIComponent).join('/');
}

/** The names of a listing (strings only: anything else a registry sends is dropped). */
function names(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  const out: string[] = [];
  for (const x of v) if (typeof x === 'string') out.push(x);
  return out;
}

interface RegistryErrorBody { errors?: { code?: string; message?: string }[] }

export class RegistryClient {
  readonly base: string;
  private mode: AuthMode = { kind: 'none' };
  private readonly tokens = new Map<string, CachedToken>();
  /** Realm hosts already reported as being on another site. */
  private readonly realmsReported = new Set<string>();
  private credential: Promise<RegistryCredential | undefined> | undefined;
  private readonly timeoutMs: number;
  /** Token requests made (for tests and the bench: the cache must keep this low). */
  tokenRequests = 0;

  constructor(readonly host: string, private readonly opts: RegistryClientOptions = {}) {
    this.base = registryBaseUrl(host, opts.insecure);
    this.timeoutMs = opts.timeoutMs ?? 15000;
  }

  /** Forgets cached tokens and credentials (after a log in or out). */
  resetAuth(): void {
    this.tokens.clear();
    this.credential = undefined;
    this.mode = { kind: 'none' };
  }

  /** Where the credentials in use came from, if any (never the secret). */
  async credentialSource(): Promise<string | undefined> {
    return (await this.creds())?.source;
  }

  private creds(): Promise<RegistryCredential | undefined> {
    this.credential ??= (this.opts.credentials?.(this.host) ?? Promise.resolve(undefined)).catch((e: unknown) => {
      this.credential = undefined;
      throw new EngineError('auth', l10n.t('Credentials for {0} could not be read: {1}', this.host, describeError(e)));
    });
    return this.credential;
  }

  private async fetchRaw(url: string, init: RequestInit, cancel?: AbortSignal): Promise<Response> {
    cancel?.throwIfAborted();
    // The timeout covers the body too: a registry that stops sending mid-body does not hang a listing.
    const timeout = AbortSignal.timeout(this.timeoutMs);
    try {
      return await fetch(url, { redirect: 'follow', ...init, signal: cancel ? AbortSignal.any([timeout, cancel]) : timeout });
    } catch (e) {
      throw this.transportError(e, cancel);
    }
  }

  /** A failed fetch or body read as an EngineError (a cancel as the cancel's own reason). */
  private transportError(e: unknown, cancel: AbortSignal | undefined, what?: string): unknown {
    if (e instanceof EngineError) return e;
    if (cancel?.aborted) return cancel.reason;
    const err = e as { name?: string; cause?: { code?: string; message?: string; name?: string } };
    if (err.name === 'TimeoutError' || err.cause?.name === 'TimeoutError') return new EngineError('timeout', l10n.t('Registry {0} did not answer in {1} s.', this.host, Math.round(this.timeoutMs / 1000)));
    const cause = err.cause?.code ?? err.cause?.message ?? describeError(e);
    if (what) return new EngineError('unreachable', l10n.t('Registry {0} closed the connection while sending {1} ({2}); try again.', this.host, what, cause));
    return new EngineError('unreachable', l10n.t('Registry {0} cannot be reached ({1}) — check the address, or whether you are offline.', this.host, cause));
  }

  /**
   * A response body, read while it streams and stopped at `limit` bytes (the rest is never
   * downloaded); a body cut off mid-way, a timeout and a cancel become clear errors.
   */
  private async readCapped(res: Response, limit: number, what: string, cancel?: AbortSignal): Promise<Buffer> {
    const tooBig = () => new EngineError('badRequest', l10n.t('Registry {0} sent more than {1} for {2}; Dockyard stopped reading it.', this.host, formatBytes(limit), what));
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (declared > limit) { await res.body?.cancel().catch(() => undefined); throw tooBig(); }
    if (!res.body) return Buffer.alloc(0);
    const reader = res.body.getReader();
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > limit) { await reader.cancel().catch(() => undefined); throw tooBig(); }
        chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
      }
    } catch (e) {
      await reader.cancel().catch(() => undefined);
      throw this.transportError(e, cancel, what);
    }
    return Buffer.concat(chunks, size);
  }

  private async readJson<T>(res: Response, limit: number, what: string, cancel?: AbortSignal): Promise<T> {
    const text = (await this.readCapped(res, limit, what, cancel)).toString('utf8');
    try { return JSON.parse(text) as T; } catch { throw new EngineError('unknown', l10n.t('Registry {0} sent something that is not JSON for {1}.', this.host, what)); }
  }

  private async basicHeader(): Promise<string | undefined> {
    const c = await this.creds();
    if (!c || !c.username || !c.password) return undefined;
    return `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
  }

  /** A token for `scope` from the cache, or from the realm (GET with Basic, or POST with a refresh token). */
  private async token(scope: string | undefined, force: boolean): Promise<string> {
    if (this.mode.kind !== 'bearer') throw new Error(l10n.t('not in bearer mode'));
    const { realm, service } = this.mode;
    const key = `${realm}|${service ?? ''}|${scope ?? ''}`;
    const hit = this.tokens.get(key);
    if (hit && !force && hit.expiresAt > Date.now()) return hit.token;
    this.tokens.delete(key);
    const c = await this.creds();
    this.tokenRequests++;
    let res: Response;
    if (c?.identityToken) {
      const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: c.identityToken, client_id: 'dockyard' });
      if (service) form.set('service', service);
      if (scope) form.set('scope', scope);
      // Credentials never follow a redirect: a token server that moved answers an error here.
      res = await this.fetchRaw(realm, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form.toString(), redirect: 'manual' });
    } else {
      const u = new URL(realm);
      if (service) u.searchParams.set('service', service);
      if (scope) u.searchParams.append('scope', scope);
      if (c?.username) u.searchParams.set('account', c.username);
      const basic = await this.basicHeader();
      res = await this.fetchRaw(u.toString(), { headers: basic ? { Authorization: basic } : {}, redirect: 'manual' });
    }
    if (res.status === 401 || res.status === 403) {
      throw new EngineError('auth', c
        ? l10n.t('Registry {0} refused the credentials from {1} (HTTP {2}) — log in again.', this.host, c.source, res.status)
        : l10n.t('Registry {0} needs a login (its token server answered HTTP {1}).', this.host, res.status), res.status);
    }
    if (!res.ok) throw new EngineError('unknown', l10n.t('The token server of {0} answered HTTP {1}.', this.host, res.status), res.status);
    const j = await this.readJson<{ token?: string; access_token?: string; expires_in?: number }>(res, BODY_LIMITS.token, l10n.t('a token')).catch((e: unknown) => {
      if (e instanceof EngineError && e.kind !== 'unknown') throw e;
      return {} as { token?: string; access_token?: string; expires_in?: number };
    });
    const token = j.token || j.access_token;
    if (!token) throw new EngineError('unknown', l10n.t('The token server of {0} sent no token.', this.host));
    // The spec's default lifetime is 60 s; keep a margin so a token never expires in flight.
    const life = (typeof j.expires_in === 'number' && j.expires_in > 0 ? j.expires_in : 60) * 1000;
    this.tokens.set(key, { token, expiresAt: Date.now() + Math.max(0, life - Math.min(10000, life / 10)) });
    return token;
  }

  private async authorization(scope: string | undefined, force = false): Promise<string | undefined> {
    if (this.mode.kind === 'basic') return this.basicHeader();
    if (this.mode.kind === 'bearer') return `Bearer ${await this.token(scope, force)}`;
    return undefined;
  }

  private adopt(challenges: Challenge[]): boolean {
    const bearer = challenges.find((c) => c.scheme === 'bearer' && c.params.realm);
    if (bearer) {
      const realm = bearer.params.realm;
      const verdict = checkRealm(this.base, realm);
      if (!verdict.ok) {
        this.mode = { kind: 'none' };
        throw new EngineError('badRequest', verdict.why === 'plainHttp'
          ? l10n.t('Registry {0} sends logins to {1} over plain HTTP; Dockyard sent no credentials there. Ask the registry\'s operator for an HTTPS token server.', this.host, verdict.realmHost)
          : l10n.t('Registry {0} named a token server that is not an http(s) address ({1}); Dockyard sent no credentials.', this.host, verdict.realmHost));
      }
      if (verdict.elsewhere && !this.realmsReported.has(verdict.realmHost)) {
        this.realmsReported.add(verdict.realmHost);
        this.opts.onRealmElsewhere?.(this.host, verdict.realmHost);
      }
      this.mode = { kind: 'bearer', realm, service: bearer.params.service };
      return true;
    }
    if (challenges.some((c) => c.scheme === 'basic')) { this.mode = { kind: 'basic' }; return true; }
    return false;
  }

  /**
   * One request with the challenge flow: send with what is known; on a 401 adopt the challenge
   * (or drop a stale token) and send once more. `scope` is what the request needs.
   */
  async request(pathOrUrl: string, init: { method?: string; accept?: string; scope?: string; body?: string; contentType?: string; signal?: AbortSignal } = {}): Promise<Response> {
    const url = /^https?:\/\//.test(pathOrUrl) ? pathOrUrl : `${this.base}${pathOrUrl}`;
    if (!url.startsWith(`${this.base}/`)) throw new EngineError('badRequest', l10n.t('Registry {0} pointed to another host ({1}); Dockyard does not follow it.', this.host, new URL(url).host));
    let scope = init.scope;
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = {};
      if (init.accept) headers.Accept = init.accept;
      if (init.contentType) headers['Content-Type'] = init.contentType;
      const modeBefore = this.mode.kind;
      const authz = await this.authorization(scope, attempt > 0 && modeBefore === 'bearer');
      if (authz) headers.Authorization = authz;
      const res = await this.fetchRaw(url, { method: init.method ?? 'GET', headers, body: init.body }, init.signal);
      if (res.status !== 401 || attempt > 0) return res;
      const challenges = parseWwwAuthenticate(res.headers.get('www-authenticate') ?? '');
      if (!this.adopt(challenges)) return res;
      const bearer = challenges.find((c) => c.scheme === 'bearer');
      if (bearer?.params.scope) scope = bearer.params.scope;
      // Basic sent and refused: the password is wrong; sending it again will not help.
      const now = (this.mode as AuthMode).kind;
      if (modeBefore === 'basic' && now === 'basic') return res;
      if (now === 'basic' && !(await this.basicHeader())) return res;
      await res.body?.cancel().catch(() => undefined);
    }
  }

  private async fail(res: Response, what: string, extra?: (codes: string[]) => EngineError | undefined): Promise<never> {
    const text = (await this.readCapped(res, BODY_LIMITS.error, l10n.t('an error')).catch(() => Buffer.alloc(0))).toString('utf8');
    let body: RegistryErrorBody = {};
    try { body = JSON.parse(text) as RegistryErrorBody; } catch { /* not JSON */ }
    const codes = (body.errors ?? []).map((e) => e.code ?? '');
    const detail = (body.errors ?? []).map((e) => e.message).filter(Boolean).join('; ');
    const special = extra?.(codes);
    if (special) throw special;
    if (res.status === 401) {
      const c = await this.creds().catch(() => undefined);
      throw new EngineError('auth', c
        ? l10n.t('Registry {0} refused the credentials from {1} for {2} (HTTP 401) — log in again.', this.host, c.source, what)
        : l10n.t('Registry {0} needs a login for {1} (HTTP 401) — log in to it first.', this.host, what), 401);
    }
    if (res.status === 403) throw new EngineError('auth', l10n.t('Registry {0} denied {1} (HTTP 403){2}.', this.host, what, detail ? `: ${detail}` : ''), 403);
    if (res.status === 404) throw new EngineError('notFound', l10n.t('Registry {0} has no {1}{2}.', this.host, what, detail ? ` (${detail})` : ''), 404);
    throw new EngineError('unknown', l10n.t('Registry {0} answered HTTP {1} for {2}{3}.', this.host, res.status, what, detail ? `: ${detail}` : ''), res.status);
  }

  /** GET /v2/: is this a v2 registry, and do the credentials work? */
  async ping(): Promise<void> {
    // Token registries challenge /v2/ without a scope: the token for no scope is what proves the login.
    const res = await this.request('/v2/', { scope: undefined });
    if (!res.ok) await this.fail(res, l10n.t('the v2 API (is it a v2 registry?)'));
    await res.body?.cancel().catch(() => undefined);
  }

  /** One page of repositories (`/v2/_catalog`); pass the previous page's `next` to go on. */
  async catalogPage(pageSize = 100, next?: string, signal?: AbortSignal): Promise<Page<string>> {
    const url = next ?? `/v2/_catalog?n=${pageSize}`;
    const res = await this.request(url, { accept: 'application/json', scope: 'registry:catalog:*', signal });
    if (!res.ok) await this.fail(res, l10n.t('repository listing (/v2/_catalog)'));
    const j = await this.readJson<{ repositories?: unknown }>(res, BODY_LIMITS.listing, 'the catalog', signal);
    return { items: names(j.repositories), next: nextLink(res.headers.get('link'), res.url || this.abs(url)) };
  }

  /** One page of a repository's tags; pass the previous page's `next` to go on. */
  async tagsPage(repository: string, pageSize = 100, next?: string, signal?: AbortSignal): Promise<Page<string>> {
    const url = next ?? `/v2/${repoPath(repository)}/tags/list?n=${pageSize}`;
    const res = await this.request(url, { accept: 'application/json', scope: repositoryScope(repository, ['pull']), signal });
    if (!res.ok) await this.fail(res, l10n.t('repository {0}', repository));
    const j = await this.readJson<{ tags?: unknown }>(res, BODY_LIMITS.listing, 'the tag list', signal);
    return { items: names(j.tags), next: nextLink(res.headers.get('link'), res.url || this.abs(url)) };
  }

  /**
   * Every page of a listing, up to `max` items. Ends on an empty page, a next link followed
   * before, or a page repeating the last one (see PageWalk); `signal` cancels between and
   * during pages.
   */
  async all(page: (next?: string) => Promise<Page<string>>, max = 100000, signal?: AbortSignal): Promise<string[]> {
    const out: string[] = [];
    const walk = new PageWalk<string>();
    let next: string | undefined;
    do {
      signal?.throwIfAborted();
      next = walk.take(await page(next), out);
    } while (next && out.length < max);
    signal?.throwIfAborted();
    if (out.length > max) out.length = max;
    return out;
  }

  private abs(url: string): string {
    return /^https?:/.test(url) ? url : `${this.base}${url}`;
  }

  /** A manifest by tag or digest: kind, digest, size, platforms. */
  async manifest(repository: string, reference: string, signal?: AbortSignal): Promise<ManifestInfo> {
    const res = await this.request(`/v2/${repoPath(repository)}/manifests/${encodeURIComponent(reference)}`, { accept: MANIFEST_ACCEPT, scope: repositoryScope(repository, ['pull']), signal });
    if (!res.ok) await this.fail(res, l10n.t('manifest {0}', `${repository}:${reference}`));
    const body = (await this.readCapped(res, BODY_LIMITS.manifest, l10n.t('manifest {0}', `${repository}:${reference}`), signal)).toString('utf8');
    const digest = res.headers.get('docker-content-digest') ?? `sha256:${createHash('sha256').update(body).digest('hex')}`;
    try {
      return readManifest(body, res.headers.get('content-type'), digest);
    } catch (e) {
      throw new EngineError('unknown', l10n.t('Registry {0}: {1} ({2}:{3}).', this.host, describeError(e), repository, reference));
    }
  }

  /** A blob's bytes as text (configs are small JSON). */
  async blobText(repository: string, digest: string): Promise<string> {
    const res = await this.request(`/v2/${repoPath(repository)}/blobs/${encodeURIComponent(digest)}`, { scope: repositoryScope(repository, ['pull']) });
    if (!res.ok) await this.fail(res, l10n.t('blob {0} of {1}', digest, repository));
    return (await this.readCapped(res, BODY_LIMITS.config, l10n.t('blob {0} of {1}', digest, repository))).toString('utf8');
  }

  /**
   * The compressed size of each platform's image (undefined where its manifest cannot be read),
   * at most PLATFORM_CONCURRENCY manifests at a time: an index of 500 platforms is not 500
   * requests at once.
   */
  async platformSizes(repository: string, platforms: readonly { digest: string }[], signal?: AbortSignal): Promise<(number | undefined)[]> {
    const out: (number | undefined)[] = new Array(platforms.length).fill(undefined);
    let i = 0;
    const worker = async () => {
      while (i < platforms.length && !signal?.aborted) {
        const k = i++;
        out[k] = await this.manifest(repository, platforms[k].digest, signal).then((m) => m.size, () => undefined);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PLATFORM_CONCURRENCY, platforms.length) }, worker));
    return out;
  }

  /** The image config of an image manifest (created, os, architecture). */
  async imageConfig(repository: string, manifest: ManifestInfo): Promise<ImageConfigInfo | undefined> {
    if (manifest.kind !== 'image' || !manifest.config) return undefined;
    return readImageConfig(await this.blobText(repository, manifest.config.digest));
  }

  /**
   * Deletes a manifest by digest (every tag pointing at it goes with it). Registries that do
   * not allow deletes answer 405 or UNSUPPORTED: that becomes one clear message.
   */
  async deleteManifest(repository: string, digest: string): Promise<void> {
    if (!/^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/.test(digest)) throw new EngineError('badRequest', l10n.t('"{0}" is not a digest; deletes go by digest (sha256:…).', digest));
    const res = await this.request(`/v2/${repoPath(repository)}/manifests/${encodeURIComponent(digest)}`, { method: 'DELETE', scope: repositoryScope(repository, ['delete']) });
    if (res.status === 202 || res.ok) { await res.body?.cancel().catch(() => undefined); return; }
    await this.fail(res, l10n.t('manifest {0}', `${repository}@${digest}`), (codes) => (res.status === 405 || codes.includes('UNSUPPORTED')
      ? new EngineError('conflict', l10n.t('Registry {0} does not allow deletes (HTTP {1}{2}); its operator has to enable them.', this.host, res.status, codes.length ? ` ${codes.join(', ')}` : ''), res.status)
      : undefined));
  }
}

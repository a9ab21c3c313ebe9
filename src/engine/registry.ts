// A Docker Registry HTTP API v2 client for listing: /v2/_catalog and /v2/<name>/tags/list.
// Loopback registries are spoken to over plain HTTP (the engine trusts them as insecure by
// default); others over HTTPS. Basic credentials are sent only to the registry they belong to.
import { EngineError } from './errors';

export interface RegistryCredentials {
  username: string;
  password: string;
}

export function registryBaseUrl(host: string): string {
  const name = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  const insecure = name === 'localhost' || /^127\./.test(name) || name === '::1';
  return `${insecure ? 'http' : 'https'}://${host}`;
}

async function get(host: string, path: string, creds: RegistryCredentials | undefined, timeoutMs: number): Promise<unknown> {
  const url = `${registryBaseUrl(host)}${path}`;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (creds) headers.Authorization = `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
  let res: Response;
  try {
    res = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e instanceof Error ? e.message : String(e));
    throw new EngineError('unreachable', `Registry ${host} cannot be reached (${cause}) — check the address, or whether you are offline.`);
  }
  if (res.status === 401 || res.status === 403) throw new EngineError('auth', `Registry ${host} refused the listing (HTTP ${res.status}) — log in to it first.`, res.status);
  if (res.status === 404) throw new EngineError('notFound', `Registry ${host} has no ${path.replace(/\?.*$/, '')} (is it a v2 registry?).`, 404);
  if (!res.ok) throw new EngineError('unknown', `Registry ${host} answered HTTP ${res.status} for ${path}.`, res.status);
  return res.json();
}

/** Repositories of a v2 registry (`/v2/_catalog`). */
export async function listCatalog(host: string, creds?: RegistryCredentials, opts: { max?: number; timeoutMs?: number } = {}): Promise<string[]> {
  const r = (await get(host, `/v2/_catalog?n=${opts.max ?? 1000}`, creds, opts.timeoutMs ?? 10000)) as { repositories?: string[] | null };
  return r.repositories ?? [];
}

/** Tags of one repository (`/v2/<name>/tags/list`). */
export async function listTags(host: string, repository: string, creds?: RegistryCredentials, opts: { timeoutMs?: number } = {}): Promise<string[]> {
  const r = (await get(host, `/v2/${repository.split('/').map(encodeURIComponent).join('/')}/tags/list`, creds, opts.timeoutMs ?? 10000)) as { tags?: string[] | null };
  return r.tags ?? [];
}

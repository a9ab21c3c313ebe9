// The registry side of the engine tier: a v2 client that authenticates like the docker CLI
// (registry/client.ts), the CLI's logins (registry/dockerConfig.ts), manifests
// (registry/manifest.ts). The two listing helpers below keep the search prompt's simple calls.
import { RegistryClient } from './registry/client';

export { BODY_LIMITS, PLATFORM_CONCURRENCY, RegistryClient, registryBaseUrl } from './registry/client';
export { PageWalk } from './registry/paging';
export type { CredentialLookup, Page, RegistryClientOptions } from './registry/client';
export { configuredRegistries, dockerConfigPath, dockerCredentials, DOCKER_HUB, hostOfServer, parseDockerConfig, serverUrlOf } from './registry/dockerConfig';
export type { DockerConfigDeps, RegistryCredential } from './registry/dockerConfig';
export { engineRegistryConfig } from './registry/engineConfig';
export type { EngineRegistryConfig } from './registry/engineConfig';
export { MEDIA } from './registry/manifest';
export type { ImageConfigInfo, ManifestInfo, PlatformEntry } from './registry/manifest';

export interface RegistryCredentials {
  username: string;
  password: string;
}

function client(host: string, creds: RegistryCredentials | undefined, timeoutMs: number): RegistryClient {
  return new RegistryClient(host, { timeoutMs, credentials: async () => (creds ? { ...creds, source: 'Dockyard' } : undefined) });
}

/** Repositories of a v2 registry (`/v2/_catalog`, every page up to `max`). */
export async function listCatalog(host: string, creds?: RegistryCredentials, opts: { max?: number; timeoutMs?: number } = {}): Promise<string[]> {
  const c = client(host, creds, opts.timeoutMs ?? 10000);
  const max = opts.max ?? 1000;
  return (await c.all((next) => c.catalogPage(Math.min(max, 1000), next), max)).slice(0, max);
}

/** Tags of one repository (`/v2/<name>/tags/list`, every page). */
export async function listTags(host: string, repository: string, creds?: RegistryCredentials, opts: { timeoutMs?: number } = {}): Promise<string[]> {
  const c = client(host, creds, opts.timeoutMs ?? 10000);
  return c.all((next) => c.tagsPage(repository, 1000, next));
}

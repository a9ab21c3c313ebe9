// Builds a dockerode client for a resolved host, with API version negotiation.
import Dockerode from 'dockerode';
import { readFileSync } from 'node:fs';
import { parseEndpoint, ResolvedHost } from './connection';

/** The newest Engine API version this extension speaks. */
export const MAX_API_VERSION = '1.45';
/** Below this, features we rely on (e.g. prune filters, platform) are missing. */
export const MIN_API_VERSION = '1.30';

export function compareApiVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** The version both sides speak: the engine's, capped at ours. */
export function negotiateApiVersion(engineVersion: string | undefined): string | undefined {
  if (!engineVersion) return undefined;
  return compareApiVersions(engineVersion, MAX_API_VERSION) > 0 ? MAX_API_VERSION : engineVersion;
}

export function dockerodeOptions(resolved: ResolvedHost, env: Record<string, string | undefined>, timeoutMs?: number): Dockerode.DockerOptions {
  const ep = parseEndpoint(resolved.host, resolved.tls);
  const base: Dockerode.DockerOptions = timeoutMs ? { timeout: timeoutMs } : {};
  switch (ep.kind) {
    case 'unix':
    case 'npipe':
      return { ...base, socketPath: ep.socketPath };
    case 'tcp': {
      const tls = resolved.tls;
      const read = (f?: string) => (f ? readFileSync(f) : undefined);
      return {
        ...base,
        host: ep.host,
        port: ep.port,
        protocol: ep.tls ? 'https' : 'http',
        ca: tls?.verify ? read(tls.ca) : undefined,
        cert: read(tls?.cert),
        key: read(tls?.key),
      } as Dockerode.DockerOptions;
    }
    case 'ssh':
      return {
        ...base,
        protocol: 'ssh',
        host: ep.host,
        port: ep.port,
        username: ep.username,
        sshOptions: { agent: env.SSH_AUTH_SOCK },
      } as Dockerode.DockerOptions;
  }
}

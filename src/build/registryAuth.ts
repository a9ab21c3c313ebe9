// Registry credentials from ~/.docker/config.json (`auths`, as `docker login` writes them
// without a credential store). Pure (no vscode).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RegistryAuth } from '../engine/build';

export const DOCKER_HUB = 'https://index.docker.io/v1/';

/** The registry a reference is pushed to ("localhost:5000/app" → "localhost:5000"; "app" → Docker Hub). */
export function registryOf(repo: string): string {
  const first = repo.split('/')[0];
  if (repo.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost')) return first;
  return DOCKER_HUB;
}

export function authFor(registry: string, env: NodeJS.ProcessEnv = process.env, homeDir = os.homedir()): RegistryAuth | undefined {
  const dir = env.DOCKER_CONFIG || path.join(homeDir, '.docker');
  let config: { auths?: Record<string, { auth?: string; identitytoken?: string }> };
  try {
    config = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')) as typeof config;
  } catch {
    return undefined;
  }
  const auths = config.auths ?? {};
  const hub = registry === DOCKER_HUB;
  const key = Object.keys(auths).find((k) => k === registry || k.replace(/^https?:\/\//, '').replace(/\/.*$/, '') === (hub ? 'index.docker.io' : registry));
  const entry = key ? auths[key] : undefined;
  if (!entry) return undefined;
  if (entry.identitytoken) return { identitytoken: entry.identitytoken, serveraddress: registry };
  if (!entry.auth) return undefined;
  const decoded = Buffer.from(entry.auth, 'base64').toString();
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), serveraddress: registry };
}

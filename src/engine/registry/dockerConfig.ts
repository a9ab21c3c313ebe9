// The docker CLI's logins: ~/.docker/config.json (`auths` with base64 `auth` or `identitytoken`,
// `credsStore`, `credHelpers`) and the credential-helper protocol (`docker-credential-<name> get`,
// the server URL on stdin, JSON on stdout). Helpers are spawned with an argument list, never a
// shell. Nothing here logs or keeps a secret.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { l10n } from '../../shared/l10n';
import { EngineError } from '../errors';

/** What a registry accepts: a user and password (or token), or an OAuth refresh token. */
export interface RegistryCredential {
  username: string;
  password: string;
  /** An identity (refresh) token: exchanged at the token server instead of the password. */
  identityToken?: string;
  /** Where it came from, for the UI ("docker config", "credential helper osxkeychain"). Never the secret. */
  source: string;
}

interface AuthEntry { auth?: string; username?: string; password?: string; identitytoken?: string }

export interface DockerConfig {
  auths: Record<string, AuthEntry>;
  credsStore?: string;
  credHelpers: Record<string, string>;
}

export interface DockerConfigDeps {
  env: NodeJS.ProcessEnv;
  homeDir: string;
  readFile: (file: string) => string | undefined;
  /** Runs `docker-credential-<helper> get` (injected so tests can point PATH elsewhere). */
  runHelper?: (helper: string, serverUrl: string, env: NodeJS.ProcessEnv) => Promise<HelperResult>;
}

export type HelperResult = { ok: true; stdout: string } | { ok: false; message: string; notFound: boolean };

export const DOCKER_HUB = 'docker.io';
/** The key the docker CLI files Docker Hub logins under. */
export const DOCKER_HUB_SERVER = 'https://index.docker.io/v1/';

/** `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`. */
export function dockerConfigPath(env: NodeJS.ProcessEnv, homeDir: string): string {
  return path.join(env.DOCKER_CONFIG || path.join(homeDir, '.docker'), 'config.json');
}

/** Parses config.json; a missing or broken file is an empty config (as for the CLI, minus the error). */
export function parseDockerConfig(text: string | undefined): DockerConfig {
  const empty: DockerConfig = { auths: {}, credHelpers: {} };
  if (!text) return empty;
  let raw: unknown;
  try { raw = JSON.parse(text); } catch { return empty; }
  if (!raw || typeof raw !== 'object') return empty;
  const o = raw as { auths?: unknown; credsStore?: unknown; credHelpers?: unknown };
  const auths: Record<string, AuthEntry> = {};
  if (o.auths && typeof o.auths === 'object') {
    for (const [k, v] of Object.entries(o.auths as Record<string, unknown>)) if (v && typeof v === 'object') auths[k] = v as AuthEntry;
  }
  const credHelpers: Record<string, string> = {};
  if (o.credHelpers && typeof o.credHelpers === 'object') {
    for (const [k, v] of Object.entries(o.credHelpers as Record<string, unknown>)) if (typeof v === 'string' && v) credHelpers[k] = v;
  }
  return { auths, credHelpers, credsStore: typeof o.credsStore === 'string' && o.credsStore ? o.credsStore : undefined };
}

/**
 * The registry host a config key names: `https://index.docker.io/v1/` → docker.io,
 * `https://ghcr.io` → ghcr.io, `127.0.0.1:5000` → 127.0.0.1:5000.
 */
export function hostOfServer(key: string): string {
  let h = key.trim().replace(/^[a-z]+:\/\//i, '');
  h = h.replace(/\/.*$/, '').toLowerCase();
  if (h === 'index.docker.io' || h === 'registry-1.docker.io' || h === 'registry.hub.docker.com' || h === 'docker.io') return DOCKER_HUB;
  return h;
}

/** The server URL the CLI (and credential helpers) use for a registry host. */
export function serverUrlOf(host: string): string {
  return host === DOCKER_HUB ? DOCKER_HUB_SERVER : host;
}

/** Registries the CLI has logins or helpers for, as hosts. */
export function configuredRegistries(cfg: DockerConfig): string[] {
  return [...new Set([...Object.keys(cfg.auths), ...Object.keys(cfg.credHelpers)].map(hostOfServer).filter((h) => h))];
}

function decodeAuth(entry: AuthEntry, source: string): RegistryCredential | undefined {
  let username = entry.username ?? '';
  let password = entry.password ?? '';
  if (entry.auth) {
    const s = Buffer.from(entry.auth, 'base64').toString('utf8');
    const at = s.indexOf(':');
    if (at > 0) { username = s.slice(0, at); password = s.slice(at + 1); }
  }
  if (entry.identitytoken) return { username, password, identityToken: entry.identitytoken, source };
  return username && password ? { username, password, source } : undefined;
}

/** The `auths` entry for a host (keys in any of the forms the CLI wrote over the years). */
export function authsEntry(cfg: DockerConfig, host: string): RegistryCredential | undefined {
  for (const [k, v] of Object.entries(cfg.auths)) {
    if (hostOfServer(k) === host) {
      const c = decodeAuth(v, 'docker config.json');
      if (c) return c;
    }
  }
  return undefined;
}

/** Runs `docker-credential-<helper> get` with the server URL on stdin. */
export function runCredentialHelper(helper: string, serverUrl: string, env: NodeJS.ProcessEnv, timeoutMs = 15000): Promise<HelperResult> {
  return new Promise((resolve) => {
    if (!/^[A-Za-z0-9._-]+$/.test(helper)) { resolve({ ok: false, message: l10n.t('credential helper name "{0}" is not valid', helper), notFound: false }); return; }
    const child = spawn(`docker-credential-${helper}`, ['get'], { env, stdio: ['pipe', 'pipe', 'pipe'], shell: false });
    let out = '';
    let err = '';
    const timer = setTimeout(() => { child.kill(); resolve({ ok: false, message: l10n.t('docker-credential-{0} did not answer in {1} s', helper, timeoutMs / 1000), notFound: false }); }, timeoutMs);
    child.stdout.on('data', (b: Buffer) => { out += b.toString('utf8'); });
    child.stderr.on('data', (b: Buffer) => { err += b.toString('utf8'); });
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ ok: false, message: e.code === 'ENOENT' ? l10n.t('docker-credential-{0} is not on PATH', helper) : e.message, notFound: false });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) { resolve({ ok: true, stdout: out }); return; }
      // The protocol's "not found" answer is this exact text on stdout.
      const text = (out || err).trim();
      resolve({ ok: false, message: l10n.t('docker-credential-{0} failed: {1}', helper, text.split('\n')[0].slice(0, 200) || l10n.t('exit code {0}', code ?? '?')), notFound: /credentials not found/i.test(text) });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(serverUrl);
  });
}

async function fromHelper(helper: string, host: string, deps: DockerConfigDeps): Promise<RegistryCredential | undefined> {
  const run = deps.runHelper ?? ((h, url, env) => runCredentialHelper(h, url, env));
  const r = await run(helper, serverUrlOf(host), deps.env);
  if (!r.ok) {
    if (r.notFound) return undefined;
    throw new EngineError('auth', r.message);
  }
  let j: { Username?: unknown; Secret?: unknown };
  try { j = JSON.parse(r.stdout) as typeof j; } catch { throw new EngineError('auth', l10n.t('docker-credential-{0} answered something that is not JSON', helper)); }
  const username = typeof j.Username === 'string' ? j.Username : '';
  const secret = typeof j.Secret === 'string' ? j.Secret : '';
  if (!secret) return undefined;
  const source = `credential helper ${helper}`;
  // The protocol's marker for an identity token.
  if (username === '<token>') return { username: '', password: '', identityToken: secret, source };
  return { username, password: secret, source };
}

/**
 * The docker CLI's credentials for a registry host: its credHelpers entry, else credsStore,
 * else the `auths` entry. Returns undefined when there are none; throws (without secrets) when
 * a configured helper fails.
 */
export async function dockerCredentials(host: string, deps: DockerConfigDeps): Promise<RegistryCredential | undefined> {
  const cfg = parseDockerConfig(deps.readFile(dockerConfigPath(deps.env, deps.homeDir)));
  const helperKey = Object.keys(cfg.credHelpers).find((k) => hostOfServer(k) === host);
  const helper = helperKey ? cfg.credHelpers[helperKey] : cfg.credsStore;
  if (helper) {
    const c = await fromHelper(helper, host, deps);
    if (c) return c;
  }
  return authsEntry(cfg, host);
}

// Host resolution the way the docker CLI does it. Pure: the file system and environment
// come in as arguments, so unit tests feed fixtures.
//
// Order: dockyard.host setting > DOCKER_HOST > DOCKER_CONTEXT > currentContext in
// $DOCKER_CONFIG/config.json (default ~/.docker) > the platform's default socket.
import { createHash } from 'node:crypto';
import * as path from 'node:path';

export type HostSource = 'setting' | 'DOCKER_HOST' | 'DOCKER_CONTEXT' | 'config' | 'default';

export interface TlsMaterial {
  /** Paths of the PEM files that exist. */
  ca?: string;
  cert?: string;
  key?: string;
  /** Verify the server's certificate against `ca` (DOCKER_TLS_VERIFY / !SkipTLSVerify). */
  verify: boolean;
}

export interface ResolvedHost {
  /** The URL as written: unix:///var/run/docker.sock, tcp://h:2376, ssh://u@h, npipe:////./pipe/docker_engine */
  host: string;
  source: HostSource;
  /** The docker context in use ("default" when none). */
  context: string;
  tls?: TlsMaterial;
}

export interface HostInputs {
  setting?: string;
  env: Record<string, string | undefined>;
  homeDir: string;
  platform: NodeJS.Platform;
  /** Returns a file's text, or undefined when it does not exist. */
  readFile(file: string): string | undefined;
  /** Whether a file exists. */
  exists(file: string): boolean;
}

export const DEFAULT_UNIX_SOCKET = 'unix:///var/run/docker.sock';
export const DEFAULT_NPIPE = 'npipe:////./pipe/docker_engine';

export function defaultHost(platform: NodeJS.Platform): string {
  return platform === 'win32' ? DEFAULT_NPIPE : DEFAULT_UNIX_SOCKET;
}

/** $DOCKER_CONFIG or ~/.docker */
export function dockerConfigDir(inputs: Pick<HostInputs, 'env' | 'homeDir'>): string {
  return inputs.env.DOCKER_CONFIG || path.join(inputs.homeDir, '.docker');
}

/** The context store keys folders by the sha256 of the context's name. */
export function contextDigest(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

interface ContextMeta {
  Name?: string;
  Metadata?: { Description?: string };
  Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } };
}

export interface DockerContext {
  name: string;
  description: string;
  host: string;
  skipTlsVerify: boolean;
}

export class HostResolutionError extends Error {}

/** Reads one context from the store; undefined when it does not exist. */
export function readContext(inputs: HostInputs, name: string): DockerContext | undefined {
  const file = path.join(dockerConfigDir(inputs), 'contexts', 'meta', contextDigest(name), 'meta.json');
  const text = inputs.readFile(file);
  if (text === undefined) return undefined;
  let meta: ContextMeta;
  try {
    meta = JSON.parse(text) as ContextMeta;
  } catch {
    throw new HostResolutionError(`Docker context "${name}" has an unreadable ${file}.`);
  }
  const docker = meta.Endpoints?.docker;
  return {
    name: meta.Name ?? name,
    description: meta.Metadata?.Description ?? '',
    host: docker?.Host ?? defaultHost(inputs.platform),
    skipTlsVerify: docker?.SkipTLSVerify ?? false,
  };
}

function contextTls(inputs: HostInputs, ctx: DockerContext): TlsMaterial | undefined {
  const dir = path.join(dockerConfigDir(inputs), 'contexts', 'tls', contextDigest(ctx.name), 'docker');
  const pick = (f: string) => (inputs.exists(path.join(dir, f)) ? path.join(dir, f) : undefined);
  const tls: TlsMaterial = { ca: pick('ca.pem'), cert: pick('cert.pem'), key: pick('key.pem'), verify: !ctx.skipTlsVerify };
  return tls.ca || tls.cert || tls.key ? tls : undefined;
}

function envTls(inputs: HostInputs): TlsMaterial | undefined {
  const verify = !!inputs.env.DOCKER_TLS_VERIFY && inputs.env.DOCKER_TLS_VERIFY !== '0';
  const certDir = inputs.env.DOCKER_CERT_PATH || (verify ? dockerConfigDir(inputs) : undefined);
  if (!certDir) return undefined;
  const pick = (f: string) => (inputs.exists(path.join(certDir, f)) ? path.join(certDir, f) : undefined);
  const tls: TlsMaterial = { ca: pick('ca.pem'), cert: pick('cert.pem'), key: pick('key.pem'), verify };
  return verify || tls.cert ? tls : undefined;
}

/** The context named in config.json, if any. */
export function currentContextName(inputs: HostInputs): string | undefined {
  const text = inputs.readFile(path.join(dockerConfigDir(inputs), 'config.json'));
  if (!text) return undefined;
  try {
    const cfg = JSON.parse(text) as { currentContext?: unknown };
    return typeof cfg.currentContext === 'string' && cfg.currentContext ? cfg.currentContext : undefined;
  } catch {
    return undefined; // the CLI also ignores a broken config for host resolution purposes
  }
}

function fromContext(inputs: HostInputs, name: string, source: HostSource): ResolvedHost {
  if (name === 'default') return { host: defaultHost(inputs.platform), source, context: 'default' };
  const ctx = readContext(inputs, name);
  if (!ctx) {
    const where = source === 'DOCKER_CONTEXT' ? 'DOCKER_CONTEXT' : 'config.json currentContext';
    throw new HostResolutionError(`Docker context "${name}" (from ${where}) does not exist — run "docker context ls" or fix ${where}.`);
  }
  return { host: ctx.host, source, context: ctx.name, tls: contextTls(inputs, ctx) };
}

/** Resolves which engine to talk to, like the docker CLI. */
export function resolveHost(inputs: HostInputs): ResolvedHost {
  const setting = inputs.setting?.trim();
  if (setting) return { host: normaliseHost(setting), source: 'setting', context: 'dockyard.host', tls: envTls(inputs) };
  const envHost = inputs.env.DOCKER_HOST?.trim();
  if (envHost) return { host: normaliseHost(envHost), source: 'DOCKER_HOST', context: 'DOCKER_HOST', tls: envTls(inputs) };
  const envContext = inputs.env.DOCKER_CONTEXT?.trim();
  if (envContext) return fromContext(inputs, envContext, 'DOCKER_CONTEXT');
  const current = currentContextName(inputs);
  if (current) return fromContext(inputs, current, 'config');
  return { host: defaultHost(inputs.platform), source: 'default', context: 'default' };
}

/** Accepts a bare socket path as the CLI does not, but users type it: "/var/run/docker.sock". */
export function normaliseHost(host: string): string {
  if (host.startsWith('/')) return `unix://${host}`;
  return host;
}

export type Endpoint =
  | { kind: 'unix'; socketPath: string }
  | { kind: 'npipe'; socketPath: string }
  | { kind: 'tcp'; host: string; port: number; tls: boolean }
  | { kind: 'ssh'; host: string; port: number; username?: string };

/** Parses a host URL into what a client needs to dial it. */
export function parseEndpoint(host: string, tls?: TlsMaterial): Endpoint {
  const m = /^([a-z0-9+]+):\/\/(.*)$/i.exec(host);
  if (!m) throw new HostResolutionError(`"${host}" is not a Docker host URL (unix://, tcp://, ssh://, npipe://).`);
  const scheme = m[1].toLowerCase();
  const rest = m[2];
  switch (scheme) {
    case 'unix':
      if (!rest) throw new HostResolutionError(`"${host}" names no socket.`);
      return { kind: 'unix', socketPath: rest };
    case 'npipe':
      return { kind: 'npipe', socketPath: rest.replace(/\//g, '\\') || '\\\\.\\pipe\\docker_engine' };
    case 'tcp':
    case 'http':
    case 'https': {
      const u = new URL(`http://${rest}`);
      const secure = scheme === 'https' || !!tls;
      const port = u.port ? Number(u.port) : secure ? 2376 : 2375;
      if (!u.hostname) throw new HostResolutionError(`"${host}" names no host.`);
      return { kind: 'tcp', host: u.hostname.replace(/^\[|\]$/g, ''), port, tls: secure };
    }
    case 'ssh': {
      const u = new URL(`ssh://${rest}`);
      if (!u.hostname) throw new HostResolutionError(`"${host}" names no host.`);
      return { kind: 'ssh', host: u.hostname, port: u.port ? Number(u.port) : 22, username: u.username ? decodeURIComponent(u.username) : undefined };
    }
    default:
      throw new HostResolutionError(`"${host}": unsupported scheme ${scheme}:// (use unix://, tcp://, ssh:// or npipe://).`);
  }
}

// Host resolution the way the docker CLI does it. Pure: the file system and environment
// come in as arguments, so unit tests feed fixtures.
//
// Order: dockyard.host setting > DOCKER_HOST > DOCKER_CONTEXT > currentContext in
// $DOCKER_CONFIG/config.json (default ~/.docker) > the platform's default socket.
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { l10n } from '../../shared/l10n';
import { isLoopbackHost } from '../../shared/loopback';
import { hostConfigError } from '../errors';

/** 'pinned': an engine shown beside the active one (dockyard.engines), not the one commands default to. */
export type HostSource = 'setting' | 'DOCKER_HOST' | 'DOCKER_CONTEXT' | 'config' | 'default' | 'pinned';

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
  /** The context config.json names (what `docker context use` chose), when something else wins over it. */
  overrides?: string;
  /** Something the user should know about this host (plain tcp without TLS, a discovered socket). */
  warning?: string;
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
  /** Entries of a directory ([] when it does not exist); only needed to list contexts. */
  listDir?(dir: string): string[];
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


/** Reads one context from the store; undefined when it does not exist. */
export function readContext(inputs: HostInputs, name: string): DockerContext | undefined {
  const file = path.join(dockerConfigDir(inputs), 'contexts', 'meta', contextDigest(name), 'meta.json');
  const text = inputs.readFile(file);
  if (text === undefined) return undefined;
  let meta: ContextMeta;
  try {
    meta = JSON.parse(text) as ContextMeta;
  } catch {
    throw hostConfigError(l10n.t('Docker context "{0}" has an unreadable {1}.', name, file));
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
  // DOCKER_TLS=1: TLS without verifying the server, like the CLI's --tls.
  const tlsOnly = !!inputs.env.DOCKER_TLS && inputs.env.DOCKER_TLS !== '0';
  const certDir = inputs.env.DOCKER_CERT_PATH || (verify || tlsOnly ? dockerConfigDir(inputs) : undefined);
  if (!certDir) return undefined;
  const pick = (f: string) => (inputs.exists(path.join(certDir, f)) ? path.join(certDir, f) : undefined);
  const tls: TlsMaterial = { ca: pick('ca.pem'), cert: pick('cert.pem'), key: pick('key.pem'), verify };
  return verify || tlsOnly || tls.cert ? tls : undefined;
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
  if (name === 'default') {
    const envHost = inputs.env.DOCKER_HOST?.trim();
    return envHost ? { host: normaliseHost(envHost), source, context: 'default', tls: envTls(inputs) } : defaultResolved(inputs, source, 'default');
  }
  const ctx = readContext(inputs, name);
  if (!ctx) {
    const where = source === 'DOCKER_CONTEXT' ? 'DOCKER_CONTEXT' : source === 'pinned' ? 'dockyard.engines' : 'config.json currentContext';
    throw hostConfigError(l10n.t('Docker context "{0}" (from {1}) does not exist — run "docker context ls" or fix {1}.', name, where));
  }
  return { host: ctx.host, source, context: ctx.name, tls: contextTls(inputs, ctx) };
}

/** Resolves which engine to talk to, like the docker CLI. */
export function resolveHost(inputs: HostInputs): ResolvedHost {
  return withWarnings(resolveRaw(inputs));
}

function resolveRaw(inputs: HostInputs): ResolvedHost {
  const current = currentContextName(inputs);
  const overridden = (r: ResolvedHost): ResolvedHost => (current && current !== r.context ? { ...r, overrides: current } : r);
  const setting = inputs.setting?.trim();
  if (setting) return overridden({ host: normaliseHost(setting), source: 'setting', context: 'dockyard.host', tls: envTls(inputs) });
  const envHost = inputs.env.DOCKER_HOST?.trim();
  if (envHost) return overridden({ host: normaliseHost(envHost), source: 'DOCKER_HOST', context: 'DOCKER_HOST', tls: envTls(inputs) });
  const envContext = inputs.env.DOCKER_CONTEXT?.trim();
  if (envContext) return overridden(fromContext(inputs, envContext, 'DOCKER_CONTEXT'));
  if (current) return fromContext(inputs, current, 'config');
  return defaultResolved(inputs, 'default', 'default');
}

/**
 * A pinned engine (dockyard.engines): a docker context by name, as `docker --context NAME` reads
 * it, or a host URL (TLS material from DOCKER_CERT_PATH, as for dockyard.host) shown as `name`.
 */
export function resolvePinned(inputs: HostInputs, pinned: { context: string } | { name: string; host: string }): ResolvedHost {
  if ('context' in pinned) return withWarnings(fromContext(inputs, pinned.context, 'pinned'));
  return withWarnings({ host: normaliseHost(pinned.host), source: 'pinned', context: pinned.name, tls: envTls(inputs) });
}

/**
 * The default socket; when it is absent on Linux/macOS, the first rootless Docker or Podman
 * socket that exists (the CLI does not look further, but users of rootless engines expect it).
 */
function defaultResolved(inputs: HostInputs, source: HostSource, context: string): ResolvedHost {
  const host = defaultHost(inputs.platform);
  if (inputs.platform === 'win32' || inputs.exists(DEFAULT_UNIX_SOCKET.slice('unix://'.length))) return { host, source, context };
  for (const candidate of socketCandidates(inputs)) {
    if (inputs.exists(candidate)) {
      return { host: `unix://${candidate}`, source, context, warning: `${DEFAULT_UNIX_SOCKET.slice(7)} does not exist; using ${candidate}.` };
    }
  }
  return { host, source, context };
}

/** Where rootless Docker, Docker Desktop and Podman put their sockets, in the order we try them. */
export function socketCandidates(inputs: Pick<HostInputs, 'env' | 'homeDir'>): string[] {
  const out: string[] = [];
  const xdg = inputs.env.XDG_RUNTIME_DIR;
  if (xdg) out.push(path.posix.join(xdg, 'docker.sock'));
  out.push(path.posix.join(inputs.homeDir, '.docker', 'run', 'docker.sock'));
  out.push(path.posix.join(inputs.homeDir, '.docker', 'desktop', 'docker.sock'));
  if (xdg) out.push(path.posix.join(xdg, 'podman', 'podman.sock'));
  out.push('/run/podman/podman.sock');
  return out;
}

function withWarnings(r: ResolvedHost): ResolvedHost {
  let ep: Endpoint;
  try {
    ep = parseEndpoint(r.host, r.tls);
  } catch {
    return r; // the client reports the bad URL when it dials
  }
  if (ep.kind === 'tcp' && !ep.tls && !isLoopbackHost(ep.host)) {
    return { ...r, warning: `${r.host} is plain tcp without TLS: anyone who can reach that port controls the engine. Prefer tcp:// with DOCKER_TLS_VERIFY=1 or ssh://.` };
  }
  if (ep.kind === 'tcp' && r.tls?.verify && !r.tls.ca) {
    return { ...r, warning: l10n.t('TLS verification is on for {0} but no ca.pem was found; the system\'s CAs are used.', r.host) };
  }
  return r;
}


// ---- the context store ---------------------------------------------------------------------

/** Every context in the store, "default" first, then by name; `current` marks the one in config.json. */
export function listContexts(inputs: HostInputs): (DockerContext & { current: boolean })[] {
  const current = currentContextName(inputs) ?? 'default';
  const metaDir = path.join(dockerConfigDir(inputs), 'contexts', 'meta');
  const found: DockerContext[] = [];
  for (const digest of inputs.listDir?.(metaDir) ?? []) {
    const text = inputs.readFile(path.join(metaDir, digest, 'meta.json'));
    if (text === undefined) continue;
    try {
      const meta = JSON.parse(text) as ContextMeta;
      if (!meta.Name) continue;
      const ctx = readContext(inputs, meta.Name);
      if (ctx) found.push(ctx);
    } catch {
      continue; // a broken context does not hide the others
    }
  }
  found.sort((a, b) => a.name.localeCompare(b.name));
  const dflt: DockerContext = {
    name: 'default',
    description: l10n.t('Current DOCKER_HOST based configuration'),
    host: inputs.env.DOCKER_HOST?.trim() ? normaliseHost(inputs.env.DOCKER_HOST.trim()) : defaultResolved(inputs, 'default', 'default').host,
    skipTlsVerify: false,
  };
  return [dflt, ...found.filter((c) => c.name !== 'default')].map((c) => ({ ...c, current: c.name === current }));
}

/**
 * config.json's text after `docker context use NAME`: every other key kept; "default" removes
 * currentContext (the CLI writes it with omitempty). Tab-indented, as the CLI writes it.
 */
export function withCurrentContext(configText: string | undefined, name: string): string {
  let cfg: Record<string, unknown> = {};
  if (configText && configText.trim()) {
    const parsed = JSON.parse(configText) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw hostConfigError(l10n.t('config.json is not a JSON object; not changing it.'));
    cfg = parsed as Record<string, unknown>;
  }
  if (name === 'default') delete cfg.currentContext;
  else cfg.currentContext = name;
  return JSON.stringify(cfg, null, '\t') + '\n';
}

/** Context names the CLI accepts: ^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$ */
export function isValidContextName(name: string): boolean {
  return /^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$/.test(name);
}

/** Files whose change can change the effective host: config.json and the context store. */
export function watchedPaths(inputs: Pick<HostInputs, 'env' | 'homeDir'>): { configFile: string; contextsDir: string } {
  const dir = dockerConfigDir(inputs);
  return { configFile: path.join(dir, 'config.json'), contextsDir: path.join(dir, 'contexts') };
}

/** One line on where the host came from, for the status bar and the Contexts view. */
export function describeSource(r: ResolvedHost): string {
  const over = r.overrides ? l10n.t(' (overrides context "{0}")', r.overrides) : '';
  switch (r.source) {
    case 'setting': return l10n.t('from the dockyard.host setting{0}', over);
    case 'DOCKER_HOST': return l10n.t('from the DOCKER_HOST environment variable{0}', over);
    case 'DOCKER_CONTEXT': return l10n.t('context "{0}" from the DOCKER_CONTEXT environment variable{1}', r.context ?? '', over);
    case 'config': return l10n.t('context "{0}" (docker context use)', r.context ?? '');
    case 'default': return l10n.t('the default socket');
    case 'pinned': return l10n.t('pinned in dockyard.engines');
  }
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
  if (!m) throw hostConfigError(l10n.t('"{0}" is not a Docker host URL (unix://, tcp://, ssh://, npipe://).', host));
  const scheme = m[1].toLowerCase();
  const rest = m[2];
  switch (scheme) {
    case 'unix':
      if (!rest) throw hostConfigError(l10n.t('"{0}" names no socket.', host));
      return { kind: 'unix', socketPath: rest };
    case 'npipe':
      return { kind: 'npipe', socketPath: rest.replace(/\//g, '\\') || '\\\\.\\pipe\\docker_engine' };
    case 'tcp':
    case 'http':
    case 'https': {
      const u = new URL(`http://${rest}`);
      const secure = scheme === 'https' || !!tls;
      const port = u.port ? Number(u.port) : secure ? 2376 : 2375;
      if (!u.hostname) throw hostConfigError(l10n.t('"{0}" names no host.', host));
      return { kind: 'tcp', host: u.hostname.replace(/^\[|\]$/g, ''), port, tls: secure };
    }
    case 'ssh': {
      const u = new URL(`ssh://${rest}`);
      if (!u.hostname) throw hostConfigError(l10n.t('"{0}" names no host.', host));
      return { kind: 'ssh', host: u.hostname, port: u.port ? Number(u.port) : 22, username: u.username ? decodeURIComponent(u.username) : undefined };
    }
    default:
      throw hostConfigError(l10n.t('"{0}": unsupported scheme {1}:// (use unix://, tcp://, ssh:// or npipe://).', host, scheme));
  }
}

/**
 * A short name for the engine: the docker context's name, "docker" for the default, or the
 * host itself (socket file, host:port, user@host) when a setting or DOCKER_HOST names it.
 */
export function engineLabel(resolved: ResolvedHost): string {
  if (resolved.source !== 'setting' && resolved.source !== 'DOCKER_HOST') return resolved.context === 'default' ? 'docker' : resolved.context;
  const m = /^([a-z]+):\/\/(.*)$/i.exec(resolved.host);
  if (!m) return resolved.host;
  const [, scheme, rest] = m;
  if (scheme === 'unix' || scheme === 'npipe') return rest.split(/[\\/]/).filter(Boolean).pop() ?? rest;
  return rest.replace(/\/.*$/, '');
}

/** The environment for a CLI that must talk to `resolved` (and not to whatever DOCKER_CONTEXT says). */
export function cliEnvFor(resolved: ResolvedHost | undefined, base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  if (!resolved) return env;
  env.DOCKER_HOST = resolved.host;
  delete env.DOCKER_CONTEXT;
  if (resolved.tls) {
    const dir = resolved.tls.ca ? path.dirname(resolved.tls.ca) : resolved.tls.cert ? path.dirname(resolved.tls.cert) : undefined;
    if (dir) env.DOCKER_CERT_PATH = dir;
    if (resolved.tls.verify) env.DOCKER_TLS_VERIFY = '1'; else delete env.DOCKER_TLS_VERIFY;
  }
  return env;
}

// Builds a dockerode client for a resolved host, with API version negotiation.
import Dockerode from 'dockerode';
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { utils as sshUtils } from 'ssh2';
import { parseEndpoint, ResolvedHost } from './resolve';
import { hostConfigError } from '../errors';
import { defaultIdentityFiles, sshConfigFor } from './ssh';
import { SshTarget, sshHttpAgent } from './sshTransport';
import { l10n } from '../../shared/l10n';

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

/** How long dialing an engine may take before we give up (tcp connect + TLS, SSH handshake). */
export const CONNECT_TIMEOUT_MS = 10000;

export interface ClientEnv {
  env: Record<string, string | undefined>;
  homeDir: string;
  readFile(file: string): Buffer | undefined;
}

const nodeEnv = (env: Record<string, string | undefined>): ClientEnv => ({
  env,
  homeDir: env.HOME || os.homedir(),
  readFile: (f) => { try { return readFileSync(f); } catch { return undefined; } },
});

/** Destroys a socket that has not connected (and finished TLS) within ms. */
function withConnectTimeout<A extends http.Agent>(agent: A, ms: number, secure: boolean): A {
  const original = agent.createConnection.bind(agent);
  agent.createConnection = (options, callback) => {
    const sock = original(options, callback) as net.Socket | undefined;
    if (sock) {
      const timer = setTimeout(() => sock.destroy(Object.assign(new Error(l10n.t('connect timed out after {0} ms', ms)), { code: 'ETIMEDOUT' })), ms);
      timer.unref?.();
      sock.once(secure ? 'secureConnect' : 'connect', () => clearTimeout(timer));
      sock.once('close', () => clearTimeout(timer));
    }
    return sock;
  };
  return agent;
}

/**
 * dockerode options for a resolved host. Every connection key is set explicitly: docker-modem
 * merges its own defaults read from DOCKER_HOST/DOCKER_CERT_PATH underneath what we pass, and
 * those must not leak into a host chosen differently (setting, context).
 */
export function dockerodeOptions(resolved: ResolvedHost, env: Record<string, string | undefined>, timeoutMs?: number, io: ClientEnv = nodeEnv(env)): Dockerode.DockerOptions {
  const ep = parseEndpoint(resolved.host, resolved.tls);
  const base = {
    socketPath: undefined, host: undefined, port: undefined, protocol: undefined,
    ca: undefined, cert: undefined, key: undefined, sshOptions: undefined, agent: undefined,
    timeout: timeoutMs, pathPrefix: undefined,
  } as Record<string, unknown>;
  switch (ep.kind) {
    case 'unix':
    case 'npipe':
      return { ...base, socketPath: ep.socketPath } as Dockerode.DockerOptions;
    case 'tcp': {
      if (!ep.tls) {
        return { ...base, host: ep.host, port: ep.port, protocol: 'http', agent: withConnectTimeout(new http.Agent(), CONNECT_TIMEOUT_MS, false) } as Dockerode.DockerOptions;
      }
      const tls = resolved.tls ?? { verify: true };
      const read = (what: string, f?: string): Buffer | undefined => {
        if (!f) return undefined;
        const data = io.readFile(f);
        if (!data) throw hostConfigError(l10n.t('Cannot read the TLS {0} {1} for {2}.', what, f, resolved.host));
        return data;
      };
      const ca = tls.verify ? read('CA certificate', tls.ca) : undefined;
      const cert = read('client certificate', tls.cert);
      const key = read('client key', tls.key);
      const agent = withConnectTimeout(new https.Agent({ rejectUnauthorized: tls.verify }), CONNECT_TIMEOUT_MS, true);
      return { ...base, host: ep.host, port: ep.port, protocol: 'https', ca, cert, key, agent } as Dockerode.DockerOptions;
    }
    case 'ssh': {
      // The port only when the URL names one: otherwise ~/.ssh/config's Port, then 22.
      const explicitPort = new URL(resolved.host).port ? ep.port : undefined;
      const agent = sshHttpAgent(sshTarget(ep.host, explicitPort, ep.username, io));
      return { ...base, host: ep.host, port: ep.port, protocol: 'http', agent } as Dockerode.DockerOptions;
    }
  }
}

/** What ssh would use for `alias`: ~/.ssh/config, the agent, key files that need no passphrase. */
export function sshTarget(alias: string, port: number | undefined, username: string | undefined, io: ClientEnv): SshTarget {
  const sshDir = path.join(io.homeDir, '.ssh');
  const text = (f: string) => io.readFile(f)?.toString('utf8');
  const cfg = sshConfigFor(text(path.join(sshDir, 'config')), alias, io.homeDir);
  const files = cfg.identityFiles.length ? cfg.identityFiles : defaultIdentityFiles(io.homeDir);
  const keys: SshTarget['keys'] = [];
  const encryptedKeys: string[] = [];
  for (const file of files) {
    const data = io.readFile(file);
    if (!data) continue;
    const parsed = sshUtils.parseKey(data);
    if (parsed instanceof Error) {
      if (/passphrase|encrypted/i.test(parsed.message)) encryptedKeys.push(file);
      continue;
    }
    keys.push({ file, data });
  }
  const agentSock = cfg.identityAgent && cfg.identityAgent.toLowerCase() !== 'none' ? cfg.identityAgent.replace(/^\$SSH_AUTH_SOCK$/, io.env.SSH_AUTH_SOCK ?? '') : cfg.identityAgent ? undefined : io.env.SSH_AUTH_SOCK;
  const knownHostsFiles = cfg.userKnownHostsFiles.length ? cfg.userKnownHostsFiles : [path.join(sshDir, 'known_hosts'), path.join(sshDir, 'known_hosts2')];
  knownHostsFiles.push('/etc/ssh/ssh_known_hosts');
  const strict = cfg.strictHostKeyChecking;
  return {
    host: cfg.hostName ?? alias,
    port: port ?? cfg.port ?? 22,
    username: username ?? cfg.user ?? io.env.USER ?? io.env.USERNAME ?? os.userInfo().username,
    agent: agentSock || undefined,
    keys,
    encryptedKeys,
    readKnownHosts: () => knownHostsFiles.map(text),
    knownHostsFile: knownHostsFiles[0],
    acceptUnknown: strict === 'no' || strict === 'off' || strict === 'accept-new',
    readyTimeoutMs: CONNECT_TIMEOUT_MS,
  };
}

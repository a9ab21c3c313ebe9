// ssh:// engines: an http.Agent whose sockets are `docker system dial-stdio` channels over one
// shared SSH connection (what the docker CLI does). Host keys are checked against known_hosts
// and never silently accepted; authentication uses the agent and/or the user's key files.
import * as http from 'node:http';
import { Duplex } from 'node:stream';
import { Client, ClientChannel, AuthMethod, ConnectConfig } from 'ssh2';
import { checkHostKey, fingerprint, HostKeyVerdict, keyType, knownHostsLine, knownHostsName } from './ssh';
import { l10n } from '../../shared/l10n';

export interface SshTarget {
  host: string;
  port: number;
  username: string;
  /** SSH_AUTH_SOCK (or IdentityAgent) */
  agent?: string;
  /** Private keys that parsed without a passphrase, with the files they came from. */
  keys: { file: string; data: Buffer }[];
  /** Key files skipped because they are passphrase-protected (we never ask for or store passphrases). */
  encryptedKeys: string[];
  /** known_hosts files, read on every handshake (the user may have trusted the host meanwhile). */
  readKnownHosts(): (string | undefined)[];
  /** Where a trusted host key goes: the first UserKnownHostsFile ~/.ssh/config gives this host (what ssh itself writes to), else ~/.ssh/known_hosts. */
  knownHostsFile?: string;
  /** StrictHostKeyChecking=no: accept unknown keys (changed keys are still refused). */
  acceptUnknown: boolean;
  readyTimeoutMs: number;
  /** Closes the SSH connection this long after its last channel closed. */
  idleMs?: number;
}

/** The host key a failed verification saw; travels on the error so the UI can offer to trust it. */
export interface HostKeyInfo {
  host: string;
  port: number;
  /** "host" or "[host]:port" */
  name: string;
  keyType: string;
  fingerprint: string;
  /** The line to append to known_hosts if the user trusts it. */
  knownHostsLine: string;
  /** The known_hosts file this connection reads first, where that line belongs. */
  knownHostsFile?: string;
  verdict: HostKeyVerdict;
}

export type SshError = Error & { code?: string; hostKey?: HostKeyInfo; level?: string };

function sshError(message: string, code: string, extra: Partial<SshError> = {}): SshError {
  return Object.assign(new Error(message), { code }, extra);
}

/** Node's http client calls these on sockets; a channel needs no-op versions. */
function socketLike(ch: ClientChannel): Duplex {
  const s = ch as unknown as Duplex & Record<string, unknown>;
  for (const m of ['setTimeout', 'setNoDelay', 'setKeepAlive', 'ref', 'unref']) {
    if (typeof s[m] !== 'function') s[m] = () => s;
  }
  return s;
}

export class SshConnection {
  private client: Client | undefined;
  private ready: Promise<Client> | undefined;
  private channels = 0;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(private readonly target: SshTarget) {}

  /** A channel ended: with none left, the connection closes after the idle time. */
  private channelClosed(): void {
    this.channels--;
    if (this.channels > 0) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.end(), this.target.idleMs ?? 5000);
    this.idleTimer.unref?.();
  }

  /** Opens one `docker system dial-stdio` channel. */
  async dial(): Promise<Duplex> {
    const client = await this.connect();
    return new Promise<Duplex>((resolve, reject) => {
      client.exec('docker system dial-stdio', (err, ch) => {
        if (err) { this.drop(client); reject(sshError(l10n.t('SSH to {0}: cannot start "docker system dial-stdio": {1}', this.target.host, err.message), 'DOCKYARD_SSH_DIAL')); return; }
        this.channels++;
        clearTimeout(this.idleTimer);
        let stderr = '';
        let gotData = false;
        ch.stderr.on('data', (d: Buffer) => { if (stderr.length < 2000) stderr += d.toString(); });
        ch.once('data', () => { gotData = true; });
        ch.once('exit', (code: number | null) => {
          if (!gotData && code) {
            (ch as unknown as Duplex).destroy(sshError(l10n.t('The remote side of {0} could not reach Docker (exit {1}): {2}', this.target.host, code, stderr.trim().split('\n').pop() || 'is the docker CLI installed there?'), 'DOCKYARD_SSH_DIAL'));
          }
        });
        ch.once('close', () => this.channelClosed());
        resolve(socketLike(ch));
      });
    });
  }

  /**
   * A TCP connection to host:port as the SSH server's machine sees it (a direct-tcpip channel,
   * `ssh -L`): how a debugger here reaches a port published on the engine's loopback.
   */
  async forward(host: string, port: number): Promise<Duplex> {
    const client = await this.connect();
    return new Promise<Duplex>((resolve, reject) => {
      client.forwardOut('127.0.0.1', 0, host, port, (err, ch) => {
        if (err) { reject(sshError(l10n.t('SSH to {0}: cannot forward to {1}:{2}: {3}', this.target.host, host, port, err.message), 'DOCKYARD_SSH_FORWARD')); return; }
        this.channels++;
        clearTimeout(this.idleTimer);
        ch.once('close', () => this.channelClosed());
        resolve(socketLike(ch));
      });
    });
  }

  private connect(): Promise<Client> {
    if (this.ready) return this.ready;
    const t = this.target;
    const client = new Client();
    let hostKey: HostKeyInfo | undefined;
    const auth: AuthMethod[] = [];
    if (t.agent) auth.push({ type: 'agent', username: t.username, agent: t.agent } as AuthMethod);
    for (const k of t.keys) auth.push({ type: 'publickey', username: t.username, key: k.data } as AuthMethod);
    const config: ConnectConfig = {
      host: t.host,
      port: t.port,
      username: t.username,
      readyTimeout: t.readyTimeoutMs,
      keepaliveInterval: 15000,
      authHandler: auth,
      hostVerifier: (key: Buffer) => {
        const verdict = checkHostKey(t.readKnownHosts(), t.host, t.port, key);
        if (verdict === 'known' || (verdict === 'unknown' && t.acceptUnknown)) return true;
        hostKey = {
          host: t.host, port: t.port, name: knownHostsName(t.host, t.port), keyType: keyType(key),
          fingerprint: fingerprint(key), knownHostsLine: knownHostsLine(t.host, t.port, key), knownHostsFile: t.knownHostsFile, verdict,
        };
        return false;
      },
    };
    this.client = client;
    this.ready = new Promise<Client>((resolve, reject) => {
      client.once('ready', () => resolve(client));
      client.on('error', (err: SshError) => {
        this.drop(client);
        reject(this.explain(err, hostKey));
      });
      client.once('close', () => this.drop(client));
      if (!auth.length) {
        reject(sshError(t.encryptedKeys.length
          ? (t.encryptedKeys.length > 1 ? l10n.t('SSH to {0}: {1} are passphrase-protected and no ssh-agent is running — run "ssh-add" in a shell with SSH_AUTH_SOCK set, then retry.', t.host, t.encryptedKeys.join(', ')) : l10n.t('SSH to {0}: {1} is passphrase-protected and no ssh-agent is running — run "ssh-add" in a shell with SSH_AUTH_SOCK set, then retry.', t.host, t.encryptedKeys.join(', ')))
          : l10n.t('SSH to {0}: no ssh-agent (SSH_AUTH_SOCK) and no key in ~/.ssh — create a key or start ssh-agent.', t.host), 'DOCKYARD_SSH_AUTH'));
        this.drop(client);
        return;
      }
      try {
        client.connect(config);
      } catch (e) {
        this.drop(client);
        reject(e);
      }
    });
    return this.ready;
  }

  private explain(err: SshError, hostKey: HostKeyInfo | undefined): SshError {
    const t = this.target;
    const where = `${t.username}@${knownHostsName(t.host, t.port)}`;
    if (hostKey && hostKey.verdict === 'unknown') {
      return sshError(l10n.t('The host key of {0} is not in known_hosts ({1} {2}) — check the fingerprint, then trust the host (or run "ssh {3}@{4}{5}" once).', hostKey.name, hostKey.keyType, hostKey.fingerprint, t.username, t.host, t.port !== 22 ? ` -p ${t.port}` : ''), 'DOCKYARD_SSH_HOSTKEY_UNKNOWN', { hostKey });
    }
    if (hostKey) {
      const message = hostKey.verdict === 'revoked'
        ? l10n.t('WARNING: the host key of {0} is revoked (now {1} {2}) — someone may be intercepting the connection. If the server was reinstalled, remove the old key with "ssh-keygen -R \'{0}\'".', hostKey.name, hostKey.keyType, hostKey.fingerprint)
        : l10n.t('WARNING: the host key of {0} has CHANGED (now {1} {2}) — someone may be intercepting the connection. If the server was reinstalled, remove the old key with "ssh-keygen -R \'{0}\'".', hostKey.name, hostKey.keyType, hostKey.fingerprint);
      return sshError(message, 'DOCKYARD_SSH_HOSTKEY_CHANGED', { hostKey });
    }
    if (err.level === 'client-authentication') {
      const hint = t.encryptedKeys.length ? ` (${t.encryptedKeys.join(', ')} need a passphrase: add them to ssh-agent with "ssh-add")` : '';
      return sshError(l10n.t('SSH authentication to {0} failed{1} — check that your key is in the server\'s authorized_keys and loaded in ssh-agent.', where, hint), 'DOCKYARD_SSH_AUTH');
    }
    if (err.level === 'client-timeout') {
      return sshError(l10n.t('SSH to {0} timed out during the handshake.', where), 'ETIMEDOUT');
    }
    return err; // ECONNREFUSED, ENOTFOUND, … keep their codes
  }

  private drop(client: Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.ready = undefined;
    try { client.end(); } catch { /* already closed */ }
  }

  /** Closes the SSH connection (open channels end with it). */
  end(): void {
    clearTimeout(this.idleTimer);
    if (this.client) this.drop(this.client);
  }
}

/** An http.Agent for docker-modem: each HTTP connection is a dial-stdio channel. */
export function sshHttpAgent(target: SshTarget): http.Agent & { ssh: SshConnection } {
  const ssh = new SshConnection(target);
  const agent = new http.Agent({ keepAlive: false }) as http.Agent & { ssh: SshConnection };
  agent.ssh = ssh;
  agent.createConnection = (_options, callback) => {
    ssh.dial().then((s) => callback?.(null, s), (e: Error) => callback?.(e, undefined as unknown as Duplex));
    return undefined;
  };
  return agent;
}

// Real servers for the hosts tier, all on loopback and in temp folders: a dockerd listening on a
// unix socket and on tcp+TLS (certificates made with openssl here), a private sshd, Podman's
// Docker-compatible service. Started lazily once per run; stopped by the root hook.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const IMAGE = 'dockyard-test/busybox:latest';
export const LABEL = 'dockyard.test';

const cleanups: (() => Promise<void> | void)[] = [];
export function onCleanup(fn: () => Promise<void> | void): void { cleanups.push(fn); }
export async function cleanupAll(): Promise<void> {
  for (const fn of cleanups.splice(0).reverse()) {
    try { await fn(); } catch (e) { console.error(`cleanup: ${(e as Error).message}`); }
  }
}

/** A short temp dir (unix socket paths must stay under ~107 bytes). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `dy-${prefix}-`));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export async function waitFor(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 30000): Promise<void> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function pingSocket(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ socketPath, path: '/_ping', timeout: 1000 }, (res) => { res.resume(); resolve(res.statusCode === 200); });
    req.on('error', () => resolve(false));
    req.on('timeout', () => { req.destroy(); resolve(false); });
  });
}

function tcpOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => { s.destroy(); resolve(true); });
    s.on('error', () => resolve(false));
  });
}

function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): string {
  return execFileSync(cmd, args, { ...opts, stdio: ['pipe', 'pipe', 'pipe'] }).toString();
}

function stopChild(child: ChildProcess, name: string): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) { resolve(); return; }
    const timer = setTimeout(() => { try { child.kill('SIGKILL'); } catch { /* gone */ } }, 15000);
    child.once('exit', () => { clearTimeout(timer); resolve(); });
    try { child.kill('SIGTERM'); } catch { resolve(); }
    void name;
  });
}

// ---- certificates --------------------------------------------------------------------------

export interface Certs {
  dir: string;
  /** ca.pem, cert.pem (client), key.pem (client): the DOCKER_CERT_PATH layout. */
  clientDir: string;
  ca: string; serverCert: string; serverKey: string;
  /** Another CA that signed nothing the server uses. */
  wrongCaDir: string;
  /** A server certificate signed by the CA that expired yesterday, and its key. */
  expiredCert: string; expiredKey: string;
}

let certs: Certs | undefined;

/** A CA, a server certificate for 127.0.0.1, a client certificate, a wrong CA, an expired cert. */
export function makeCerts(): Certs {
  if (certs) return certs;
  const dir = tempDir('certs');
  const o = (...args: string[]) => run('openssl', args, { cwd: dir });
  const key = (name: string) => o('ecparam', '-genkey', '-name', 'prime256v1', '-noout', '-out', name);
  const ca = (name: string, keyFile: string, cn: string) => {
    key(keyFile);
    o('req', '-x509', '-new', '-key', keyFile, '-subj', `/CN=${cn}`, '-days', '2', '-out', name,
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  };
  const sign = (name: string, keyFile: string, cn: string, ext: string, days: string) => {
    key(keyFile);
    o('req', '-new', '-key', keyFile, '-subj', `/CN=${cn}`, '-out', `${name}.csr`);
    writeFileSync(path.join(dir, `${name}.ext`), ext);
    o('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-days', days, '-out', name, '-extfile', `${name}.ext`);
  };
  ca('ca.pem', 'ca-key.pem', 'dockyard-test-ca');
  sign('server-cert.pem', 'server-key.pem', '127.0.0.1', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n', '2');
  sign('client-cert.pem', 'client-key.pem', 'dockyard-client', 'extendedKeyUsage=clientAuth\n', '2');
  sign('expired-cert.pem', 'expired-key.pem', '127.0.0.1', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n', '-1');
  const clientDir = path.join(dir, 'client');
  mkdirSync(clientDir);
  copyFileSync(path.join(dir, 'ca.pem'), path.join(clientDir, 'ca.pem'));
  copyFileSync(path.join(dir, 'client-cert.pem'), path.join(clientDir, 'cert.pem'));
  copyFileSync(path.join(dir, 'client-key.pem'), path.join(clientDir, 'key.pem'));
  const wrongCaDir = path.join(dir, 'wrong');
  mkdirSync(wrongCaDir);
  run('openssl', ['ecparam', '-genkey', '-name', 'prime256v1', '-noout', '-out', 'ca-key.pem'], { cwd: wrongCaDir });
  run('openssl', ['req', '-x509', '-new', '-key', 'ca-key.pem', '-subj', '/CN=not-the-ca', '-days', '2', '-out', 'ca.pem'], { cwd: wrongCaDir });
  copyFileSync(path.join(dir, 'client-cert.pem'), path.join(wrongCaDir, 'cert.pem'));
  copyFileSync(path.join(dir, 'client-key.pem'), path.join(wrongCaDir, 'key.pem'));
  certs = {
    dir, clientDir, wrongCaDir,
    ca: path.join(dir, 'ca.pem'), serverCert: path.join(dir, 'server-cert.pem'), serverKey: path.join(dir, 'server-key.pem'),
    expiredCert: path.join(dir, 'expired-cert.pem'), expiredKey: path.join(dir, 'expired-key.pem'),
  };
  return certs;
}

// ---- busybox rootfs ------------------------------------------------------------------------

/** A tarball of a busybox root file system (what scripts/engine.mjs imports). */
export function busyboxTar(): string {
  const dir = tempDir('rootfs');
  const rootfs = path.join(dir, 'rootfs');
  for (const d of ['bin', 'tmp', 'etc']) mkdirSync(path.join(rootfs, d), { recursive: true });
  const busybox = run('sh', ['-c', 'command -v busybox']).trim();
  copyFileSync(busybox, path.join(rootfs, 'bin', 'busybox'));
  for (const a of run(busybox, ['--list']).split('\n').filter(Boolean)) {
    if (a !== 'busybox' && !existsSync(path.join(rootfs, 'bin', a))) symlinkSync('busybox', path.join(rootfs, 'bin', a));
  }
  writeFileSync(path.join(rootfs, 'etc', 'passwd'), 'root:x:0:0:root:/root:/bin/sh\n');
  writeFileSync(path.join(rootfs, 'etc', 'group'), 'root:x:0:\n');
  const tar = path.join(dir, 'rootfs.tar');
  run('tar', ['-C', rootfs, '-cf', tar, '.']);
  return tar;
}

// ---- dockerd: unix + tcp/TLS ---------------------------------------------------------------

export interface HostsDaemon { sock: string; tlsPort: number; certs: Certs }

let daemon: Promise<HostsDaemon> | undefined;

/** A private dockerd on a unix socket and tcp://127.0.0.1:PORT with --tlsverify, with the busybox image. */
export function hostsDaemon(): Promise<HostsDaemon> {
  daemon ??= (async () => {
    const c = makeCerts();
    const dir = tempDir('dockerd');
    const sock = path.join(dir, 'd.sock');
    const tlsPort = await freePort();
    const tag = randomBytes(4).toString('hex');
    const log = openSync(path.join(dir, 'dockerd.log'), 'a');
    const child = spawn('dockerd', [
      '--data-root', path.join(dir, 'data'), '--exec-root', path.join(dir, 'x'), '--pidfile', path.join(dir, 'd.pid'),
      '-H', `unix://${sock}`, '-H', `tcp://127.0.0.1:${tlsPort}`,
      '--tlsverify', '--tlscacert', c.ca, '--tlscert', c.serverCert, '--tlskey', c.serverKey,
      '--bridge=none', '--iptables=false', '--ip-masq=false', '--ip6tables=false',
      '--containerd-namespace', `dyhosts-${tag}`, '--containerd-plugins-namespace', `dyhosts-${tag}-p`,
    ], { stdio: ['ignore', log, log] });
    onCleanup(() => stopChild(child, 'dockerd'));
    await waitFor(async () => (child.exitCode === null) && pingSocket(sock), `dockerd (log ${path.join(dir, 'dockerd.log')})`, 60000).catch((e) => {
      throw new Error(`${(e as Error).message}\n${readFileSync(path.join(dir, 'dockerd.log'), 'utf8').slice(-2000)}`);
    });
    await waitFor(() => tcpOpen(tlsPort), 'dockerd tcp port');
    run('docker', ['-H', `unix://${sock}`, 'import', '-c', 'CMD ["sh"]', '-c', 'ENV PATH=/bin', busyboxTar(), IMAGE]);
    return { sock, tlsPort, certs: c };
  })();
  return daemon;
}

// ---- sshd ----------------------------------------------------------------------------------

export interface Sshd {
  port: number;
  /** A key authorized to log in (no passphrase). */
  clientKey: string;
  /** The server's host key line body ("ssh-ed25519 AAAA…"). */
  hostPub: string;
  /** A key that is not authorized. */
  strangerKey: string;
  user: string;
}

let sshd: Promise<Sshd> | undefined;

/** A private sshd on 127.0.0.1 whose sessions see DOCKER_HOST=the hosts dockerd's socket. */
export function privateSshd(): Promise<Sshd> {
  sshd ??= (async () => {
    const d = await hostsDaemon();
    const dir = tempDir('sshd');
    const keygen = (file: string) => run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'dockyard-test', '-f', path.join(dir, file)]);
    keygen('host'); keygen('client'); keygen('stranger');
    const authorized = path.join(dir, 'authorized_keys');
    copyFileSync(path.join(dir, 'client.pub'), authorized);
    chmodSync(authorized, 0o600);
    const port = await freePort();
    const config = path.join(dir, 'sshd_config');
    writeFileSync(config, [
      `Port ${port}`, 'ListenAddress 127.0.0.1', `HostKey ${path.join(dir, 'host')}`, `AuthorizedKeysFile ${authorized}`,
      `PidFile ${path.join(dir, 'sshd.pid')}`, 'StrictModes no', 'UsePAM no', 'PasswordAuthentication no',
      'KbdInteractiveAuthentication no', 'PermitRootLogin prohibit-password', `SetEnv DOCKER_HOST=unix://${d.sock}`,
      'AllowTcpForwarding no', 'X11Forwarding no', '',
    ].join('\n'));
    mkdirSync('/run/sshd', { recursive: true });
    const child = spawn('/usr/sbin/sshd', ['-D', '-f', config, '-E', path.join(dir, 'sshd.log')], { stdio: 'ignore' });
    onCleanup(() => stopChild(child, 'sshd'));
    await waitFor(async () => child.exitCode === null && tcpOpen(port), `sshd (log ${path.join(dir, 'sshd.log')})`);
    const hostPub = readFileSync(path.join(dir, 'host.pub'), 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
    return { port, clientKey: path.join(dir, 'client'), strangerKey: path.join(dir, 'stranger'), hostPub, user: os.userInfo().username };
  })();
  return sshd;
}

/** A temp HOME with .ssh/ (optionally a key and known_hosts). */
export function sshHome(opts: { key?: string; knownHosts?: string } = {}): string {
  const home = tempDir('home');
  const ssh = path.join(home, '.ssh');
  mkdirSync(ssh, { mode: 0o700 });
  if (opts.key) { copyFileSync(opts.key, path.join(ssh, 'id_ed25519')); chmodSync(path.join(ssh, 'id_ed25519'), 0o600); }
  if (opts.knownHosts !== undefined) writeFileSync(path.join(ssh, 'known_hosts'), opts.knownHosts);
  return home;
}

export function trustHost(home: string, line: string): void {
  appendFileSync(path.join(home, '.ssh', 'known_hosts'), line + '\n');
}

/** ssh-agent on a private socket with `key` added; returns SSH_AUTH_SOCK. */
export async function sshAgent(key: string): Promise<string> {
  const dir = tempDir('agent');
  const sock = path.join(dir, 'a.sock');
  const child = spawn('ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' });
  onCleanup(() => stopChild(child, 'ssh-agent'));
  await waitFor(() => existsSync(sock), 'ssh-agent');
  run('ssh-add', ['-q', key], { env: { ...process.env, SSH_AUTH_SOCK: sock } });
  return sock;
}

// ---- podman --------------------------------------------------------------------------------

let podman: Promise<string> | undefined;

/** `podman system service` on a private unix socket with the busybox image; returns the socket path. */
export function podmanService(): Promise<string> {
  podman ??= (async () => {
    const dir = tempDir('podman');
    const conf = path.join(dir, 'containers.conf');
    writeFileSync(conf, '[containers]\ndefault_ulimits = ["nofile=1024:1024","nproc=1024:1024"]\n[engine]\nevents_logger = "file"\n');
    const env = { ...process.env, CONTAINERS_CONF: conf };
    const base = ['--root', path.join(dir, 'root'), '--runroot', path.join(dir, 'run'), '--tmpdir', path.join(dir, 'tmp'), '--storage-driver', 'vfs'];
    const sock = path.join(dir, 'p.sock');
    const log = openSync(path.join(dir, 'podman.log'), 'a');
    run('podman', [...base, 'import', '--change', 'CMD ["sh"]', '--change', 'ENV PATH=/bin', busyboxTar(), IMAGE], { env });
    const child = spawn('podman', [...base, 'system', 'service', '--time=0', `unix://${sock}`], { env, stdio: ['ignore', log, log] });
    onCleanup(() => stopChild(child, 'podman'));
    await waitFor(async () => child.exitCode === null && pingSocket(sock), `podman service (log ${path.join(dir, 'podman.log')})`, 60000);
    return sock;
  })();
  return podman;
}

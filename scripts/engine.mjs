// The private test engine: a dockerd of our own (off the network), a local registry,
// and a busybox image made locally. Nothing here touches the machine's own Docker.
//
//   node scripts/engine.mjs start    start (or reuse) it; prints the env file's path
//   node scripts/engine.mjs stop     stop what start started
//   node scripts/engine.mjs status   exit 0 when it answers
//
// State lives in .engine/ (git-ignored; DOCKYARD_ENGINE_DIR picks another folder, and so another engine); .engine/env.json holds
// { DOCKER_HOST, REGISTRY, IMAGE } for tests and benchmarks.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync, rmSync, openSync, symlinkSync, copyFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Unix socket paths are limited to ~107 bytes: keep the engine's sockets under /tmp, named for this checkout.
const dir = process.env.DOCKYARD_ENGINE_DIR ?? path.join(root, '.engine');
const runDir = path.join('/tmp', `dockyard-engine-${hash(dir)}`);
const sock = path.join(runDir, 'docker.sock');
const envFile = path.join(dir, 'env.json');
export const TEST_IMAGE = 'dockyard-test/busybox:latest';

function hash(s) {
  let h = 5381;
  for (const c of s) h = ((h * 33) ^ c.charCodeAt(0)) >>> 0;
  return h.toString(36);
}

function ping(socketPath, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const req = http.get({ socketPath, path: '/_ping', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => { req.destroy(); resolve(false); });
  });
}

function httpGet(url, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: timeoutMs }, (res) => { res.resume(); resolve(res.statusCode); });
    req.on('error', () => resolve(0));
    req.on('timeout', () => { req.destroy(); resolve(0); });
  });
}

async function waitFor(check, what, timeoutMs = 60000) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

function pidAlive(file) {
  if (!existsSync(file)) return false;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!pid) return false;
  try { process.kill(pid, 0); return pid; } catch { return false; }
}

function need(cmd, pkg) {
  try { execFileSync('sh', ['-c', 'command -v "$1"', 'sh', cmd], { stdio: 'ignore' }); }
  catch { throw new Error(`${cmd} is not installed: run scripts/install-deps.sh (apt package ${pkg})`); }
}

/** Starts dockerd on the private socket (or reuses a running one). */
export async function startDaemon() {
  mkdirSync(dir, { recursive: true });
  mkdirSync(runDir, { recursive: true });
  if (await ping(sock)) return;
  need('dockerd', 'docker.io');
  await reapContainerd();
  const log = openSync(path.join(dir, 'dockerd.log'), 'a');
  const child = spawn('dockerd', [
    '--data-root', path.join(dir, 'data'),
    '--exec-root', path.join(runDir, 'exec'),
    '--pidfile', path.join(runDir, 'dockerd.pid'),
    '--host', `unix://${sock}`,
    '--bridge=none', '--iptables=false', '--ip-masq=false', '--ip6tables=false',
    '--containerd-namespace', `dockyard-${hash(dir)}`,
    '--containerd-plugins-namespace', `dockyard-${hash(dir)}-plugins`,
  ], { detached: true, stdio: ['ignore', log, log] });
  child.unref();
  await waitFor(() => ping(sock), `dockerd (see ${path.join(dir, 'dockerd.log')})`);
}

/**
 * A dockerd that died hard leaves its managed containerd (or its pid file) behind; a new
 * dockerd then waits for that containerd forever. End it and forget its pid file.
 */
async function reapContainerd() {
  const pidFile = path.join(runDir, 'exec', 'containerd', 'containerd.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  let cmdline = '';
  try { cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8'); } catch { /* gone */ }
  if (pid && cmdline.includes(runDir)) {
    try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
    await waitFor(async () => { try { process.kill(pid, 0); return false; } catch { return true; } }, 'old containerd to exit', 10000);
  }
  rmSync(pidFile, { force: true });
}

/**
 * A dockerd killed hard (the fault tier does that) leaves the containerd shims of its containers
 * behind, reparented to init. Ends those of this engine's own containerd namespace only.
 */
export function reapShims() {
  const ns = `dockyard-${hash(dir)}`;
  let n = 0;
  let pids = [];
  try { pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p)); } catch { return 0; }
  for (const pid of pids) {
    let args;
    try { args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0'); } catch { continue; }
    if (!/containerd-shim/.test(args[0] ?? '')) continue;
    const i = args.indexOf('-namespace');
    if (i < 0 || args[i + 1] !== ns) continue;
    try { process.kill(Number(pid), 'SIGKILL'); n++; } catch { /* gone */ }
  }
  return n;
}

/** Stops the private dockerd (SIGTERM, then waits for it to exit). */
export async function stopDaemon(signal = 'SIGTERM') {
  const pid = pidAlive(path.join(runDir, 'dockerd.pid'));
  if (!pid) return;
  try { process.kill(pid, signal); } catch { /* already gone */ }
  await waitFor(async () => { try { process.kill(pid, 0); return false; } catch { return true; } }, 'dockerd to exit', 30000);
}

/**
 * dockerd bind-mounts its data root onto itself and may leave that mount (and overlay
 * mounts of a hard kill) behind; unmount whatever is left below the engine's folders so a
 * checkout can be deleted.
 */
function unmountLeftovers() {
  let mounts = '';
  try { mounts = readFileSync('/proc/self/mounts', 'utf8'); } catch { return; }
  const roots = [path.join(dir, 'data'), runDir];
  const targets = mounts.split('\n')
    .map((line) => line.split(' ')[1]?.replace(/\\040/g, ' '))
    .filter((m) => m && roots.some((r) => m === r || m.startsWith(`${r}/`)))
    .sort((a, b) => b.length - a.length); // innermost first
  for (const m of targets) {
    try { execFileSync('umount', ['-l', m], { stdio: 'ignore' }); } catch { /* not ours to force */ }
  }
}

async function ensureImage() {
  const docker = ['-H', `unix://${sock}`];
  const env = { ...process.env, DOCKER_HOST: `unix://${sock}` };
  const have = execFileSync('docker', [...docker, 'images', '-q', TEST_IMAGE], { env }).toString().trim();
  if (have) return;
  need('busybox', 'busybox-static');
  const rootfs = path.join(dir, 'rootfs');
  rmSync(rootfs, { recursive: true, force: true });
  mkdirSync(path.join(rootfs, 'bin'), { recursive: true });
  mkdirSync(path.join(rootfs, 'tmp'), { recursive: true });
  mkdirSync(path.join(rootfs, 'etc'), { recursive: true });
  copyFileSync(execFileSync('sh', ['-c', 'command -v busybox']).toString().trim(), path.join(rootfs, 'bin', 'busybox'));
  const applets = execFileSync(path.join(rootfs, 'bin', 'busybox'), ['--list']).toString().split('\n').filter(Boolean);
  for (const a of applets) {
    if (a !== 'busybox' && !existsSync(path.join(rootfs, 'bin', a))) symlinkSync('busybox', path.join(rootfs, 'bin', a));
  }
  writeFileSync(path.join(rootfs, 'etc', 'passwd'), 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n');
  writeFileSync(path.join(rootfs, 'etc', 'group'), 'root:x:0:\nnogroup:x:65534:\n');
  execFileSync('sh', ['-c', 'tar -C "$1" -c . | docker -H "$2" import -c "CMD [\\"sh\\"]" -c "ENV PATH=/bin" - "$3"', 'sh', rootfs, `unix://${sock}`, TEST_IMAGE], { env, stdio: 'ignore' });
}

async function startRegistry() {
  const pidFile = path.join(dir, 'registry.pid');
  const portFile = path.join(dir, 'registry.port');
  if (pidAlive(pidFile) && existsSync(portFile)) {
    const port = readFileSync(portFile, 'utf8').trim();
    if (await httpGet(`http://127.0.0.1:${port}/v2/`)) return `127.0.0.1:${port}`;
  }
  need('docker-registry', 'docker-registry');
  const port = await freePort();
  const cfg = path.join(dir, 'registry.yml');
  writeFileSync(cfg, [
    'version: 0.1',
    'log: { level: warn }',
    'storage:',
    `  filesystem: { rootdirectory: ${JSON.stringify(path.join(dir, 'registry'))} }`,
    '  delete: { enabled: true }',
    'http:',
    `  addr: 127.0.0.1:${port}`,
    '',
  ].join('\n'));
  const log = openSync(path.join(dir, 'registry.log'), 'a');
  const child = spawn('docker-registry', ['serve', cfg], { detached: true, stdio: ['ignore', log, log] });
  child.unref();
  writeFileSync(pidFile, String(child.pid));
  writeFileSync(portFile, String(port));
  await waitFor(async () => (await httpGet(`http://127.0.0.1:${port}/v2/`)) === 200, 'docker-registry');
  return `127.0.0.1:${port}`;
}

export async function start() {
  await startDaemon();
  await ensureImage();
  const registry = await startRegistry();
  const env = { DOCKER_HOST: `unix://${sock}`, REGISTRY: registry, IMAGE: TEST_IMAGE };
  writeFileSync(envFile, JSON.stringify(env, null, 2));
  return env;
}

export async function stop() {
  const reg = pidAlive(path.join(dir, 'registry.pid'));
  if (reg) try { process.kill(reg, 'SIGTERM'); } catch { /* gone */ }
  await stopDaemon();
  unmountLeftovers();
  rmSync(envFile, { force: true });
}

export async function running() {
  return ping(sock);
}

export { sock as socketPath, envFile };

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const cmd = process.argv[2];
  try {
    if (cmd === 'start') { const env = await start(); console.log(JSON.stringify(env)); }
    else if (cmd === 'stop') await stop();
    else if (cmd === 'status') process.exit((await running()) ? 0 : 1);
    else { console.error('usage: engine.mjs start|stop|status'); process.exit(2); }
  } catch (e) {
    console.error(`engine: ${e.message}`);
    process.exit(1);
  }
}

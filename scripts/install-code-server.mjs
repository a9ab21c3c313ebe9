// Installs the pinned code-server (VS Code 1.100.3 in the browser) for the e2e tier, offline
// apart from the npm registry, as ../shared/TESTING.md describes: no install scripts (its own
// postinstall downloads ripgrep), native modules rebuilt explicitly, Debian's rg linked in.
// Cached under .vscode-test/code-server-<version>/ with a marker file: fast when already there.
//
//   node scripts/install-code-server.mjs      prints the path of code-server's entry.js
//
// Exported: ensureCodeServer() -> { dir, entry, version }.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, lstatSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
const marker = path.join(dir, '.installed');
const entry = path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const vscodeDir = path.join(dir, 'node_modules', 'code-server', 'lib', 'vscode');

/** Native modules of VS Code's server that must be built for this Node. */
const NATIVE = ['kerberos', 'node-pty', '@parcel/watcher', '@vscode/spdlog', 'native-watchdog', '@vscode/deviceid'];

function which(cmd) {
  try { return execFileSync('sh', ['-c', 'command -v "$1"', 'sh', cmd]).toString().trim(); }
  catch { return ''; }
}

function run(cmd, args, cwd) {
  const t0 = Date.now();
  process.stderr.write(`install-code-server: ${cmd} ${args.join(' ')}\n`);
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'], env: {
    ...process.env,
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    // node-pty's postinstall runs `npx node-gyp configure`: let npx fetch node-gyp from the registry.
    npm_config_yes: 'true',
  } });
  process.stderr.write(`install-code-server:   done in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
}

function installed() {
  if (!existsSync(marker) || !existsSync(entry)) return false;
  try { return JSON.parse(readFileSync(marker, 'utf8')).version === CODE_SERVER_VERSION; }
  catch { return false; }
}

function sleepSync(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function alive(pid) {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

/** One installer at a time per checkout (two e2e runs may start on a fresh checkout). */
function withInstallLock(fn) {
  const lock = path.join(root, '.vscode-test', 'code-server-install.lock');
  mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch {
      const pid = Number(readFileSync(lock, 'utf8'));
      if (!pid || !alive(pid)) { rmSync(lock, { force: true }); continue; }
      if (Date.now() > deadline) throw new Error(`another code-server install (pid ${pid}) is taking too long`);
      sleepSync(1000);
    }
  }
  try { return fn(); } finally { rmSync(lock, { force: true }); }
}

export function ensureCodeServer() {
  if (installed()) return { dir, entry, version: CODE_SERVER_VERSION };
  return withInstallLock(() => (installed() ? { dir, entry, version: CODE_SERVER_VERSION } : install()));
}

function install() {
  const rg = which('rg');
  if (!rg) throw new Error('ripgrep (rg) is not installed: run scripts/install-deps.sh');
  for (const [cmd, pkg] of [['chromium', 'chromium'], ['krb5-config', 'libkrb5-dev']]) {
    if (!which(cmd)) throw new Error(`${cmd} is not installed: run scripts/install-deps.sh (apt package ${pkg})`);
  }
  const t0 = Date.now();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // A package.json of its own keeps npm from walking up into the project's.
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'dockyard-code-server', private: true }, null, 2));
  run('npm', ['install', '--prefix', dir, '--ignore-scripts', '--no-save', `code-server@${CODE_SERVER_VERSION}`], dir);
  run('npm', ['rebuild', 'argon2'], dir);
  run('npm', ['install', '--omit=dev', '--ignore-scripts'], vscodeDir);
  run('npm', ['rebuild', ...NATIVE], vscodeDir);
  const rgDir = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  mkdirSync(rgDir, { recursive: true });
  const rgLink = path.join(rgDir, 'rg');
  if (existsSync(rgLink) || isLink(rgLink)) unlinkSync(rgLink);
  symlinkSync(rg, rgLink);
  const asar = path.join(vscodeDir, 'node_modules.asar');
  if (existsSync(asar) || isLink(asar)) rmSync(asar, { recursive: true, force: true });
  symlinkSync('node_modules', asar);
  if (!existsSync(entry)) throw new Error(`code-server installed, but ${entry} is missing`);
  writeFileSync(marker, JSON.stringify({ version: CODE_SERVER_VERSION, installedAt: new Date().toISOString() }));
  process.stderr.write(`install-code-server: code-server ${CODE_SERVER_VERSION} ready in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
  return { dir, entry, version: CODE_SERVER_VERSION };
}

function isLink(p) {
  try { return lstatSync(p).isSymbolicLink(); } catch { return false; }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try { console.log(ensureCodeServer().entry); }
  catch (e) { console.error(`install-code-server: ${e.message}`); process.exit(1); }
}

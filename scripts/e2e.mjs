// npm run test:e2e — Dockyard in a real VS Code (code-server 4.100.3) driven by a real Chromium.
//
//  1. builds and packages the extension (dist/dockyard.vsix), installs code-server (cached);
//  2. starts the e2e tier's own private engine (.vscode-test/e2e-engine-<slot>: journeys stop
//     and start it, so never the engine other tests share). Runs in the same checkout take
//     separate slots (run dir + engine), so two people can run the tier at once;
//  3. starts code-server on a free loopback port with a fresh user-data and extensions dir,
//     the .vsix installed, the test runner extension next to it, and the fixture workspace;
//  4. runs the extension-host suites (test/e2e/suite) and the UI journeys (test/e2e/journeys);
//  5. stops everything it started, also on failure, Ctrl+C or the global timeout.
//
// Options: --only <text>   run only journeys whose name contains text (several: a,b,c; no suites)
//          --suites [text] run only the extension-host suite files whose name contains text, no journeys
//          --working-tree  load the working tree (symlinked) instead of the .vsix: quick iteration
//          --extension <dir>  load this unpacked extension folder instead (no build)
//          --keep          leave code-server running at the end and print its URL (debugging)
//          --suites-only   the same as --suites with no text
// Env:     DOCKYARD_E2E_TIMEOUT_MS (default 900000)
// Prints "e2e: N passed, N failed" last; exits non-zero on any failure.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const testDir = path.join(root, '.vscode-test');
mkdirSync(testDir, { recursive: true });

function pidAlive(pid) {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

/** Takes the first free slot: a lock file holding our pid (stale locks of dead runs are reused). */
function takeSlot() {
  for (let slot = 0; slot < 8; slot++) {
    const file = path.join(testDir, `e2e-${slot}.lock`);
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return { slot, file };
    } catch {
      const pid = Number(readFileSync(file, 'utf8'));
      if (pid && pidAlive(pid)) continue;
      writeFileSync(file, String(process.pid));
      if (Number(readFileSync(file, 'utf8')) === process.pid) return { slot, file };
    }
  }
  throw new Error('no free e2e slot: 8 runs are going on in this checkout');
}
const { slot, file: lockFile } = takeSlot();
const runDir = path.join(testDir, `e2e-run-${slot}`);
const userDataDir = path.join(runDir, 'user-data');
const extensionsDir = path.join(runDir, 'extensions');
const suiteResultsFile = path.join(runDir, 'suite-results.json');
const workspace = path.join(root, 'test', 'fixtures', 'workspace');
const resultsDir = path.join(root, 'test-results');
const chromiumPath = process.env.DOCKYARD_CHROMIUM ?? '/usr/bin/chromium';

const args = process.argv.slice(2);
const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const only = opt('--only');
// --suites <text>: only the extension-host suite files whose name contains text ('' for all), no journeys.
const suites = args.includes('--suites') ? (opt('--suites')?.startsWith('--') ? '' : opt('--suites') ?? '') : args.includes('--suites-only') ? '' : undefined;
const workingTree = args.includes('--working-tree');
const extensionDir = opt('--extension') && path.resolve(opt('--extension'));
const keep = args.includes('--keep');
const globalTimeoutMs = Number(process.env.DOCKYARD_E2E_TIMEOUT_MS ?? 900_000);

// The e2e engine is private to this tier: engine.mjs reads DOCKYARD_ENGINE_DIR when imported.
process.env.DOCKYARD_ENGINE_DIR = path.join(testDir, `e2e-engine-${slot}`);
const engine = await import('./engine.mjs');

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
const log = (m) => console.log(`[e2e ${elapsed()}] ${m}`);

// ---- cleanup: everything started is stopped, whatever happens ---------------------------
const cleanups = [async () => rmSync(lockFile, { force: true })];
let finished = false;
async function cleanup() {
  for (const fn of cleanups.splice(0).reverse()) {
    try { await fn(); } catch (e) { console.error(`e2e: cleanup: ${e.message}`); }
  }
}
async function finish(passed, failed, code) {
  if (finished) return;
  finished = true;
  clearTimeout(globalTimer);
  await cleanup();
  log(`done; wall time ${elapsed()}`);
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  process.exit(code);
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => { console.error(`e2e: ${sig}, stopping`); void finish(0, 1, 130); });
}
const globalTimer = setTimeout(() => {
  console.error(`e2e: global timeout (${globalTimeoutMs / 1000} s) — stopping everything`);
  void finish(0, 1, 1);
}, globalTimeoutMs);

// ---- helpers ------------------------------------------------------------------------------
function run(cmd, argv, what, opts = {}) {
  const s0 = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], ...opts });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    const kill = async () => { if (child.exitCode === null) child.kill('SIGKILL'); };
    cleanups.push(kill);
    child.on('error', reject);
    child.on('exit', (code) => {
      cleanups.splice(cleanups.indexOf(kill), 1);
      if (code === 0) { log(`${what}: ok (${((Date.now() - s0) / 1000).toFixed(1)} s)`); resolve(out); }
      else reject(new Error(`${what} failed (exit ${code}):\n${out.split('\n').filter((l) => !/nodedir/.test(l)).slice(-25).join('\n')}`));
    });
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
    srv.on('error', reject);
  });
}

function httpStatus(url) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 1000 }, (res) => { res.resume(); resolve(res.statusCode); });
    req.on('error', () => resolve(0));
    req.on('timeout', () => { req.destroy(); resolve(0); });
  });
}

async function waitFor(check, what, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Once --install-extension wrote EXT/extensions.json, VS Code loads only the extensions listed
 * there: list an unpacked folder too (nothing to do while the file does not exist).
 */
function registerUnpacked(dir, id, version) {
  const file = path.join(extensionsDir, 'extensions.json');
  if (!existsSync(file)) return;
  const list = JSON.parse(readFileSync(file, 'utf8'));
  list.push({
    identifier: { id },
    version,
    location: { $mid: 1, fsPath: dir, external: pathToFileURL(dir).href, path: dir, scheme: 'file' },
    relativeLocation: path.basename(dir),
    metadata: { installedTimestamp: Date.now(), source: 'vsix' },
  });
  writeFileSync(file, JSON.stringify(list));
}

/**
 * VS Code shows a display language only when a language pack for it is installed (code-server's
 * --locale alone leaves the workbench and the extension host in English; checked with 4.100.3).
 * VS Code's own Chinese pack is not on npm, so the locale runs install a test-only stub
 * (test/e2e/language-pack-<locale>/, no translations: VS Code's own UI stays English) and
 * register it in languagepacks.json the way VS Code does when a language pack is installed.
 * Dockyard's package.nls.<locale>.json and l10n bundle then load as for a real pack.
 */
function installLanguagePackStub(locale, userData) {
  const src = path.join(root, 'test', 'e2e', `language-pack-${locale}`);
  const pkg = JSON.parse(readFileSync(path.join(src, 'package.json'), 'utf8'));
  const id = `${pkg.publisher}.${pkg.name}`;
  const dir = path.join(extensionsDir, `${id}-${pkg.version}`);
  if (!existsSync(dir)) {
    cpSync(src, dir, { recursive: true });
    registerUnpacked(dir, id, pkg.version);
  }
  const translations = {};
  for (const l of pkg.contributes.localizations) for (const t of l.translations) translations[t.id] = path.join(dir, t.path);
  writeFileSync(path.join(userData, 'languagepacks.json'), JSON.stringify({
    [locale]: { hash: createHash('md5').update(id).update(pkg.version).digest('hex'), extensions: [{ extensionIdentifier: { id }, version: pkg.version }], translations, label: pkg.contributes.localizations[0].localizedLanguageName },
  }));
}

/** Stops a detached process group: SIGTERM, then SIGKILL after a grace period. */
async function stopGroup(child, what) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try { process.kill(-child.pid, 'SIGTERM'); } catch { return; }
  const deadline = Date.now() + 5000;
  while (pidAlive(child.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
  log(`${what} stopped`);
}

// ---- the run ------------------------------------------------------------------------------
async function main() {
  log(`slot ${slot} (${path.relative(root, runDir)}, engine ${path.relative(root, process.env.DOCKYARD_ENGINE_DIR)})`);

  const { ensureCodeServer } = await import('./install-code-server.mjs');
  const { buildRunnerExtension } = await import('./e2e-build.mjs');
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} not found: run scripts/install-deps.sh (apt package chromium)`);

  // Package and start the engine side by side; code-server's install is cached (a marker file).
  const cs = ensureCodeServer();
  if (!keep) {
    cleanups.push(async () => {
      log('stopping the e2e engine');
      await engine.stop();
    });
  }
  const [env] = await Promise.all([
    engine.start().then((e) => { log(`e2e engine up at ${e.DOCKER_HOST}`); return e; }),
    extensionDir ? Promise.resolve() : workingTree ? run('node', ['scripts/build.mjs'], 'build') : run('npm', ['run', '--silent', 'package'], 'build + package (dist/dockyard.vsix)'),
  ]);

  // A fresh user-data and extensions dir each run.
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  const pkg = JSON.parse(readFileSync(path.join(extensionDir ?? root, 'package.json'), 'utf8'));
  writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({
    'dockyard.host': env.DOCKER_HOST,
    'terminal.integrated.gpuAcceleration': 'off',
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.enableExperiments': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'chat.commandCenter.enabled': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'git.enabled': false,
    'git.openRepositoryInParentFolders': 'never',
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'window.commandCenter': true,
  }, null, 2));
  // code-server is a remote window: VS Code drops the browser-side (User) value of a machine-scoped
  // setting such as dockyard.host once the extension's contributions are known, and reads it from
  // the server's Machine settings. Write it there too, as a code-server user would.
  mkdirSync(path.join(userDataDir, 'Machine'), { recursive: true });
  writeFileSync(path.join(userDataDir, 'Machine', 'settings.json'), JSON.stringify({ 'dockyard.host': env.DOCKER_HOST }, null, 2));

  // A docker config of its own (DOCKER_CONFIG) with two contexts, both on the e2e engine: the
  // contexts journey lists and switches them. dockyard.host wins, so the other journeys never notice.
  const dockerConfig = path.join(runDir, 'docker-config');
  for (const name of ['e2e-blue', 'e2e-green']) {
    const dir = path.join(dockerConfig, 'contexts', 'meta', createHash('sha256').update(name).digest('hex'));
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'meta.json'), JSON.stringify({ Name: name, Metadata: { Description: `e2e engine (${name})` }, Endpoints: { docker: { Host: env.DOCKER_HOST, SkipTLSVerify: false } } }));
  }
  writeFileSync(path.join(dockerConfig, 'config.json'), '{}\n');

  const csArgs = ['--config', path.join(runDir, 'config.yaml'), '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  if (extensionDir || workingTree) {
    symlinkSync(extensionDir ?? root, path.join(extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`));
  } else {
    await run(process.execPath, [cs.entry, ...csArgs, '--install-extension', path.join(root, 'dist', 'dockyard.vsix')], 'install the .vsix into code-server');
  }
  // The suites run in the same extension host as the journeys (before them): not with --only.
  if (!only) {
    const runnerDir = path.join(extensionsDir, 'dockyard.dockyard-e2e-runner-0.0.0');
    await buildRunnerExtension(runnerDir, { resultsFile: suiteResultsFile, ...(suites ? { files: suites } : {}) });
    registerUnpacked(runnerDir, 'dockyard.dockyard-e2e-runner', '0.0.0');
  }

  // The browser side and the journeys are TypeScript: load them through tsx.
  const { register } = await import('tsx/cjs/api');
  register();
  const { runE2e, journeyLocales } = createRequire(import.meta.url)('../test/e2e/harness/run.ts');
  const journeysDir = path.join(root, 'test', 'e2e', 'journeys');

  // One code-server for the English run (suites and journeys), then one per display language
  // journeys ask for (`locale: 'zh-cn'`), each with a user-data dir of its own and `--locale`.
  const results = [];
  let last = { url: '', pid: 0 };
  for (const locale of suites !== undefined ? [undefined] : journeyLocales(journeysDir, only)) {
    let phaseUserDataDir = userDataDir;
    const localeArgs = [];
    if (locale) {
      phaseUserDataDir = path.join(runDir, `user-data-${locale}`);
      mkdirSync(path.join(phaseUserDataDir, 'User'), { recursive: true });
      writeFileSync(path.join(phaseUserDataDir, 'User', 'settings.json'), readFileSync(path.join(userDataDir, 'User', 'settings.json')));
      mkdirSync(path.join(phaseUserDataDir, 'Machine'), { recursive: true });
      writeFileSync(path.join(phaseUserDataDir, 'Machine', 'settings.json'), readFileSync(path.join(userDataDir, 'Machine', 'settings.json')));
      installLanguagePackStub(locale, phaseUserDataDir);
      localeArgs.push('--locale', locale);
    }
    const phaseCsArgs = ['--config', path.join(runDir, 'config.yaml'), '--user-data-dir', phaseUserDataDir, '--extensions-dir', extensionsDir, ...localeArgs];
    const port = await freePort();
    const csLog = path.join(runDir, 'code-server.log');
    const server = spawn(process.execPath, [cs.entry, ...phaseCsArgs,
      '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
      '--disable-workspace-trust', '--disable-getting-started-override', workspace,
    ], {
      cwd: workspace,
      detached: true,
      stdio: ['ignore', openSync(csLog, 'a'), openSync(csLog, 'a')],
      // The extension host rebuilds its environment from the login shell, so the dockyard.host
      // setting is what really points Dockyard at the e2e engine; DOCKER_HOST is set as well.
      env: { ...process.env, DOCKER_HOST: env.DOCKER_HOST, DOCKER_CONFIG: dockerConfig },
    });
    if (!keep) cleanups.push(() => stopGroup(server, 'code-server'));
    await waitFor(async () => (await httpStatus(`http://127.0.0.1:${port}/healthz`)) === 200, `code-server (see ${csLog})`, 60_000);
    const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`;
    log(`code-server ${cs.version} listening on ${url}${locale ? ` (--locale ${locale})` : ''}`);
    last = { url, pid: server.pid };

    results.push(...await runE2e({
      url, workspace, image: env.IMAGE, registry: env.REGISTRY, dockerConfig, suiteResultsFile, userDataDir: phaseUserDataDir, resultsDir, chromiumPath, only, locale, suitesOnly: suites !== undefined,
      journeysDir,
      engine: {
        host: env.DOCKER_HOST,
        stop: async () => { await engine.stopDaemon(); },
        start: async () => { await engine.startDaemon(); },
      },
      onCleanup: (fn) => cleanups.push(fn),
      log,
    }));
    if (!keep) await stopGroup(server, locale ? `code-server (${locale})` : 'code-server');
  }

  console.log('\n=== e2e results');
  for (const r of results) {
    console.log(`${r.ok ? 'ok  ' : 'FAIL'} [${r.kind}] ${r.name}${r.ms ? ` (${(r.ms / 1000).toFixed(1)} s)` : ''}`);
    if (!r.ok && r.error) console.log(r.error.split('\n').map((l) => `       ${l}`).join('\n'));
    for (const s of r.screenshots) console.log(`       screenshot ${path.relative(root, s)}`);
  }
  if (keep) log(`--keep: code-server still runs at ${last.url} (pid ${last.pid}); stop it with kill -- -${last.pid}`);
  const failed = results.filter((r) => !r.ok).length;
  if (failed) log(`logs: ${path.relative(root, path.join(userDataDir, 'logs'))} (extension host, Dockyard's output channels), ${path.relative(root, path.join(runDir, 'code-server.log'))}`);
  return { passed: results.length - failed, failed: failed + (results.length === 0 ? 1 : 0) };
}

try {
  const { passed, failed } = await main();
  await finish(passed, failed, failed ? 1 : 0);
} catch (e) {
  console.error(`e2e: ${e.stack ?? e.message}`);
  await finish(0, 1, 1);
}

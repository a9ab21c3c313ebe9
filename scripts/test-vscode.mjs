// npm run test:vscode — the extension-host suites (test/e2e/suite) in desktop VS Code through
// @vscode/test-electron, with Dockyard loaded from the working tree (extensionDevelopmentPath).
// It downloads VS Code (internet needed; not part of npm test) and needs a display: on a
// headless Linux run it under xvfb-run. The engine is the private test engine (started here
// when it is not running, and stopped again).
//
// Env: DOCKYARD_VSCODE_VERSION  VS Code to download (default 1.100.3, the oldest supported:
//                                engines.vscode in package.json); "stable" for the newest.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';
import { buildSuites } from './e2e-build.mjs';
import { running, start, stop } from './engine.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, '.vscode-test', 'vscode-suite');
const userDataDir = path.join(root, '.vscode-test', 'vscode-user-data');
const workspace = path.join(root, 'test', 'fixtures', 'workspace');
const version = process.env.DOCKYARD_VSCODE_VERSION ?? '1.100.3';

const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
await buildSuites(outDir);

const wasRunning = await running();
let code = 1;
try {
  const env = await start();
  rmSync(userDataDir, { recursive: true, force: true });
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({
    'dockyard.host': env.DOCKER_HOST,
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'git.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
  }, null, 2));
  code = await runTests({
    version,
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(outDir, 'index.js'),
    extensionTestsEnv: { DOCKER_HOST: env.DOCKER_HOST },
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', userDataDir, '--skip-welcome', '--skip-release-notes'],
  }).then(() => 0, (e) => {
    console.error(`test:vscode: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  });
} catch (e) {
  console.error(`test:vscode: ${e instanceof Error ? e.message : String(e)}`);
} finally {
  if (!wasRunning) await stop().catch((e) => console.error(`engine stop: ${e.message}`));
}
console.log(`vscode: ${code === 0 ? 'suites passed' : 'suites failed or did not run'}`);
process.exit(code);

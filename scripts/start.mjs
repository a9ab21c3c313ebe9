// npm start (after the build): opens VS Code with Dockyard loaded on the local Docker engine.
// Desktop VS Code (`code --extensionDevelopmentPath`) when `code` is on PATH; otherwise
// code-server in the browser (installed and cached by scripts/install-code-server.mjs),
// printing the URL to open.
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const workspace = process.argv[2] ? path.resolve(process.argv[2]) : process.cwd();

function which(cmd) {
  try { return execFileSync('sh', ['-c', 'command -v "$1"', 'sh', cmd]).toString().trim(); } catch { return ''; }
}

function freePort(preferred) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => { const s2 = net.createServer(); s2.listen(0, '127.0.0.1', () => { const { port } = s2.address(); s2.close(() => resolve(port)); }); });
    srv.listen(preferred, '127.0.0.1', () => srv.close(() => resolve(preferred)));
  });
}

const code = process.env.DOCKYARD_NO_DESKTOP ? '' : which('code');
if (code) {
  console.log(`Opening VS Code with Dockyard from ${root} …`);
  const child = spawn(code, ['--extensionDevelopmentPath', root, workspace], { stdio: 'inherit' });
  child.on('exit', (c) => process.exit(c ?? 0));
} else {
  const { ensureCodeServer } = await import('./install-code-server.mjs');
  const { entry } = ensureCodeServer();
  const state = path.join(root, '.vscode-test', 'start');
  const userData = path.join(state, 'user-data');
  const extensions = path.join(state, 'extensions');
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  mkdirSync(extensions, { recursive: true });
  const settingsFile = path.join(userData, 'User', 'settings.json');
  if (!existsSync(settingsFile)) {
    writeFileSync(settingsFile, JSON.stringify({ 'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': false }, null, 2));
  }
  // Load the extension straight from the checkout: a link named like an installed extension.
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const linked = path.join(extensions, `${pkg.publisher}.${pkg.name}-${pkg.version}`);
  if (!existsSync(linked)) execFileSync('ln', ['-sfn', root, linked]);
  const port = await freePort(Number(process.env.PORT) || 8088);
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`;
  const child = spawn(process.execPath, [entry, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', userData, '--extensions-dir', extensions, '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', workspace], { stdio: ['ignore', 'ignore', 'inherit'] });
  console.log(`\nDockyard is running in code-server: open ${url}\n(Ctrl+C to stop)`);
  const stop = () => child.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (c) => process.exit(c ?? 0));
}

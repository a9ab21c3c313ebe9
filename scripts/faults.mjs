// npm run test:faults: the fault tier against its own private engine (a separate dockerd,
// registry and data root in .engine-faults/, or DOCKYARD_FAULTS_ENGINE_DIR), which its tests
// kill and restart. It never touches the engine tier's engine (.engine/ or DOCKYARD_ENGINE_DIR).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const engineTierDir = path.resolve(process.env.DOCKYARD_ENGINE_DIR ?? path.join(root, '.engine'));
const dir = path.resolve(process.env.DOCKYARD_FAULTS_ENGINE_DIR ?? path.join(root, '.engine-faults'));
if (dir === engineTierDir) {
  console.error('faults: DOCKYARD_FAULTS_ENGINE_DIR must differ from the engine tier\'s DOCKYARD_ENGINE_DIR');
  process.exit(2);
}
// engine.mjs picks its folder when it is loaded.
process.env.DOCKYARD_ENGINE_DIR = dir;
const { start, stop, running, reapShims } = await import('./engine.mjs');

const wasRunning = await running();
let env;
try { env = await start(); }
catch (e) { console.error(`faults engine: ${e.message}`); process.exit(1); }

const child = spawn('mocha', ['--config', 'test/faults/.mocharc.json', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: {
    ...process.env,
    DOCKYARD_FAULTS: '1',
    DOCKYARD_ENGINE_DIR: dir,
    DOCKER_HOST: env.DOCKER_HOST,
    DOCKYARD_TEST_REGISTRY: env.REGISTRY,
    DOCKYARD_TEST_IMAGE: env.IMAGE,
    PATH: `${path.join(root, 'node_modules', '.bin')}:${process.env.PATH}`,
  },
});
const forward = (sig) => child.kill(sig);
process.on('SIGINT', forward);
process.on('SIGTERM', forward);
const code = await new Promise((resolve) => child.on('exit', (c, s) => resolve(c ?? (s ? 1 : 0))));
if (!wasRunning) {
  await stop().catch((e) => console.error(`faults engine stop: ${e.message}`));
  // The killed engines' containers leave their shims behind: end them (this engine's namespace only).
  const reaped = reapShims();
  if (reaped) console.log(`faults: ended ${reaped} containerd shim(s) the killed engine left behind`);
}
process.exit(code);

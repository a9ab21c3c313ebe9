// Runs a command with the private test engine up: reuses a running one, or starts it and
// stops it afterwards. The command sees DOCKER_HOST, DOCKYARD_TEST_REGISTRY, DOCKYARD_TEST_IMAGE.
//   node scripts/with-engine.mjs <command> [args...]
import { spawn } from 'node:child_process';
import { start, stop, running } from './engine.mjs';

const [cmd, ...args] = process.argv.slice(2);
if (!cmd) { console.error('usage: with-engine.mjs <command> [args...]'); process.exit(2); }

const wasRunning = await running();
let env;
try { env = await start(); }
catch (e) { console.error(`engine: ${e.message}`); process.exit(1); }

const child = spawn(cmd, args, {
  stdio: 'inherit',
  shell: false,
  env: {
    ...process.env,
    DOCKER_HOST: env.DOCKER_HOST,
    DOCKYARD_TEST_REGISTRY: env.REGISTRY,
    DOCKYARD_TEST_IMAGE: env.IMAGE,
    PATH: `${process.cwd()}/node_modules/.bin:${process.env.PATH}`,
  },
});
const forward = (sig) => child.kill(sig);
process.on('SIGINT', forward);
process.on('SIGTERM', forward);
const code = await new Promise((resolve) => child.on('exit', (c, s) => resolve(c ?? (s ? 1 : 0))));
if (!wasRunning) await stop().catch((e) => console.error(`engine stop: ${e.message}`));
process.exit(code);

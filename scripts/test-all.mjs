// npm test: every tier in turn, with the private engine started once (and stopped at the end
// when this run started it). Prints one closing line "N passed, N failed" over all tiers.
import { spawnSync } from 'node:child_process';
import { start, stop, running } from './engine.mjs';

/** The tiers, in order: [name, npm script]. Later issues add theirs here. */
const tiers = [
  ['unit', 'test:unit'],
  ['engine', 'test:engine'],
];

const wasRunning = await running();
const env = await start();
const results = [];
for (const [name, script] of tiers) {
  const t0 = Date.now();
  console.log(`\n=== tier ${name} (npm run ${script})`);
  const r = spawnSync('npm', ['run', '--silent', script], {
    stdio: 'inherit',
    env: { ...process.env, DOCKER_HOST: env.DOCKER_HOST, DOCKYARD_TEST_REGISTRY: env.REGISTRY, DOCKYARD_TEST_IMAGE: env.IMAGE },
  });
  results.push({ name, ok: r.status === 0, seconds: ((Date.now() - t0) / 1000).toFixed(1) });
}
if (!wasRunning) await stop();
console.log('\n=== summary');
for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds} s)`);
const failed = results.filter((r) => !r.ok).length;
console.log(`tiers: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

// npm test: every tier in turn, with the private engine started once (and stopped at the end
// when this run started it). Counts the tests each tier reports (mocha's "N passing" /
// "N failing", or a tier's own "N passed, N failed" line) and closes with one line
// "tests: N passed, N failed" over all tiers. Any failing tier fails the run.
import { spawn } from 'node:child_process';
import { start, stop, running } from './engine.mjs';

/** The tiers, in order: [name, npm script]. Later issues add theirs here. */
const tiers = [
  ['unit', 'test:unit'],
  ['fuzz', 'fuzz:dockerfile'],
  ['engine', 'test:engine'],
  ['hosts', 'test:hosts'],
  ['faults', 'test:faults'],
  ['e2e', 'test:e2e'],
];

/** Runs one tier's npm script, echoing its output and counting its tests. */
function runTier(script, env) {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let passed = 0;
    let failed = 0;
    let tail = '';
    const scan = (chunk) => {
      const text = tail + chunk.toString();
      const lines = text.split('\n');
      tail = lines.pop() ?? '';
      for (const raw of lines) {
        const line = raw.replace(/\x1b\[[0-9;]*m/g, '');
        let m;
        if ((m = /^\s*(\d+) passing\b/.exec(line))) passed += Number(m[1]);
        else if ((m = /^\s*(\d+) failing\b/.exec(line))) failed += Number(m[1]);
        else if ((m = /^\S+: (\d+) passed, (\d+) failed/.exec(line))) { passed += Number(m[1]); failed += Number(m[2]); }
      }
    };
    child.stdout.on('data', (c) => { process.stdout.write(c); scan(c); });
    child.stderr.on('data', (c) => process.stderr.write(c));
    child.on('exit', (code, signal) => {
      scan('\n');
      resolve({ status: code ?? (signal ? 1 : 0), passed, failed });
    });
  });
}

const wasRunning = await running();
const env = await start();
const results = [];
for (const [name, script] of tiers) {
  const t0 = Date.now();
  console.log(`\n=== tier ${name} (npm run ${script})`);
  const r = await runTier(script, {
    ...process.env, DOCKER_HOST: env.DOCKER_HOST, DOCKYARD_TEST_REGISTRY: env.REGISTRY, DOCKYARD_TEST_IMAGE: env.IMAGE,
  });
  results.push({ name, ok: r.status === 0, passed: r.passed, failed: r.failed, seconds: ((Date.now() - t0) / 1000).toFixed(1) });
}
if (!wasRunning) await stop();
console.log('\n=== summary');
for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name}: ${r.passed} passed, ${r.failed} failed (${r.seconds} s)`);
const passed = results.reduce((s, r) => s + r.passed, 0);
const failedTests = results.reduce((s, r) => s + r.failed, 0);
const failedTiers = results.filter((r) => !r.ok).length;
// A tier that exits non-zero without a failing test (a crash, a timeout) still counts as a failure.
console.log(`tests: ${passed} passed, ${Math.max(failedTests, failedTiers)} failed`);
process.exit(failedTiers ? 1 : 0);

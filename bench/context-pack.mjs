// context-pack-20000: a 20,000-file folder with a .dockerignore (5,000 files ignored) sent as a
// build context and built with a trivial Dockerfile, Dockyard (plan + pack + POST /build
// through src/imagebuild/runner.ts) vs the docker CLI (`DOCKER_BUILDKIT=0 docker build` of the same
// folder, the classic builder the engine here has). Both builds hit the cache, so the time is
// the context: walking, matching .dockerignore, tarring and sending it.
// Also reports Dockyard's pack alone (walk + tar to nowhere).
//
//   node --import tsx bench/context-pack.mjs     (with DOCKER_HOST set, e.g. under scripts/with-engine.mjs)
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { planContext, packContext } from '../src/imagebuild/context.ts';
import { runBuild } from '../src/imagebuild/runner.ts';
import { Engine } from '../src/engine/engine.ts';
import { resolveHost } from '../src/engine/hosts/resolve.ts';
import { round, timeInterleaved, timeMedian } from './stats.ts';

const exec = promisify(execFile);
const FILES = 20000;
const IGNORED = 5000;
const RUNS = Number(process.env.DOCKYARD_BENCH_RUNS ?? 5);

function makeFolder() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dockyard-context-pack-'));
  const body = 'x'.repeat(200);
  const kept = FILES - IGNORED - 2; // + Dockerfile and .dockerignore
  for (let i = 0; i < kept; i++) {
    const sub = path.join(dir, 'src', `d${Math.floor(i / 100)}`);
    if (i % 100 === 0) mkdirSync(sub, { recursive: true });
    writeFileSync(path.join(sub, `f${i}.txt`), body);
  }
  for (let i = 0; i < IGNORED; i++) {
    const sub = path.join(dir, 'node_modules', `p${Math.floor(i / 100)}`);
    if (i % 100 === 0) mkdirSync(sub, { recursive: true });
    writeFileSync(path.join(sub, i % 10 === 0 ? `trace${i}.log` : `m${i}.js`), body);
  }
  writeFileSync(path.join(dir, '.dockerignore'), 'node_modules\n**/*.log\n');
  writeFileSync(path.join(dir, 'Dockerfile'), 'FROM dockyard-test/busybox\nLABEL dockyard.bench=1\n');
  return dir;
}

async function drain(stream) {
  let bytes = 0;
  for await (const chunk of stream) bytes += chunk.length;
  return bytes;
}

export async function run() {
  if (!process.env.DOCKER_HOST) throw new Error('context-pack: DOCKER_HOST is not set (run through scripts/with-engine.mjs)');
  const engine = new Engine(resolveHost({ env: process.env, homeDir: '/nonexistent', platform: process.platform, readFile: () => undefined, exists: () => false }));
  const dir = makeFolder();
  const tagA = `dockyard-bench/context-pack-a:latest`;
  const tagB = `dockyard-bench/context-pack-b:latest`;
  const env = { ...process.env, DOCKER_BUILDKIT: '0' };
  try {
    const plan = await planContext(dir, path.join(dir, 'Dockerfile'));
    if (plan.files !== FILES - IGNORED) throw new Error(`context-pack: expected ${FILES - IGNORED} files in the context, planned ${plan.files}`);
    const packOnly = await timeMedian(async () => drain(packContext(await planContext(dir, path.join(dir, 'Dockerfile')))), RUNS);
    const dockyard = async () => {
      const r = await runBuild(engine, { dockerfilePath: path.join(dir, 'Dockerfile'), contextDir: dir, tag: tagA, builder: 'classic' });
      if (r.outcome !== 'succeeded') throw new Error(`context-pack: Dockyard build ${r.outcome}: ${r.outcome === 'failed' ? r.failure.message : ''}`);
    };
    const cli = async () => {
      await exec('docker', ['build', '-q', '-t', tagB, dir], { env, maxBuffer: 1 << 20 });
    };
    const [dockyardMs, cliMs] = await timeInterleaved([dockyard, cli], RUNS, 1);
    return [{
      name: 'context-pack-20000',
      dockyard_ms: dockyardMs,
      baseline: 'docker-cli',
      baseline_ms: cliMs,
      pack_only_ms: round(packOnly),
      files_sent: plan.files,
      files_ignored: IGNORED,
      context_bytes: plan.bytes,
    }];
  } finally {
    rmSync(dir, { recursive: true, force: true });
    for (const t of [tagA, tagB]) await engine.removeImage(t, { force: true }).catch(() => undefined);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const entries = await run();
  console.log(JSON.stringify(entries, null, 2));
}

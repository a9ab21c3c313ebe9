// build-buildkit: the same BuildKit build through Dockyard (plan + pack + session + POST
// /build?version=2 + trace decoding + terminal text, src/imagebuild/runner.ts) vs the raw
// `POST /build?version=2` of the same context tar (packed once, response read and thrown
// away), interleaved; every step runs (nocache) so the engine does the same work each time.
// build-buildkit-vs-classic: the same Dockerfile through Dockyard with BuildKit vs the classic
// builder. trace-decode-200: decoding and rendering a 200-step trace (20 log lines a step).
// Also reports the fixed costs Dockyard adds: opening the session, planning and packing.
//
//   node --import tsx bench/build-buildkit.mjs     (with DOCKER_HOST set, e.g. under scripts/with-engine.mjs)
import http from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { planContext, packContext } from '../src/imagebuild/context.ts';
import { runBuild } from '../src/imagebuild/runner.ts';
import { BuildKitOutput } from '../src/imagebuild/buildkitOutput.ts';
import { BuildTrace } from '../src/engine/buildkit/trace.ts';
import { BuildSession } from '../src/engine/buildkit/session.ts';
import { Writer } from '../src/engine/buildkit/protobuf.ts';
import { Engine } from '../src/engine/engine.ts';
import { resolveHost } from '../src/engine/hosts/resolve.ts';
import { round, timeInterleaved, timeMedian } from './stats.ts';

const RUNS = Number(process.env.DOCKYARD_BENCH_RUNS ?? 5);
const STEPS = 6;
const LINES = 40;

function makeFolder() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dockyard-build-buildkit-'));
  const lines = ['FROM dockyard-test/busybox', 'LABEL dockyard.bench=1'];
  for (let i = 0; i < STEPS; i++) lines.push(`RUN for i in $(seq 1 ${LINES}); do echo "step ${i} line $i"; done > /out${i}.txt && cat /out${i}.txt`);
  lines.push('COPY data.txt /data.txt');
  writeFileSync(path.join(dir, 'Dockerfile'), `${lines.join('\n')}\n`);
  writeFileSync(path.join(dir, 'data.txt'), 'x'.repeat(100_000));
  return dir;
}

async function tarOf(stream) {
  const parts = [];
  for await (const c of stream) parts.push(c);
  return Buffer.concat(parts);
}

/** POST /build?version=2 with a ready tar; resolves when the engine has sent everything. */
function rawBuild(socketPath, tar, tag) {
  const q = new URLSearchParams({ version: '2', t: tag, nocache: '1', networkmode: 'none', dockerfile: 'Dockerfile' });
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath, path: `/v1.41/build?${q}`, method: 'POST', headers: { 'Content-Type': 'application/x-tar', 'Content-Length': tar.length } }, (res) => {
      let tail = '';
      res.on('data', (c) => { tail = (tail + c.toString()).slice(-400); });
      res.on('end', () => (/"error"/.test(tail) ? reject(new Error(tail)) : resolve()));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(tar);
  });
}

function syntheticTrace(steps, lines) {
  const ts = (ms) => new Writer().int(1, Math.floor(ms / 1000)).int(2, (ms % 1000) * 1e6).finish();
  const vertex = (d, name, started, completed) => {
    const w = new Writer().string(1, d).string(3, name).bytes(5, ts(started));
    if (completed) w.bytes(6, ts(completed));
    return new Writer().bytes(1, w.finish()).finish().toString('base64');
  };
  const out = [];
  for (let i = 0; i < steps; i++) {
    const d = `sha256:${i}`;
    const name = `[stage-0 ${i + 1}/${steps}] RUN step ${i}`;
    out.push(vertex(d, name, 1000 * i + 1));
    for (let j = 0; j < lines; j++) {
      const log = new Writer().string(1, d).bytes(2, ts(1000 * i + j + 1)).int(3, 1).bytes(4, Buffer.from(`line ${j} of step ${i}\n`)).finish();
      out.push(new Writer().bytes(3, log).finish().toString('base64'));
    }
    out.push(vertex(d, name, 1000 * i + 1, 1000 * i + 900));
  }
  return out;
}

export async function run() {
  if (!process.env.DOCKER_HOST) throw new Error('build-buildkit: DOCKER_HOST is not set (run through scripts/with-engine.mjs)');
  const engine = new Engine(resolveHost({ env: process.env, homeDir: '/nonexistent', platform: process.platform, readFile: () => undefined, exists: () => false }));
  const socketPath = process.env.DOCKER_HOST.replace(/^unix:\/\//, '');
  const dir = makeFolder();
  const tags = ['dockyard-bench/buildkit-a:latest', 'dockyard-bench/buildkit-b:latest', 'dockyard-bench/classic-c:latest'];
  try {
    const dockerfilePath = path.join(dir, 'Dockerfile');
    const tar = await tarOf(packContext(await planContext(dir, dockerfilePath)));
    let chars = 0;
    const dockyard = (builder, tag) => async () => {
      chars = 0;
      const r = await runBuild(engine, { dockerfilePath, contextDir: dir, tag, noCache: true, builder, networkMode: 'none' }, { onText: (t) => { chars += t.length; } });
      if (r.outcome !== 'succeeded') throw new Error(`build-buildkit: ${builder} build ${r.outcome}: ${r.outcome === 'failed' ? r.failure.message : ''}`);
    };
    const raw = () => rawBuild(socketPath, tar, tags[1]);
    const [dockyardMs, rawMs] = await timeInterleaved([dockyard('buildkit', tags[0]), raw], RUNS, 1);
    const charsPerBuild = chars;
    const [buildkitMs, classicMs] = await timeInterleaved([dockyard('buildkit', tags[0]), dockyard('classic', tags[2])], RUNS, 1);
    const sessionMs = await timeMedian(async () => { const s = new BuildSession(engine); await s.open(); s.close(); }, 7, 1);
    const packMs = await timeMedian(async () => tarOf(packContext(await planContext(dir, dockerfilePath))), 7, 1);
    const trace = syntheticTrace(200, 20);
    const decodeMs = await timeMedian(() => {
      const out = new BuildKitOutput(new BuildTrace());
      for (const m of trace) out.render(out.trace.applyBase64(m));
    }, 7, 2);
    return [
      { name: 'build-buildkit', dockyard_ms: dockyardMs, baseline: 'raw POST /build?version=2', baseline_ms: rawMs, steps: STEPS, log_lines: STEPS * LINES, terminal_chars_per_build: charsPerBuild, session_open_ms: sessionMs, plan_pack_ms: packMs },
      { name: 'build-buildkit-vs-classic', dockyard_ms: buildkitMs, baseline: 'dockyard classic builder', baseline_ms: classicMs },
      { name: 'trace-decode-200', dockyard_ms: decodeMs, baseline: null, baseline_ms: null, messages: trace.length },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
    for (const t of tags) await engine.removeImage(t, { force: true }).catch(() => undefined);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const entries = await run();
  console.log(JSON.stringify(entries, null, 2));
}

// image-layers-500mb: the layers and files of a 500 MB image (built here from busybox: one RUN
// writing 500 files of 1 MB and 5,000 small ones), read by Dockyard from the engine's export
// (GET /images/{name}/get, streamed) vs `docker save IMAGE | tar t` of the same image. The peak
// memory while reading (process RSS and heap above what it was before) is reported beside it.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Engine } from '../src/engine/engine';
import { resolveHost } from '../src/engine/hosts/resolve';
import { readImageLayers } from '../src/engine/imageLayers';
import { runBuild } from '../src/imagebuild/runner';
import { BenchEntry, round, timeInterleaved } from './stats';

const IMAGE = process.env.DOCKYARD_TEST_IMAGE ?? 'dockyard-test/busybox:latest';
const TAG = 'dockyard-bench/layers-500mb:latest';

/** `docker save TAG | tar t >/dev/null`, as two processes joined by a pipe (no shell). */
function saveAndList(host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const save = spawn('docker', ['-H', host, 'save', TAG], { stdio: ['ignore', 'pipe', 'inherit'] });
    const tar = spawn('tar', ['t'], { stdio: ['pipe', 'ignore', 'inherit'] });
    save.stdout.pipe(tar.stdin);
    let left = 2;
    const done = (code: number | null) => { if (code !== 0) reject(new Error(`exit ${code}`)); else if (--left === 0) resolve(); };
    save.on('exit', done);
    tar.on('exit', done);
  });
}

export async function runImageLayersBench(): Promise<(BenchEntry & { peak_rss_mb?: number; peak_heap_mb?: number; files?: number })[]> {
  const engine = new Engine(resolveHost({ env: process.env, homeDir: '/nonexistent', platform: process.platform, readFile: () => undefined, exists: () => false }));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockyard-bench-layers-'));
  try {
    const exists = await engine.inspectImage(TAG).then(() => true, () => false);
    if (!exists) {
      fs.writeFileSync(path.join(dir, 'Dockerfile'), `FROM ${IMAGE}
RUN mkdir -p /data/big /data/small && i=0; while [ $i -lt 500 ]; do head -c 1000000 /dev/zero > /data/big/f$i; i=$((i+1)); done; \\
    i=0; while [ $i -lt 5000 ]; do echo $i > /data/small/s$i; i=$((i+1)); done
`);
      const r = await runBuild(engine, { dockerfilePath: path.join(dir, 'Dockerfile'), contextDir: dir, tag: TAG, builder: 'classic', labels: { 'dockyard.bench': '1' } });
      if (r.outcome !== 'succeeded') throw new Error(`bench image build ${r.outcome}`);
    }
    let files = 0;
    const [dockyardMs, baselineMs] = await timeInterleaved([
      async () => {
        const insight = await readImageLayers(engine, TAG);
        files = insight.layers.reduce((n, l) => n + l.files.length, 0);
        if (insight.totalBytes < 500_000_000) throw new Error(`read ${insight.totalBytes} bytes`);
      },
      () => saveAndList(engine.resolved.host),
    ], 5, 1);

    // Memory while reading: sampled every 10 ms, above the figures just before.
    global.gc?.();
    const before = process.memoryUsage();
    let peakRss = before.rss;
    let peakHeap = before.heapUsed;
    const timer = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 10);
    await readImageLayers(engine, TAG);
    clearInterval(timer);
    const mb = (n: number) => round(n / 1e6);
    console.log(`image-layers-500mb: ${files} file entries; peak RSS +${mb(peakRss - before.rss)} MB, peak heap +${mb(peakHeap - before.heapUsed)} MB (RSS ${mb(peakRss)} MB)`);
    return [{
      name: 'image-layers-500mb', dockyard_ms: dockyardMs, baseline: 'docker save | tar t', baseline_ms: baselineMs,
      peak_rss_mb: mb(peakRss - before.rss), peak_heap_mb: mb(peakHeap - before.heapUsed), files,
    }];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await engine.removeImage(TAG, { force: true }).catch(() => undefined);
  }
}

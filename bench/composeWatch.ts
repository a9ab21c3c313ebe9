// Compose Watch on the private engine:
//  - compose-watch-edit-to-container: a file edited on the host, through Dockyard's watch
//    (Node's recursive watcher as the extension uses it for folders, the 150 ms quiet time, the
//    rules read from a compose file's develop.watch, PUT /archive into the service's running
//    container) until the copy is done, vs writing the file and `docker cp` of it into the same
//    container (the CLI spawned with an argument list). Medians of 9 edits each, in turns; each
//    edit counts once its new content is read back from the container (untimed).
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { readFile } from '../src/engine/archive';
import { Engine } from '../src/engine/engine';
import { resolveHost } from '../src/engine/hosts/resolve';
import { watchRules } from '../src/compose/watchSpec';
import { nodeFolderWatcher, SyncReport, WatchSession } from '../src/compose/watchSession';
import { BenchEntry, median, round } from './stats';

const run = promisify(execFile);
const LABEL = 'dockyard.bench';
const IMAGE = process.env.DOCKYARD_TEST_IMAGE ?? 'dockyard-test/busybox:latest';
const PROJECT = `dockyard-bench-watch-${process.pid}`;

const COMPOSE = `services:
  web:
    image: ${IMAGE}
    develop:
      watch:
        - action: sync
          path: ./src
          target: /app
`;

export async function runComposeWatchBench(): Promise<BenchEntry[]> {
  const engine = new Engine(resolveHost({ env: process.env, homeDir: '/nonexistent', platform: process.platform, readFile: () => undefined, exists: () => false }));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockyard-bench-watch-'));
  fs.writeFileSync(path.join(dir, 'compose.yaml'), COMPOSE);
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(path.join(dir, 'src', 'watched.txt'), 'start\n');
  fs.writeFileSync(path.join(dir, 'copied.txt'), 'start\n');
  const id = await engine.call(undefined, async (d) => {
    const c = await d.createContainer({
      Image: IMAGE, Cmd: ['sleep', '600'], HostConfig: { NetworkMode: 'none' }, StopTimeout: 1,
      Labels: { [LABEL]: '1', 'com.docker.compose.project': PROJECT, 'com.docker.compose.service': 'web' },
    });
    await c.start();
    return c.id;
  });
  const { rules, problems } = watchRules([path.join(dir, 'compose.yaml')], { exists: (f) => fs.existsSync(f), read: (f) => fs.readFileSync(f, 'utf8') }, dir);
  if (problems.length || rules.length !== 1) throw new Error(`watch rules: ${problems.join('; ')}`);
  // The extension's quiet time (WatchSession's default), so the figure is what a user waits.
  const session = new WatchSession({ engine, project: PROJECT, rules, watch: nodeFolderWatcher, rebuild: async () => undefined, log: () => undefined });
  const failures: string[] = [];
  session.onDidFail.on((m) => failures.push(m));
  const cli = (args: string[]) => run('docker', args, { env: { ...process.env, DOCKER_HOST: engine.resolved.host }, maxBuffer: 1 << 20 });
  const inContainer = async (p: string) => (await readFile(engine, id, p)).data.toString('utf8');
  // The next sync whose first event came after the write (report.ms runs from that event).
  let waiting: { writtenAt: number; done: () => void } | undefined;
  session.onDidSync.on((r: SyncReport) => {
    if (r.files < 1) failures.push(`a sync copied ${r.files} files`);
    if (waiting && Date.now() - r.ms >= waiting.writtenAt) { waiting.done(); waiting = undefined; }
  });
  const edit = (file: string, text: string) => new Promise<void>((resolve) => {
    waiting = { writtenAt: Date.now(), done: resolve };
    fs.writeFileSync(file, text);
  });
  try {
    await session.start();
    await edit(path.join(dir, 'src', 'watched.txt'), 'armed\n'); // the watcher is up

    const ways: { timed: (text: string) => Promise<unknown>; at: string; ms: number[] }[] = [
      { timed: (text) => edit(path.join(dir, 'src', 'watched.txt'), text), at: '/app/watched.txt', ms: [] },
      {
        timed: (text) => { fs.writeFileSync(path.join(dir, 'copied.txt'), text); return cli(['cp', path.join(dir, 'copied.txt'), `${id}:/app/copied.txt`]); },
        at: '/app/copied.txt', ms: [],
      },
    ];
    const runs = 9;
    const warmup = 2;
    for (let i = 0; i < warmup + runs; i++) {
      // In turns, and each starting first every other round, so machine noise weighs on both alike.
      for (const way of i % 2 ? [...ways].reverse() : ways) {
        const text = `edit ${i} ${way.at}\n`;
        const t0 = process.hrtime.bigint();
        await way.timed(text);
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        // Counts only once the new content is what the container holds (read back, untimed).
        const got = await inContainer(way.at);
        if (got !== text) throw new Error(`${way.at} holds ${JSON.stringify(got)}, not ${JSON.stringify(text)}`);
        if (i >= warmup) way.ms.push(ms);
      }
    }
    if (failures.length) throw new Error(failures.join('; '));
    return [{ name: 'compose-watch-edit-to-container', dockyard_ms: round(median(ways[0].ms)), baseline: 'docker cp file ctr:path', baseline_ms: round(median(ways[1].ms)) }];
  } finally {
    session.stop();
    await engine.call(undefined, (d) => d.getContainer(id).remove({ force: true })).catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

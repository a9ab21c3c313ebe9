// Explorer benchmarks on the private engine:
//  - list-1000-containers: Dockyard's list → tree-item text vs the raw GET /containers/json
//    on the same socket vs `docker ps -a --no-trunc --format '{{json .}}'`.
//  - event-to-tree: engine event (its own timestamp) → the Containers items rebuilt,
//    through the same routing and debounce the extension uses.
import { execFile } from 'node:child_process';
import http from 'node:http';
import { promisify } from 'node:util';
import { resolveHost } from '../src/engine/hosts/resolve';
import { Engine } from '../src/engine/engine';
import { ContainerSummary } from '../src/engine/models';
import { containerContextValue, containerDescription, containerIcon } from '../src/explorer/format';
import { ContainerCache } from '../src/explorer/containerCache';
import { Debouncer, viewsAffectedBy } from '../src/explorer/refresh';
import { BenchEntry, median, round, timeInterleaved, timeMedian } from './stats';
import { withDocker } from '../test/support/rawDocker';
import { EventStream } from '../src/engine/events';

const run = promisify(execFile);
const LABEL = 'dockyard.bench';
const COUNT = 1000;
const IMAGE = process.env.DOCKYARD_TEST_IMAGE ?? 'dockyard-test/busybox:latest';

function engineFromEnv(): Engine {
  return new Engine(resolveHost({ env: process.env, homeDir: '/nonexistent', platform: process.platform, readFile: () => undefined, exists: () => false }));
}

/** What a tree item needs from each container (the vscode TreeItem objects aside). */
function toItems(list: ContainerSummary[]): unknown[] {
  return list.map((c) => ({ label: c.name, description: containerDescription(c), icon: containerIcon(c), contextValue: containerContextValue(c) }));
}

function rawList(socketPath: string, apiVersion: string): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    http.get({ socketPath, path: `/v${apiVersion}/containers/json?all=1` }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString()) as unknown[]));
    }).on('error', reject);
  });
}

async function ensureContainers(engine: Engine): Promise<void> {
  const have = (await engine.listContainers()).filter((c) => c.labels[LABEL]).length;
  const todo = COUNT - have;
  if (todo <= 0) return;
  const t0 = Date.now();
  let next = 0;
  const worker = async () => {
    while (next < todo) {
      next++;
      await withDocker(engine, (d) => d.createContainer({
        Image: IMAGE, Cmd: ['sleep', '600'], Labels: { [LABEL]: '1' },
        ExposedPorts: { '80/tcp': {} }, HostConfig: { NetworkMode: 'none', PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] } },
      }));
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  console.error(`bench: created ${todo} containers in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

async function removeContainers(engine: Engine): Promise<void> {
  const ours = (await engine.listContainers()).filter((c) => c.labels[LABEL]);
  let i = 0;
  const worker = async () => { while (i < ours.length) { const c = ours[i++]; await engine.removeContainer(c.id, { force: true }).catch(() => undefined); } };
  await Promise.all(Array.from({ length: 8 }, worker));
}

async function eventToTree(engine: Engine): Promise<number> {
  const probe = await withDocker(engine, (d) => d.createContainer({ Image: IMAGE, Cmd: ['sleep', '600'], Labels: { [LABEL]: '1' }, HostConfig: { NetworkMode: 'none' } }));
  await engine.startContainer(probe.id);
  const stream = new EventStream(engine);
  await new Promise<void>((resolve) => { stream.onConnected.on(() => resolve()); stream.start(); });
  const latencies: number[] = [];
  const cache = new ContainerCache();
  toItems(await cache.read(engine));
  let pending: { eventTime: number; resolve: () => void } | undefined;
  const debounce = new Debouncer<string>(() => 50, async (kind) => {
    if (kind !== 'containers') return;
    toItems(await cache.read(engine));
    if (pending) { latencies.push(Date.now() - pending.eventTime); pending.resolve(); pending = undefined; }
  });
  stream.onEvent.on((ev) => {
    if (ev.id !== probe.id || (ev.action !== 'pause' && ev.action !== 'unpause')) return;
    if (pending) pending.eventTime = ev.time;
    cache.invalidate(ev.id);
    for (const kind of viewsAffectedBy(ev)) debounce.trigger(kind);
  });
  try {
    for (let i = 0; i < 11; i++) {
      const done = new Promise<void>((resolve) => { pending = { eventTime: Date.now(), resolve }; });
      if (i % 2 === 0) await engine.pauseContainer(probe.id); else await engine.unpauseContainer(probe.id);
      await done;
    }
  } finally {
    stream.stop();
    debounce.dispose();
    await engine.removeContainer(probe.id, { force: true });
  }
  return round(median(latencies.slice(1)));
}

export async function runExplorerBench(): Promise<BenchEntry[]> {
  const engine = engineFromEnv();
  const socketPath = engine.resolved.host.replace(/^unix:\/\//, '');
  const { apiVersion } = await engine.version();
  await ensureContainers(engine);
  try {
    const count = (await engine.listContainers()).length;
    console.error(`bench: listing ${count} containers`);
    // Dockyard and the raw call interleaved (same noise on both); the CLI apart, since a
    // process exiting just before a timed call skews that call.
    const [dockyard, raw] = await timeInterleaved([
      async () => toItems(await engine.listContainers()),
      () => rawList(socketPath, apiVersion),
    ], 15, 2);
    const cli = await timeMedian(() => run('docker', ['-H', engine.resolved.host, 'ps', '-a', '--no-trunc', '--format', '{{json .}}'], { maxBuffer: 64 << 20 }), 9, 1);
    const event = await eventToTree(engine);
    return [
      { name: 'list-1000-containers', dockyard_ms: dockyard, baseline: 'raw-api', baseline_ms: raw },
      { name: 'list-1000-containers', dockyard_ms: dockyard, baseline: 'docker-cli', baseline_ms: cli },
      { name: 'event-to-tree', dockyard_ms: event, baseline: 'target', baseline_ms: 150 },
    ];
  } finally {
    await removeContainers(engine);
  }
}

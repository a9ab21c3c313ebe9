// engines-idle: three engines shown side by side (the private engine, a second private dockerd,
// and the first again through another socket), each followed by its own event stream as the
// views do (test/support/engineViews.ts: the extension's EngineLink, ContainerCache and
// EngineEventRouter). After each was listed and had some activity, count the engine API calls
// through counting proxies during an idle period: the figure is calls per idle minute (target 0).
// engines-event-isolation: a container started on one engine → calls made on the other two (target 0).
import { resolveHost, resolvePinned } from '../src/engine/hosts/resolve';
import { Engine } from '../src/engine/engine';
import { CountingProxy } from '../test/support/countingProxy';
import { EngineViews } from '../test/support/engineViews';
import { rawDocker } from '../test/support/rawDocker';
import { SecondDockerd } from '../test/support/secondDockerd';

const IMAGE = process.env.DOCKYARD_TEST_IMAGE ?? 'dockyard-test/busybox:latest';
const IDLE_MS = Number(process.env.DOCKYARD_BENCH_IDLE_MS ?? 60000);
const inputs = { env: {}, homeDir: '/nonexistent', platform: process.platform, readFile: () => undefined, exists: () => false };

async function until(check: () => boolean, what: string, timeoutMs = 20000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`engines bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function runEnginesBench(): Promise<Record<string, unknown>[]> {
  const first = new Engine(resolveHost({ ...inputs, env: process.env }));
  const firstSocket = first.host.replace(/^unix:\/\//, '');
  const second = new SecondDockerd();
  const proxies: CountingProxy[] = [];
  const views = new EngineViews();
  const made: { engine: Engine; id: string }[] = [];
  try {
    await second.start();
    await second.loadImageFrom(rawDocker(first), IMAGE);
    const targets = [firstSocket, second.socket, firstSocket];
    for (const [i, target] of targets.entries()) proxies.push(await new CountingProxy(`${second.dir}/p${i}.sock`, target).listen());
    const shown = proxies.map((p, i) => views.add(`host:bench-${i}`, () => resolvePinned(inputs, { name: `bench-${i}`, host: p.host })));
    await until(() => shown.every((s) => s.loaded.containers && s.loaded.images && s.loaded.volumes && s.loaded.networks), 'three engines listed');

    // Some activity on each, then quiet.
    for (const [i, s] of shown.entries()) {
      if (i === 2) continue; // the third is the first engine again
      const name = `dockyard-bench-engines-${i}-${Date.now()}`;
      const c = await rawDocker(s.link.engine).createContainer({ name, Image: IMAGE, Cmd: ['sleep', '600'], Labels: { 'dockyard.bench': '1' }, HostConfig: { NetworkMode: 'none' } });
      made.push({ engine: s.link.engine, id: c.id });
      await until(() => (s.loaded.containers ?? []).includes(name), `container on engine ${i} listed`);
    }
    await new Promise((r) => setTimeout(r, 500));

    // An event on one engine: what do the others do?
    const t1 = Date.now();
    await made[1].engine.startContainer(made[1].id);
    await until(() => shown[1].events.some((e) => e.id === made[1].id && e.action === 'start'), 'start event');
    await new Promise((r) => setTimeout(r, 300));
    const onOthers = proxies[0].since(t1).length + proxies[2].since(t1).length;
    const onItself = proxies[1].since(t1).filter((r) => !r.path.includes('/start')).map((r) => `${r.method} ${r.path.replace(/[0-9a-f]{64}/g, '<id>').replace(/\?.*$/, '?…')}`);
    // The proxies do see calls: the first listing of each engine went through them.
    const loadCalls = proxies.map((p) => p.requests.filter((r) => r.at < t1).length);
    if (loadCalls.some((n) => n === 0)) throw new Error('engines bench: a counting proxy saw no call at all');

    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, IDLE_MS));
    const idleCalls = proxies.reduce((n, p) => n + p.since(t0).length, 0);
    const perMinute = Math.round((idleCalls * 60000) / IDLE_MS * 100) / 100;
    const following = shown.filter((s) => s.link.following).length;
    console.log(`engines-idle: ${idleCalls} engine calls in ${IDLE_MS} ms with ${following}/3 event streams open`);
    return [
      { name: 'engines-idle', dockyard_ms: perMinute, baseline: 'target (calls/idle minute)', baseline_ms: 0, unit: 'engine API calls per idle minute, 3 engines shown', engines: 3, idle_ms: IDLE_MS, engine_calls: idleCalls, event_streams_open: following },
      { name: 'engines-event-isolation', dockyard_ms: onOthers, baseline: 'target (calls on the others)', baseline_ms: 0, unit: 'engine API calls on the two other engines after a container start on one', calls_on_that_engine: onItself, calls_while_listing_per_engine: loadCalls },
    ];
  } finally {
    for (const m of made) await rawDocker(m.engine).getContainer(m.id).remove({ force: true }).catch(() => undefined);
    views.dispose();
    for (const p of proxies) await p.close();
    await second.stop();
  }
}

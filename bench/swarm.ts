// swarm-event-to-tree: a task's state change (its container dies: the engine's own event time)
// → the Services rows rebuilt showing the task no longer running, through the same routing
// (swarmViewsAffectedBy, the task settle re-read), debounce (50 ms) and read (one snapshot) the Services view uses.
// Runs on a private one-node swarm of its own (never the shared engine), stopped afterwards.
import type Dockerode from 'dockerode';
import { EventStream } from '../src/engine/events';
import { needsTaskSettle, swarmViewsAffectedBy, TASK_SETTLE_MS } from '../src/engine/swarmModel';
import { Debouncer } from '../src/explorer/refresh';
import { serviceRows } from '../src/swarm/rows';
import { rawDocker } from '../test/support/rawDocker';
import { initSwarm, startSwarmEngine } from '../test/engine/swarm/swarmEngine';
import { BenchEntry, median, round } from './stats';

const IMAGE = process.env.DOCKYARD_TEST_IMAGE ?? 'dockyard-test/busybox:latest';

export async function runSwarmBench(): Promise<BenchEntry[]> {
  const se = await startSwarmEngine();
  const { swarm } = se;
  const d = rawDocker(se.engine);
  const latencies: number[] = [];
  const rowBuilds: number[] = [];
  try {
    await initSwarm(swarm);
    const created = (await d.createService({
      Name: 'dockyard-bench-swarm', Labels: { 'dockyard.bench': '1' },
      TaskTemplate: { ContainerSpec: { Image: IMAGE, Args: ['sleep', '600'], StopGracePeriod: 1e9 }, RestartPolicy: { Condition: 'any', Delay: 0 } },
      Mode: { Replicated: { Replicas: 2 } },
    } as unknown as Dockerode.ServiceSpec)) as { id?: string; ID?: string };
    const serviceId = created.id ?? created.ID!;
    const running = async () => (await swarm.tasks(serviceId)).filter((t) => t.state === 'running' && t.desiredState === 'running');
    const stream = new EventStream(se.engine);
    await new Promise<void>((resolve) => { stream.onConnected.on(() => resolve()); stream.start(); });
    let target: { containerId: string; eventTime?: number; resolve: () => void } | undefined;
    const debounce = new Debouncer<string>(() => 50, async () => {
      const t0 = performance.now();
      // A refresh still under way when the bench tears the swarm down fails: that is no result.
      const snap = await swarm.snapshot().catch(() => undefined);
      if (!snap) return;
      serviceRows(snap);
      rowBuilds.push(performance.now() - t0);
      if (!target?.eventTime) return;
      const task = snap.tasks.find((x) => x.containerId === target!.containerId);
      if (task && task.state !== 'running') {
        latencies.push(Date.now() - target.eventTime);
        target.resolve();
        target = undefined;
      }
    });
    stream.onEvent.on((ev) => {
      if (target && ev.type === 'container' && ev.id === target.containerId && ev.action === 'die') target.eventTime = ev.time;
      if (swarmViewsAffectedBy(ev).includes('services')) debounce.trigger('services');
      if (needsTaskSettle(ev)) setTimeout(() => debounce.trigger('services'), TASK_SETTLE_MS);
    });
    try {
      for (let i = 0; i < 9; i++) {
        const tasks = await waitFor(async () => { const r = await running(); return r.length === 2 ? r : undefined; });
        const victim = tasks[0].containerId!;
        const done = new Promise<void>((resolve) => { target = { containerId: victim, resolve }; });
        await d.getContainer(victim).kill();
        await Promise.race([done, new Promise((_, reject) => setTimeout(() => reject(new Error('no tree update within 20 s')), 20000))]);
      }
    } finally {
      stream.stop();
      debounce.dispose();
      await swarm.removeService(serviceId).catch(() => undefined);
    }
  } finally {
    await swarm.leave(true).catch(() => undefined);
    await se.stop();
  }
  console.error(`bench: swarm-event-to-tree ${latencies.map((x) => x.toFixed(0)).join(', ')} ms; snapshot+rows ${round(median(rowBuilds))} ms median`);
  return [{ name: 'swarm-event-to-tree', dockyard_ms: round(median(latencies.slice(1))), baseline: 'target', baseline_ms: 150 }];
}

async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs = 30000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

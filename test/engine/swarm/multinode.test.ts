// A two-node swarm on loopback: two private engines of the tests' own in this machine's network
// namespace, the manager advertising 127.0.0.1 and the worker 127.0.0.2 (each on its own swarm
// port; all of 127.0.0.0/8 is loopback on Linux). Node listing, a worker that is not a manager,
// tasks spread over both nodes and their logs merged, drain moving tasks, and a real quorum loss.
import * as assert from 'node:assert/strict';
import type Dockerode from 'dockerode';
import { EngineError } from '../../../src/engine/errors';
import { Swarm } from '../../../src/engine/swarm';
import { replicaCount } from '../../../src/engine/swarmModel';
import { ServiceLogsSession } from '../../../src/terminals/session/serviceLogs';
import { nodeRows } from '../../../src/swarm/rows';
import { rawDocker } from '../../support/rawDocker';
import { IMAGE, TEST_LABEL, unique, waitUntil } from '../helpers';
import { freeLowPort, initSwarm, startSwarmEngine, SwarmEngine } from './swarmEngine';

describe('swarm with two nodes on loopback', function () {
  this.timeout(180000);
  let manager: SwarmEngine;
  let worker: SwarmEngine;
  let swarm: Swarm;
  let d: Dockerode;
  let managerPort = 0;

  async function running(id: string): Promise<{ count: string; nodes: Set<string> }> {
    const snap = await swarm.snapshot();
    const s = snap.services.find((x) => x.id === id)!;
    const c = replicaCount(s, snap.tasks);
    const nodes = new Set(snap.tasks.filter((t) => t.serviceId === id && t.state === 'running' && t.desiredState === 'running').map((t) => t.nodeId));
    return { count: `${c.running}/${c.desired}`, nodes };
  }

  before(async () => {
    [manager, worker] = await Promise.all([startSwarmEngine('-a'), startSwarmEngine('-b')]);
    swarm = manager.swarm;
    d = rawDocker(manager.engine);
    await initSwarm(swarm);
    const info = (await manager.engine.info()) as { Swarm?: { RemoteManagers?: { Addr?: string }[] } };
    managerPort = Number(info.Swarm?.RemoteManagers?.[0]?.Addr?.split(':').pop());
    await worker.swarm.join({ remoteAddr: `127.0.0.1:${managerPort}`, token: await swarm.joinToken('worker'), advertiseAddr: '127.0.0.2', listenAddr: `127.0.0.2:${await freeLowPort()}` });
  });

  after(async () => {
    for (const e of [worker, manager]) {
      if (!e) continue;
      try {
        if ((await e.swarm.info().catch(() => undefined))?.nodeState !== 'inactive') await e.swarm.leave(true).catch(() => undefined);
      } finally {
        await e.stop();
      }
    }
  });

  it('lists both nodes with their roles; the worker says it is not a manager', async () => {
    const nodes = await waitUntil(async () => { const n = await swarm.nodes(); return n.length === 2 && n.every((x) => x.state === 'ready') ? n : undefined; }, 'two ready nodes', 30000);
    const self = (await swarm.info()).nodeId;
    const workerId = (await worker.swarm.info()).nodeId;
    const rows = nodeRows(nodes, self);
    assert.match(rows[0].label, /\(this engine\)$/);
    assert.match(rows[0].description, /^manager \(leader\) · active · ready/);
    assert.match(rows[1].description, /^worker · active · ready/);
    assert.equal(nodes.find((n) => n.id === workerId)?.role, 'worker');
    const w = await worker.swarm.info();
    assert.equal(w.nodeState, 'active');
    assert.equal(w.controlAvailable, false);
    await assert.rejects(worker.swarm.services(), (e: unknown) => e instanceof EngineError && /is not a swarm manager — run Dockyard against a manager node/.test(e.message));
  });

  it('spreads tasks over both nodes, merges their logs, and moves them off a drained node', async () => {
    const workerId = (await worker.swarm.info()).nodeId;
    const created = (await d.createService({
      Name: unique('spread'), Labels: { [TEST_LABEL]: '1' },
      TaskTemplate: { ContainerSpec: { Image: IMAGE, Args: ['sh', '-c', 'while true; do echo "from $(hostname)"; sleep 1; done'], StopGracePeriod: 1e9 } },
      Mode: { Replicated: { Replicas: 4 } },
    } as unknown as Dockerode.ServiceSpec)) as { id?: string; ID?: string };
    const id = created.id ?? created.ID!;
    try {
      const spread = await waitUntil(async () => { const r = await running(id); return r.count === '4/4' ? r : undefined; }, '4/4', 60000);
      assert.equal(spread.nodes.size, 2, 'tasks on both nodes');

      const session = new ServiceLogsSession(swarm, id, { tail: 'all' });
      await session.start();
      await waitUntil(() => session.tasksSeen.size === 4, 'lines from all four tasks, on both nodes', 30000);
      session.close();

      await swarm.setAvailability(workerId, 'drain');
      await waitUntil(async () => { const r = await running(id); return r.count === '4/4' && r.nodes.size === 1 && !r.nodes.has(workerId) ? r : undefined; }, 'all tasks on the manager after draining the worker', 90000);
      await swarm.setAvailability(workerId, 'active');
      assert.equal((await swarm.nodes()).find((n) => n.id === workerId)?.availability, 'active');
    } finally {
      await swarm.removeService(id).catch(() => undefined);
    }
  });

  it('says the swarm lost quorum when one of two managers is down, and recovers when it is back', async () => {
    const workerId = (await worker.swarm.info()).nodeId;
    await swarm.setRole(workerId, 'manager');
    await waitUntil(async () => (await worker.swarm.info()).controlAvailable, 'the second node to become a manager', 60000);
    await worker.stop();
    try {
      const err = await waitUntil(async () => swarm.services().then(() => undefined, (e: unknown) => e), 'the manager to lose quorum', 90000);
      assert.ok(err instanceof EngineError);
      // First the managers time out (raft has not noticed yet), then there is no leader: both say what to do.
      assert.match(err.message, /(lost quorum \(no leader: too few managers online\)|may have lost quorum \(too few managers online\)):? —? ?bring managers back online/);
      const later = await waitUntil(async () => swarm.services().then(() => undefined, (e: unknown) => (e instanceof Error && /no leader/.test(e.message) ? e : undefined)), 'the no-leader answer', 90000);
      assert.match(later.message, /the swarm has lost quorum \(no leader: too few managers online\) — bring managers back online, or on a surviving manager run "docker swarm init --force-new-cluster"/);
    } finally {
      await worker.restart();
    }
    await waitUntil(async () => swarm.services().then(() => true, () => false), 'quorum back once the second manager returns', 90000);
    await swarm.setRole(workerId, 'worker');
    await waitUntil(async () => !(await worker.swarm.info()).controlAvailable, 'demoted back to worker', 60000);
  });
});

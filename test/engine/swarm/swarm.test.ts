// Swarm against a real engine: a private dockerd of the tests' own made a one-node swarm
// (TESTING.md "Swarm"). Services with replicas, scale, rolling image update and rollback, force
// update, merged service logs, secrets and configs, nodes, events, errors, init/leave, stacks.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type Dockerode from 'dockerode';
import { EngineError } from '../../../src/engine/errors';
import { EventStream } from '../../../src/engine/events';
import { DockerEvent } from '../../../src/engine/models';
import { Swarm } from '../../../src/engine/swarm';
import { currentTasks, describeUpdate, groupByStack, mayChangeSwarmMembership, replicaCount, swarmViewsAffectedBy } from '../../../src/engine/swarmModel';
import { ServiceLogsSession } from '../../../src/terminals/session/serviceLogs';
import { detectDockerCli, stackDeployArgs, stackRmArgs } from '../../../src/swarm/stack';
import { rawDocker } from '../../support/rawDocker';
import { IMAGE, TEST_LABEL, unique, waitUntil } from '../helpers';
import { initSwarm, startSwarmEngine, SwarmEngine } from './swarmEngine';
import { cliEnvFor } from '../../../src/engine/hosts/resolve';

const LOOP = ['sh', '-c', 'while true; do echo "hi from $(hostname)"; sleep 1; done'];

describe('swarm (private one-node swarm)', function () {
  this.timeout(120000);
  let se: SwarmEngine;
  let swarm: Swarm;
  let d: Dockerode;
  const IMAGE_V2 = 'dockyard-test/busybox:swarm-v2';

  /** Creates a labelled replicated service behind the code's back (the test's own client). */
  async function createService(opts: { replicas?: number; global?: boolean; ports?: number[]; labels?: Record<string, string> } = {}): Promise<{ id: string; name: string }> {
    const name = unique('svc');
    const r = await d.createService({
      Name: name,
      Labels: { [TEST_LABEL]: '1', ...(opts.labels ?? {}) },
      TaskTemplate: { ContainerSpec: { Image: IMAGE, Args: LOOP, StopGracePeriod: 1e9 }, RestartPolicy: { Condition: 'any', Delay: 1e8 } },
      Mode: opts.global ? { Global: {} } : { Replicated: { Replicas: opts.replicas ?? 2 } },
      UpdateConfig: { Parallelism: 1, Delay: 0, FailureAction: 'pause', Order: 'stop-first', Monitor: 5e8 },
      RollbackConfig: { Parallelism: 1, Delay: 0, Order: 'stop-first', Monitor: 5e8 },
      EndpointSpec: { Ports: (opts.ports ?? []).map((p) => ({ Protocol: 'tcp', TargetPort: 80, PublishedPort: p, PublishMode: 'ingress' })) },
    } as unknown as Dockerode.ServiceSpec);
    return { id: (r as { id?: string; ID?: string }).id ?? (r as { ID: string }).ID, name };
  }

  async function replicas(id: string): Promise<string> {
    const snap = await swarm.snapshot();
    const s = snap.services.find((x) => x.id === id)!;
    const c = replicaCount(s, snap.tasks);
    return `${c.running}/${c.desired}`;
  }

  before(async () => {
    se = await startSwarmEngine();
    swarm = se.swarm;
    d = rawDocker(se.engine);
  });

  after(async () => {
    if (!se) return;
    try {
      if ((await swarm.info()).nodeState !== 'inactive') await swarm.leave(true);
    } finally {
      await se.stop();
    }
  });

  it('says what to do when the engine is not a swarm manager, then initializes a one-node swarm', async () => {
    assert.equal((await swarm.info()).nodeState, 'inactive');
    await assert.rejects(swarm.services(), (e: unknown) => e instanceof EngineError && /not a swarm manager.*Initialize Swarm/.test(e.message));
    // The swarm views appear on an init made outside Dockyard too: it sends the events they follow.
    const events: DockerEvent[] = [];
    const stream = new EventStream(se.engine).start();
    stream.onEvent.on((e) => events.push(e));
    await waitUntil(() => stream.connected, 'events connected');
    const nodeId = await initSwarm(swarm);
    try {
      // What SwarmState refreshes on: a node event always comes (the ingress network's create or
      // update only when the engine did not keep it from an earlier swarm, so not asserted).
      await waitUntil(() => events.some((e) => e.type === 'node' && mayChangeSwarmMembership(e)), 'a node event on init', 30000)
        .catch((e: unknown) => { throw new Error(`${String(e)}; events seen: ${events.map((x) => `${x.type}/${x.action}/${x.attributes.name ?? ''}`).join(', ')}`); });
    } finally {
      stream.stop();
    }
    assert.match(nodeId, /^[a-z0-9]{25}$/);
    const info = await swarm.info();
    assert.equal(info.nodeState, 'active');
    assert.equal(info.controlAvailable, true);
    assert.equal(info.nodeId, nodeId);
    await assert.rejects(initSwarm(swarm), (e: unknown) => e instanceof EngineError && /already part of a swarm — leave it first/.test(e.message));
  });

  it('lists a 2-replica service as 2/2 with its image, ports and running tasks', async () => {
    const svc = await createService({ replicas: 2, ports: [28000 + Math.floor(Math.random() * 1000)] });
    await waitUntil(async () => (await replicas(svc.id)) === '2/2', 'two running tasks', 60000);
    const s = (await swarm.services()).find((x) => x.id === svc.id)!;
    assert.equal(s.name, svc.name);
    assert.equal(s.mode, 'replicated');
    assert.equal(s.replicas, 2);
    assert.equal(s.image, IMAGE);
    assert.equal(s.ports.length, 1);
    assert.equal(s.ports[0].target, 80);
    assert.equal(s.ports[0].mode, 'ingress');
    const tasks = currentTasks(await swarm.tasks(svc.id), 0);
    assert.deepEqual(tasks.map((t) => t.slot).sort(), [1, 2]);
    const nodes = await swarm.nodes();
    assert.equal(nodes.length, 1);
    for (const t of tasks) {
      assert.equal(t.state, 'running');
      assert.equal(t.nodeId, nodes[0].id);
      assert.match(t.containerId ?? '', /^[0-9a-f]{64}$/);
    }
    await swarm.removeService(svc.id);
  });

  it('scales up and down, and refuses to scale a global service with a reason', async () => {
    const svc = await createService({ replicas: 1 });
    await waitUntil(async () => (await replicas(svc.id)) === '1/1', '1/1', 60000);
    await swarm.scale(svc.id, 3);
    assert.equal((await swarm.service(svc.id)).replicas, 3);
    await waitUntil(async () => (await replicas(svc.id)) === '3/3', '3/3', 60000);
    await swarm.scale(svc.id, 1);
    await waitUntil(async () => (await replicas(svc.id)) === '1/1', 'back to 1/1', 60000);
    await assert.rejects(swarm.scale(svc.id, -1), /whole number/);
    const global = await createService({ global: true });
    await assert.rejects(swarm.scale(global.id, 2), (e: unknown) => e instanceof EngineError && /is not replicated \(global/.test(e.message));
    await waitUntil(async () => (await replicas(global.id)) === '1/1', 'global 1/1 (one node)', 60000);
    await swarm.removeService(svc.id);
    await swarm.removeService(global.id);
  });

  it('updates the image rolling, rolls back, and force-updates (restart)', async () => {
    await d.getImage(IMAGE).tag({ repo: 'dockyard-test/busybox', tag: 'swarm-v2' });
    const svc = await createService({ replicas: 2 });
    await waitUntil(async () => (await replicas(svc.id)) === '2/2', '2/2', 60000);
    await swarm.updateImage(svc.id, IMAGE_V2);
    const updated = await waitUntil(async () => {
      const s = await swarm.service(svc.id);
      return s.updateStatus?.state === 'completed' ? s : undefined;
    }, 'update completed', 60000);
    assert.equal(updated.image, IMAGE_V2);
    assert.equal(updated.hasPrevious, true);
    assert.equal(updated.updateMonitorMs, 500, 'UpdateConfig.Monitor, for re-reading after the last change');
    await waitUntil(async () => {
      const running = (await swarm.tasks(svc.id)).filter((t) => t.desiredState === 'running' && t.state === 'running');
      return running.length === 2 && running.every((t) => t.image === IMAGE_V2);
    }, 'both tasks on v2', 60000);

    await swarm.rollback(svc.id);
    const rolled = await waitUntil(async () => {
      const s = await swarm.service(svc.id);
      return s.updateStatus?.state === 'rollback_completed' ? s : undefined;
    }, 'rollback completed', 60000);
    assert.equal(rolled.image, IMAGE);

    const before = new Set((await swarm.tasks(svc.id)).filter((t) => t.desiredState === 'running').map((t) => t.id));
    await swarm.forceUpdate(svc.id);
    await waitUntil(async () => {
      const running = (await swarm.tasks(svc.id)).filter((t) => t.desiredState === 'running' && t.state === 'running');
      return running.length === 2 && running.every((t) => !before.has(t.id));
    }, 'two new tasks after the force update', 60000);
    await swarm.removeService(svc.id);
    await assert.rejects(swarm.rollback(svc.id), (e: unknown) => e instanceof EngineError && e.kind === 'notFound');
  });

  it('pauses an update whose tasks fail, says what to do, and rolls it back', async () => {
    const svc = await createService({ replicas: 1 });
    await waitUntil(async () => (await replicas(svc.id)) === '1/1', '1/1', 60000);
    await swarm.updateImage(svc.id, 'dockyard-test/busybox:no-such-tag');
    const paused = await waitUntil(async () => {
      const s = await swarm.service(svc.id);
      return s.updateStatus?.state === 'paused' ? s : undefined;
    }, 'the update to pause', 90000);
    const said = describeUpdate(paused.updateStatus)!;
    assert.equal(said.problem, true);
    assert.match(said.label, /^update paused: .+ — fix the image or settings and update again, or roll back$/);
    const failed = (await swarm.tasks(svc.id)).find((t) => t.image === 'dockyard-test/busybox:no-such-tag' && (t.state === 'rejected' || t.state === 'failed'));
    assert.ok(failed?.error, 'the failed task carries the engine\'s error');
    await swarm.rollback(svc.id);
    await waitUntil(async () => (await swarm.service(svc.id)).updateStatus?.state === 'rollback_completed', 'rollback completed', 90000);
    await waitUntil(async () => (await replicas(svc.id)) === '1/1', 'running again after the rollback', 60000);
    await swarm.removeService(svc.id);
  });

  it('merges the logs of two tasks, each line prefixed with its task and node', async () => {
    const svc = await createService({ replicas: 2 });
    await waitUntil(async () => (await replicas(svc.id)) === '2/2', '2/2', 60000);
    const session = new ServiceLogsSession(swarm, svc.id, { tail: 'all', follow: true });
    let text = '';
    session.onData((t) => { text += t; });
    await session.start();
    const host = (await swarm.nodes())[0].hostname;
    // eslint-disable-next-line no-control-regex
    const plain = () => text.replace(/\x1b\[[0-9;]*m/g, '');
    await waitUntil(() => plain().includes(`${svc.name}.1@${host} | hi from`) && plain().includes(`${svc.name}.2@${host} | hi from`), 'lines from both tasks', 20000);
    assert.equal(session.tasksSeen.size, 2);
    const hosts = new Set([...plain().matchAll(/hi from (\w+)/g)].map((m) => m[1]));
    assert.equal(hosts.size, 2, 'two containers wrote');
    // Following: a new line arrives after start.
    const n = session.lines;
    await waitUntil(() => session.lines > n + 1, 'followed lines', 10000);
    // Removing the service ends the session with a reason.
    const exit = new Promise<string | undefined>((resolve) => session.onExit((e) => resolve(e.reason)));
    await swarm.removeService(svc.id);
    assert.match((await exit) ?? '', /was removed|closed the log stream/);
  });

  it('creates, lists and removes secrets and configs, never returning secret data', async () => {
    const sName = unique('secret');
    const cName = unique('config');
    const sid = await swarm.createSecret(sName, 'p4ssw0rd-value', { [TEST_LABEL]: '1' });
    const cid = await swarm.createConfig(cName, 'key = "value"\n', { [TEST_LABEL]: '1' });
    const secrets = await swarm.secrets();
    const s = secrets.find((x) => x.id === sid)!;
    assert.equal(s.name, sName);
    assert.equal(s.labels[TEST_LABEL], '1');
    assert.ok(!JSON.stringify(secrets).includes(Buffer.from('p4ssw0rd-value').toString('base64')));
    const inspected = await swarm.inspectSecret(sid);
    assert.ok(!JSON.stringify(inspected).includes('p4ssw0rd'));
    assert.ok(!('Data' in ((inspected.Spec ?? {}) as object)));
    const c = await swarm.inspectConfig(cid);
    assert.equal(c.data, 'key = "value"\n');
    assert.ok((await swarm.configs()).some((x) => x.id === cid && x.name === cName));
    await assert.rejects(swarm.createSecret(sName, 'again'), (e: unknown) => e instanceof EngineError && e.kind === 'conflict');
    await swarm.removeSecret(sid);
    await swarm.removeConfig(cid);
    assert.ok(!(await swarm.secrets()).some((x) => x.id === sid));
    assert.ok(!(await swarm.configs()).some((x) => x.id === cid));
  });

  it('lists the node and changes its labels and availability (drain stops its tasks)', async () => {
    const [node] = await swarm.nodes();
    assert.equal(node.role, 'manager');
    assert.equal(node.leader, true);
    assert.equal(node.state, 'ready');
    assert.equal(node.availability, 'active');
    assert.match(node.engineVersion, /^\d+\.\d+/);
    await swarm.setNodeLabels(node.id, { 'dockyard.test.zone': 'a' });
    assert.equal((await swarm.nodes())[0].labels['dockyard.test.zone'], 'a');
    await swarm.setNodeLabels(node.id, {}, ['dockyard.test.zone']);
    assert.equal((await swarm.nodes())[0].labels['dockyard.test.zone'], undefined);

    const svc = await createService({ replicas: 1 });
    await waitUntil(async () => (await replicas(svc.id)) === '1/1', '1/1', 60000);
    try {
      await swarm.setAvailability(node.id, 'drain');
      assert.equal((await swarm.nodes())[0].availability, 'drain');
      await waitUntil(async () => (await replicas(svc.id)) === '0/1', 'no task on a drained node', 60000);
      await swarm.setAvailability(node.id, 'active');
      await waitUntil(async () => (await replicas(svc.id)) === '1/1', 'task back after activate', 60000);
      // The only manager cannot be demoted: the engine says why.
      await assert.rejects(swarm.setRole(node.id, 'worker'), (e: unknown) => e instanceof EngineError && /manager|quorum|demot/i.test(e.message));
    } finally {
      await swarm.setAvailability(node.id, 'active').catch(() => undefined);
      await swarm.removeService(svc.id);
    }
  });

  it('sends service, node, secret and container events the swarm views follow', async () => {
    const events: DockerEvent[] = [];
    const stream = new EventStream(se.engine).start();
    stream.onEvent.on((e) => events.push(e));
    await waitUntil(() => stream.connected, 'events connected');
    try {
      const svc = await createService({ replicas: 1 });
      await waitUntil(() => events.some((e) => e.type === 'container' && e.action === 'start' && e.attributes['com.docker.swarm.service.id'] === svc.id), 'task container start event', 60000);
      await swarm.scale(svc.id, 2);
      const upd = await waitUntil(() => events.find((e) => e.type === 'service' && e.action === 'update' && e.id === svc.id), 'service update event');
      const sid = await swarm.createSecret(unique('evsecret'), 'x', { [TEST_LABEL]: '1' });
      const sec = await waitUntil(() => events.find((e) => e.type === 'secret' && e.action === 'create' && e.id === sid), 'secret create event');
      const taskEvent = events.find((e) => e.type === 'container' && e.attributes['com.docker.swarm.service.id'] === svc.id && e.action === 'start')!;
      assert.deepEqual(swarmViewsAffectedBy(upd), ['services']);
      assert.deepEqual(swarmViewsAffectedBy(sec), ['secrets']);
      assert.deepEqual(swarmViewsAffectedBy(taskEvent), ['services']);
      await swarm.removeSecret(sid);
      await swarm.removeService(svc.id);
      await waitUntil(() => events.find((e) => e.type === 'service' && e.action === 'remove' && e.id === svc.id), 'service remove event');
    } finally {
      stream.stop();
    }
  });

  it('deploys a stack from a compose file with the docker CLI, groups its services, and removes it', async function () {
    const env = cliEnvFor(se.engine.resolved, process.env);
    const version = await detectDockerCli(env);
    assert.ok(version, 'the docker CLI is installed here (scripts/install-deps.sh)');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockyard-stack-'));
    const file = path.join(dir, 'stack.yml');
    fs.copyFileSync(path.join(__dirname, '..', '..', 'fixtures', 'swarm', 'stack.yml'), file);
    const name = `dyst${Math.random().toString(36).slice(2, 8)}`;
    const run = (args: string[]) => new Promise<{ code: number; out: string }>((resolve) => {
      execFile('docker', args, { env: { ...env, DOCKYARD_TEST_IMAGE: IMAGE }, timeout: 60000 }, (err, stdout, stderr) => resolve({ code: err ? 1 : 0, out: `${stdout}${stderr}` }));
    });
    try {
      const deploy = await run(stackDeployArgs([file], name, { resolveImage: 'never' }));
      assert.equal(deploy.code, 0, deploy.out);
      const grouped = await waitUntil(async () => {
        const g = groupByStack(await swarm.services());
        return g.stacks.get(name)?.length === 2 ? g : undefined;
      }, 'two stack services', 30000);
      assert.deepEqual(grouped.stacks.get(name)!.map((s) => s.name), [`${name}_web`, `${name}_worker`]);
      await waitUntil(async () => {
        const snap = await swarm.snapshot();
        const web = snap.services.find((s) => s.name === `${name}_web`)!;
        return replicaCount(web, snap.tasks).running === 2;
      }, 'web 2/2', 60000);
      const rm = await run(stackRmArgs(name));
      assert.equal(rm.code, 0, rm.out);
      await waitUntil(async () => !groupByStack(await swarm.services()).stacks.has(name), 'stack gone', 30000);
    } finally {
      await run(stackRmArgs(name));
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to leave as a manager without force, with the consequence; leaves with force', async () => {
    await assert.rejects(swarm.leave(false), (e: unknown) => e instanceof EngineError && /leaving needs force/.test(e.message));
    await swarm.leave(true);
    assert.equal((await swarm.info()).nodeState, 'inactive');
    await assert.rejects(swarm.nodes(), /not a swarm manager/);
  });
});

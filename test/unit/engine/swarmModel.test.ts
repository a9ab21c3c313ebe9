import { strict as assert } from 'node:assert';
import { swarmError } from '../../../src/engine/swarm';
import { EngineError } from '../../../src/engine/errors';
import { DockerEvent } from '../../../src/engine/models';
import {
  currentTasks, describeUpdate, needsTaskSettle, groupByStack, nameInStack, parseLabel, parseServiceLogLine, replicaCount, ServiceSummary,
  mayChangeSwarmMembership, swarmViewsAffectedBy, taskName, TaskSummary, toNode, toService, toSwarmInfo, toTask, validateSwarmObjectName, withoutDigest,
} from '../../../src/engine/swarmModel';

function service(over: Partial<ServiceSummary> = {}): ServiceSummary {
  return {
    id: 's1', name: 'web', mode: 'replicated', replicas: 2, image: 'app:1', imageRef: 'app:1', tty: false, ports: [], labels: {},
    updateMonitorMs: 5000, hasPrevious: false, version: 1, createdAt: '', updatedAt: '', ...over,
  };
}

function task(over: Partial<TaskSummary> = {}): TaskSummary {
  return { id: 't', serviceId: 's1', slot: 1, nodeId: 'n1', desiredState: 'running', state: 'running', message: '', timestamp: '2026-01-01T00:00:00Z', image: 'app:1', ...over };
}

const ev = (type: DockerEvent['type'], action: string, attributes: Record<string, string> = {}): DockerEvent => ({ type, action, id: 'x', attributes, time: 0 });

describe('swarm model', () => {
  it('counts running/desired replicas from tasks like docker service ls', () => {
    const s = service({ replicas: 3 });
    const tasks = [
      task({ id: 'a', slot: 1 }),
      task({ id: 'b', slot: 2 }),
      task({ id: 'c', slot: 3, state: 'starting' }),
      task({ id: 'd', slot: 1, state: 'shutdown', desiredState: 'shutdown' }), // replaced
      task({ id: 'e', slot: 2, state: 'running', desiredState: 'shutdown' }), // being stopped: not counted
      task({ id: 'f', serviceId: 'other' }),
    ];
    assert.deepEqual(replicaCount(s, tasks), { running: 2, desired: 3 });
    // A task on a node that is down does not count as running.
    assert.deepEqual(replicaCount(s, tasks, new Set(['n1'])), { running: 0, desired: 3 });
    // Scaled to 0.
    assert.deepEqual(replicaCount(service({ replicas: 0 }), []), { running: 0, desired: 0 });
  });

  it('counts a global service against the tasks meant to run (one per eligible node)', () => {
    const g = service({ mode: 'global', replicas: undefined });
    const tasks = [task({ id: 'a', slot: undefined, nodeId: 'n1' }), task({ id: 'b', slot: undefined, nodeId: 'n2', state: 'preparing' }), task({ id: 'c', slot: undefined, nodeId: 'n3', desiredState: 'shutdown', state: 'shutdown' })];
    assert.deepEqual(replicaCount(g, tasks), { running: 1, desired: 2 });
  });

  it('groups services into stacks by com.docker.stack.namespace, sorted', () => {
    const g = groupByStack([
      service({ id: '1', name: 'shop_web', labels: {}, stack: 'shop' }),
      service({ id: '2', name: 'loose' }),
      service({ id: '3', name: 'blog_db', stack: 'blog' }),
      service({ id: '4', name: 'shop_db', stack: 'shop' }),
      service({ id: '5', name: 'another' }),
    ]);
    assert.deepEqual([...g.stacks.keys()], ['blog', 'shop']);
    assert.deepEqual(g.stacks.get('shop')!.map((s) => s.name), ['shop_db', 'shop_web']);
    assert.deepEqual(g.loose.map((s) => s.name), ['another', 'loose']);
    assert.equal(nameInStack(service({ name: 'shop_web', stack: 'shop' })), 'web');
    assert.equal(nameInStack(service({ name: 'web' })), 'web');
  });

  it('reads the stack label and everything else from the API JSON', () => {
    const s = toService({
      ID: 'abc', Version: { Index: 7 }, PreviousSpec: {},
      Spec: { Name: 'shop_web', Labels: { 'com.docker.stack.namespace': 'shop' }, Mode: { Replicated: { Replicas: 4 } }, TaskTemplate: { ContainerSpec: { Image: 'nginx:1.25@sha256:' + 'a'.repeat(64), TTY: true } } },
      Endpoint: { Ports: [{ Protocol: 'tcp', TargetPort: 80, PublishedPort: 8080, PublishMode: 'ingress' }] },
      UpdateStatus: { State: 'paused', Message: 'update paused due to failure or early termination of task x' },
    });
    assert.equal(s.stack, 'shop');
    assert.equal(s.replicas, 4);
    assert.equal(s.image, 'nginx:1.25');
    assert.equal(s.tty, true);
    assert.equal(s.hasPrevious, true);
    assert.equal(s.version, 7);
    assert.deepEqual(s.ports, [{ published: 8080, target: 80, protocol: 'tcp', mode: 'ingress' }]);
    assert.equal(s.updateStatus?.state, 'paused');
    assert.equal(toService({ Spec: { Mode: { Global: {} } } }).mode, 'global');
    assert.equal(toService({ Spec: { Mode: { ReplicatedJob: { TotalCompletions: 3 } } } }).replicas, 3);
    assert.equal(withoutDigest('a/b:1'), 'a/b:1');
    const t = toTask({ ID: 't1', ServiceID: 's', Slot: 2, NodeID: 'n', DesiredState: 'shutdown', Status: { State: 'failed', Err: 'task: non-zero exit (1)', ContainerStatus: { ContainerID: 'c1', ExitCode: 1 }, Timestamp: 'x' } });
    assert.deepEqual([t.state, t.error, t.containerId, t.exitCode, t.slot], ['failed', 'task: non-zero exit (1)', 'c1', 1, 2]);
    const n = toNode({ ID: 'n1', Spec: { Role: 'manager', Availability: 'drain', Labels: { zone: 'a' } }, Description: { Hostname: 'h1', Engine: { EngineVersion: '24.0.7' } }, Status: { State: 'ready', Addr: '10.0.0.1' }, ManagerStatus: { Leader: true, Reachability: 'reachable' } });
    assert.deepEqual([n.role, n.availability, n.hostname, n.engineVersion, n.leader, n.labels.zone], ['manager', 'drain', 'h1', '24.0.7', true, 'a']);
    assert.equal(toNode({ ID: 'n2', Spec: { Role: 'worker' } }).leader, false);
    const i = toSwarmInfo({ Swarm: { LocalNodeState: 'active', ControlAvailable: true, NodeID: 'n1', Managers: 3, Nodes: 5 } });
    assert.deepEqual([i.nodeState, i.controlAvailable, i.managers], ['active', true, 3]);
    assert.equal(toSwarmInfo({}).nodeState, 'inactive');
  });

  it('shows the current task per slot with its last predecessor, and names tasks like docker service ps', () => {
    const tasks = [
      task({ id: 'old2', slot: 2, timestamp: '2026-01-01T00:00:01Z', state: 'failed' }),
      task({ id: 'older2', slot: 2, timestamp: '2026-01-01T00:00:00Z', state: 'failed' }),
      task({ id: 'new2', slot: 2, timestamp: '2026-01-01T00:00:02Z' }),
      task({ id: 'one', slot: 1 }),
      task({ id: 'ten', slot: 10 }),
    ];
    assert.deepEqual(currentTasks(tasks, 1).map((t) => t.id), ['one', 'new2', 'old2', 'ten']);
    assert.deepEqual(currentTasks(tasks, 0).map((t) => t.id), ['one', 'new2', 'ten']);
    assert.equal(taskName({ name: 'web' }, { slot: 2, nodeId: 'n' }), 'web.2');
    assert.equal(taskName({ name: 'agent' }, { slot: 0, nodeId: 'abcdefabcdefabcdef' }, 'host-a'), 'agent.host-a');
  });

  it('knows which events may change the swarm membership (node events, the ingress and gateway networks)', () => {
    assert.equal(mayChangeSwarmMembership(ev('node', 'update')), true);
    assert.equal(mayChangeSwarmMembership({ ...ev('network', 'create'), attributes: { name: 'ingress' } }), true);
    assert.equal(mayChangeSwarmMembership({ ...ev('network', 'update'), attributes: { name: 'docker_gwbridge' } }), true);
    assert.equal(mayChangeSwarmMembership({ ...ev('network', 'create'), attributes: { name: 'web_default' } }), false);
    assert.equal(mayChangeSwarmMembership(ev('service', 'update')), false);
  });

  it('routes events to the swarm views (task state changes come as task container events)', () => {
    assert.deepEqual(swarmViewsAffectedBy(ev('service', 'update')), ['services']);
    assert.deepEqual(swarmViewsAffectedBy(ev('node', 'update')), ['nodes', 'services']);
    assert.deepEqual(swarmViewsAffectedBy(ev('secret', 'create')), ['secrets']);
    assert.deepEqual(swarmViewsAffectedBy(ev('config', 'remove')), ['configs']);
    assert.deepEqual(swarmViewsAffectedBy(ev('container', 'die', { 'com.docker.swarm.task.id': 't' })), ['services']);
    assert.deepEqual(swarmViewsAffectedBy(ev('container', 'exec_start', { 'com.docker.swarm.task.id': 't' })), []);
    assert.deepEqual(swarmViewsAffectedBy(ev('container', 'die')), [], 'a plain container is not a task');
    assert.deepEqual(swarmViewsAffectedBy(ev('image', 'tag')), []);
    // A task container event gets a second read (the manager records the task state a moment later).
    assert.equal(needsTaskSettle(ev('container', 'die', { 'com.docker.swarm.task.id': 't' })), true);
    assert.equal(needsTaskSettle(ev('service', 'update')), false);
    assert.equal(needsTaskSettle(ev('container', 'die')), false);
  });

  it('parses service log lines with details and timestamps', () => {
    const l = parseServiceLogLine('2026-11-30T10:42:38.932912824Z com.docker.swarm.node.id=n1,com.docker.swarm.service.id=s1,com.docker.swarm.task.id=t1 hello world');
    assert.deepEqual(l, { ts: '2026-11-30T10:42:38.932912824Z', taskId: 't1', nodeId: 'n1', serviceId: 's1', text: 'hello world' });
    assert.deepEqual(parseServiceLogLine('plain line, no details'), { ts: undefined, text: 'plain line, no details' });
    assert.equal(parseServiceLogLine('2026-11-30T10:42:38Z a=b text').text, 'a=b text', 'other key=value text stays text');
    assert.equal(parseServiceLogLine('2026-11-30T10:42:38Z com.docker.swarm.task.id=t1,x=a%20b ').text, '');
  });

  it('says what a paused update means and what to do', () => {
    assert.equal(describeUpdate(undefined), undefined);
    assert.equal(describeUpdate({ state: 'completed', message: '' }), undefined);
    const p = describeUpdate({ state: 'paused', message: 'update paused due to failure' })!;
    assert.equal(p.problem, true);
    assert.match(p.label, /roll back/);
    assert.equal(describeUpdate({ state: 'updating', message: '' })!.problem, false);
  });

  it('turns swarm errors into what to do: not a manager, quorum lost', () => {
    const notManager = swarmError({ statusCode: 503, json: { message: 'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.' } }, 'unix:///s');
    assert.ok(notManager instanceof EngineError);
    assert.match(notManager.message, /is not a swarm manager — run Dockyard against a manager node, or initialize a swarm here/);
    const quorum = swarmError({ statusCode: 500, json: { message: 'rpc error: code = Unknown desc = The swarm does not have a leader. It\'s possible that too few managers are online. Make sure more than half of the managers are online.' } }, 'h', 'Service web');
    assert.match(quorum.message, /^Service web: the swarm has lost quorum.*force-new-cluster/);
    assert.match(swarmError({ statusCode: 500, json: { message: 'rpc error: code = DeadlineExceeded desc = context deadline exceeded' } }, 'h').message, /may have lost quorum.*bring managers back online/);
    assert.match(swarmError({ statusCode: 404, json: { message: 'service x not found' } }, 'h', 'Service x').message, /no longer exists/);
  });

  it('validates names and labels before the engine sees them', () => {
    assert.equal(validateSwarmObjectName('db_password', 'secret'), undefined);
    assert.match(validateSwarmObjectName('', 'secret')!, /needs a name/);
    assert.match(validateSwarmObjectName('-x', 'secret')!, /starting and ending/);
    assert.match(validateSwarmObjectName('a'.repeat(65), 'config')!, /at most 64/);
    assert.deepEqual(parseLabel(' zone = eu '), { key: 'zone', value: 'eu' });
    assert.deepEqual(parseLabel('ssd'), { key: 'ssd', value: '' });
    assert.ok('reason' in parseLabel('=x'));
    assert.ok('reason' in parseLabel('a b=c'));
  });
});

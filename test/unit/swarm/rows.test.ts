import { strict as assert } from 'node:assert';
import { NodeSummary, ServiceSummary, TaskSummary } from '../../../src/engine/swarmModel';
import { nodeRows, secretRows, serviceContextValue, serviceRows } from '../../../src/swarm/rows';
import { detectDockerCli, MISSING_DOCKER_CLI, stackDeployArgs, stackRmArgs, validateStackName } from '../../../src/swarm/stack';
import { listenAddrFor, validateAdvertiseAddr, validateReplicas } from '../../../src/swarm/validate';
import { formatServiceLine, taskPrefixes } from '../../../src/terminals/session/serviceLogs';
import { cliEnvFor } from '../../../src/engine/hosts/resolve';

function service(over: Partial<ServiceSummary> = {}): ServiceSummary {
  return {
    id: 's1', name: 'web', mode: 'replicated', replicas: 2, image: 'app:1', imageRef: 'app:1', tty: false, ports: [], labels: {},
    updateMonitorMs: 5000, hasPrevious: false, version: 1, createdAt: '', updatedAt: '', ...over,
  };
}
function task(over: Partial<TaskSummary> = {}): TaskSummary {
  return { id: 't', serviceId: 's1', slot: 1, nodeId: 'n1', desiredState: 'running', state: 'running', message: '', timestamp: '2026-01-01T00:00:00Z', image: 'app:1', ...over };
}
function node(over: Partial<NodeSummary> = {}): NodeSummary {
  return { id: 'n1', hostname: 'alpha', role: 'manager', availability: 'active', state: 'ready', addr: '', engineVersion: '24.0.7', labels: {}, leader: true, version: 1, ...over };
}

describe('swarm rows', () => {
  it('shows a 2-replica service as 2/2 with mode, image and ports, tasks under it', () => {
    const rows = serviceRows({
      services: [service({ ports: [{ published: 8080, target: 80, protocol: 'tcp', mode: 'ingress' }] })],
      tasks: [task({ id: 'a', slot: 1 }), task({ id: 'b', slot: 2 })],
      nodes: [node()],
    });
    assert.equal(rows.length, 1);
    assert.equal(rows[0].label, 'web');
    assert.equal(rows[0].description, '2/2 · replicated · app:1 · 8080→80');
    assert.deepEqual(rows[0].children!.map((c) => c.label), ['web.1', 'web.2']);
    assert.match(rows[0].children![0].description, /^running · alpha/);
    assert.equal(rows[0].icon.color, 'testing.iconPassed');
  });

  it('marks tasks whose container runs on this engine (logs and shell reach only those)', () => {
    const [row] = serviceRows({
      services: [service()],
      tasks: [task({ id: 'a', slot: 1, containerId: 'c1', nodeId: 'me' }), task({ id: 'b', slot: 2, containerId: 'c2', nodeId: 'other' }), task({ id: 'c', slot: 3, containerId: 'c3', nodeId: 'me', state: 'complete', desiredState: 'shutdown' })],
      nodes: [],
    }, '', Date.now(), 'me');
    assert.deepEqual(row.children!.map((c) => c.contextValue), ['task;container;local;running', 'task;container;running', 'task;container;local']);
  });

  it('groups stacks, labels services by their name in the stack, and flags what is not fully running', () => {
    const rows = serviceRows({
      services: [service({ id: 'a', name: 'shop_web', stack: 'shop' }), service({ id: 'b', name: 'shop_db', stack: 'shop', replicas: 1 }), service({ id: 'c', name: 'tool' })],
      tasks: [task({ serviceId: 'a', id: 'a1' }), task({ serviceId: 'a', id: 'a2', slot: 2 }), task({ serviceId: 'b', id: 'b1', state: 'failed', error: 'no such image', desiredState: 'shutdown' })],
      nodes: [node()],
    });
    assert.deepEqual(rows.map((r) => `${r.kind}:${r.label}`), ['stack:shop', 'service:tool']);
    assert.deepEqual(rows[0].children!.map((r) => `${r.label} ${r.description.split(' · ')[0]}`), ['db 0/1', 'web 2/2']);
    assert.match(rows[0].description, /2 services · 1 not fully running/);
    assert.match(rows[0].children![0].children![0].description, /failed \(→ shutdown\).*no such image/);
    assert.equal(rows[0].children![0].children![0].icon.id, 'error');
    // The filter matches the stack, a name, or an image.
    assert.deepEqual(serviceRows({ services: [service({ id: 'a', name: 'shop_web', stack: 'shop' }), service({ id: 'c', name: 'tool' })], tasks: [], nodes: [] }, 'too').map((r) => r.label), ['tool']);
  });

  it('says when an update paused, and sets context values for the menus', () => {
    const [row] = serviceRows({ services: [service({ hasPrevious: true, updateStatus: { state: 'paused', message: 'task failed' } })], tasks: [], nodes: [] });
    assert.match(row.description, /update paused: task failed — fix the image or settings and update again, or roll back/);
    assert.equal(row.icon.id, 'warning');
    assert.equal(row.contextValue, 'service;replicated;previous');
    assert.equal(serviceContextValue(service({ mode: 'global', stack: 's' })), 'service;stack');
  });

  it('lists nodes managers first with role, availability, state, engine and labels', () => {
    const rows = nodeRows([node({ id: 'w', hostname: 'beta', role: 'worker', leader: false, availability: 'drain', labels: { zone: 'eu' } }), node()], 'n1');
    assert.deepEqual(rows.map((r) => r.label), ['alpha (this engine)', 'beta']);
    assert.equal(rows[0].description, 'manager (leader) · active · ready · engine 24.0.7');
    assert.equal(rows[1].description, 'worker · drain · ready · engine 24.0.7 · zone=eu');
    assert.equal(rows[1].contextValue, 'node;worker;drain;labels');
  });

  it('never puts secret data in a row', () => {
    const [row] = secretRows([{ id: 'x', name: 'db', labels: {}, createdAt: '', updatedAt: '' }]);
    assert.match(row.tooltip, /never shown/);
  });

  it('prefixes merged service log lines with task and node, one colour per task', () => {
    const p = taskPrefixes({ name: 'web' }, [{ id: 't1', slot: 1, nodeId: 'n1' }, { id: 't2', slot: 0, nodeId: 'n2' }], new Map([['n1', 'alpha']]));
    assert.equal(p.get('t1'), 'web.1@alpha');
    assert.equal(p.get('t2'), 'web.n2@n2');
    const line = formatServiceLine('web.1@alpha', 0, 'hello', '2026-01-01T00:00:00Z');
    assert.equal(line.replace(/\x1b\[[0-9;]*m/g, ''), 'web.1@alpha | 2026-01-01T00:00:00Z hello\r\n');
    assert.notEqual(formatServiceLine('a', 0, 'x').slice(0, 5), formatServiceLine('a', 1, 'x').slice(0, 5));
  });

  it('finds the docker CLI, or says clearly that stacks need it', async () => {
    const calls: string[][] = [];
    assert.equal(await detectDockerCli({}, async (bin, args) => { calls.push([bin, ...args]); return { code: 0, stdout: 'Docker version 28.2.2, build e6534b4\n' }; }), '28.2.2');
    assert.deepEqual(calls, [['docker', '--version']]);
    assert.equal(await detectDockerCli({}, async () => ({ code: 127, stdout: '' })), undefined);
    assert.match(MISSING_DOCKER_CLI, /needs the docker CLI.*Install the docker CLI.*every other swarm action works without it/);
  });

  it('builds docker stack argument lists and checks names and inputs', () => {
    assert.deepEqual(stackDeployArgs(['/w/stack.yml'], 'shop', { resolveImage: 'never', prune: true }), ['stack', 'deploy', '--compose-file', '/w/stack.yml', '--resolve-image', 'never', '--prune', 'shop']);
    assert.deepEqual(stackRmArgs('shop'), ['stack', 'rm', 'shop']);
    assert.throws(() => stackRmArgs('--all'), /letters, digits/);
    assert.match(validateStackName('a b')!, /letters/);
    assert.equal(validateStackName('my-stack_1'), undefined);
    assert.equal(validateReplicas('3'), undefined);
    assert.match(validateReplicas('-1')!, /whole number/);
    assert.match(validateReplicas('2.5')!, /whole number/);
    assert.equal(validateAdvertiseAddr('127.0.0.1'), undefined);
    assert.equal(validateAdvertiseAddr('eth0:2377'), undefined);
    assert.equal(validateAdvertiseAddr('[::1]:2377'), undefined);
    assert.match(validateAdvertiseAddr('10.0.0.1:99999')!, /not a port/);
    assert.match(validateAdvertiseAddr('not an address')!, /neither/);
    assert.equal(listenAddrFor('127.0.0.1'), '127.0.0.1:2377');
    assert.equal(listenAddrFor('192.168.1.5:4000'), '192.168.1.5:4000');
    assert.equal(listenAddrFor('eth0'), undefined);
    const env = cliEnvFor({ host: 'tcp://h:2376', source: 'setting', context: 'default', tls: { ca: '/c/ca.pem', verify: true } }, { DOCKER_CONTEXT: 'x', PATH: '/bin' });
    assert.deepEqual(env, { PATH: '/bin', DOCKER_HOST: 'tcp://h:2376', DOCKER_CERT_PATH: '/c', DOCKER_TLS_VERIFY: '1' });
  });
});

import { strict as assert } from 'node:assert';
import { publishedPortUrls } from '../../src/containerPorts/urls';
import { Engine } from '../../src/engine/engine';
import { cleanup, IMAGE, TEST_LABEL, testEngine, unique } from './helpers';

describe('Open in Browser: published port URLs from the engine\'s own answer (real dockerd)', () => {
  let engine: Engine;
  before(async () => { engine = testEngine(); await cleanup(engine); });
  after(async () => cleanup(engine));

  it('the engine\'s published ports become URLs for local and remote engine kinds', async () => {
    // A network of the test's own (the engine runs without the default bridge); host ports picked by
    // the engine, on loopback only (0.0.0.0 bindings are covered by the unit tests).
    const net = await engine.createNetwork(unique('net'), { labels: { [TEST_LABEL]: '1' } });
    const id = await engine.call(undefined, async (d) => {
      const c = await d.createContainer({
        name: unique('ports'), Image: IMAGE, Cmd: ['sleep', '600'], Labels: { [TEST_LABEL]: '1' },
        ExposedPorts: { '80/tcp': {}, '443/tcp': {}, '53/udp': {} },
        HostConfig: { NetworkMode: net, PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }], '443/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }], '53/udp': [{ HostIp: '127.0.0.1', HostPort: '' }] } },
      });
      await c.start();
      return c.id;
    });
    const c = (await engine.listContainers([id]))[0];
    const port = (p: number) => c.ports.find((x) => x.privatePort === p && x.publicPort)?.publicPort;
    assert.ok(port(80) && port(443), `ports reported: ${JSON.stringify(c.ports)}`);
    assert.deepEqual(publishedPortUrls(c.ports, engine.host).map((u) => u.url), [`http://localhost:${port(80)}/`, `https://localhost:${port(443)}/`], 'UDP ports are left out');
    const remote = publishedPortUrls(c.ports, 'ssh://me@build.example.com');
    assert.deepEqual(remote.map((u) => u.url), [`http://127.0.0.1:${port(80)}/`, `https://127.0.0.1:${port(443)}/`]);
    assert.match(remote[0].note ?? '', /reachable there only/);
    assert.deepEqual(publishedPortUrls(c.ports, 'tcp://10.0.0.5:2376').map((u) => u.url), [`http://127.0.0.1:${port(80)}/`, `https://127.0.0.1:${port(443)}/`]);
  });
});

import { strict as assert } from 'node:assert';
import { Engine } from '../../src/engine/engine';
import { exercise } from './support/exercise';
import { podmanService } from './support/servers';

describe('hosts: Podman', function () {
  this.timeout(150000);

  it('podman: Docker-compatible socket (podman system service): list, events, exec, logs, build', async () => {
    const sock = await podmanService();
    const engine = new Engine({ host: `unix://${sock}`, source: 'setting', context: 'dockyard.host' }, {});
    const v = await engine.version();
    assert.ok(v.apiVersion, 'podman answers /version');
    await exercise('podman', engine);
  });

  it('podman: volumes and networks list (Podman fills fewer fields)', async () => {
    const sock = await podmanService();
    const engine = new Engine({ host: `unix://${sock}`, source: 'setting', context: 'dockyard.host' }, {});
    assert.ok(Array.isArray(await engine.listVolumes()));
    assert.ok((await engine.listNetworks()).length >= 1);
    assert.ok(typeof (await engine.info()) === 'object');
  });
});

import { strict as assert } from 'node:assert';
import { Engine } from '../../src/engine/engine';
import { ExecSession } from '../../src/terminals/session/sessions';
import { rawDocker } from '../support/rawDocker';
import { exercise } from './support/exercise';
import { IMAGE, LABEL, podmanService } from './support/servers';

describe('hosts: Podman', function () {
  this.timeout(150000);

  it('podman: Docker-compatible socket (podman system service): list, events, exec, logs, build', async () => {
    const sock = await podmanService();
    const engine = new Engine({ host: `unix://${sock}`, source: 'setting', context: 'dockyard.host' }, {});
    const v = await engine.version();
    assert.ok(v.apiVersion, 'podman answers /version');
    await exercise('podman', engine);
  });

  it('podman: closing an exec terminal ends the exec (the DOCKYARD_EXEC_ID hang-up works there too)', async () => {
    const sock = await podmanService();
    const engine = new Engine({ host: `unix://${sock}`, source: 'setting', context: 'dockyard.host' }, {});
    const d = rawDocker(engine);
    const c = await d.createContainer({ Image: IMAGE, Cmd: ['sleep', '120'], Labels: { [LABEL]: '1' }, HostConfig: { NetworkMode: 'none' } });
    try {
      await c.start();
      const s = new ExecSession(engine, c.id, { cmd: ['sh', '-c', 'echo up; exec sleep 300'], tty: false, endTimings: { graceMs: 300 } });
      let text = '';
      s.onData((t) => { text += t; });
      await s.start();
      const t0 = Date.now();
      while (!text.includes('up')) { if (Date.now() - t0 > 15000) throw new Error(`no output: ${text}`); await new Promise((r) => setTimeout(r, 50)); }
      s.close();
      assert.equal(await s.whenEnded(), 'hungUp');
      assert.equal((await s.inspect()).running, false);
    } finally {
      await c.remove({ force: true }).catch(() => undefined);
    }
  });

  it('podman: volumes and networks list (Podman fills fewer fields)', async () => {
    const sock = await podmanService();
    const engine = new Engine({ host: `unix://${sock}`, source: 'setting', context: 'dockyard.host' }, {});
    assert.ok(Array.isArray(await engine.listVolumes()));
    assert.ok((await engine.listNetworks()).length >= 1);
    assert.ok(typeof (await engine.info()) === 'object');
  });
});

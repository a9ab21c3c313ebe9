// Shared by engine-tier tests: an Engine on the private test engine, unique names, cleanup.
import { randomBytes } from 'node:crypto';
import { Engine } from '../../src/engine/engine';
import { resolveHost } from '../../src/engine/hosts/resolve';
import { withDocker } from '../support/rawDocker';

export const TEST_LABEL = 'dockyard.test';
export const IMAGE = process.env.DOCKYARD_TEST_IMAGE ?? 'dockyard-test/busybox:latest';

export function testEngine(): Engine {
  if (!process.env.DOCKER_HOST) throw new Error('DOCKER_HOST is not set: run engine tests through npm run test:engine');
  return new Engine(resolveHost({ env: process.env, homeDir: '/nonexistent', platform: process.platform, readFile: () => undefined, exists: () => false }));
}

export function unique(prefix: string): string {
  return `dockyard-test-${prefix}-${randomBytes(4).toString('hex')}`;
}

/** Creates a labelled container running `cmd` (default: sleep). */
export async function createContainer(engine: Engine, opts: { name?: string; cmd?: string[]; start?: boolean; tty?: boolean; labels?: Record<string, string>; binds?: string[]; ports?: string[] } = {}): Promise<{ id: string; name: string }> {
  const name = opts.name ?? unique('ctr');
  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const p of opts.ports ?? []) {
    const [hostIp, hostPort, ctr] = p.split(':');
    const key = ctr.includes('/') ? ctr : `${ctr}/tcp`;
    exposed[key] = {};
    bindings[key] = [{ HostIp: hostIp, HostPort: hostPort }];
  }
  const id = await withDocker(engine, async (d) => (await d.createContainer({
    name,
    Image: IMAGE,
    Cmd: opts.cmd ?? ['sleep', '600'],
    Tty: !!opts.tty,
    Labels: { [TEST_LABEL]: '1', ...(opts.labels ?? {}) },
    ExposedPorts: exposed,
    HostConfig: { Binds: opts.binds, PortBindings: bindings, NetworkMode: 'none' },
    StopTimeout: 1,
  })).id);
  if (opts.start !== false) await engine.startContainer(id);
  return { id, name };
}

/** Removes everything carrying the test label. */
export async function cleanup(engine: Engine): Promise<void> {
  await withDocker(engine, async (d) => {
    const filters = { label: [TEST_LABEL] };
    for (const c of await d.listContainers({ all: true, filters })) await d.getContainer(c.Id).remove({ force: true, v: true }).catch(() => undefined);
    for (const v of (await d.listVolumes({ filters })).Volumes ?? []) await d.getVolume(v.Name).remove().catch(() => undefined);
    for (const n of await d.listNetworks({ filters })) await d.getNetwork(n.Id).remove().catch(() => undefined);
    for (const i of await d.listImages({ filters })) await d.getImage(i.Id).remove({ force: true }).catch(() => undefined);
  });
}

export async function waitUntil<T>(check: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 10000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

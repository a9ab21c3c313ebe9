// A private engine of the swarm tests' own (scripts/engine.mjs with its own state folder): the
// shared engine of the engine tier is never turned into a swarm. Started in before(), made a
// one-node swarm on loopback with ports nobody else uses and a gateway bridge of its own, and
// left and stopped in after().
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Engine } from '../../../src/engine/engine';
import { resolveHost } from '../../../src/engine/hosts/resolve';
import { Swarm } from '../../../src/engine/swarm';
import { rawDocker } from '../../support/rawDocker';

const ROOT = path.join(__dirname, '..', '..', '..');
/** Per checkout, under the temp folder (short socket paths; never inside the shared .engine/). */
export const SWARM_ENGINE_DIR = path.join(os.tmpdir(), `dockyard-swarm-engine-${createHash('sha256').update(ROOT).digest('hex').slice(0, 10)}`);

function engineScript(cmd: 'start' | 'stop', dir = SWARM_ENGINE_DIR): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [path.join(ROOT, 'scripts', 'engine.mjs'), cmd], { env: { ...process.env, DOCKYARD_ENGINE_DIR: dir }, timeout: 180000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`engine.mjs ${cmd}: ${stderr || err.message}`));
      else resolve(stdout);
    });
  });
}

/** A TCP port free on 127.0.0.1 in 20000–40000 (DataPathPort must stay below 49152). */
export async function freeLowPort(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const ok = await new Promise<boolean>((resolve) => {
      const srv = net.createServer();
      srv.once('error', () => resolve(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
    });
    if (ok) return port;
  }
  throw new Error('no free port');
}

export interface SwarmEngine {
  engine: Engine;
  swarm: Swarm;
  host: string;
  stop(): Promise<void>;
  /** Starts the stopped engine again (same state folder). */
  restart(): Promise<void>;
}

/** Starts the private engine (not yet a swarm: a leftover swarm of an aborted run is left first). */
export async function startSwarmEngine(suffix = ''): Promise<SwarmEngine> {
  const dir = `${SWARM_ENGINE_DIR}${suffix}`;
  const env = JSON.parse((await engineScript('start', dir)).trim().split('\n').pop()!) as { DOCKER_HOST: string };
  const engine = new Engine(resolveHost({ env: { DOCKER_HOST: env.DOCKER_HOST }, homeDir: '/nonexistent', platform: process.platform, readFile: () => undefined, exists: () => false }));
  const swarm = new Swarm(engine);
  if ((await swarm.info()).nodeState !== 'inactive') await swarm.leave(true);
  await ownGatewayBridge(engine, dir);
  return {
    engine, swarm, host: env.DOCKER_HOST,
    stop: async () => {
      // The gateway bridge is a host interface: remove ours once the swarm is left.
      if ((await swarm.info().catch(() => undefined))?.nodeState === 'inactive') await rawDocker(engine).getNetwork(GWBRIDGE).remove().catch(() => undefined);
      await engineScript('stop', dir);
    },
    restart: async () => { await engineScript('start', dir); },
  };
}

const GWBRIDGE = 'docker_gwbridge';

/**
 * A swarm node connects its tasks through a bridge network named docker_gwbridge, which is a
 * host interface of that name by default — shared by every engine on this machine. Made before
 * init/join with a Linux bridge name of this engine's own, it stays private and can be removed.
 */
async function ownGatewayBridge(engine: Engine, dir: string): Promise<void> {
  const d = rawDocker(engine);
  const bridge = `dygw${createHash('sha256').update(dir).digest('hex').slice(0, 8)}`;
  const existing = await d.getNetwork(GWBRIDGE).inspect().catch(() => undefined) as { Options?: Record<string, string> } | undefined;
  if (existing?.Options?.['com.docker.network.bridge.name'] === bridge) return;
  if (existing) throw new Error(`the private swarm engine (${dir}) has a ${GWBRIDGE} on the shared host interface: delete that folder so the tests make their own`);
  await d.createNetwork({
    Name: GWBRIDGE, Driver: 'bridge',
    Options: { 'com.docker.network.bridge.name': bridge, 'com.docker.network.bridge.enable_icc': 'false', 'com.docker.network.bridge.enable_ip_masquerade': 'true' },
  });
}

/** `docker swarm init` on loopback, on ports of its own. */
export async function initSwarm(swarm: Swarm): Promise<string> {
  const listen = await freeLowPort();
  let dataPath = await freeLowPort();
  while (dataPath === listen) dataPath = await freeLowPort();
  return swarm.init({ advertiseAddr: '127.0.0.1', listenAddr: `127.0.0.1:${listen}`, dataPathPort: dataPath });
}

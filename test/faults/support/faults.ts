// The fault tier's engine: a private dockerd of its own (DOCKYARD_ENGINE_DIR set by
// scripts/faults.mjs, never the engine tier's), which these tests kill and restart.
import * as net from 'node:net';
import * as path from 'node:path';
import { Engine } from '../../../src/engine/engine';
import { resolveHost } from '../../../src/engine/hosts/resolve';

interface EngineScript {
  startDaemon(): Promise<void>;
  stopDaemon(signal?: string): Promise<void>;
  running(): Promise<boolean>;
}

export const IMAGE = process.env.DOCKYARD_TEST_IMAGE ?? 'dockyard-test/busybox:latest';
export const REGISTRY = process.env.DOCKYARD_TEST_REGISTRY ?? '';
export const TEST_LABEL = 'dockyard.test';

/** Refuses to run against anything but the fault tier's own engine. */
function guard(): void {
  const dir = process.env.DOCKYARD_ENGINE_DIR ?? '';
  if (!process.env.DOCKYARD_FAULTS || !dir || path.basename(dir) === '.engine') {
    throw new Error('The fault tier kills its engine: run it through npm run test:faults (its own DOCKYARD_ENGINE_DIR), never against the engine tier\'s.');
  }
}

export function faultEngine(): Engine {
  guard();
  if (!process.env.DOCKER_HOST) throw new Error('DOCKER_HOST is not set');
  return new Engine(resolveHost({ env: process.env, homeDir: '/nonexistent', platform: process.platform, readFile: () => undefined, exists: () => false }));
}

let script: Promise<EngineScript> | undefined;
function engineScript(): Promise<EngineScript> {
  guard();
  script ??= import(path.join(process.cwd(), 'scripts', 'engine.mjs')) as Promise<EngineScript>;
  return script;
}

/** Kills dockerd hard (SIGKILL): every open connection drops without an HTTP ending. */
export async function killEngine(): Promise<void> {
  await (await engineScript()).stopDaemon('SIGKILL');
}

/** Stops dockerd gracefully (SIGTERM). */
export async function stopEngine(): Promise<void> {
  await (await engineScript()).stopDaemon('SIGTERM');
}

export async function startEngine(): Promise<void> {
  await (await engineScript()).startDaemon();
}

/** Makes sure the engine answers (a failed test may have left it down). */
export async function ensureEngine(): Promise<void> {
  const s = await engineScript();
  if (!(await s.running())) await s.startDaemon();
}

/** Open client sockets (unix and TCP) of this process, apart from stdio. */
export function openSockets(): number {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  return handles.filter((h) => h instanceof net.Socket && !h.destroyed && h !== process.stdout && h !== process.stderr && h !== process.stdin).length;
}

/** Pending timers and sockets, by kind (process.getActiveResourcesInfo). */
export function resources(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) out[r] = (out[r] ?? 0) + 1;
  return out;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitUntil<T>(check: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** Waits until this process holds no more open sockets than `baseline` (connections wind down asynchronously). */
export async function socketsBackTo(baseline: number, what: string, timeoutMs = 5000): Promise<void> {
  await waitUntil(() => openSockets() <= baseline, `${what}: open sockets back to ${baseline} (now ${openSockets()})`, timeoutMs);
}

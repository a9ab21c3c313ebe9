// Shared setup for the terminal/registry engine tests: an Engine on DOCKER_HOST, labelled
// containers with random names, and cleanup of exactly what was created.
import { randomBytes } from 'node:crypto';
import type Dockerode from 'dockerode';
import { Engine } from '../../../src/engine/engine';
import type { SessionExit, TerminalSession } from '../../../src/terminals/session/sessions';
import { rawDocker } from '../../support/rawDocker';

export const IMAGE = process.env.DOCKYARD_TEST_IMAGE ?? 'dockyard-test/busybox:latest';
export const REGISTRY = process.env.DOCKYARD_TEST_REGISTRY;
export const LABELS = { 'dockyard.test': '1' };

export function testEngine(): Engine {
  const host = process.env.DOCKER_HOST;
  if (!host) throw new Error('DOCKER_HOST is not set: run through scripts/with-engine.mjs');
  return new Engine({ host, source: 'DOCKER_HOST', context: 'default' });
}

export function uniqueName(prefix: string): string {
  return `dockyard-test-${prefix}-${randomBytes(3).toString('hex')}`;
}

/** Tracks what a suite creates, and removes it after. */
export class Created {
  containers: string[] = [];
  images: string[] = [];

  constructor(private readonly engine: Engine) {}

  async container(prefix: string, opts: Partial<Dockerode.ContainerCreateOptions> & { start?: boolean } = {}): Promise<{ id: string; name: string }> {
    const name = uniqueName(prefix);
    const { start = true, ...create } = opts;
    const c = await rawDocker(this.engine).createContainer({
      name, Image: IMAGE, Cmd: ['sleep', '3600'], StopSignal: 'SIGKILL',
      HostConfig: { NetworkMode: 'none' }, ...create,
      Labels: { ...LABELS, ...(create.Labels ?? {}) },
    });
    this.containers.push(c.id);
    if (start) await c.start();
    return { id: c.id, name };
  }

  async cleanup(): Promise<void> {
    for (const id of this.containers.splice(0)) await rawDocker(this.engine).getContainer(id).remove({ force: true }).catch(() => undefined);
    for (const ref of this.images.splice(0)) await rawDocker(this.engine).getImage(ref).remove({ force: true }).catch(() => undefined);
  }
}

/** Collects a session's output and exit. */
export class Recorder {
  text = '';
  exit: SessionExit | undefined;
  private waiters: { test: () => boolean; resolve: () => void }[] = [];

  constructor(session: TerminalSession) {
    session.onData((t) => { this.text += t; this.check(); });
    session.onExit((e) => { this.exit = e; this.check(); });
  }

  private check(): void {
    this.waiters = this.waiters.filter((w) => (w.test() ? (w.resolve(), false) : true));
  }

  /** Resolves when the predicate holds; rejects with the output so far after timeoutMs. */
  until(test: (r: Recorder) => boolean, what: string, timeoutMs = 15000): Promise<void> {
    if (test(this)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; output so far: ${JSON.stringify(this.text.slice(-500))}, exit: ${JSON.stringify(this.exit)}`)), timeoutMs);
      this.waiters.push({ test: () => test(this), resolve: () => { clearTimeout(timer); resolve(); } });
    });
  }

  output(re: RegExp | string, timeoutMs?: number): Promise<void> {
    const t = typeof re === 'string' ? (r: Recorder) => r.text.includes(re) : (r: Recorder) => re.test(r.text);
    return this.until(t, `output ${String(re)}`, timeoutMs);
  }

  exited(timeoutMs?: number): Promise<SessionExit> {
    return this.until((r) => !!r.exit, 'exit', timeoutMs).then(() => this.exit!);
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

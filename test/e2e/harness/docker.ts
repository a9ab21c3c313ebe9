// The test's own view of the e2e engine: creates what a test needs (labelled, unique names)
// and removes it again. Used by the UI journeys (Node) and the extension-host suites alike,
// so it imports no `vscode`.
import Docker from 'dockerode';
import { randomBytes } from 'node:crypto';

/** Every object a test creates carries this label, so cleanup never touches anything else. */
export const TEST_LABEL = 'dockyard.test';
export const TEST_LABELS: Record<string, string> = { [TEST_LABEL]: '1' };
export const DEFAULT_TEST_IMAGE = 'dockyard-test/busybox:latest';

/** A short random suffix for names that must not collide with other runs. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`;
}

/** dockerode options for a DOCKER_HOST-style address (unix:// or tcp://). */
export function dockerOptions(host: string): Docker.DockerOptions {
  if (host.startsWith('unix://')) return { socketPath: host.slice('unix://'.length) };
  if (host.startsWith('/')) return { socketPath: host };
  const url = new URL(host.replace(/^tcp:/, 'http:'));
  return { host: url.hostname, port: Number(url.port || 2375), protocol: 'http' };
}

export interface CreatedContainer {
  id: string;
  name: string;
}

export class TestDocker {
  readonly docker: Docker;

  constructor(readonly host: string, readonly image = DEFAULT_TEST_IMAGE) {
    this.docker = new Docker(dockerOptions(host));
  }

  /** Creates (and by default starts) a labelled container that sleeps. */
  async container(name: string, opts: { start?: boolean; labels?: Record<string, string>; cmd?: string[]; binds?: string[] } = {}): Promise<CreatedContainer> {
    const c = await this.docker.createContainer({
      name,
      Image: this.image,
      Cmd: opts.cmd ?? ['sleep', '3600'],
      Labels: { ...TEST_LABELS, ...opts.labels },
      StopSignal: 'SIGKILL',
      HostConfig: { NetworkMode: 'none', Binds: opts.binds },
    });
    if (opts.start ?? true) await c.start();
    return { id: c.id, name };
  }

  async stop(id: string): Promise<void> {
    await this.docker.getContainer(id).stop({ t: 0 }).catch(ignoreNotModified);
  }

  async start(id: string): Promise<void> {
    await this.docker.getContainer(id).start().catch(ignoreNotModified);
  }

  async containerState(id: string): Promise<string | undefined> {
    try {
      return (await this.docker.getContainer(id).inspect()).State.Status;
    } catch (e) {
      if (statusOf(e) === 404) return undefined;
      throw e;
    }
  }

  /** Tags the test image as `repo:tag` (an image the test owns, removed by cleanup()). */
  async tag(repo: string, tag = 'v1'): Promise<string> {
    await this.docker.getImage(this.image).tag({ repo, tag });
    this.tags.push(`${repo}:${tag}`);
    return `${repo}:${tag}`;
  }

  async volume(name: string): Promise<string> {
    await this.docker.createVolume({ Name: name, Labels: TEST_LABELS });
    return name;
  }

  async network(name: string): Promise<string> {
    const n = await this.docker.createNetwork({ Name: name, Driver: 'bridge', Internal: true, Labels: TEST_LABELS });
    return n.id;
  }

  private readonly tags: string[] = [];

  /** Removes every labelled container, volume and network, and the tags made by this object. */
  async cleanup(): Promise<void> {
    const filters = JSON.stringify({ label: [`${TEST_LABEL}=1`] });
    const containers = await this.docker.listContainers({ all: true, filters });
    await Promise.all(containers.map((c) => this.docker.getContainer(c.Id).remove({ force: true, v: true }).catch(ignoreGone)));
    const { Volumes } = await this.docker.listVolumes({ filters });
    await Promise.all((Volumes ?? []).map((v) => this.docker.getVolume(v.Name).remove().catch(ignoreGone)));
    const networks = await this.docker.listNetworks({ filters });
    await Promise.all(networks.map((n) => this.docker.getNetwork(n.Id).remove().catch(ignoreGone)));
    for (const t of this.tags.splice(0)) await this.docker.getImage(t).remove({ noprune: true }).catch(ignoreGone);
  }

  /** Removes image tags of a repository prefix (tags made by earlier, interrupted runs). */
  async removeTagsWithPrefix(prefix: string): Promise<void> {
    const images = await this.docker.listImages();
    for (const img of images) {
      for (const t of img.RepoTags ?? []) {
        if (t.startsWith(prefix)) await this.docker.getImage(t).remove({ noprune: true }).catch(ignoreGone);
      }
    }
  }
}

function statusOf(e: unknown): number | undefined {
  return typeof e === 'object' && e !== null && 'statusCode' in e && typeof e.statusCode === 'number' ? e.statusCode : undefined;
}

function ignoreNotModified(e: unknown): void {
  if (statusOf(e) !== 304) throw e;
}

function ignoreGone(e: unknown): void {
  const s = statusOf(e);
  if (s !== 404 && s !== 409) throw e;
}

// What the four views do with several engines shown, without VS Code: one EngineLink (its own
// event stream) and one ContainerCache per engine, events routed by the extension's own
// EngineEventRouter, and each routed refresh doing the reads the view's load would do. Used by
// the engine tier and the engines-idle benchmark.
import { EngineLink } from '../../src/connection/engineLink';
import { ResolvedHost } from '../../src/engine/hosts/resolve';
import { DockerEvent } from '../../src/engine/models';
import { ContainerCache } from '../../src/explorer/containerCache';
import { EngineEventRouter } from '../../src/explorer/refresh';
import type { ResourceKind } from '../../src/explorer/resourceTree';

export interface ShownForTest {
  link: EngineLink;
  cache: ContainerCache;
  events: DockerEvent[];
  /** Names per view after the last load of that view. */
  loaded: Partial<Record<ResourceKind, string[]>>;
  refreshes: number;
}

export class EngineViews {
  readonly engines = new Map<string, ShownForTest>();
  readonly router = new EngineEventRouter(() => 50, (key, id) => this.engines.get(key)?.cache.invalidate(id), (kind, key) => void this.load(kind, key).catch(() => undefined));

  add(key: string, resolve: () => ResolvedHost): ShownForTest {
    const shown: ShownForTest = { link: new EngineLink(key, resolve), cache: new ContainerCache(), events: [], loaded: {}, refreshes: 0 };
    this.engines.set(key, shown);
    shown.link.onEvent.on((ev) => { shown.events.push(ev); this.router.event(key, ev); });
    shown.link.onRefresh.on(() => {
      shown.refreshes++;
      shown.cache.reset();
      if (shown.link.state.kind === 'connected') for (const kind of ['containers', 'images', 'volumes', 'networks'] as const) void this.load(kind, key).catch(() => undefined);
    });
    shown.link.connect();
    return shown;
  }

  /** The reads a view's load does for one engine. */
  async load(kind: ResourceKind, key: string): Promise<string[]> {
    const shown = this.engines.get(key)!;
    const engine = shown.link.engine;
    let names: string[];
    switch (kind) {
      case 'containers': names = (await shown.cache.read(engine)).map((c) => c.name); break;
      case 'images': names = (await engine.listImages()).flatMap((i) => i.repoTags); break;
      case 'volumes': names = (await engine.listVolumes(await shown.cache.read(engine))).map((v) => v.name); break;
      case 'networks': names = (await engine.listNetworks(await shown.cache.read(engine))).map((n) => n.name); break;
    }
    shown.loaded[kind] = names;
    return names;
  }

  /** Drops an engine (unpinned): its stream closes. */
  remove(key: string): void {
    this.engines.get(key)?.link.dispose();
    this.engines.delete(key);
  }

  dispose(): void {
    for (const key of [...this.engines.keys()]) this.remove(key);
    this.router.dispose();
  }
}

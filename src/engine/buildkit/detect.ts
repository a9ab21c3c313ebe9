// Which builder a build uses: BuildKit whenever the engine offers it, the classic builder
// otherwise (older engines, Windows engines, Podman's Docker-compatible API), or what the
// `dockyard.build.builder` setting forces. The choice is pure; the probe asks the engine.
import type { IncomingMessage } from 'node:http';
import { compareApiVersions } from '../hosts/client';
import type { Engine } from '../engine';

export type BuilderSetting = 'auto' | 'buildkit' | 'classic';
export type Builder = 'buildkit' | 'classic';

export interface BuilderFacts {
  /** `/_ping`'s Builder-Version header: "2" BuildKit, "1" classic, absent: the engine does not say. */
  builderVersion?: string;
  /** `/version`'s Os (linux, windows). */
  os?: string;
  apiVersion?: string;
  /** Podman's compatible API answers /build?version=2 with the classic builder's output. */
  podman?: boolean;
}

export interface BuilderChoice {
  builder: Builder;
  /** One line for the build terminal when the classic builder is used (or BuildKit forced). */
  reason?: string;
}

/** BuildKit's Engine API (version=2 and sessions) arrived with API 1.39 (Docker 18.09). */
const MIN_BUILDKIT_API = '1.39';

export function chooseBuilder(setting: BuilderSetting | string | undefined, facts: BuilderFacts): BuilderChoice {
  if (setting === 'classic') return { builder: 'classic', reason: 'Using the classic builder (dockyard.build.builder is "classic").' };
  if (setting === 'buildkit') return { builder: 'buildkit' };
  if (facts.builderVersion === '2') return { builder: 'buildkit' };
  const why = (what: string) => ({ builder: 'classic' as const, reason: `Using the classic builder: ${what}. RUN --mount and other BuildKit features are not available; set dockyard.build.builder to "buildkit" to try anyway.` });
  if (facts.podman) return why('this engine is Podman, whose Docker API has no BuildKit');
  if (facts.os && facts.os !== 'linux') return why(`BuildKit does not build ${facts.os} images through this engine`);
  if (facts.apiVersion && compareApiVersions(facts.apiVersion, MIN_BUILDKIT_API) < 0) return why(`the engine speaks API ${facts.apiVersion}, BuildKit needs ${MIN_BUILDKIT_API}`);
  if (facts.builderVersion === '1') return why('the engine says its default builder is the classic one (Builder-Version: 1)');
  return { builder: 'buildkit' };
}

const PROBE_TTL_MS = 60_000;
const probes = new WeakMap<Engine, { at: number; facts: Promise<BuilderFacts> }>();

/** Asks the engine what it offers: /_ping's headers and /version (remembered for a minute per engine). */
export function probeBuilder(engine: Engine): Promise<BuilderFacts> {
  const known = probes.get(engine);
  if (known && Date.now() - known.at < PROBE_TTL_MS) return known.facts;
  const facts = probe(engine);
  probes.set(engine, { at: Date.now(), facts });
  facts.catch(() => probes.delete(engine));
  return facts;
}

async function probe(engine: Engine): Promise<BuilderFacts> {
  return engine.call(undefined, async (d) => {
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      d.modem.dial({ path: '/_ping', method: 'GET', isStream: true, statusCodes: { 200: true, 500: 'server error' } } as never,
        (err: unknown, r: unknown) => (err ? reject(err) : resolve(r as IncomingMessage)));
    });
    res.resume();
    const header = res.headers['builder-version'];
    const server = String(res.headers.server ?? '');
    const v = (await d.version()) as { Os?: string; ApiVersion?: string; Components?: { Name?: string }[] };
    const podman = /podman/i.test(server) || !!v.Components?.some((c) => /podman/i.test(c.Name ?? ''));
    return {
      builderVersion: Array.isArray(header) ? header[0] : header,
      os: v.Os,
      apiVersion: v.ApiVersion,
      podman,
    };
  });
}

// Which engines the views show side by side: the active one (what dockyard.host, DOCKER_HOST or
// the docker context picks) first, then the engines pinned in `dockyard.engines` (docker context
// names, or { name, host }). Pure (no vscode): the setting's value and the active host come in.
import { engineLabel, normaliseHost, parseEndpoint, ResolvedHost } from '../engine/hosts/resolve';

/** One entry of dockyard.engines. */
export type PinnedEntry =
  | { kind: 'context'; name: string }
  | { kind: 'host'; name: string; host: string };

/** An engine the views show. */
export interface EngineSpec {
  /** Stable identity: "context:NAME" or "host:URL". */
  key: string;
  name: string;
  kind: 'context' | 'host';
  /** The context's name (kind context) or the host URL (kind host). */
  target: string;
  /** The engine every other feature uses (the EngineManager's). */
  active: boolean;
}

const CONTEXT_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.+-]*$/;

export function contextKey(name: string): string {
  return `context:${name}`;
}

export function hostKeyOf(host: string): string {
  return `host:${normaliseHost(host.trim())}`;
}

export function entryKey(e: PinnedEntry): string {
  return e.kind === 'context' ? contextKey(e.name) : hostKeyOf(e.host);
}

/**
 * Reads dockyard.engines: a string is a docker context's name, an object { name, host } a host.
 * Bad entries are skipped with a message that says what to fix; duplicates are dropped.
 */
export function parseEnginesSetting(value: unknown): { entries: PinnedEntry[]; problems: string[] } {
  const entries: PinnedEntry[] = [];
  const problems: string[] = [];
  if (value === undefined || value === null) return { entries, problems };
  if (!Array.isArray(value)) return { entries, problems: ['dockyard.engines must be a list of docker context names or { "name", "host" } objects.'] };
  const seen = new Set<string>();
  const add = (e: PinnedEntry) => {
    const key = entryKey(e);
    if (seen.has(key)) return;
    seen.add(key);
    entries.push(e);
  };
  value.forEach((raw: unknown, i) => {
    const where = `dockyard.engines[${i}]`;
    if (typeof raw === 'string') {
      const name = raw.trim();
      if (!CONTEXT_NAME.test(name)) problems.push(`${where}: "${raw}" is not a docker context name.`);
      else add({ kind: 'context', name });
      return;
    }
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      problems.push(`${where}: write a docker context name or { "name": "…", "host": "ssh://user@host" }.`);
      return;
    }
    const o = raw as { name?: unknown; host?: unknown; context?: unknown };
    if (typeof o.context === 'string' && o.host === undefined) {
      const name = o.context.trim();
      if (!CONTEXT_NAME.test(name)) problems.push(`${where}: "${o.context}" is not a docker context name.`);
      else add({ kind: 'context', name });
      return;
    }
    if (typeof o.host !== 'string' || !o.host.trim()) {
      problems.push(`${where}: "host" is missing (e.g. "ssh://user@host" or "tcp://host:2376").`);
      return;
    }
    const host = normaliseHost(o.host.trim());
    try {
      parseEndpoint(host);
    } catch (e) {
      problems.push(`${where}: ${(e as Error).message}`);
      return;
    }
    const name = typeof o.name === 'string' && o.name.trim() ? o.name.trim() : engineLabel({ host, source: 'setting', context: host });
    add({ kind: 'host', name, host });
  });
  return { entries, problems };
}

/** The active engine as a spec: a context when a context picks it, else its host. */
export function activeSpec(resolved: ResolvedHost): EngineSpec {
  const byContext = resolved.source === 'config' || resolved.source === 'DOCKER_CONTEXT' || resolved.source === 'default';
  return byContext
    ? { key: contextKey(resolved.context), name: engineLabel(resolved), kind: 'context', target: resolved.context, active: true }
    : { key: hostKeyOf(resolved.host), name: engineLabel(resolved), kind: 'host', target: normaliseHost(resolved.host), active: true };
}

/**
 * The engines to show: the active one first, then the pinned ones in the setting's order.
 * A pinned entry that is the active engine (same key, or a context/host that resolves to the
 * active host) is not shown twice. `hostOf` tells which host a pinned context points at
 * (undefined when unknown). Without an active engine (nothing resolves), only the pinned ones.
 */
export function shownEngines(active: { spec: EngineSpec; host: string } | undefined, pinned: PinnedEntry[], hostOf: (context: string) => string | undefined): EngineSpec[] {
  const out: EngineSpec[] = [];
  const keys = new Set<string>();
  const hosts = new Set<string>();
  if (active) {
    out.push(active.spec);
    keys.add(active.spec.key);
    hosts.add(normaliseHost(active.host));
  }
  for (const e of pinned) {
    const key = entryKey(e);
    const host = e.kind === 'host' ? e.host : hostOf(e.name);
    if (keys.has(key) || (host !== undefined && hosts.has(normaliseHost(host)))) continue;
    keys.add(key);
    if (host !== undefined) hosts.add(normaliseHost(host));
    out.push(e.kind === 'context'
      ? { key, name: e.name === 'default' ? 'docker' : e.name, kind: 'context', target: e.name, active: false }
      : { key, name: e.name, kind: 'host', target: e.host, active: false });
  }
  return out;
}

/** True when the views show a root per engine (more than one engine shown). */
export function isMulti(shown: EngineSpec[]): boolean {
  return shown.length > 1;
}

/** Is this docker context pinned in the setting's value? */
export function isContextPinned(value: unknown, name: string): boolean {
  return parseEnginesSetting(value).entries.some((e) => e.kind === 'context' && e.name === name);
}

/**
 * The setting's new value after pinning or unpinning a docker context; other entries (hosts,
 * even malformed ones) are kept as written.
 */
export function withContextPinned(value: unknown, name: string, pin: boolean): unknown[] {
  const list = Array.isArray(value) ? [...(value as unknown[])] : [];
  const isIt = (x: unknown) => (typeof x === 'string' && x.trim() === name)
    || (!!x && typeof x === 'object' && !Array.isArray(x) && (x as { context?: unknown }).context === name && (x as { host?: unknown }).host === undefined);
  const rest = list.filter((x) => !isIt(x));
  return pin ? [...rest, name] : rest;
}

/** Label of an engine's state for its root in the views: "context · connected". */
export function describeRoot(spec: Pick<EngineSpec, 'kind' | 'active'>, state: 'connecting' | 'connected' | 'unreachable'): string {
  const what = state === 'connected' ? 'connected' : state === 'connecting' ? 'connecting…' : 'unreachable';
  return `${spec.kind}${spec.active ? ' · active' : ''} · ${what}`;
}

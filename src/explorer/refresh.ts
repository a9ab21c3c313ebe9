// Which views an engine event touches. Pure.
import { DockerEvent } from '../engine/models';
import { isHelperContainer } from '../engine/helperLabels';
import type { ResourceKind } from './resourceTree';

const CONTAINER_NOISE = new Set(['exec_create', 'exec_start', 'exec_die', 'exec_detach', 'top', 'attach', 'detach', 'resize', 'archive-path', 'extract-to-dir', 'export', 'commit', 'copy']);

/** The views whose content an event may change; empty for events that change nothing shown. */
export function viewsAffectedBy(ev: DockerEvent): ResourceKind[] {
  switch (ev.type) {
    case 'container':
      if (CONTAINER_NOISE.has(ev.action) || isHelperContainer(ev.attributes)) return [];
      // create/destroy change volume and network usage too; state changes only the containers view.
      if (ev.action === 'create' || ev.action === 'destroy' || ev.action === 'rename') return ['containers', 'volumes', 'networks'];
      return ['containers'];
    case 'image':
      // tag/untag/delete/pull/import/load/save; an image's containers count changes with containers.
      return ev.action === 'save' || ev.action === 'push' ? [] : ['images'];
    case 'volume':
      return ev.action === 'mount' || ev.action === 'unmount' ? [] : ['volumes'];
    case 'network':
      return ['networks'];
    default:
      return [];
  }
}

/** A debounce slot: one view of one engine (EngineSet key). */
export function refreshSlot(kind: ResourceKind, engineKey: string): string {
  return `${kind}\n${engineKey}`;
}

export function parseSlot(slot: string): { kind: ResourceKind; key: string } {
  const i = slot.indexOf('\n');
  return { kind: slot.slice(0, i) as ResourceKind, key: slot.slice(i + 1) };
}

/** Collects bursts of calls into one call per key after `delayMs` of quiet (capped at 4× delay). */
export class Debouncer<K> {
  private readonly timers = new Map<K, { timer: NodeJS.Timeout; first: number }>();
  constructor(private readonly delayMs: () => number, private readonly fire: (key: K) => void) {}

  trigger(key: K): void {
    const now = Date.now();
    const delay = this.delayMs();
    const pending = this.timers.get(key);
    if (pending) {
      clearTimeout(pending.timer);
      if (now - pending.first >= delay * 4) { this.timers.delete(key); this.fire(key); return; }
    }
    const first = pending?.first ?? now;
    const timer = setTimeout(() => { this.timers.delete(key); this.fire(key); }, delay);
    this.timers.set(key, { timer, first });
  }

  dispose(): void {
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}

/**
 * Routes one engine's events to the views showing it (several engines shown: each has its own
 * cache and root). A container event marks that container in that engine's cache; then each
 * affected view of that engine refreshes once per burst. Nothing else is read: no polling.
 */
export class EngineEventRouter {
  private readonly debounce: Debouncer<string>;

  constructor(
    delayMs: () => number,
    private readonly invalidateContainer: (engineKey: string, id: string) => void,
    refresh: (kind: ResourceKind, engineKey: string) => void,
  ) {
    this.debounce = new Debouncer<string>(delayMs, (slot) => { const { kind, key } = parseSlot(slot); refresh(kind, key); });
  }

  event(engineKey: string, ev: DockerEvent): void {
    const kinds = viewsAffectedBy(ev);
    if (ev.type === 'container' && kinds.includes('containers')) this.invalidateContainer(engineKey, ev.id);
    for (const kind of kinds) this.debounce.trigger(refreshSlot(kind, engineKey));
  }

  dispose(): void {
    this.debounce.dispose();
  }
}

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

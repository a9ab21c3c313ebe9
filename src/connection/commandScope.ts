// Which engine a running command acts on. A command started on a tree item of a pinned engine
// runs "in" that engine: every `ctx.connection.engine` read inside it (after any await, in any
// helper) answers that engine, so every existing handler acts where its item lives. From the
// palette, with several engines shown, the user picks the engine first. Pure (no vscode).
import { AsyncLocalStorage } from 'node:async_hooks';

/** Anything that knows its engine: the explorer's items carry the key of the engine they show. */
export interface EngineScoped {
  readonly engineKey?: string;
}

/** The engine key of a command's arguments: the clicked item's, else the first selected item's. */
export function engineKeyOfArgs(args: readonly unknown[]): string | undefined {
  const of = (x: unknown) => (x && typeof x === 'object' && typeof (x as EngineScoped).engineKey === 'string' ? (x as EngineScoped).engineKey : undefined);
  const [clicked, selected] = args;
  return of(clicked) ?? (Array.isArray(selected) ? selected.map(of).find((k) => k !== undefined) : undefined);
}

/**
 * A tree command's arguments split by engine: a selection that spans several engines' roots runs
 * the command once per engine, with that engine's part of the selection (clicked item first).
 * One part (the usual case) is the arguments unchanged.
 */
export function splitByEngine(args: readonly unknown[]): { key: string | undefined; args: unknown[] }[] {
  const [clicked, selected, ...rest] = args;
  const keyOf = (x: unknown) => engineKeyOfArgs([x]);
  if (!Array.isArray(selected) || selected.length < 2 || !selected.includes(clicked)) return [{ key: engineKeyOfArgs(args), args: [...args] }];
  const groups = new Map<string | undefined, unknown[]>();
  for (const item of [clicked, ...selected.filter((x) => x !== clicked)]) {
    const key = keyOf(item);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  if (groups.size === 1) return [{ key: keyOf(clicked), args: [...args] }];
  return [...groups].map(([key, items]) => ({ key, args: [items[0], items, ...rest] }));
}

/**
 * Commands that act on an engine when run from the palette (or from a file's menu): with more
 * than one engine shown they first ask which one. View-level commands (refresh, filter, sort,
 * group), the compose options, registries and contexts do not.
 */
export function commandAsksForEngine(id: string): boolean {
  if (/\.(refresh|filter|clearFilter|sortBy|groupBy)$/.test(id)) return false;
  if (id === 'dockyard.compose.chooseOptions' || id === 'dockyard.compose.addDockerFiles') return false;
  if (id === 'dockyard.registry.pull' || id === 'dockyard.registry.pullAndRun') return true;
  return /^dockyard\.(container|containers|image|images|volume|volumes|network|networks|system|compose|composeProject)\./.test(id);
}

export class CommandScope {
  private readonly storage = new AsyncLocalStorage<{ key: string | undefined }>();

  /** The engine key of the command running in this async context (undefined: the active engine). */
  get key(): string | undefined {
    return this.storage.getStore()?.key;
  }

  /** True inside a command (a command run by another command keeps the outer one's engine). */
  get inside(): boolean {
    return this.storage.getStore() !== undefined;
  }

  run<T>(key: string | undefined, fn: () => T): T {
    return this.storage.run({ key }, fn);
  }
}

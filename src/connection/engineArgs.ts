// Which engine a tree command's arguments belong to. A command started on a tree item of a
// pinned engine acts on that engine; a selection across several engines' roots runs once per
// engine. The engine is handed to the command (Ctx.registerEngineCommands), never read from
// ambient state. Pure (no vscode).

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
 * Where an engine command started outside a tree (the palette, a file's menu, another command)
 * gets its engine: 'ask' asks which one while several engines are shown; 'active' takes the
 * active engine (views that follow only the active engine: swarm, registries).
 */
export type PaletteEngine = 'ask' | 'active';

/** Which engine(s) one run of an engine command acts on: per part of the arguments, or a question first. */
export function planEngineRuns(args: readonly unknown[], multi: boolean, palette: PaletteEngine): { ask: true } | { ask: false; parts: { key: string | undefined; args: unknown[] }[] } {
  const parts = splitByEngine(args);
  if (parts.length === 1 && parts[0].key === undefined && multi && palette === 'ask') return { ask: true };
  return { ask: false, parts };
}

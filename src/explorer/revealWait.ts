// How reveal() waits for an item that is not in the view yet (an image just pulled, built or
// tagged): it checks after every load, whoever caused it (the engine's events refresh the view),
// and asks for a reload itself only a few times, spaced out. It never reloads in a loop: a
// reference that never matches costs a handful of list calls, not hundreds a second.
// Pure (no vscode): the tree hands in its primitives.

export interface RevealWaitDeps<T> {
  /** The matching item among those loaded, if any. */
  find(): T | undefined;
  /** Called after every load of the view; returns the unsubscribe. */
  onLoad(listener: () => void): { dispose(): void };
  /** Asks the view to reload (a load follows only while the view is visible). */
  refresh(): void;
}

export interface RevealWaitOptions {
  timeoutMs: number;
  /** Delays before each reload this wait asks for itself (ms from the start); their count bounds the reloads. */
  refreshAtMs?: readonly number[];
}

/** Reloads asked for at these times after the start: at once, then after 0.5, 1.5 and 3.5 s. */
export const REVEAL_REFRESH_AT_MS: readonly number[] = [0, 500, 1500, 3500];

/** Resolves with the item once a load brings it, or undefined at the deadline. */
export function waitForItem<T>(deps: RevealWaitDeps<T>, opts: RevealWaitOptions): Promise<T | undefined> {
  const first = deps.find();
  if (first !== undefined) return Promise.resolve(first);
  const schedule = opts.refreshAtMs ?? REVEAL_REFRESH_AT_MS;
  return new Promise<T | undefined>((resolve) => {
    const timers: NodeJS.Timeout[] = [];
    let done = false;
    const finish = (item: T | undefined) => {
      if (done) return;
      done = true;
      sub.dispose();
      for (const t of timers) clearTimeout(t);
      resolve(item);
    };
    const sub = deps.onLoad(() => {
      const item = deps.find();
      if (item !== undefined) finish(item);
    });
    for (const at of schedule) {
      if (at >= opts.timeoutMs) continue;
      timers.push(setTimeout(() => { if (!done) deps.refresh(); }, at));
    }
    timers.push(setTimeout(() => finish(deps.find()), opts.timeoutMs));
  });
}

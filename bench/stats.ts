// Helpers for benchmarks: repeated timing and medians.

export interface BenchEntry {
  name: string;
  dockyard_ms: number;
  baseline: string | null;
  baseline_ms: number | null;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Runs fn `warmup` times untimed, then `runs` times; returns the median in ms. */
export async function timeMedian(fn: () => Promise<unknown> | unknown, runs = 7, warmup = 1): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return round(median(times));
}

export function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

/**
 * Times several functions round-robin (a, b, c, a, b, c, …) so that machine noise falls on
 * all of them alike; returns each one's median in ms.
 */
export async function timeInterleaved(fns: (() => Promise<unknown> | unknown)[], runs = 9, warmup = 1): Promise<number[]> {
  const times: number[][] = fns.map(() => []);
  for (let i = 0; i < warmup + runs; i++) {
    for (let j = 0; j < fns.length; j++) {
      const t0 = process.hrtime.bigint();
      await fns[j]();
      if (i >= warmup) times[j].push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  return times.map((t) => round(median(t)));
}

// npm run bench: every benchmark, one table, bench/results.json (git-ignored).
// Run through scripts/with-engine.mjs so the private engine is up (npm run bench does that).
import { writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Each suite: a module and the function that returns its entries. Later features add theirs. */
const suites = [
  ['explorer.ts', 'runExplorerBench'],
  ['dockerfile.mjs', 'run'],
  ['context-pack.mjs', 'run'],
  ['build-buildkit.mjs', 'run'],
  ['registry.ts', 'runRegistryBench'],
  ['containerFiles.ts', 'runContainerFilesBench'],
  ['compose.ts', 'runComposeBench'],
  ['composeWatch.ts', 'runComposeWatchBench'],
  ['swarm.ts', 'runSwarmBench'],
  ['engines.ts', 'runEnginesBench'],
  ['imageLayers.ts', 'runImageLayersBench'],
];

// `npm run bench -- compose`: only the suites whose file name starts with one of the words given.
const only = process.argv.slice(2);
const results = [];
for (const [file, fn] of suites) {
  const full = path.join(here, file);
  if (!existsSync(full)) continue;
  if (only.length && !only.some((w) => file.startsWith(w))) continue;
  const mod = await import(pathToFileURL(full).href);
  const entries = await mod[fn]();
  results.push(...entries);
}

const pad = (s, n) => String(s).padEnd(n);
console.log(`\n${pad('benchmark', 34)}${pad('dockyard ms', 14)}${pad('baseline', 30)}${pad('baseline ms', 14)}ratio`);
for (const r of results) {
  const ratio = r.baseline_ms ? (r.dockyard_ms / r.baseline_ms).toFixed(2) : '';
  console.log(`${pad(r.name, 34)}${pad(r.dockyard_ms, 14)}${pad(r.baseline ?? '-', 30)}${pad(r.baseline_ms ?? '-', 14)}${ratio}`);
}
writeFileSync(path.join(here, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nwrote bench/results.json (${results.length} entries)`);

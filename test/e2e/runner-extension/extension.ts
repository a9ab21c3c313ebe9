// Test-only extension, installed next to Dockyard by scripts/e2e.mjs: once the extension host
// is up, it runs the bundled suites (./suite/index.js) and writes their results to the file
// named in ./config.json, where the harness picks them up.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RunnerConfig, SuiteResults } from '../harness/results';

interface SuiteModule {
  collect(files?: string): Promise<SuiteResults>;
}

export async function activate(): Promise<void> {
  const config = JSON.parse(fs.readFileSync(path.join(__dirname, 'config.json'), 'utf8')) as RunnerConfig;
  // Each browser connection gets its own extension host: run once per harness run.
  const claim = `${config.resultsFile}.claimed`;
  try { fs.writeFileSync(claim, String(process.pid), { flag: 'wx' }); } catch { return; }
  let results: SuiteResults;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const suite = require(path.join(__dirname, 'suite', 'index.js')) as SuiteModule;
    results = await suite.collect(config.files);
  } catch (e) {
    results = { host: 'unknown', tests: [], error: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) };
  }
  const tmp = `${config.resultsFile}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(results, null, 2));
  fs.renameSync(tmp, config.resultsFile);
}

export function deactivate(): void {
  // nothing to release
}

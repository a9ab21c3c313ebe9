// Bundles the e2e test code that runs inside VS Code: the extension-host suites
// (test/e2e/suite/*.ts) and the test-only runner extension (test/e2e/runner-extension/).
// npm packages stay external: they resolve from the project's node_modules at run time.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  external: ['vscode'],
  sourcemap: 'inline',
  logLevel: 'warning',
};

/** Bundles suite/index.ts and every suite/*.test.ts into outDir. */
export async function buildSuites(outDir) {
  const suiteDir = path.join(root, 'test', 'e2e', 'suite');
  const entries = readdirSync(suiteDir).filter((f) => f === 'index.ts' || f.endsWith('.test.ts')).map((f) => path.join(suiteDir, f));
  rmSync(outDir, { recursive: true, force: true });
  await esbuild.build({ ...common, entryPoints: entries, outdir: outDir });
}

/** Writes the runner extension (with its suites and config) into extDir. */
export async function buildRunnerExtension(extDir, config) {
  rmSync(extDir, { recursive: true, force: true });
  mkdirSync(extDir, { recursive: true });
  const src = path.join(root, 'test', 'e2e', 'runner-extension');
  copyFileSync(path.join(src, 'package.json'), path.join(extDir, 'package.json'));
  await esbuild.build({ ...common, entryPoints: [path.join(src, 'extension.ts')], outfile: path.join(extDir, 'extension.js') });
  await buildSuites(path.join(extDir, 'suite'));
  writeFileSync(path.join(extDir, 'config.json'), JSON.stringify(config, null, 2));
}

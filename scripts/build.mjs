// Bundles the extension (and the command-line tools) with esbuild into dist/.
// Usage: node scripts/build.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { ensureValidator } from './compose-schema.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');

/** Entry points: the extension, plus any command-line tool that exists in src/. */
const entries = [
  { in: 'src/extension.ts', out: 'extension' },
  { in: 'src/dockerfile/lint.ts', out: 'lint' },
].filter((e) => existsSync(path.join(root, e.in)));

// The compose schema's validator is compiled ahead of time (checked in; remade here when the schema or ajv changed).
if (await ensureValidator()) console.log('compose schema validator regenerated (src/compose/language/schema/validate.generated.js)');

await esbuild.build({
  absWorkingDir: root,
  entryPoints: entries,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode', 'cpu-features'],
  loader: { '.node': 'empty', '.wasm': 'file' },
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
});

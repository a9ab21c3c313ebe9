// Replaces the vendored Compose Specification schema with another copy of compose-go's
// schema/compose-spec.json, records where it came from, and precompiles its validator.
// Usage: node scripts/refresh-compose-schema.mjs <file or URL> [--version TAG] [--commit SHA]
//   e.g. node scripts/refresh-compose-schema.mjs https://raw.githubusercontent.com/compose-spec/compose-go/v2.14.0/schema/compose-spec.json
// A raw.githubusercontent.com URL gives the version (the tag or commit in it) by itself.
// Then: npm run test:unit (the corpus must stay free of errors), and update the version in README.md.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureValidator, SCHEMA_FILE, sha256, SOURCE_FILE } from './compose-schema.mjs';

function usage(message) {
  console.error(`${message}\nusage: node scripts/refresh-compose-schema.mjs <file or URL> [--version TAG] [--commit SHA]`);
  process.exit(2);
}

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (!v || v.startsWith('--')) usage(`${name} needs a value`);
  args.splice(i, 2);
  return v;
};
let version = option('--version');
let commit = option('--commit');
const from = args[0];
if (!from || args.length > 1) usage('one file or URL, please');

let text;
let url;
if (/^https?:\/\//.test(from)) {
  url = from;
  const res = await fetch(from);
  if (!res.ok) usage(`${from}: HTTP ${res.status}`);
  text = await res.text();
  const raw = /^https:\/\/raw\.githubusercontent\.com\/([^/]+\/[^/]+)\/([^/]+)\/schema\/compose-spec\.json$/.exec(from);
  if (raw && !version) {
    if (/^[0-9a-f]{40}$/.test(raw[2])) commit ??= raw[2];
    else version = raw[2];
  }
} else {
  text = readFileSync(path.resolve(from), 'utf8');
}

let schema;
try { schema = JSON.parse(text); } catch (e) { usage(`not JSON: ${e.message}`); }
if (schema.title !== 'Compose Specification' || typeof schema.$defs !== 'object') {
  usage('this is not the Compose Specification schema of compose-go (no title "Compose Specification" or no $defs)');
}
if (!String(schema.$schema).includes('2020-12')) usage(`the schema declares ${schema.$schema}: the validator is made with ajv's JSON Schema 2020-12 build`);

const previous = JSON.parse(readFileSync(SOURCE_FILE, 'utf8'));
writeFileSync(SCHEMA_FILE, text);
const source = {
  repository: previous.repository,
  path: previous.path,
  version: version ?? 'unknown (pass --version)',
  commit: commit ?? 'unknown (pass --commit)',
  // A local copy: where that version is published.
  url: url ?? (version || commit ? `https://raw.githubusercontent.com/compose-spec/compose-go/${version ?? commit}/schema/compose-spec.json` : 'a local copy'),
  sha256: sha256(text),
  license: previous.license,
  retrieved: new Date().toISOString().slice(0, 10),
};
writeFileSync(SOURCE_FILE, `${JSON.stringify(source, null, 2)}\n`);
const regenerated = await ensureValidator();
console.log(`compose-spec.json: ${source.version} (${source.commit}), sha256 ${source.sha256}`);
console.log(`${regenerated ? 'validator regenerated' : 'unchanged'}. Next: npm run test:unit, and the schema version in README.md and CHANGELOG.md.`);

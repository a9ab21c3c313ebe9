// The shape of the code, checked on every run (see README "Architecture"): no import cycles
// between files or folders (type-only imports included), src/engine/ a vscode-free leaf over
// src/shared/, src/shared/ importing nothing else, dockerode only in the engine, the service
// folders never importing a feature, and every command id of package.json written out literally
// in exactly one register.ts; register functions that stay short; the language cores
// (dockerfile/ but its vscode/ skin, compose/language/) vscode-free; no feature importing another.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const ROOT = path.join(__dirname, '..', '..');
const SRC = path.join(ROOT, 'src');

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

const files = walk(SRC).map((f) => path.relative(SRC, f).split(path.sep).join('/'));

/** file → its imports: relative ones resolved to src files, bare ones as package names. */
const graph = new Map<string, { local: string[]; packages: string[] }>();
for (const f of files) {
  const text = fs.readFileSync(path.join(SRC, f), 'utf8');
  const info = ts.preProcessFile(text, true, true);
  const local: string[] = [];
  const packages: string[] = [];
  for (const imp of info.importedFiles) {
    const spec = imp.fileName;
    if (spec.startsWith('.')) {
      const base = path.posix.normalize(path.posix.join(path.posix.dirname(f), spec));
      const hit = [`${base}.ts`, `${base}/index.ts`, base].find((c) => files.includes(c));
      // Data files (a JSON schema) and generated code beside its declaration (the schema's
      // precompiled validator, which imports only ajv's runtime) are not modules of the graph.
      if (!hit && /\.json$/.test(base) && fs.existsSync(path.join(SRC, base))) continue;
      if (!hit && files.includes(`${base}.d.ts`) && fs.existsSync(path.join(SRC, `${base}.js`))) continue;
      assert.ok(hit, `${f}: cannot resolve ${spec}`);
      local.push(hit);
    } else {
      packages.push(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
    }
  }
  graph.set(f, { local, packages });
}

/** The folder a file belongs to: the first segment under src/ (files at the top are their own). */
const folderOf = (f: string) => (f.includes('/') ? f.split('/')[0] : f.replace(/\.ts$/, ''));

/** Strongly connected components with more than one node (or a self-loop): the cycles. */
function cycles(nodes: string[], edges: (n: string) => string[]): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index); low.set(v, index); index++;
    stack.push(v); on.add(v);
    for (const w of edges(v)) {
      if (!idx.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); }
      else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do { w = stack.pop()!; on.delete(w); comp.push(w); } while (w !== v);
      if (comp.length > 1 || edges(v).includes(v)) out.push(comp.sort());
    }
  };
  for (const n of nodes) if (!idx.has(n)) visit(n);
  return out;
}

/** Folders that features build on; they never import a feature folder. */
const SERVICES = new Set(['ctx', 'connection', 'explorer', 'terminals', 'ui', 'engine', 'shared', 'imageCache', 'programs', 'credentials']);

/** The vscode-free language cores: the Dockerfile analysis (but its vscode/ adapters and register.ts) and the compose-file analysis. */
const isLanguageCore = (f: string) => (f.startsWith('dockerfile/') && !f.startsWith('dockerfile/vscode/') && f !== 'dockerfile/register.ts') || f.startsWith('compose/language/');

describe('architecture', () => {
  it('has no import cycle between files (type-only imports included)', () => {
    assert.deepEqual(cycles(files, (f) => graph.get(f)!.local), []);
  });

  it('has no import cycle between folders', () => {
    const folders = [...new Set(files.map(folderOf))];
    const edges = (d: string) => [...new Set(files.filter((f) => folderOf(f) === d)
      .flatMap((f) => graph.get(f)!.local.map(folderOf)).filter((x) => x !== d))];
    assert.deepEqual(cycles(folders, edges), []);
  });

  it('keeps src/engine a vscode-free leaf over src/shared', () => {
    const bad = files.filter((f) => f.startsWith('engine/')).flatMap((f) => [
      ...graph.get(f)!.local.filter((i) => !i.startsWith('engine/') && !i.startsWith('shared/')).map((i) => `${f} → ${i}`),
      ...graph.get(f)!.packages.filter((p) => p === 'vscode').map(() => `${f} → vscode`),
    ]);
    assert.deepEqual(bad, []);
  });

  it('keeps src/shared free of vscode and of the rest of src', () => {
    const bad = files.filter((f) => f.startsWith('shared/')).flatMap((f) => [
      ...graph.get(f)!.local.filter((i) => !i.startsWith('shared/')).map((i) => `${f} → ${i}`),
      ...graph.get(f)!.packages.filter((p) => p === 'vscode').map(() => `${f} → vscode`),
    ]);
    assert.deepEqual(bad, []);
  });

  it('lets only src/engine import dockerode and ssh2', () => {
    const bad = files.filter((f) => !f.startsWith('engine/'))
      .flatMap((f) => graph.get(f)!.packages.filter((p) => p === 'dockerode' || p === 'ssh2' || p === 'docker-modem').map((p) => `${f} → ${p}`));
    assert.deepEqual(bad, []);
  });

  it('never has a service folder import a feature folder', () => {
    const bad = files.filter((f) => SERVICES.has(folderOf(f)))
      .flatMap((f) => graph.get(f)!.local.filter((i) => !SERVICES.has(folderOf(i))).map((i) => `${f} → ${i}`));
    assert.deepEqual(bad, []);
  });

  it('keeps the language cores (dockerfile/, compose/language/) free of vscode, over engine/ and shared/ only', () => {
    const bad = files.filter(isLanguageCore).flatMap((f) => [
      ...graph.get(f)!.local.filter((i) => !isLanguageCore(i) && !i.startsWith('shared/') && !i.startsWith('engine/')).map((i) => `${f} → ${i}`),
      ...graph.get(f)!.packages.filter((p) => p === 'vscode').map(() => `${f} → vscode`),
    ]);
    assert.deepEqual(bad, []);
  });

  it('never has a feature import another feature (but the vscode-free Dockerfile and compose-file cores, which any feature may use)', () => {
    const isFeature = (f: string) => !SERVICES.has(folderOf(f)) && folderOf(f) !== 'extension';
    const bad = files.filter(isFeature).flatMap((f) => graph.get(f)!.local
      .filter((i) => isFeature(i) && folderOf(i) !== folderOf(f) && !isLanguageCore(i))
      .map((i) => `${f} → ${i}`));
    assert.deepEqual(bad, []);
  });

  it('writes every command id of package.json literally, once, in a register.ts', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };
    const registers = files.filter((f) => f.endsWith('/register.ts')).map((f) => [f, fs.readFileSync(path.join(SRC, f), 'utf8')] as const);
    const problems: string[] = [];
    for (const { command } of pkg.contributes.commands) {
      const where = registers.filter(([, text]) => text.includes(`'${command}':`));
      if (where.length !== 1) problems.push(`${command}: written in ${where.length} register.ts files`);
    }
    // …and no id is made from a template anywhere.
    for (const f of files) {
      if (/(\[\s*`dockyard\.[^`]*\$\{[^`]*`\s*\]\s*:|registerCommand\(\s*`dockyard\.[^`]*\$\{)/.test(fs.readFileSync(path.join(SRC, f), 'utf8'))) problems.push(`${f}: a command id built from a template`);
    }
    assert.deepEqual(problems, []);
  });

  it('keeps every function of a register.ts at 120 lines or fewer (handlers live in named files)', () => {
    const long: string[] = [];
    for (const f of files.filter((x) => x.endsWith('/register.ts'))) {
      const source = ts.createSourceFile(f, fs.readFileSync(path.join(SRC, f), 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node) => {
        if (ts.isFunctionLike(node) && 'body' in node && node.body) {
          const lines = source.getLineAndCharacterOfPosition(node.getEnd()).line - source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
          if (lines > 120) long.push(`${f}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1} (${lines} lines)`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    assert.deepEqual(long, []);
  });

  it('registers no command that package.json does not declare', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };
    const declared = new Set(pkg.contributes.commands.map((c) => c.command));
    const written = files.filter((f) => f.endsWith('/register.ts'))
      .flatMap((f) => [...fs.readFileSync(path.join(SRC, f), 'utf8').matchAll(/^\s*'(dockyard\.[A-Za-z.]+)':/gm)].map((m) => m[1]));
    assert.deepEqual(written.filter((id) => !declared.has(id)), []);
  });
});

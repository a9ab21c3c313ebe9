#!/usr/bin/env node
// Writes l10n/bundle.l10n.json: `@vscode/l10n-dev export` for the vscode-side files, plus the
// `l10n.t('…')` strings of the vscode-free modules (they import l10n from src/shared/l10n, which
// l10n-dev does not recognise: it only follows imports of 'vscode' or '@vscode/l10n'). Then lists
// the keys l10n/bundle.l10n.zh-cn.json lacks. `npm run l10n` runs this after the manifest script.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'l10n', 'bundle.l10n.json');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dockyard-l10n-'));
try {
  const cli = path.join(root, 'node_modules', '@vscode', 'l10n-dev', 'dist', 'cli.js');
  execFileSync(process.execPath, [cli, 'export', '--outDir', tmp, path.join(root, 'src')], { stdio: 'inherit', cwd: tmp });
  const bundle = JSON.parse(fs.readFileSync(path.join(tmp, 'bundle.l10n.json'), 'utf8'));

  const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : e.name.endsWith('.ts') ? [p] : [];
  });
  let added = 0;
  for (const file of walk(path.join(root, 'src'))) {
    const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (n) => {
      if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 't'
        && /(^|\.)l10n$/.test(n.expression.expression.getText()) && n.arguments[0] && ts.isStringLiteralLike(n.arguments[0])) {
        const key = n.arguments[0].text;
        if (!(key in bundle)) { bundle[key] = key; added++; }
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  // Reference texts kept as data (Dockerfile instruction, flag and mount docs; rule summaries;
  // predefined ARGs): translated where they are shown (`l10n.t(spec.doc)`), so their literals are
  // collected here: values of `doc` / `summary` properties, of objects under `keys`, and of
  // constants named *_DOC / *_DOCS.
  const DATA_FILES = ['src/dockerfile/spec.ts', 'src/dockerfile/rules/meta.ts', 'src/dockerfile/hover.ts'];
  for (const rel of DATA_FILES) {
    const file = path.join(root, rel);
    if (!fs.existsSync(file)) continue;
    const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const take = (n) => {
      if (n && ts.isStringLiteralLike(n) && !/^https?:\/\//.test(n.text) && !(n.text in bundle)) { bundle[n.text] = n.text; added++; }
    };
    const docObject = (o) => {
      if (o && ts.isObjectLiteralExpression(o)) for (const p of o.properties) if (ts.isPropertyAssignment(p)) take(p.initializer);
    };
    const visit = (n) => {
      if (ts.isPropertyAssignment(n)) {
        const name = n.name.getText();
        if (name === 'doc' || name === 'summary') take(n.initializer);
        if (name === 'keys') docObject(n.initializer);
      }
      if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer) {
        if (/_DOC$/.test(n.name.text)) take(n.initializer);
        if (/_DOCS$/.test(n.name.text)) docObject(n.initializer);
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(bundle, null, 2) + '\n');
  console.log(`l10n/bundle.l10n.json: ${Object.keys(bundle).length} strings (${added} from vscode-free modules and reference data)`);

  const zhPath = path.join(root, 'l10n', 'bundle.l10n.zh-cn.json');
  const zh = fs.existsSync(zhPath) ? JSON.parse(fs.readFileSync(zhPath, 'utf8')) : {};
  const missing = Object.keys(bundle).filter((k) => !(k in zh));
  const stale = Object.keys(zh).filter((k) => !(k in bundle));
  if (missing.length) console.log(`bundle.l10n.zh-cn.json lacks ${missing.length}:\n  ${missing.join('\n  ')}`);
  if (stale.length) console.log(`bundle.l10n.zh-cn.json has ${stale.length} stale:\n  ${stale.join('\n  ')}`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}

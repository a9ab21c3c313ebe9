// Dockyard in Chinese (issue 18): the manifest and runtime bundles are complete and agree on
// placeholders, package.json names only keys that exist, and no user-facing call in src/ is given
// a literal English string that bypasses l10n. See README "Architecture" → Localisation.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { formatMessage, l10n, setTranslator } from '../../src/shared/l10n';
import { RULES } from '../../src/dockerfile/rules/meta';
import { DIRECTIVE_DOCS, INSTRUCTIONS, MOUNT_TYPES, MOUNT_TYPE_KEY_DOC } from '../../src/dockerfile/spec';

const ROOT = path.join(__dirname, '..', '..');
const SRC = path.join(ROOT, 'src');
const readJson = (rel: string) => JSON.parse(fs.readFileSync(path.join(ROOT, rel), 'utf8')) as Record<string, unknown>;

/** A bundle entry is a string or { message, comment }. */
const text = (v: unknown): string => (typeof v === 'string' ? v : (v as { message: string }).message);
const placeholders = (s: string) => [...new Set([...s.matchAll(/\{(\d+)\}/g)].map((m) => m[1]))].sort();

function compare(english: Record<string, unknown>, chinese: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const k of Object.keys(english)) {
    if (!(k in chinese)) { problems.push(`missing zh-cn: ${k}`); continue; }
    const en = text(english[k]);
    const zh = text(chinese[k]);
    if (typeof zh !== 'string' || zh.trim() === '') problems.push(`empty zh-cn: ${k}`);
    else {
      // Chinese has no plural: it may leave out a placeholder that English only uses as a plural
      // suffix (`network{1}` with '' or 's'); every other placeholder must be there, none added.
      const suffixOnly = (n: string) => [...en.matchAll(new RegExp(`(.?)\\{${n}\\}`, 'g'))].every((m) => /[a-z]/.test(m[1]));
      const need = placeholders(en).filter((n) => !suffixOnly(n));
      const have = placeholders(zh);
      if (need.some((n) => !have.includes(n)) || have.some((n) => !placeholders(en).includes(n))) problems.push(`placeholders differ: ${k} (${placeholders(en)} vs ${have})`);
    }
  }
  for (const k of Object.keys(chinese)) if (!(k in english)) problems.push(`zh-cn only (stale): ${k}`);
  return problems;
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

describe('l10n', () => {
  describe('src/shared/l10n', () => {
    afterEach(() => setTranslator(undefined));

    it('formats English with positional placeholders by default', () => {
      assert.equal(l10n.t('Removed {0} of {1}', 3, 'web'), 'Removed 3 of web');
      assert.equal(formatMessage('{1}/{0} {2}', 'a', 'b'), 'b/a {2}');
    });

    it('uses the translator extension.ts sets', () => {
      setTranslator((m, ...a) => `zh:${formatMessage(m, ...a)}`);
      assert.equal(l10n.t('Hello {0}', 'x'), 'zh:Hello x');
      setTranslator(undefined);
      assert.equal(l10n.t('Hello {0}', 'x'), 'Hello x');
    });
  });

  describe('manifest', () => {
    const pkg = readJson('package.json');
    const nls = readJson('package.nls.json');
    const zh = readJson('package.nls.zh-cn.json');

    it('has a zh-cn entry for every package.nls.json key, with the same placeholders, and no stale ones', () => {
      assert.deepEqual(compare(nls, zh), []);
    });

    it('names in package.json only %keys% that package.nls.json has, and uses every key', () => {
      const used = [...JSON.stringify(pkg).matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]);
      assert.deepEqual(used.filter((k) => !(k in nls)), []);
      assert.deepEqual(Object.keys(nls).filter((k) => !used.includes(k)), []);
    });

    it('leaves no literal user-visible string in package.json (node scripts/nls-manifest.mjs moves them)', () => {
      const c = (pkg as { contributes: Record<string, unknown> }).contributes as {
        commands: { command: string; title: string; category?: string }[];
        views: Record<string, { id: string; name: string }[]>;
        viewsWelcome: { view: string; contents: string }[];
        configuration: { properties: Record<string, { description?: string; markdownDescription?: string; enumDescriptions?: string[] }> };
      };
      const isKey = (s: string | undefined) => s === undefined || /^%[^%]+%$/.test(s);
      const literal: string[] = [];
      for (const cmd of c.commands) if (!isKey(cmd.title) || !isKey(cmd.category)) literal.push(cmd.command);
      for (const v of Object.values(c.views).flat()) if (!isKey(v.name)) literal.push(v.id);
      for (const w of c.viewsWelcome) if (!isKey(w.contents)) literal.push(`welcome of ${w.view}`);
      for (const [name, p] of Object.entries(c.configuration.properties)) {
        if (!isKey(p.description) || !isKey(p.markdownDescription) || !(p.enumDescriptions ?? []).every(isKey)) literal.push(name);
      }
      assert.deepEqual(literal, []);
    });
  });

  describe('runtime bundle', () => {
    const bundle = readJson('l10n/bundle.l10n.json');
    const zh = readJson('l10n/bundle.l10n.zh-cn.json');

    it('has a zh-cn entry for every bundle.l10n.json key, with the same placeholders, and no stale ones', () => {
      const problems = compare(bundle, zh);
      assert.equal(problems.length, 0, problems.join('\n'));
    });

    it('has a zh-cn entry for every Dockerfile reference text shown in hovers and completions', () => {
      const docs = [
        ...[...INSTRUCTIONS.values()].flatMap((i) => [i.doc, ...i.flags.map((f) => f.doc)]),
        ...Object.values(MOUNT_TYPES).flatMap((m) => [m.doc, ...Object.values(m.keys)]),
        MOUNT_TYPE_KEY_DOC, ...Object.values(DIRECTIVE_DOCS),
        ...[...RULES.values()].map((r) => r.summary),
      ].filter((d): d is string => typeof d === 'string' && d !== '');
      assert.ok(docs.length > 150, `only ${docs.length} reference texts found`);
      assert.deepEqual(docs.filter((d) => !(d in zh)), []);
    });

    it('has no placeholder wrapped in braces (VS Code would not substitute "${{0}}")', () => {
      assert.deepEqual(Object.keys(bundle).filter((k) => /\{\{\d+\}|\{\d+\}\}/.test(k)), []);
    });

    it('contains every l10n.t literal in src/ (npm run l10n regenerates it)', () => {
      const missing: string[] = [];
      for (const file of walk(SRC)) {
        const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
        const visit = (n: ts.Node) => {
          if (ts.isCallExpression(n) && isL10nCall(n) && n.arguments[0] && ts.isStringLiteralLike(n.arguments[0])) {
            if (!(n.arguments[0].text in bundle)) missing.push(`${path.relative(ROOT, file)}: ${n.arguments[0].text}`);
          }
          ts.forEachChild(n, visit);
        };
        visit(sf);
      }
      assert.deepEqual(missing, []);
    });
  });

  describe('lint: no literal English reaches the user past l10n', () => {
    it('calls l10n.t by that name, never through an alias (the extractors only see l10n.t(…), so an alias\'s strings are never translated)', () => {
      const aliases: string[] = [];
      for (const file of walk(SRC)) {
        const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
        const visit = (n: ts.Node) => {
          const isT = (e: ts.Expression | undefined) => !!e && ts.isPropertyAccessExpression(e) && e.name.text === 't' && /(^|\.)l10n$/.test(e.expression.getText());
          const isL10n = (e: ts.Expression | undefined) => !!e && /(^|\.)l10n$/.test(e.getText());
          if (ts.isVariableDeclaration(n) && (isT(n.initializer) || (ts.isObjectBindingPattern(n.name) && isL10n(n.initializer)))) {
            aliases.push(`${path.relative(ROOT, file)}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1} ${n.getText().slice(0, 60)}`);
          }
          ts.forEachChild(n, visit);
        };
        visit(sf);
      }
      assert.deepEqual(aliases, []);
    });

    it('finds every user-facing call in src/ given a translated string or a variable', () => {
      const problems: string[] = [];
      for (const file of walk(SRC)) {
        const rel = path.relative(SRC, file).split(path.sep).join('/');
        const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
        for (const { node, what } of userFacing(sf)) {
          const bad = literalEnglish(node);
          if (bad) {
            const { line } = sf.getLineAndCharacterOfPosition(bad.getStart());
            problems.push(`src/${rel}:${line + 1} ${what}: ${bad.getText().slice(0, 60)}`);
          }
        }
      }
      assert.equal(problems.length, 0, `${problems.length} literal strings reach the user:\n${problems.join('\n')}`);
    });

    it('compares no answer with an English button label the same file translates (it would never match)', () => {
      const problems: string[] = [];
      for (const file of walk(SRC)) {
        const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
        const translated = new Set<string>();
        const compared: ts.StringLiteral[] = [];
        const visit = (n: ts.Node) => {
          if (ts.isCallExpression(n) && isL10nCall(n) && n.arguments[0] && ts.isStringLiteralLike(n.arguments[0])) translated.add(n.arguments[0].text);
          if (ts.isBinaryExpression(n) && (n.operatorToken.kind === ts.SyntaxKind.EqualsEqualsEqualsToken || n.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsEqualsToken)) {
            for (const side of [n.left, n.right]) if (ts.isStringLiteral(side) && /^[A-Z]/.test(side.text)) compared.push(side);
          }
          ts.forEachChild(n, visit);
        };
        visit(sf);
        for (const lit of compared) {
          if (translated.has(lit.text)) problems.push(`${path.relative(ROOT, file)}:${sf.getLineAndCharacterOfPosition(lit.getStart()).line + 1} compares with '${lit.text}'`);
        }
      }
      assert.deepEqual(problems, []);
    });

    it('catches what it is meant to catch', () => {
      const sample = [
        `vscode.window.showErrorMessage('Failed');`,
        'window.showWarningMessage(`Remove ${n}?`, { modal: true }, \'Remove\');',
        `vscode.window.showInputBox({ prompt: 'Name', value: name });`,
        `vscode.window.showQuickPick(items, { placeHolder: x ? 'Pick one' : vscode.l10n.t('Other') });`,
        `vscode.window.withProgress({ location, title: 'Pulling ' + ref }, f);`,
        `qp.placeholder = 'Type';`,
        `item.tooltip = 'Running';`,
        `vscode.window.showErrorMessage(vscode.l10n.t('Failed {0}', e));`,
        `vscode.window.showInformationMessage(message);`,
        `vscode.window.showInputBox({ prompt: l10n.t('Name'), value: 'x' });`,
        `item.description = '';`,
      ].join('\n');
      const sf = ts.createSourceFile('x.ts', sample, ts.ScriptTarget.Latest, true);
      const flagged = userFacing(sf).map(({ node }) => literalEnglish(node)).filter(Boolean)
        .map((n) => sf.getLineAndCharacterOfPosition(n!.getStart()).line + 1);
      assert.deepEqual(flagged, [1, 2, 2, 3, 4, 5, 6, 7]);
    });
  });
});

/** `vscode.l10n.t(…)` or `l10n.t(…)`. */
function isL10nCall(n: ts.CallExpression): boolean {
  const e = n.expression;
  return ts.isPropertyAccessExpression(e) && e.name.text === 't' && /(^|\.)l10n$/.test(e.expression.getText());
}

const MESSAGE_CALLS = new Set(['showErrorMessage', 'showWarningMessage', 'showInformationMessage']);
const OPTION_CALLS: Record<string, { arg: number; props: string[] }> = {
  showInputBox: { arg: 0, props: ['title', 'prompt', 'placeHolder'] },
  showQuickPick: { arg: 1, props: ['title', 'placeHolder'] },
  withProgress: { arg: 0, props: ['title'] },
  showOpenDialog: { arg: 0, props: ['title', 'openLabel'] },
  showSaveDialog: { arg: 0, props: ['title', 'saveLabel'] },
};
const ASSIGNED = new Set(['placeholder', 'tooltip', 'prompt']);

/** The expressions in a file that end up in front of the user. */
function userFacing(sf: ts.SourceFile): { node: ts.Expression; what: string }[] {
  const out: { node: ts.Expression; what: string }[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n)) {
      const e = n.expression;
      const name = ts.isPropertyAccessExpression(e) ? e.name.text : ts.isIdentifier(e) ? e.text : '';
      if (MESSAGE_CALLS.has(name)) {
        for (const a of n.arguments) {
          if (ts.isObjectLiteralExpression(a)) out.push(...props(a, ['detail']).map((node) => ({ node, what: `${name} detail` })));
          else out.push({ node: a, what: name });
        }
      }
      const opt = OPTION_CALLS[name];
      const a = opt && n.arguments[opt.arg];
      if (a && ts.isObjectLiteralExpression(a)) out.push(...props(a, opt.props).map((node) => ({ node, what: name })));
    }
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) && ASSIGNED.has(n.left.name.text)) {
      out.push({ node: n.right, what: `.${n.left.name.text} =` });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

function props(o: ts.ObjectLiteralExpression, names: string[]): ts.Expression[] {
  return o.properties.filter((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && names.includes(p.name.getText()))
    .map((p) => p.initializer);
}

/** The part of an expression that is literal English outside l10n, if any. */
function literalEnglish(n: ts.Expression): ts.Node | undefined {
  if (ts.isCallExpression(n) && isL10nCall(n)) return undefined;
  if (ts.isParenthesizedExpression(n)) return literalEnglish(n.expression);
  if (ts.isConditionalExpression(n)) return literalEnglish(n.whenTrue) ?? literalEnglish(n.whenFalse);
  if (ts.isBinaryExpression(n) && (n.operatorToken.kind === ts.SyntaxKind.PlusToken || n.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || n.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
    return literalEnglish(n.left) ?? literalEnglish(n.right);
  }
  if (ts.isStringLiteralLike(n)) return /[A-Za-z]{2}/.test(n.text) ? n : undefined;
  if (ts.isTemplateExpression(n)) return [n.head.text, ...n.templateSpans.map((s) => s.literal.text)].some((t) => /[A-Za-z]{2}/.test(t)) ? n : undefined;
  return undefined;
}

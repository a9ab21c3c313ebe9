#!/usr/bin/env node
// Wraps user-facing English literals of the given source files in l10n calls, as a pure string
// edit (nothing else in the file moves): `vscode.l10n.t(…)` in files that import vscode,
// `l10n.t(…)` from src/shared/l10n in the vscode-free ones (the import is added). Templates and
// `+` chains become one message with {0}, {1}… and their expressions as arguments (String(x) when
// the type is not a string, number or boolean). Button labels of show*Message calls are wrapped and
// so are the comparisons with the same literal in that file (`choice === 'Remove'`).
//
// What it wraps: arguments of show{Error,Warning,Information}Message (and their `detail`),
// title/prompt/placeHolder/openLabel/saveLabel/description/tooltip/detail properties of object
// literals, `.placeholder/.tooltip/.prompt/.title/.description =` assignments, `new Error(…)`,
// `new EngineError(kind, …)`. Run it after merging code that adds such strings, then
// `npm run l10n` and translate the new keys; the unit test test/unit/l10n.test.ts lists misses.
//
//   node scripts/l10n-wrap.mjs src/volumes/register.ts src/networks/*.ts
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
// --returns: also wrap returned literals (validators that return the reason a value is wrong).
const returns = process.argv.includes('--returns');
// --arrays: also wrap literal elements of array literals (tooltip lines joined with '\n').
const arrays = process.argv.includes('--arrays');
const files = process.argv.slice(2).filter((a) => !a.startsWith('--')).map((f) => path.resolve(f));
if (!files.length) { console.error('usage: node scripts/l10n-wrap.mjs <file.ts>…'); process.exit(2); }

const config = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
const program = ts.createProgram({ rootNames: [...new Set([...config.fileNames, ...files])], options: config.options });
const checker = program.getTypeChecker();

const MESSAGE_CALLS = new Set(['showErrorMessage', 'showWarningMessage', 'showInformationMessage']);
const PROPS = new Set(['title', 'prompt', 'placeHolder', 'openLabel', 'saveLabel', 'description', 'tooltip', 'detail']);
// --props=message,reason: more property names whose string values are shown (diagnostics, reasons).
for (const a of process.argv) if (a.startsWith('--props=')) for (const p of a.slice(8).split(',')) PROPS.add(p);
// Dockyard's own helpers that show their string arguments (src/ui/pick.ts): which arguments.
const HELPERS = { confirm: [1, 3], pickMany: [1, 3], targetsOrPick: [4, 5], reportFailures: [1, 2], containerTargets: [2], imageTargets: [2], report: [1], lifecycle: [1], askRef: [0, 2], say: [0], pickServices: [1], input: [2, 5] };
// --calls=bad,fail: functions whose first argument is a message; --vars=message,detail: variables
// whose initial value is shown.
const CALLS = new Set();
const VARS = new Set();
for (const a of process.argv) {
  // --args=report:2 — more helpers: the argument positions holding a message.
  if (a.startsWith('--args=')) for (const spec of a.slice(7).split(';')) { const [f, pos] = spec.split(':'); HELPERS[f] = pos.split(',').map(Number); }
  if (a.startsWith('--calls=')) for (const p of a.slice(8).split(',')) CALLS.add(p);
  if (a.startsWith('--vars=')) for (const p of a.slice(7).split(',')) VARS.add(p);
}
const ASSIGNED = new Set(['placeholder', 'tooltip', 'prompt', 'title', 'description']);
const english = (s) => /[A-Za-z]{2}/.test(s);

function isL10nCall(n) {
  return ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 't' && /(^|\.)l10n$/.test(n.expression.expression.getText());
}
const quote = (s) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;

for (const file of files) {
  const sf = program.getSourceFile(file);
  if (!sf) { console.error(`${file}: not in the program`); continue; }
  const src = sf.getFullText();
  const usesVscode = sf.statements.some((s) => ts.isImportDeclaration(s) && s.moduleSpecifier.text === 'vscode');
  const fn = usesVscode ? 'vscode.l10n.t' : 'l10n.t';
  /** @type {{start:number,end:number,text:string}[]} */
  const edits = [];
  const buttons = new Set();

  const argText = (e) => {
    const t = checker.getTypeAtLocation(e);
    const parts = t.isUnion() ? t.types : [t];
    const ok = parts.every((p) => p.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike));
    const text = e.getText();
    return ok ? text : `String(${text})`;
  };

  /** Flattens a `+` chain that contains a string literal into message parts. */
  const flatten = (n, out) => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusToken) { flatten(n.left, out); flatten(n.right, out); return; }
    if (ts.isParenthesizedExpression(n) && (ts.isBinaryExpression(n.expression) && n.expression.operatorToken.kind === ts.SyntaxKind.PlusToken)) { flatten(n.expression, out); return; }
    if (ts.isStringLiteralLike(n)) out.push({ lit: n.text });
    else if (ts.isTemplateExpression(n)) {
      out.push({ lit: n.head.text });
      for (const s of n.templateSpans) { out.push({ expr: s.expression }); out.push({ lit: s.literal.text }); }
    } else out.push({ expr: n });
  };
  const hasLiteral = (n) => ts.isStringLiteralLike(n) || ts.isTemplateExpression(n)
    || (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusToken && (hasLiteral(n.left) || hasLiteral(n.right)))
    || (ts.isParenthesizedExpression(n) && hasLiteral(n.expression));

  /** Wraps n (or the literal parts inside conditionals / ?? / ||); returns whether it did. */
  const wrap = (n) => {
    if (!n || isL10nCall(n)) return false;
    if (ts.isParenthesizedExpression(n)) return wrap(n.expression);
    if (ts.isConditionalExpression(n)) { const a = wrap(n.whenTrue); const b = wrap(n.whenFalse); return a || b; }
    if (ts.isBinaryExpression(n) && (n.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || n.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
      const a = wrap(n.left); const b = wrap(n.right); return a || b;
    }
    if (!hasLiteral(n)) return false;
    const parts = [];
    flatten(n, parts);
    if (!parts.some((p) => p.lit !== undefined && english(p.lit))) return false;
    const args = [];
    let message = '';
    for (const p of parts) {
      if (p.lit !== undefined) { message += p.lit; continue; }
      const t = argText(p.expr);
      let i = args.indexOf(t);
      if (i < 0) { args.push(t); i = args.length - 1; }
      message += `{${i}}`;
    }
    edits.push({ start: n.getStart(), end: n.getEnd(), text: `${fn}(${[quote(message), ...args].join(', ')})` });
    return true;
  };

  const visit = (n) => {
    if (isL10nCall(n)) return;
    if (ts.isCallExpression(n)) {
      const e = n.expression;
      const name = ts.isPropertyAccessExpression(e) ? e.name.text : '';
      if (MESSAGE_CALLS.has(name)) {
        n.arguments.forEach((a, i) => {
          if (ts.isObjectLiteralExpression(a)) return;
          if (i > 0 && ts.isStringLiteralLike(a)) buttons.add(a.text);
          wrap(a);
        });
      }
    }
    if (ts.isCallExpression(n)) {
      const e = n.expression;
      const name = ts.isPropertyAccessExpression(e) ? e.name.text : ts.isIdentifier(e) ? e.text : '';
      for (const i of (Object.hasOwn(HELPERS, name) ? HELPERS[name] : [])) wrap(n.arguments[i]);
      if (CALLS.has(name)) wrap(n.arguments[0]);
    }
    if (ts.isPropertyAssignment(n) && n.name.getText() === 'validateInput' && ts.isArrowFunction(n.initializer) && !ts.isBlock(n.initializer.body)) wrap(n.initializer.body);
    if (ts.isNewExpression(n) && n.arguments?.length) {
      const name = n.expression.getText();
      if (name === 'Error' || (/Error$/.test(name) && name !== 'EngineError')) wrap(n.arguments[0]);
      if (name === 'EngineError' && n.arguments[1]) wrap(n.arguments[1]);
    }
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && VARS.has(n.name.text) && n.initializer) wrap(n.initializer);
    if (arrays && ts.isArrayLiteralExpression(n)) for (const el of n.elements) wrap(el);
    if (returns && ts.isReturnStatement(n) && n.expression) wrap(n.expression);
    if (ts.isPropertyAssignment(n) && PROPS.has(n.name.getText())) wrap(n.initializer);
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) && ASSIGNED.has(n.left.name.text)) wrap(n.right);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  // Comparisons with a button label that was wrapped.
  const compare = (n) => {
    if (ts.isBinaryExpression(n) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken].includes(n.operatorToken.kind)) {
      for (const side of [n.left, n.right]) if (ts.isStringLiteral(side) && buttons.has(side.text)) edits.push({ start: side.getStart(), end: side.getEnd(), text: `${fn}(${quote(side.text)})` });
    }
    if (ts.isCaseClause(n) && ts.isStringLiteral(n.expression) && buttons.has(n.expression.text)) edits.push({ start: n.expression.getStart(), end: n.expression.getEnd(), text: `${fn}(${quote(n.expression.text)})` });
    ts.forEachChild(n, compare);
  };
  compare(sf);
  if (!edits.length) continue;
  // Outer edits win over inner ones (a template inside a wrapped conditional is already handled).
  edits.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept = [];
  for (const e of edits) if (!kept.length || e.start >= kept[kept.length - 1].end) kept.push(e);
  let out = src;
  for (const e of kept.reverse()) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  if (!usesVscode && !/import \{[^}]*\bl10n\b[^}]*\} from '[^']*l10n'/.test(out)) {
    let rel = path.relative(path.dirname(file), path.join(root, 'src', 'shared', 'l10n')).split(path.sep).join('/');
    if (!rel.startsWith('.')) rel = `./${rel}`;
    const imports = sf.statements.filter((s) => ts.isImportDeclaration(s));
    const at = imports.length ? imports[imports.length - 1].getEnd() : 0;
    const line = `import { l10n } from '${rel}';`;
    // After the last import, or after the header comment of a file that has none.
    const header = at ? 0 : (/^(?:\/\/[^\n]*\n)*/.exec(out)?.[0].length ?? 0);
    out = at ? out.slice(0, at) + `\n${line}` + out.slice(at) : out.slice(0, header) + `${line}\n` + out.slice(header);
  }
  fs.writeFileSync(file, out);
  console.log(`${path.relative(root, file)}: ${kept.length} wrapped`);
}

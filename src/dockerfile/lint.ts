// Command-line Dockerfile linter: the editor's analysis, for CI pipelines.
//   node dist/lint.js [--context DIR] [--format json|text] [--rule CODE=off|error|warning|info|hint]... FILE...
// Exit status: 1 when a diagnostic has severity error, 0 otherwise, 2 on usage errors, 3 on an internal fault
// (one line on stderr, no stack trace).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, finishDiagnostics } from './analyze';
import { ShellChecker } from './shellcheck';
import { HADOLINT_FILES, readHadolintFile } from './hadolintFile';
import { LintOptions } from './types';
import { FsBuildContext } from './fsContext';
import { computeLineStarts, positionAt } from './parser';
import { RULES, Severity } from './rules/meta';
import { describeError } from '../shared/errors';

// The analysis, for benchmarks and scripts that load dist/lint.js as a module.
export { analyze } from './analyze';
export { buildModel } from './model';
export { parse } from './parser';
export { semanticTokens } from './semanticTokens';
export { clearShellCache } from './shell';
export { ShellChecker } from './shellcheck';
export { format } from './format';

const USAGE = `Usage: lint [options] FILE...

Checks Dockerfiles with BuildKit's build checks, hadolint's DL rules, flag and build-context checks.

Options:
  --context DIR        build context for COPY/ADD checks (default: each file's folder)
  --no-context         skip build-context checks
  --format json|text   json: one object per diagnostic per line (default: text)
  --rule CODE=LEVEL    set a rule's severity (error, warning, info, hint) or turn it off (off); repeatable
  --experimental       run BuildKit's experimental checks too
  --shellcheck PATH    the ShellCheck binary for RUN scripts (default: shellcheck on the PATH)
  --no-shellcheck      do not run ShellCheck
  --config FILE        a hadolint configuration file (default: .hadolint.yaml or .hadolint.yml in the
                       current folder, if there is one): trustedRegistries, label-schema, strict-labels,
                       ignored, override
  -h, --help           show this help

Exit status: 1 if any diagnostic is an error, 0 otherwise, 2 on usage errors, 3 on an internal fault.
`;

interface Args {
  files: string[]; context?: string; noContext: boolean; format: 'json' | 'text'; rules: Record<string, Severity | 'off'>; experimental: boolean;
  shellcheck: string | null;
  config?: string;
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Args | 'help' {
  const a: Args = { files: [], noContext: false, format: 'text', rules: {}, experimental: false, shellcheck: 'shellcheck' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '-h': case '--help': return 'help';
      case '--context': a.context = value(); break;
      case '--no-context': a.noContext = true; break;
      case '--format': {
        const f = value();
        if (f !== 'json' && f !== 'text') throw new UsageError(`--format must be json or text, not '${f}'`);
        a.format = f;
        break;
      }
      case '--rule': {
        const v = value();
        const m = /^([A-Za-z0-9]+)=(off|error|warning|info|hint)$/.exec(v);
        if (!m) throw new UsageError(`--rule expects CODE=off|error|warning|info|hint, not '${v}'`);
        if (!RULES.has(m[1]) && !/^SC\d{4}$/.test(m[1])) throw new UsageError(`unknown rule '${m[1]}'`);
        a.rules[m[1]] = m[2] as Severity | 'off';
        break;
      }
      case '--experimental': a.experimental = true; break;
      case '--shellcheck': a.shellcheck = value(); break;
      case '--no-shellcheck': a.shellcheck = null; break;
      case '--config': a.config = value(); break;
      case '--': a.files.push(...argv.slice(i + 1)); i = argv.length; break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}'`);
        a.files.push(arg);
    }
  }
  if (!a.files.length) throw new UsageError('no Dockerfile given');
  return a;
}

export async function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s), err: (s: string) => void = (s) => process.stderr.write(s)): Promise<number> {
  try {
    return await lint(argv, out, err);
  } catch (e) {
    // never a stack trace (CI would read exit 1 as "findings"): one line, its own status
    err(`lint: internal error: ${describeError(e)}\n`);
    return 3;
  }
}

async function lint(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  let args: Args | 'help';
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) { err(`lint: ${e.message}\n\n${USAGE}`); return 2; }
    throw e;
  }
  if (args === 'help') { out(USAGE); return 0; }
  if (args.context && !fs.existsSync(args.context)) { err(`lint: build context '${args.context}' does not exist\n`); return 2; }
  // hadolint's configuration file: given, or found in the current folder as hadolint finds it
  let fileOpts: Pick<LintOptions, 'trustedRegistries' | 'labelSchema' | 'strictLabels' | 'rules'> = {};
  const configPath = args.config ?? HADOLINT_FILES.find((f) => fs.existsSync(f));
  if (configPath) {
    let text: string;
    try {
      text = fs.readFileSync(configPath, 'utf8');
    } catch (e) {
      err(`lint: cannot read ${configPath}: ${describeError(e)}\n`);
      return 2;
    }
    const r = readHadolintFile(text);
    if (r.problems.length) { err(`lint: ${configPath}: ${r.problems.join('; ')}\n`); return 2; }
    fileOpts = r.options;
  }
  let errors = 0;
  let total = 0;
  const checker = args.shellcheck ? new ShellChecker(args.shellcheck) : undefined;
  let noShellcheckNoted = false;
  for (const file of args.files) {
    let text: string;
    try {
      text = file === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(file, 'utf8');
    } catch (e) {
      err(`lint: cannot read ${file}: ${describeError(e)}\n`);
      return 2;
    }
    const abs = file === '-' ? path.resolve('Dockerfile') : path.resolve(file);
    const context = args.noContext ? undefined : new FsBuildContext(path.resolve(args.context ?? path.dirname(abs)), abs);
    const opts: LintOptions = { ...fileOpts, context, rules: { ...fileOpts.rules, ...args.rules }, experimental: args.experimental };
    const analysis = analyze(text, opts);
    let diagnostics = analysis.diagnostics;
    if (checker) {
      const sc = await checker.check(analysis.model);
      if (sc === null) {
        if (!noShellcheckNoted) err(`lint: ShellCheck not found ('${args.shellcheck}'): RUN scripts were not checked (install shellcheck, or pass --shellcheck PATH or --no-shellcheck)\n`);
        noShellcheckNoted = true;
      } else if (sc.length) {
        diagnostics = [...diagnostics, ...finishDiagnostics(analysis.model.df, sc, opts)].sort((a, b) => a.start - b.start || a.end - b.end);
      }
    }
    const lineStarts = computeLineStarts(text);
    for (const d of diagnostics) {
      const s = positionAt(lineStarts, d.start);
      const e = positionAt(lineStarts, d.end);
      total++;
      if (d.severity === 'error') errors++;
      if (args.format === 'json') {
        out(JSON.stringify({ file, line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1, code: d.code, severity: d.severity, message: d.message }) + '\n');
      } else {
        out(`${file}:${s.line + 1}:${s.character + 1}: ${d.severity} ${d.code}: ${d.message}\n`);
      }
    }
  }
  if (args.format === 'text' && total === 0) err('No problems found.\n');
  return errors > 0 ? 1 : 0;
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}

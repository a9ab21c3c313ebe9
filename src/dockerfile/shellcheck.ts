// ShellCheck on the shell of RUN instructions, as hadolint does it: each RUN's script (its shell-form text, and
// the bodies of heredocs it runs through a shell) goes to `shellcheck -f json1 -s <dialect> -` on standard input,
// with the stage's ARG and ENV names exported on a first line so that they count as defined. Findings come back
// at their Dockerfile line and column. Results are cached per script text. The scripts of a file that are not
// cached yet go to ShellCheck in batches (one process checks up to 40 scripts, written to a private temporary
// folder), a few processes at a time, spawned with argument lists. No `vscode` here: the editor and the lint
// CLI share it.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { Model, Stage, keyValues } from './model';
import { Instruction, computeLineStarts } from './parser';
import { ShellPart, shellParts } from './rules/context';
import { Diagnostic, Edit, Fix } from './types';

export type Dialect = 'sh' | 'bash' | 'dash' | 'ksh';

/** One script to check and how to map its positions back. */
export interface ShellcheckJob {
  ins: Instruction;
  part: ShellPart;
  dialect: Dialect;
  /** `export A=1 B=1` line(s) put before the script (names the stage defines). */
  prefix: string;
}

/** ShellCheck's json1 comment. */
export interface ScComment {
  file?: string;
  line: number; endLine: number; column: number; endColumn: number;
  level: 'error' | 'warning' | 'info' | 'style';
  code: number;
  message: string;
  fix?: { replacements: { line: number; endLine: number; column: number; endColumn: number; replacement: string }[] } | null;
}

/** Scripts per ShellCheck process when a file's RUNs are checked together. */
const BATCH = 40;

/**
 * Codes left out, as hadolint does: sourced files cannot be followed, ash is checked as sh, and a variable
 * may come from the base image's environment, which a Dockerfile alone does not show (SC2154).
 */
export const EXCLUDED = ['SC1090', 'SC1091', 'SC2187', 'SC2154'];

/** The dialect ShellCheck should use for a SHELL (exec form) or the default /bin/sh; undefined: not a POSIX shell. */
export function dialectOf(shell: readonly string[] | undefined): Dialect | undefined {
  if (!shell || !shell.length) return 'sh';
  const exe = (shell[0].split(/[\\/]/).pop() ?? '').toLowerCase().replace(/\.exe$/, '');
  if (exe === 'bash') return 'bash';
  if (exe === 'dash') return 'dash';
  if (exe === 'ksh' || exe === 'mksh') return 'ksh';
  if (exe === 'sh' || exe === 'ash' || exe === 'busybox') return 'sh';
  return undefined; // pwsh, powershell, cmd, zsh, fish, python …
}

const WINDOWS_IMAGE = /(^|\/)(windows|nanoserver|servercore|windowsservercore)(\/|:|$)|mcr\.microsoft\.com\/windows/i;

/** The scripts of every RUN, with the shell and defined names of their stage. */
export function shellcheckJobs(model: Model): ShellcheckJob[] {
  const escape = model.df.escape;
  const jobs: ShellcheckJob[] = [];
  const stageShell = new Map<Stage, string[] | undefined>();
  const stageNames = new Map<Stage, Set<string>>();
  // hadolint's `# hadolint shell=<shell>` pragma: the shell of RUNs that no SHELL instruction sets
  const pragma = model.df.comments.map((c) => /^hadolint\s+shell\s*=\s*(\S+)/i.exec(c.text)?.[1]).find(Boolean);
  for (const stage of model.stages) {
    let shell = stage.base ? stageShell.get(stage.base) : pragma ? [pragma] : undefined;
    const windows = !stage.base && WINDOWS_IMAGE.test(stage.image?.value ?? '');
    if (windows) shell = ['cmd'];
    const names = new Set<string>(stage.base ? stageNames.get(stage.base) ?? [] : []);
    for (const ins of stage.instructions) {
      if (ins.keyword === 'SHELL' && ins.json) shell = ins.json.values;
      if (ins.keyword === 'ARG' || ins.keyword === 'ENV') for (const kv of keyValues(ins, escape)) names.add(kv.name);
      if (ins.keyword !== 'RUN' || ins.json) continue;
      const dialect = dialectOf(shell);
      if (!dialect) continue;
      const parts = shellParts(ins);
      const prefix = names.size ? `export ${[...names].filter((n) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n)).map((n) => `${n}=1`).join(' ')}\n` : '';
      for (const part of parts) {
        // with heredocs, the RUN line only names them (`<<EOF`, `bash <<EOF`): its bodies are checked instead
        if (!part.heredoc && ins.heredocs.length) continue;
        if (!part.text.trim()) continue;
        jobs.push({ ins, part, dialect, prefix: prefix.length > 1 ? prefix : '' });
      }
    }
    stageShell.set(stage, shell);
    stageNames.set(stage, names);
  }
  return jobs;
}

/** Index in `text` of a 1-based line and column (as ShellCheck counts them: one per character). */
function indexOf(lineStarts: number[], text: string, line: number, column: number): number {
  const ls = lineStarts[Math.min(Math.max(line - 1, 0), lineStarts.length - 1)];
  return Math.min(ls + Math.max(column - 1, 0), text.length);
}

const LEVEL: Record<ScComment['level'], Diagnostic['severity']> = {
  // a shell error in a RUN fails that build step; still, a style tool should not turn a building file red
  error: 'warning', warning: 'warning', info: 'info', style: 'info',
};

/** ShellCheck's comments on a job, as Dockerfile diagnostics (raw: no switches applied yet). */
export function toDiagnostics(job: ShellcheckJob, comments: ScComment[]): Diagnostic[] {
  const prefixLines = job.prefix ? job.prefix.split('\n').length - 1 : 0;
  const text = job.part.text;
  const ls = computeLineStarts(text);
  const toDoc = (line: number, column: number, isEnd: boolean): number => {
    const i = indexOf(ls, text, line - prefixLines, column);
    if (!isEnd) return job.part.toDoc(i);
    return i === 0 ? job.part.toDoc(0) : job.part.toDoc(i - 1) + 1;
  };
  const out: Diagnostic[] = [];
  for (const c of comments) {
    if (c.line <= prefixLines) continue;
    const start = toDoc(c.line, c.column, false);
    const end = Math.max(start, toDoc(c.endLine, c.endColumn, true));
    const code = `SC${c.code}`;
    const fixes: Fix[] = [];
    const reps = c.fix?.replacements ?? [];
    if (reps.length && reps.every((r) => r.line > prefixLines && r.endLine > prefixLines)) {
      const edits: Edit[] = reps.map((r) => {
        const s = toDoc(r.line, r.column, false);
        const e = r.endLine === r.line && r.endColumn === r.column ? s : Math.max(s, toDoc(r.endLine, r.endColumn, true));
        return { start: s, end: e, newText: r.replacement };
      });
      // not preferred: Fix All must not quote `$deps` that is meant to split into several words
      fixes.push({ title: `Apply ShellCheck's fix for ${code}`, edits });
    }
    out.push({ code, message: c.message, severity: LEVEL[c.level] ?? 'info', start, end, source: 'shellcheck', fixes });
  }
  return out;
}

/** Runs the ShellCheck binary; caches per (dialect, prefix, script); a few processes at a time. */
export class ShellChecker {
  private readonly cache = new Map<string, Promise<ScComment[] | null>>();
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  /** false once spawning the binary failed (not installed, not executable). */
  available: boolean | undefined;
  /** Processes started (for tests and benchmarks). */
  spawned = 0;

  constructor(readonly path: string, private readonly opts: { concurrency?: number; timeoutMs?: number; cacheSize?: number } = {}) {}

  /** Diagnostics for every RUN of a model; null when the binary cannot be run. */
  async check(model: Model): Promise<Diagnostic[] | null> {
    const jobs = shellcheckJobs(model);
    // what the cache does not hold yet, per dialect, in batches
    const missing = new Map<Dialect, Set<string>>();
    for (const j of jobs) {
      const script = j.prefix + j.part.text;
      if (this.cache.has(`${j.dialect}\0${script}`)) continue;
      let set = missing.get(j.dialect);
      if (!set) missing.set(j.dialect, set = new Set());
      set.add(script);
    }
    for (const [dialect, set] of missing) {
      const scripts = [...set];
      for (let i = 0; i < scripts.length; i += BATCH) this.batch(dialect, scripts.slice(i, i + BATCH));
    }
    const results = await Promise.all(jobs.map((j) => this.run(j.dialect, j.prefix + j.part.text)));
    if (results.some((r) => r === null) && this.available === false) return null;
    const out: Diagnostic[] = [];
    jobs.forEach((j, i) => { const r = results[i]; if (r) out.push(...toDiagnostics(j, r)); });
    return out;
  }

  /** ShellCheck's comments on one script (cached). */
  run(dialect: Dialect, script: string): Promise<ScComment[] | null> {
    const key = `${dialect}\0${script}`;
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const p = this.limited(() => this.spawnOnce(dialect, script));
    this.cache.set(key, p);
    void p.then((r) => { if (r === null) this.cache.delete(key); });
    const max = this.opts.cacheSize ?? 5000;
    if (this.cache.size > max) this.cache.delete(this.cache.keys().next().value as string);
    return p;
  }

  /** Puts one promise per script in the cache, settled by one ShellCheck process over all of them. */
  private batch(dialect: Dialect, scripts: string[]): void {
    if (scripts.length === 1) { void this.run(dialect, scripts[0]); return; }
    const settle: ((v: ScComment[] | null) => void)[] = [];
    scripts.forEach((script) => {
      const key = `${dialect}\0${script}`;
      const p = new Promise<ScComment[] | null>((resolve) => settle.push(resolve));
      this.cache.set(key, p);
      void p.then((r) => { if (r === null) this.cache.delete(key); });
    });
    const max = this.opts.cacheSize ?? 5000;
    while (this.cache.size > max) this.cache.delete(this.cache.keys().next().value as string);
    void this.limited(() => this.spawnFiles(dialect, scripts)).then((per) => scripts.forEach((_, i) => settle[i](per ? per[i] : null)));
  }

  /** One process over several scripts, written as files into a private temporary folder. */
  private async spawnFiles(dialect: Dialect, scripts: string[]): Promise<ScComment[][] | null> {
    if (this.available === false) return null;
    let dir: string;
    try {
      dir = await fs.promises.mkdtemp(nodePath.join(os.tmpdir(), 'dockyard-sc-'));
    } catch {
      const one = await Promise.all(scripts.map((s) => this.spawnOnce(dialect, s)));
      return one.some((x) => x === null) ? null : one as ScComment[][];
    }
    try {
      const names = scripts.map((_, i) => `${i}.sh`);
      await Promise.all(scripts.map((s, i) => fs.promises.writeFile(nodePath.join(dir, names[i]), s)));
      const all = await this.exec(dialect, names, undefined, dir);
      if (all === null) return null;
      const per: ScComment[][] = scripts.map(() => []);
      for (const c of all) {
        const i = Number(/^(\d+)\.sh$/.exec(nodePath.basename(c.file ?? ''))?.[1]);
        if (Number.isInteger(i) && per[i]) per[i].push(c);
      }
      return per;
    } finally {
      void fs.promises.rm(dir, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  private async limited<T>(fn: () => Promise<T>): Promise<T> {
    const max = this.opts.concurrency ?? 3;
    if (this.running >= max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await fn();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  private spawnOnce(dialect: Dialect, script: string): Promise<ScComment[] | null> {
    return this.exec(dialect, ['-'], script);
  }

  /** Runs ShellCheck on files (or `-` with `stdin`); its comments, or null when it cannot be run. */
  private exec(dialect: Dialect, files: string[], stdin?: string, cwd?: string): Promise<ScComment[] | null> {
    if (this.available === false) return Promise.resolve(null);
    return new Promise((resolve) => {
      let out = '';
      let done = false;
      const finish = (v: ScComment[] | null): void => { if (!done) { done = true; clearTimeout(timer); resolve(v); } };
      const child = spawn(this.path, ['-f', 'json1', '-s', dialect, '-e', EXCLUDED.join(','), ...files], { stdio: ['pipe', 'pipe', 'ignore'], windowsHide: true, cwd });
      this.spawned++;
      const timer = setTimeout(() => { child.kill(); finish([]); }, this.opts.timeoutMs ?? 15000);
      child.on('error', () => { this.available = false; finish(null); });
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (d: string) => { out += d; });
      child.on('close', () => {
        if (done) return;
        try {
          const parsed = JSON.parse(out) as { comments?: ScComment[] };
          this.available = true;
          finish(Array.isArray(parsed.comments) ? parsed.comments : []);
        } catch {
          finish([]);
        }
      });
      child.stdin.on('error', () => { /* the process ended early; 'close' or 'error' reports it */ });
      child.stdin.end(stdin ?? '');
    });
  }
}

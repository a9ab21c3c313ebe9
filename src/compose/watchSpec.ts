// Compose Watch, the pure part: the `develop.watch` rules of a project's files, which rule a
// changed host file falls under, where it goes in the container, the ignore patterns
// (.dockerignore semantics, through the one matcher in shared/dockerignore), and the debounce
// that turns a burst of file events into one batch. No vscode, no engine.
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { ignoreMatcher, IgnoreMatcher } from '../shared/dockerignore';
import { l10n } from '../shared/l10n';
import { splitCommand } from './cli';
import type { ProjectFs } from './project';

export const WATCH_ACTIONS = ['sync', 'rebuild', 'sync+restart', 'sync+exec'] as const;
export type WatchAction = (typeof WATCH_ACTIONS)[number];

export interface WatchRule {
  service: string;
  action: WatchAction;
  /** Absolute host path (a folder or a file). */
  path: string;
  /** Absolute container path (posix); none for `rebuild`. */
  target?: string;
  /** Patterns relative to `path`, .dockerignore syntax. */
  ignore: string[];
  initialSync: boolean;
  /** `sync+exec`: what to run in the container after copying. */
  exec?: { command: string[]; user?: string };
}

/** What compose itself never syncs: version control folders and editors' swap/backup files. */
export const DEFAULT_WATCH_IGNORES = ['.git', '**/.git', '**/*~', '**/.*.swp', '**/.*.swx', '**/4913', '**/.#*', '**/#*#'];

/**
 * The watch rules of every service over all the files (a later file's `develop:` of a service
 * replaces the earlier one). Relative paths are resolved against the project folder. Entries
 * that cannot be carried out become problems, one line each; the rest still apply.
 */
export function watchRules(files: string[], fs: ProjectFs, projectDir: string): { rules: WatchRule[]; problems: string[] } {
  const develop = new Map<string, unknown>();
  for (const f of files) {
    const text = fs.read(f);
    if (text === undefined) continue;
    const doc = parseDocument(text, { merge: true });
    if (doc.errors.length) continue;
    const root: unknown = doc.toJS();
    const services = isObject(root) ? root.services : undefined;
    if (!isObject(services)) continue;
    for (const [name, svc] of Object.entries(services)) {
      if (isObject(svc) && svc.develop !== undefined) develop.set(name, svc.develop);
    }
  }
  const rules: WatchRule[] = [];
  const problems: string[] = [];
  for (const [service, dev] of develop) {
    const watch = isObject(dev) ? dev.watch : undefined;
    if (!Array.isArray(watch)) continue;
    watch.forEach((entry: unknown, i) => {
      const where = `${service} develop.watch[${i}]`;
      if (!isObject(entry)) { problems.push(l10n.t('{0}: not a mapping.', where)); return; }
      const action = entry.action;
      if (typeof action !== 'string' || !(WATCH_ACTIONS as readonly string[]).includes(action)) {
        problems.push(l10n.t('{0}: action "{1}" is not one of {2}.', where, String(action), WATCH_ACTIONS.join(', ')));
        return;
      }
      if (typeof entry.path !== 'string' || !entry.path) { problems.push(l10n.t('{0}: no path.', where)); return; }
      if (entry.path.includes('$')) { problems.push(l10n.t('{0}: variables in path are not supported by the watch here ({1}).', where, entry.path)); return; }
      const target = typeof entry.target === 'string' ? entry.target : undefined;
      if (action !== 'rebuild' && (!target || !target.startsWith('/') || target.includes('$'))) {
        problems.push(l10n.t('{0}: {1} needs an absolute target path in the container.', where, action));
        return;
      }
      const ignore = Array.isArray(entry.ignore) ? entry.ignore.filter((x): x is string => typeof x === 'string') : [];
      const rule: WatchRule = {
        service, action: action as WatchAction, path: path.resolve(projectDir, entry.path), ignore,
        initialSync: entry.initial_sync === true,
      };
      if (target) rule.target = path.posix.normalize(target).replace(/(.)\/+$/, '$1');
      if (action === 'sync+exec') {
        const exec = isObject(entry.exec) ? entry.exec : undefined;
        const cmd = exec?.command;
        const command = Array.isArray(cmd) ? cmd.map(String) : typeof cmd === 'string' ? splitCommand(cmd) : [];
        if (!command.length) { problems.push(l10n.t('{0}: sync+exec needs exec.command.', where)); return; }
        rule.exec = { command, user: typeof exec?.user === 'string' ? exec.user : undefined };
      }
      rules.push(rule);
    });
  }
  return { rules, problems };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A rule with its matcher built once. */
export class CompiledRule {
  private readonly matcher: IgnoreMatcher;
  constructor(readonly rule: WatchRule) {
    this.matcher = ignoreMatcher([...DEFAULT_WATCH_IGNORES, ...rule.ignore]);
  }

  /** The host path relative to the rule's path (posix), '' for the path itself; undefined when outside. */
  relative(hostPath: string): string | undefined {
    const rel = path.relative(this.rule.path, hostPath);
    if (rel === '') return '';
    if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
    return rel.split(path.sep).join('/');
  }

  /** True when the rule covers the host path and its patterns do not exclude it. */
  covers(hostPath: string): boolean {
    const rel = this.relative(hostPath);
    if (rel === undefined) return false;
    return rel === '' || !this.matcher.ignores(rel);
  }

  /** Where the host path lands in the container (sync actions). */
  containerPath(hostPath: string): string | undefined {
    const rel = this.relative(hostPath);
    if (rel === undefined || !this.rule.target) return undefined;
    return rel === '' ? this.rule.target : path.posix.join(this.rule.target, rel);
  }
}

export type ChangeKind = 'changed' | 'deleted';

/** What one batch of changes asks of one service. */
export interface ServicePlan {
  service: string;
  /** Host paths to copy, with where they go. */
  copies: { hostPath: string; containerPath: string }[];
  /** Container paths to delete. */
  deletes: string[];
  restart: boolean;
  execs: { command: string[]; user?: string }[];
  /** A `rebuild` path changed: build and recreate (the syncs of this batch are then moot). */
  rebuild: boolean;
}

/**
 * Turns a batch (host path → changed or deleted, as found on disk when the batch flushes) into
 * one plan per service, in the rules' order of services.
 */
export function planBatch(rules: CompiledRule[], batch: ReadonlyMap<string, ChangeKind>): ServicePlan[] {
  const plans = new Map<string, ServicePlan>();
  const plan = (service: string) => {
    let p = plans.get(service);
    if (!p) plans.set(service, p = { service, copies: [], deletes: [], restart: false, execs: [], rebuild: false });
    return p;
  };
  for (const [hostPath, kind] of batch) {
    for (const r of rules) {
      if (!r.covers(hostPath)) continue;
      const p = plan(r.rule.service);
      if (r.rule.action === 'rebuild') { p.rebuild = true; continue; }
      const to = r.containerPath(hostPath)!;
      if (kind === 'deleted') { if (!p.deletes.includes(to)) p.deletes.push(to); } else if (!p.copies.some((c) => c.containerPath === to)) p.copies.push({ hostPath, containerPath: to });
      if (r.rule.action === 'sync+restart') p.restart = true;
      if (r.rule.action === 'sync+exec' && r.rule.exec && !p.execs.includes(r.rule.exec)) p.execs.push(r.rule.exec);
    }
  }
  for (const p of plans.values()) {
    if (p.rebuild) { p.copies = []; p.deletes = []; p.restart = false; p.execs = []; }
  }
  return [...plans.values()].filter((p) => p.rebuild || p.copies.length || p.deletes.length);
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) };

/**
 * Collects file events and hands them over as one batch once none came for `quietMs`, or at the
 * latest `maxWaitMs` after the first one of the batch (a steady stream of writes still syncs).
 */
export class ChangeBatcher {
  private pending = new Set<string>();
  private quiet: unknown;
  private deadline: unknown;

  constructor(private readonly quietMs: number, private readonly maxWaitMs: number, private readonly flush: (paths: string[]) => void, private readonly timers: Timers = realTimers) {}

  add(hostPath: string): void {
    this.pending.add(hostPath);
    if (this.quiet !== undefined) this.timers.clearTimeout(this.quiet);
    this.quiet = this.timers.setTimeout(() => this.fire(), this.quietMs);
    if (this.deadline === undefined) this.deadline = this.timers.setTimeout(() => this.fire(), this.maxWaitMs);
  }

  private fire(): void {
    this.clear();
    const paths = [...this.pending];
    this.pending = new Set();
    if (paths.length) this.flush(paths);
  }

  private clear(): void {
    if (this.quiet !== undefined) this.timers.clearTimeout(this.quiet);
    if (this.deadline !== undefined) this.timers.clearTimeout(this.deadline);
    this.quiet = this.deadline = undefined;
  }

  /** Drops what is pending. */
  dispose(): void {
    this.clear();
    this.pending.clear();
  }
}

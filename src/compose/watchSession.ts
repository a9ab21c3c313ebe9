// Compose Watch carried out over the Engine API: host file events (from whatever watcher the
// caller hands in) are batched, planned per service (watchSpec.ts) and carried out on the
// service's running containers: files copied in through PUT /archive, deleted files removed,
// the container restarted or a command run after a sync, a rebuild handed to the caller (the
// compose CLI builds and recreates). No vscode.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Engine } from '../engine/engine';
import { execCapture } from '../engine/archive';
import { describeError } from '../engine/errors';
import { copyIntoContainer, removeFromContainer } from '../engine/syncFiles';
import { Emitter } from '../shared/emitter';
import { l10n } from '../shared/l10n';
import { ChangeBatcher, ChangeKind, CompiledRule, planBatch, ServicePlan, Timers, WatchRule } from './watchSpec';

/** Watches a host folder (recursively) or file; calls back with the absolute path of each change. */
export type FolderWatcher = (hostPath: string, onChange: (changed: string) => void) => { dispose(): void };

export interface WatchOptions {
  engine: Engine;
  project: string;
  rules: WatchRule[];
  watch: FolderWatcher;
  /** Builds and recreates a service (`rebuild` rules). */
  rebuild(service: string): Promise<void>;
  log(line: string): void;
  /** Quiet time before a batch goes (ms). */
  debounceMs?: number;
  timers?: Timers;
}

export interface SyncReport {
  service: string;
  containers: number;
  files: number;
  deleted: number;
  restarted: boolean;
  rebuilt: boolean;
  /** From the first event of the batch to the end of its work. */
  ms: number;
}

/**
 * Node's own recursive fs.watch, for code without VS Code (tests, tools). A path that does not
 * exist yet is not watched (logged by the caller's log).
 */
export const nodeFolderWatcher: FolderWatcher = (hostPath, onChange) => {
  let isDir = false;
  try { isDir = fs.statSync(hostPath).isDirectory(); } catch { return { dispose: () => undefined }; }
  const w = fs.watch(hostPath, { recursive: isDir }, (_event, name) => {
    onChange(isDir && name ? path.join(hostPath, name.toString()) : hostPath);
  });
  w.on('error', () => undefined);
  return { dispose: () => w.close() };
};

export class WatchSession {
  private readonly rules: CompiledRule[];
  private readonly batcher: ChangeBatcher;
  private readonly watchers: { dispose(): void }[] = [];
  private queue: Promise<void> = Promise.resolve();
  private firstEventAt: number | undefined;
  private stopped = false;
  readonly onDidSync = new Emitter<SyncReport>();
  readonly onDidFail = new Emitter<string>();

  constructor(private readonly opts: WatchOptions) {
    this.rules = opts.rules.map((r) => new CompiledRule(r));
    const quiet = opts.debounceMs ?? 150;
    this.batcher = new ChangeBatcher(quiet, Math.max(quiet * 10, 1000), (paths) => this.enqueue(paths), opts.timers);
  }

  get services(): string[] {
    return [...new Set(this.opts.rules.map((r) => r.service))];
  }

  /** Starts watching; initial syncs (`initial_sync: true`) run first. */
  async start(): Promise<void> {
    const initial = this.rules.filter((r) => r.rule.initialSync && r.rule.action !== 'rebuild');
    for (const r of initial) {
      await this.run(new Map([[r.rule.path, 'changed' as ChangeKind]]), Date.now(), [r]);
    }
    if (this.stopped) return;
    // One watcher per distinct path (several rules may share one).
    for (const p of [...new Set(this.rules.map((r) => r.rule.path))]) {
      if (!fs.existsSync(p)) { this.opts.log(l10n.t('{0} does not exist: not watched.', p)); continue; }
      this.watchers.push(this.opts.watch(p, (changed) => this.onChange(changed)));
    }
  }

  private onChange(changed: string): void {
    if (this.stopped || !this.rules.some((r) => r.covers(changed))) return;
    this.firstEventAt ??= Date.now();
    this.batcher.add(changed);
  }

  private enqueue(paths: string[]): void {
    const since = this.firstEventAt ?? Date.now();
    this.firstEventAt = undefined;
    this.queue = this.queue.then(async () => {
      if (this.stopped) return;
      const batch = new Map<string, ChangeKind>();
      for (const p of paths) batch.set(p, fs.existsSync(p) ? 'changed' : 'deleted');
      await this.run(batch, since, this.rules);
    });
  }

  /** The batch's work; failures are reported (once per service and batch) and the session goes on. */
  private async run(batch: Map<string, ChangeKind>, since: number, rules: CompiledRule[]): Promise<void> {
    for (const plan of planBatch(rules, batch)) {
      if (this.stopped) return;
      try {
        this.onDidSync.fire(await this.apply(plan, since, rules));
      } catch (e) {
        const message = `${plan.service}: ${describeError(e)}`;
        this.opts.log(message);
        this.onDidFail.fire(message);
      }
    }
  }

  private async apply(plan: ServicePlan, since: number, rules: CompiledRule[]): Promise<SyncReport> {
    const report: SyncReport = { service: plan.service, containers: 0, files: 0, deleted: 0, restarted: false, rebuilt: false, ms: 0 };
    if (plan.rebuild) {
      this.opts.log(l10n.t('{0}: rebuilding (a rebuild path changed)…', plan.service));
      await this.opts.rebuild(plan.service);
      report.rebuilt = true;
      report.ms = Date.now() - since;
      this.opts.log(l10n.t('{0}: rebuilt and recreated in {1} ms.', plan.service, report.ms));
      return report;
    }
    const containers = (await this.opts.engine.listContainers())
      .filter((c) => c.composeProject === this.opts.project && c.composeService === plan.service && c.state === 'running');
    if (!containers.length) {
      this.opts.log(l10n.t('{0}: no running container to sync into.', plan.service));
      report.ms = Date.now() - since;
      return report;
    }
    // Inside a copied folder, what the service's rules exclude stays out.
    const service = rules.filter((r) => r.rule.service === plan.service && r.rule.action !== 'rebuild');
    const skip = (hostPath: string) => !service.some((r) => r.covers(hostPath));
    for (const c of containers) {
      if (plan.copies.length) report.files = (await copyIntoContainer(this.opts.engine, c.id, plan.copies, skip)).files;
      if (plan.deletes.length) { await removeFromContainer(this.opts.engine, c.id, plan.deletes); report.deleted = plan.deletes.length; }
      for (const x of plan.execs) {
        const r = await execCapture(this.opts.engine, c.id, x.command, { user: x.user });
        const out = (r.stdout.toString('utf8') + r.stderr.toString('utf8')).trimEnd();
        if (out) this.opts.log(out);
        if (r.code !== 0) this.opts.log(l10n.t('{0}: {1} exited with {2}.', plan.service, x.command.join(' '), r.code));
      }
      if (plan.restart) { await this.opts.engine.restartContainer(c.id); report.restarted = true; }
      report.containers++;
    }
    report.ms = Date.now() - since;
    const names = plan.copies.map((x) => x.containerPath).concat(plan.deletes.map((d) => `-${d}`));
    this.opts.log(l10n.t('{0}: synced {1} into {2} container(s) in {3} ms{4}.', plan.service, names.slice(0, 5).join(', ') + (names.length > 5 ? ' …' : ''), report.containers, report.ms, report.restarted ? l10n.t(', restarted') : ''));
    return report;
  }

  /** Stops watching; work under way finishes, nothing new starts. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.batcher.dispose();
    for (const w of this.watchers.splice(0)) w.dispose();
    this.onDidSync.clear();
    this.onDidFail.clear();
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Resolves when the work queued so far is done (tests). */
  idle(): Promise<void> {
    return this.queue;
  }
}

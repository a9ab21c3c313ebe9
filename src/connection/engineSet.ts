// Several engines at once: the active engine (the EngineManager, which every feature keeps
// using) and one EngineLink per engine pinned in dockyard.engines (docker contexts pinned from
// the Contexts view, or hosts). Each has its own event stream, state and retry; a pinned engine
// that is unpinned is disposed, which closes its stream. With one engine shown the views look
// exactly as with a single engine.
import * as vscode from 'vscode';
import type { Engine } from '../engine/engine';
import { resolvePinned } from '../engine/hosts/resolve';
import { DockerEvent } from '../engine/models';
import { PaletteEngine, planEngineRuns } from './engineArgs';
import { EngineLink, LinkState } from './engineLink';
import type { EngineManager } from './manager';
import { activeSpec, EngineSpec, isContextPinned, isMulti, parseEnginesSetting, PinnedEntry, shownEngines, withContextPinned } from './pinned';

/** One engine the views show. */
export interface ShownEngine {
  readonly spec: EngineSpec;
  readonly state: LinkState;
  /** Throws a readable EngineError while the engine cannot be dialled. */
  readonly engine: Engine;
  retry(): void;
}

class ActiveEngine implements ShownEngine {
  constructor(readonly spec: EngineSpec, private readonly manager: EngineManager) {}
  get state(): LinkState { return this.manager.state; }
  get engine(): Engine { return this.manager.engine; }
  retry(): void { this.manager.retry(); }
}

class PinnedEngine implements ShownEngine {
  /** The spec may be renamed in place (same key: same engine, same stream). */
  constructor(public spec: EngineSpec, readonly link: EngineLink) {}
  get state(): LinkState { return this.link.state; }
  get engine(): Engine { return this.link.engine; }
  retry(): void { this.link.retry(); }
}

const sameSpec = (a: EngineSpec, b: EngineSpec) => a.key === b.key && a.name === b.name && a.kind === b.kind && a.target === b.target;

const NO_ACTIVE: EngineSpec = { key: 'active', name: 'docker', kind: 'host', target: '', active: true };

export class EngineSet implements vscode.Disposable {
  private readonly links = new Map<string, PinnedEngine>();
  private shownList: ShownEngine[] = [];
  private readonly subs: vscode.Disposable[] = [];
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  private readonly eventEmitter = new vscode.EventEmitter<{ key: string; event: DockerEvent }>();
  private readonly stateEmitter = new vscode.EventEmitter<string>();
  private readonly refreshEmitter = new vscode.EventEmitter<string>();
  private warnedProblems = '';

  /** The engines shown changed (pinned, unpinned, the active engine switched). */
  readonly onDidChange = this.changeEmitter.event;
  /** An event of one shown engine. */
  readonly onDidEvent = this.eventEmitter.event;
  /** One shown engine's state changed (its key). */
  readonly onDidChangeState = this.stateEmitter.event;
  /** Everything of one engine may have changed (its key): connected again, or a refresh. */
  readonly onDidRequestRefresh = this.refreshEmitter.event;

  constructor(
    private readonly manager: EngineManager,
    /** dockyard.engines as it applies (an untrusted workspace's value is ignored). */
    private readonly setting: () => unknown,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subs.push(
      manager.onDidChangeState(() => { this.update(); this.stateEmitter.fire(this.activeKey); }),
      manager.onDidEvent((event) => this.eventEmitter.fire({ key: this.activeKey, event })),
      manager.onDidRequestRefresh(() => this.refreshEmitter.fire(this.activeKey)),
      manager.onDidChangeDockerContexts(() => this.contextsChanged()),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('dockyard.engines')) this.update(); }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.update()),
    );
    this.update();
  }

  /** The engines shown, the active one first. */
  get shown(): readonly ShownEngine[] {
    return this.shownList;
  }

  /** More than one engine shown: the views have one root per engine. */
  get multi(): boolean {
    return isMulti(this.shownList.map((s) => s.spec));
  }

  get activeKey(): string {
    return this.shownList[0]?.spec.key ?? NO_ACTIVE.key;
  }

  get(key: string | undefined): ShownEngine | undefined {
    return key === undefined ? undefined : this.shownList.find((s) => s.spec.key === key);
  }

  private pinnedEntries(): PinnedEntry[] {
    const { entries, problems } = parseEnginesSetting(this.setting());
    const text = problems.join(' ');
    if (text && text !== this.warnedProblems) this.log.warn(text);
    this.warnedProblems = text;
    return entries;
  }

  /** Recomputes which engines are shown; starts links for new pinned engines, disposes the dropped ones. */
  private update(): void {
    const resolved = this.manager.state.resolved;
    const inputs = this.manager.inputs();
    const hostOf = (context: string) => { try { return resolvePinned(inputs, { context }).host; } catch { return undefined; } };
    const specs = shownEngines({ spec: resolved ? activeSpec(resolved) : NO_ACTIVE, host: resolved?.host ?? '' }, this.pinnedEntries(), hostOf);
    const signature = (list: readonly ShownEngine[]) => list.map((s) => `${s.spec.key} ${s.spec.name}`).join('\n');
    const before = signature(this.shownList);
    const next: ShownEngine[] = [];
    const keep = new Set<string>();
    for (const spec of specs) {
      if (spec.active) {
        const prev = this.shownList[0];
        next.push(prev instanceof ActiveEngine && sameSpec(prev.spec, spec) ? prev : new ActiveEngine(spec, this.manager));
        continue;
      }
      keep.add(spec.key);
      let pinned = this.links.get(spec.key);
      if (!pinned) {
        // Resolved with the spec as it is when it dials (a host entry may be renamed in place).
        const link = new EngineLink(spec.key, () => this.resolveSpec(this.links.get(spec.key)?.spec ?? spec), { log: (level, line) => (level === 'warn' ? this.log.warn(line) : this.log.info(line)) });
        pinned = new PinnedEngine(spec, link);
        this.links.set(spec.key, pinned);
        link.onEvent.on((event) => this.eventEmitter.fire({ key: spec.key, event }));
        link.onState.on(() => this.stateEmitter.fire(spec.key));
        link.onRefresh.on(() => this.refreshEmitter.fire(spec.key));
        link.connect();
      }
      pinned.spec = spec;
      next.push(pinned);
    }
    for (const [key, pinned] of this.links) {
      if (keep.has(key)) continue;
      pinned.link.dispose(); // closes its event stream
      this.links.delete(key);
      this.log.info(`Engine ${key} is no longer shown.`);
    }
    this.shownList = next;
    if (signature(next) !== before) this.changeEmitter.fire();
  }

  private resolveSpec(spec: EngineSpec) {
    const inputs = this.manager.inputs();
    return spec.kind === 'context' ? resolvePinned(inputs, { context: spec.target }) : resolvePinned(inputs, { name: spec.name, host: spec.target });
  }

  /** A context changed on disk: pinned contexts whose endpoint changed reconnect. */
  private contextsChanged(): void {
    this.update();
    for (const pinned of this.links.values()) {
      if (pinned.spec.kind !== 'context') continue;
      let host: string | undefined;
      try { host = this.resolveSpec(pinned.spec).host; } catch { host = undefined; }
      if (host !== pinned.link.state.resolved?.host) pinned.link.connect();
    }
  }

  /** Retry one engine (its root's Retry), or the active one. */
  retry(key?: string): void {
    (this.get(key) ?? this.shownList[0])?.retry();
  }

  /** The engine shown under this key (undefined: the active one); throws when it is no longer shown. */
  engineOf(key: string | undefined): Engine {
    if (key === undefined || key === this.activeKey) return this.manager.engine;
    const shown = this.get(key);
    if (!shown) throw new Error(vscode.l10n.t('That item belongs to an engine that is no longer shown (unpinned, or the active engine changed): refresh the view and try again.'));
    return shown.engine;
  }

  /** The key of a shown engine (the active one's when it is not shown by that object). */
  keyOf(engine: Engine): string {
    for (const s of this.shownList) {
      try { if (s.engine === engine) return s.spec.key; } catch { /* cannot be dialled: not this one */ }
    }
    return this.activeKey;
  }

  /**
   * Runs an engine command with its engine: the engine of the item it was started on; from the
   * palette with several engines shown, the one the user picks (cancelling the pick cancels the
   * command) or the active one (`palette` 'active'). A selection across several engines' roots
   * runs once per engine, with its part of the selection.
   */
  async runEngineCommand<T>(args: unknown[], palette: PaletteEngine, handler: (engine: Engine, ...args: unknown[]) => T | Promise<T>): Promise<T | undefined> {
    const plan = planEngineRuns(args, this.multi, palette);
    if (plan.ask) {
      const key = await this.pick(vscode.l10n.t('Engine to act on'));
      if (key === undefined) return undefined;
      return handler(this.engineOf(key), ...args);
    }
    let result: T | undefined;
    for (const part of plan.parts) result = await handler(this.engineOf(part.key), ...part.args);
    return result;
  }

  /** A quick pick of the shown engines; their keys. */
  async pick(title: string): Promise<string | undefined> {
    const items = this.shownList.map((s) => ({
      label: s.spec.name,
      description: `${s.spec.kind}${s.spec.active ? ` · ${vscode.l10n.t('active')}` : ''} · ${s.state.resolved?.host ?? s.spec.target}`,
      detail: s.state.kind === 'unreachable' ? s.state.message : undefined,
      key: s.spec.key,
    }));
    const picked = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Which engine?'), matchOnDescription: true });
    return picked?.key;
  }

  /** Is this docker context pinned (shown beside the active engine)? */
  isPinned(context: string): boolean {
    return isContextPinned(this.setting(), context);
  }

  /** Pins or unpins a docker context: dockyard.engines in the user's settings. */
  async pinContext(context: string, pin: boolean): Promise<void> {
    const config = vscode.workspace.getConfiguration('dockyard');
    const current = config.inspect<unknown>('engines')?.globalValue;
    await config.update('engines', withContextPinned(current, context, pin), vscode.ConfigurationTarget.Global);
    this.log.info(`${pin ? 'Pinned' : 'Unpinned'} docker context ${context}.`);
  }

  dispose(): void {
    for (const s of this.subs.splice(0)) s.dispose();
    for (const pinned of this.links.values()) pinned.link.dispose();
    this.links.clear();
    this.changeEmitter.dispose();
    this.eventEmitter.dispose();
    this.stateEmitter.dispose();
    this.refreshEmitter.dispose();
  }
}

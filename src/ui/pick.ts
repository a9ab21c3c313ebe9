// Which objects a command acts on: the selection in a tree, the clicked item, or a quick pick.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { PruneResult } from '../engine/models';
import { describeError } from '../shared/errors';

/**
 * Tree commands are called with (clicked, selected[]). Returns the selection when the clicked
 * item is part of it (multi-select), else the clicked item; [] when called from the palette.
 */
export function treeTargets<T>(args: unknown[], isTarget: (x: unknown) => x is T): T[] {
  const [clicked, selected] = args;
  if (Array.isArray(selected) && selected.length > 1 && selected.includes(clicked)) return selected.filter(isTarget);
  return isTarget(clicked) ? [clicked] : [];
}

export interface PickEntry<T> extends vscode.QuickPickItem {
  value: T;
}

/** A quick pick over entries; returns [] when cancelled or when there is nothing to pick. */
export async function pickMany<T>(entries: PickEntry<T>[], title: string, canPickMany: boolean, empty: string): Promise<T[]> {
  if (!entries.length) {
    void vscode.window.showInformationMessage(empty);
    return [];
  }
  if (canPickMany) {
    const picked = await vscode.window.showQuickPick(entries, { title, canPickMany: true, matchOnDescription: true });
    return (picked ?? []).map((p) => p.value);
  }
  const picked = await vscode.window.showQuickPick(entries, { title, matchOnDescription: true });
  return picked ? [picked.value] : [];
}

/**
 * The sentences of picking what an action acts on, each written whole for its action so that it
 * translates as a whole (never built from a noun and a verb).
 */
export interface PickTexts {
  /** The quick pick's title: "Volume to remove". */
  title: string;
  /** Said when there is nothing to pick: "No volume to remove." */
  none: string;
}

/**
 * What a resource command acts on: the tree selection (mapped to its values), or, from the
 * palette, a quick pick over `entries()`.
 */
export async function targetsOrPick<I, T>(
  args: unknown[], isItem: (x: unknown) => x is I, valueOf: (item: I) => T,
  entries: () => Promise<PickEntry<T>[]>, texts: PickTexts, many: boolean,
): Promise<T[]> {
  const fromTree = treeTargets(args, isItem).map(valueOf);
  if (fromTree.length) return fromTree;
  return pickMany(await entries(), texts.title, many, texts.none);
}

/** How an action that failed on some of its targets is told, one whole sentence each. */
export interface FailureTexts {
  /** One target failed: "Could not remove {0}" ({0}: "web: the reason"). */
  one(detail: string): string;
  /** Several failed: "Could not remove {0} volumes: {1}" ({1}: each "name: reason", joined by "; "). */
  many(count: number, details: string): string;
}

/** The message for the targets an action failed on ("Could not remove web: …"); undefined when none failed. */
export function failureMessage(texts: FailureTexts, failed: string[]): string | undefined {
  if (!failed.length) return undefined;
  return failed.length === 1 ? texts.one(failed[0]) : texts.many(failed.length, failed.join('; '));
}

/**
 * One message for the targets an action failed on, logged, and a refresh: a failure usually means
 * the view no longer matches the engine.
 */
export function reportFailures(ctx: Ctx, texts: FailureTexts, failed: string[]): void {
  const message = failureMessage(texts, failed);
  if (!message) return;
  ctx.log.error(message);
  void vscode.window.showErrorMessage(message);
  ctx.connection.refreshAll();
}

/** Names for a confirmation's detail: the first `max`, then how many more ("a, b, and 3 more"). */
export function listNames(names: string[], max = 10): string {
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? vscode.l10n.t('{0}, and {1} more', shown, names.length - max) : shown;
}

/** Asks before a destructive action; true when the user confirmed. */
export async function confirm(ask: boolean, message: string, detail: string | undefined, action: string): Promise<boolean> {
  if (!ask) return true;
  const answer = await vscode.window.showWarningMessage(message, { modal: true, detail }, action);
  return answer === action;
}

/** The sentences of a prune, each whole: nothing to prune, the question (naming what goes), what it removed. */
export interface PruneTexts<T> {
  none: string;
  question(candidates: T[]): string;
  detail?(candidates: T[]): string | undefined;
  done(result: PruneResult): string;
}

/** A prune: says so when there is nothing to prune, else asks (when `ask`), prunes and says what it removed. */
export async function confirmPrune<T>(ask: boolean, candidates: T[], texts: PruneTexts<T>, prune: () => Promise<PruneResult>): Promise<void> {
  if (!candidates.length) {
    void vscode.window.showInformationMessage(texts.none);
    return;
  }
  if (!(await confirm(ask, texts.question(candidates), texts.detail?.(candidates), vscode.l10n.t('Prune')))) return;
  void vscode.window.showInformationMessage(texts.done(await prune()));
}

/** Asks for a new object's name, checked as it is typed: `validate` (the engine's rules), then not one of `taken`. */
export async function askNewName(opts: {
  title: string; prompt?: string; value?: string;
  validate: (name: string) => string | undefined; taken: Iterable<string>; exists: (name: string) => string;
}): Promise<string | undefined> {
  const taken = new Set(opts.taken);
  return vscode.window.showInputBox({
    title: opts.title,
    prompt: opts.prompt,
    value: opts.value,
    validateInput: (v) => opts.validate(v) ?? (taken.has(v) ? opts.exists(v) : undefined),
  });
}

/** A destructive action on its targets, asked once: the question, its detail and button, and how failures are told. */
export interface ConfirmTexts {
  question: string;
  detail?: string;
  button: string;
  failed: FailureTexts;
}

/** Asks once (when `ask`), then acts on every target; the failures become one message (reportFailures). */
export async function confirmEach<T>(ctx: Ctx, ask: boolean, targets: T[], texts: ConfirmTexts, label: (t: T) => string, act: (t: T) => Promise<void>): Promise<void> {
  if (!targets.length) return;
  if (!(await confirm(ask, texts.question, texts.detail, texts.button))) return;
  reportFailures(ctx, texts.failed, (await forEachTarget(targets, label, act)).failed);
}

/** Runs an action over several targets; failures are gathered into one message. */
export async function forEachTarget<T>(targets: T[], label: (t: T) => string, act: (t: T) => Promise<void>): Promise<{ ok: T[]; failed: string[] }> {
  const results = await Promise.allSettled(targets.map(act));
  const ok: T[] = [];
  const failed: string[] = [];
  results.forEach((r, i) => {
    if (r.status === 'fulfilled') ok.push(targets[i]);
    else failed.push(`${label(targets[i])}: ${describeError(r.reason)}`);
  });
  return { ok, failed };
}

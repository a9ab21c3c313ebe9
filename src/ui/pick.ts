// Which objects a command acts on: the selection in a tree, the clicked item, or a quick pick.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
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
 * What a resource command acts on: the tree selection (mapped to its values), or, from the
 * palette, a quick pick over `entries()` ("Volume to remove"; "No volume to remove." when empty).
 */
export async function targetsOrPick<I, T>(
  args: unknown[], isItem: (x: unknown) => x is I, valueOf: (item: I) => T,
  entries: () => Promise<PickEntry<T>[]>, noun: string, verb: string, many: boolean,
): Promise<T[]> {
  const fromTree = treeTargets(args, isItem).map(valueOf);
  if (fromTree.length) return fromTree;
  return pickMany(await entries(), vscode.l10n.t('{0} to {1}', noun, verb), many, vscode.l10n.t('No {0} to {1}.', noun.toLowerCase(), verb));
}

/**
 * One message for the targets an action failed on ("Could not remove web: …"), logged, and a
 * refresh: a failure usually means the view no longer matches the engine.
 */
export function reportFailures(ctx: Ctx, verb: string, noun: string, failed: string[]): void {
  if (!failed.length) return;
  const message = failed.length === 1 ? vscode.l10n.t('Could not {0} {1}', verb, failed[0]) : vscode.l10n.t('Could not {0} {1} {2}: {3}', verb, failed.length, noun, failed.join('; '));
  ctx.log.error(message);
  void vscode.window.showErrorMessage(message);
  ctx.connection.refreshAll();
}

/** Asks before a destructive action; true when the user confirmed. */
export async function confirm(ask: boolean, message: string, detail: string | undefined, action: string): Promise<boolean> {
  if (!ask) return true;
  const answer = await vscode.window.showWarningMessage(message, { modal: true, detail }, action);
  return answer === action;
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

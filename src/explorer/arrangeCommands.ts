// Sort Containers By…, Group Containers By…, Sort Images By…: each writes its setting for this
// workspace (user settings when no folder is open), so the choice survives a reload.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { CONTAINER_GROUP_KEYS, CONTAINER_SORT_KEYS, IMAGE_SORT_KEYS, oneOf } from './arrange';
import { containerGroupBy } from './containers';

const LABELS: Record<string, string> = {
  created: 'Created (newest first)', name: 'Name', state: 'State (running first)', image: 'Image', size: 'Size (largest first)',
  composeProject: 'Compose project', network: 'Network', none: 'No grouping',
};

async function choose(ctx: Ctx, setting: string, keys: readonly string[], fallback: string, title: string): Promise<void> {
  const current = setting === 'explorer.containers.groupBy' ? containerGroupBy(ctx.config()) : oneOf(ctx.setting(setting, fallback), keys, fallback);
  const picked = await vscode.window.showQuickPick(
    keys.map((k) => ({ label: vscode.l10n.t(LABELS[k] ?? k), description: k === current ? vscode.l10n.t('current') : undefined, k })),
    { title, placeHolder: current },
  );
  if (!picked) return;
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await ctx.config().update(setting, picked.k, target);
}

/** The handlers of Sort Containers By…, Group Containers By… and Sort Images By… (registered in register.ts). */
export function arrangeHandlers(ctx: Ctx) {
  return {
    sortContainers: () => choose(ctx, 'explorer.containers.sortBy', CONTAINER_SORT_KEYS, 'created', vscode.l10n.t('Sort Containers By')),
    groupContainers: () => choose(ctx, 'explorer.containers.groupBy', CONTAINER_GROUP_KEYS, 'composeProject', vscode.l10n.t('Group Containers By')),
    sortImages: () => choose(ctx, 'explorer.images.sortBy', IMAGE_SORT_KEYS, 'name', vscode.l10n.t('Sort Images By')),
  };
}

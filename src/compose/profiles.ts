// Compose profiles in the Containers view: a project whose files define profiles shows each
// profile as a group (also one that is not up), with Up and Down of a profile through the
// compose CLI (`--profile`, argument lists, the same trust and workspace checks as the project
// commands). The files come from the containers' labels, used only inside the workspace.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { Explorer } from '../explorer/register';
import { ComposeProfileItem, ComposeProjectItem, ContainerItem } from '../explorer/items';
import { checkLabelTarget } from './labelTarget';
import { layoutByProfile } from './profileGroups';
import { serviceProfiles } from './project';
import { diskFs } from './projectChoice';
import { ComposeRunner, requireComposeTrust } from './runner';
import type { Engine } from '../engine/engine';

/** The project's compose files and folder when its labels name files inside an open workspace folder. */
export function workspaceProjectFiles(item: ComposeProjectItem): { files: string[]; projectDirectory: string } | undefined {
  const labels = item.containers[0]?.container.labels ?? {};
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
  const checked = checkLabelTarget(labels, item.project, folders);
  if (checked.kind !== 'files') return undefined;
  return { files: checked.files, projectDirectory: checked.projectDirectory ?? path.dirname(checked.files[0]) };
}

/** serviceProfiles, re-read only when a file changed (the tree is rebuilt on every engine event). */
class ProfileCache {
  private readonly entries = new Map<string, { stamp: string; map: Map<string, string[]> }>();

  get(files: string[]): Map<string, string[]> {
    const key = files.join('\0');
    const stamp = files.map((f) => { try { const st = fs.statSync(f); return `${st.mtimeMs}:${st.size}`; } catch { return '-'; } }).join('|');
    const hit = this.entries.get(key);
    if (hit && hit.stamp === stamp) return hit.map;
    const map = serviceProfiles(files, diskFs);
    this.entries.set(key, { stamp, map });
    return map;
  }
}

export function registerProfiles(ctx: Ctx, explorer: Explorer, runner: ComposeRunner): { up: (engine: Engine, ...args: unknown[]) => Promise<void>; down: (engine: Engine, ...args: unknown[]) => Promise<void> } {
  const cache = new ProfileCache();
  explorer.trees.containers.decorateProjects((item) => {
    if (!vscode.workspace.isTrusted) return;
    const where = workspaceProjectFiles(item);
    if (!where) return;
    const layout = layoutByProfile(item.containers, (c) => c.container.composeService, cache.get(where.files));
    if (!layout) return;
    item.groupByProfile(layout.plain, layout.profiles.map((g) => new ComposeProfileItem(item.project, g.profile, g.services, g.containers)));
  });
  // Edits of a compose file may change its profiles.
  const watcher = ctx.own(vscode.workspace.createFileSystemWatcher('**/*{compose,docker-compose}*.{yml,yaml}'));
  const refresh = () => explorer.trees.containers.refresh(false);
  ctx.own(watcher.onDidChange(refresh));
  ctx.own(watcher.onDidCreate(refresh));
  ctx.own(watcher.onDidDelete(refresh));

  const profileOf = (args: unknown[]): { profile: ComposeProfileItem; project: ComposeProjectItem } => {
    const [first] = args;
    if (first instanceof ComposeProfileItem && first.parent instanceof ComposeProjectItem) return { profile: first, project: first.parent };
    throw new Error(vscode.l10n.t('Run this from a profile of a compose project in the Containers view.'));
  };

  const up = async (engine: Engine, ...args: unknown[]) => {
    const { profile, project } = profileOf(args);
    requireComposeTrust();
    const ok = await runner.projectCli(engine, project, 'up', { verb: 'up', detached: true, build: ctx.setting('compose.build', false), services: profile.services }, { profiles: [profile.profile] });
    if (!ok) throw new Error(vscode.l10n.t('The compose files of {0} are not on this machine.', project.project));
  };

  const down = async (engine: Engine, ...args: unknown[]) => {
    const { profile, project } = profileOf(args);
    requireComposeTrust();
    const running = (profile.children ?? []).filter((c): c is ContainerItem => c instanceof ContainerItem);
    if (!running.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Profile {0} of {1} has no containers.', profile.profile, project.project));
      return;
    }
    if (ctx.setting('confirmDestructiveActions', true)) {
      const remove = vscode.l10n.t('Down');
      const ok = await vscode.window.showWarningMessage(vscode.l10n.t('Take profile {0} of {1} down?', profile.profile, project.project), {
        modal: true, detail: vscode.l10n.t('Stops and removes the containers of {0}.', profile.services.join(', ')),
      }, remove);
      if (ok !== remove) return;
    }
    const ok = await runner.projectCli(engine, project, 'down', { verb: 'rm', services: profile.services }, { profiles: [profile.profile] });
    if (!ok) throw new Error(vscode.l10n.t('The compose files of {0} are not on this machine.', project.project));
  };
  return { up, down };
}

// Commit a container to an image (`docker commit -a -m [--pause] id repo:tag`).
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { Engine } from '../engine/engine';
import { commitContainer } from '../engine/images';
import { ImageTagItem } from '../explorer/items';
import { splitRepoTag, validateReference } from '../shared/reference';
import type { Explorer } from '../explorer/register';
import { containerTargets } from '../explorer/targets';
import { matchesImageRef } from '../shared/refMatch';

export function commitHandlers(ctx: Ctx, explorer: Explorer) {
  return {
    commit: async (engine: Engine, ...args: unknown[]) => {
      const [c] = await containerTargets(engine, args, { title: vscode.l10n.t('Container to commit'), none: vscode.l10n.t('No container to commit.') }, undefined, false);
      if (!c) return;
      const title = `Commit ${c.name}`;
      const suggestion = `${c.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'snapshot'}:latest`;
      const ref = await vscode.window.showInputBox({
        title: `${title} (1/4)`, prompt: vscode.l10n.t('Repository and tag of the new image'), value: suggestion, ignoreFocusOut: true,
        validateInput: (v) => validateReference(v.trim()),
      });
      if (!ref) return;
      const author = await vscode.window.showInputBox({
        title: `${title} (2/4)`, prompt: vscode.l10n.t('Author (-a), e.g. "Jane Doe <jane@example.com>"; empty for none'), ignoreFocusOut: true,
        value: ctx.extension.globalState.get<string>('dockyard.commit.author', ''),
      });
      if (author === undefined) return;
      const comment = await vscode.window.showInputBox({ title: `${title} (3/4)`, prompt: vscode.l10n.t('Commit message (-m); empty for none'), ignoreFocusOut: true });
      if (comment === undefined) return;
      const pause = c.state === 'running'
        ? await vscode.window.showQuickPick([
          { label: 'Pause during commit', description: vscode.l10n.t('consistent file system (default)'), value: true },
          { label: 'Do not pause', description: vscode.l10n.t('--pause=false: the container keeps serving'), value: false },
        ], { title: `${title} (4/4)`, ignoreFocusOut: true })
        : { value: true };
      if (!pause) return;
      await ctx.extension.globalState.update('dockyard.commit.author', author);
      const { repo, tag } = splitRepoTag(ref.trim());
      const id = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Committing {0} to {1}:{2}…', c.name, repo, tag) },
        () => commitContainer(engine, c.id, { repo, tag, author: author.trim(), comment: comment.trim(), pause: pause.value }));
      ctx.log.info(`Committed ${c.name} to ${repo}:${tag} (${id.slice(7, 19)})`);
      void vscode.window.showInformationMessage(vscode.l10n.t('Committed {0} to {1}:{2}.', c.name, repo, tag));
      void explorer.trees.images.reveal((i) => i instanceof ImageTagItem && matchesImageRef(`${repo}:${tag}`, i), { engine });
    },
  };
}

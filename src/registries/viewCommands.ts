// The Registries view's own commands: add and remove registries, load more, copy a reference or
// digest, inspect a manifest or config, delete a tag.
import * as vscode from 'vscode';
import { openJson } from '../ui/documents';
import { confirm } from '../ui/pick';
import { parseRegistryHost, validateRegistryHost } from './hosts';
import { hostOf, RegistryDeps, tagOrPlatform } from './commandDeps';
import { LoadMoreItem, PlatformItem, RegistryNode, TagItem } from './view';

export function viewCommands({ ctx, docs, view }: RegistryDeps) {
  const digestOf = async (t: TagItem | PlatformItem): Promise<string> => {
    if (t instanceof PlatformItem) return t.entry.digest;
    t.manifest ??= await view.client(t.host).manifest(t.repository.name, t.tag);
    return t.manifest.digest;
  };
  const settingHosts = () => ctx.setting<string[]>('registry.registries', []);
  return {
    add: async () => {
      const input = await vscode.window.showInputBox({
        title: vscode.l10n.t('Add a v2 registry'), prompt: vscode.l10n.t('host[:port], e.g. ghcr.io or 127.0.0.1:5000'), ignoreFocusOut: true,
        validateInput: validateRegistryHost,
      });
      if (!input) return;
      const parsed = parseRegistryHost(input);
      if (!parsed.ok) throw new Error(parsed.reason);
      const host = parsed.host;
      const current = settingHosts();
      if (current.some((h) => { const p = parseRegistryHost(h); return p.ok && p.host === host; })) { void vscode.window.showInformationMessage(vscode.l10n.t('{0} is already in the Registries view.', host)); return; }
      await ctx.config().update('registry.registries', [...current, host], vscode.ConfigurationTarget.Global);
      view.refresh();
    },
    remove: async (item?: unknown) => {
      const host = hostOf(item) ?? await vscode.window.showQuickPick(settingHosts(), { title: vscode.l10n.t('Remove which registry from the view?') });
      if (!host) return;
      const inspect = ctx.config().inspect<string[]>('registry.registries');
      let removed = false;
      for (const [value, target] of [[inspect?.globalValue, vscode.ConfigurationTarget.Global], [inspect?.workspaceValue, vscode.ConfigurationTarget.Workspace]] as const) {
        const same = (h: string) => { const p = parseRegistryHost(h); return p.ok ? p.host === host : h === host; };
        if (value?.some(same)) { await ctx.config().update('registry.registries', value.filter((h) => !same(h)), target); removed = true; }
      }
      if (!removed) void vscode.window.showInformationMessage(vscode.l10n.t('{0} is shown because of a login, not the setting: log out to remove it.', host));
      view.refresh();
    },
    refresh: (item?: unknown) => view.refresh(item as RegistryNode | undefined),
    loadMore: async (item?: unknown) => {
      if (item instanceof LoadMoreItem) await view.loadMore(item);
    },
    copyReference: async (item?: unknown) => {
      const t = tagOrPlatform(item);
      await vscode.env.clipboard.writeText(t.ref);
      void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', t.ref), 3000);
    },
    copyDigest: async (item?: unknown) => {
      const digest = await digestOf(tagOrPlatform(item));
      await vscode.env.clipboard.writeText(digest);
      void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', digest), 3000);
    },
    inspectManifest: async (item?: unknown) => {
      const t = tagOrPlatform(item);
      const repo = t instanceof TagItem ? t.repository.name : t.tag.repository.name;
      const reference = t instanceof TagItem ? t.tag : t.entry.digest;
      await openJson(ctx, docs, `registry/${t.host}/${repo}/${reference.replace(/:/g, '-')}.manifest`, async () => (await view.client(t.host).manifest(repo, reference)).raw);
    },
    inspectConfig: async (item?: unknown) => {
      const t = tagOrPlatform(item);
      const repo = t instanceof TagItem ? t.repository.name : t.tag.repository.name;
      const reference = t instanceof TagItem ? t.tag : t.entry.digest;
      const client = view.client(t.host);
      const m = await client.manifest(repo, reference);
      if (m.kind === 'index') throw new Error(vscode.l10n.t('{0} is a multi-platform index: expand it and inspect the config of one platform.', t.ref));
      await openJson(ctx, docs, `registry/${t.host}/${repo}/${reference.replace(/:/g, '-')}.config`, async () => (await client.imageConfig(repo, m))?.raw ?? {});
    },
    delete: async (item?: unknown) => {
      if (!(item instanceof TagItem)) throw new Error(vscode.l10n.t('Choose a tag in the Registries view.'));
      const digest = await digestOf(item);
      const others = view.tagsWithDigest(item.repository, digest).filter((x) => x !== item.tag);
      const ok = await confirm(true,
        vscode.l10n.t('Delete {0} from {1}?', `${item.repository.name}:${item.tag}`, item.host),
        [vscode.l10n.t('Registries delete by digest: manifest {0} goes, with every tag pointing at it.', digest),
          others.length ? vscode.l10n.t('Other tags that go with it: {0}.', others.join(', ')) : '',
          vscode.l10n.t('This cannot be undone.')].filter(Boolean).join('\n'),
        vscode.l10n.t('Delete'));
      if (!ok) return;
      await view.client(item.host).deleteManifest(item.repository.name, digest);
      ctx.log.info(`Deleted ${item.host}/${item.repository.name}@${digest}`);
      view.refresh(item.repository);
    },
  };
}

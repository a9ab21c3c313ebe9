// Push and pull (images in the Images view, tags in the Registries view) and search: the
// commands that move images between an engine and a registry.
import * as vscode from 'vscode';
import type { Engine } from '../engine/engine';
import { searchIndex } from '../engine/images';
import { DOCKER_HUB } from '../engine/registry';
import { ImageTagItem } from '../explorer/items';
import { imageTargets } from '../explorer/targets';
import { registryOf, splitRepoTag } from '../shared/reference';
import { matchesImageRef } from '../shared/refMatch';
import { parseRegistryHost, validateRegistryHost } from './hosts';
import { RegistryDeps, tagOrPlatform } from './commandDeps';

export function transferCommands({ ctx, explorer, view, transfers }: RegistryDeps) {
  return {
    push: async (engine: Engine, ...args: unknown[]) => {
      const [t] = (await imageTargets(engine, args, { title: vscode.l10n.t('Image to push'), none: vscode.l10n.t('No image to push.') }, false)).filter((x) => !x.image.dangling);
      if (!t) return;
      let ref = t.ref;
      if (registryOf(ref) === 'docker.io' && !ref.includes('/')) {
        // An official-looking name would push to docker.io/library: offer the Registries view's
        // registries, then the new name to tag it as.
        const hosts = view.registryHosts().map((r) => r.host).filter((h) => h !== DOCKER_HUB);
        let suggestion = ref;
        if (hosts.length) {
          const where = await vscode.window.showQuickPick([...hosts.map((h) => ({ label: h, value: h })), { label: 'Docker Hub', description: vscode.l10n.t('docker.io/<user>/…'), value: DOCKER_HUB }],
            { title: vscode.l10n.t('Push {0} to which registry?', ref) });
          if (!where) return;
          if (where.value !== DOCKER_HUB) suggestion = `${where.value}/${ref}`;
        }
        const retag = await transfers.askRef(vscode.l10n.t('Push {0}', ref), suggestion, vscode.l10n.t('Push to which repository? (tag it as registry/name:tag — "{0}" would go to docker.io/library)', ref));
        if (!retag) return;
        if (retag !== ref) { const { repo, tag } = splitRepoTag(retag); await engine.tagImage(t.image.id, repo, tag); }
        ref = retag;
      }
      const { repo, tag } = splitRepoTag(ref);
      await transfers.push(engine, repo, tag);
    },
    pull: async (engine: Engine, ...args: unknown[]) => {
      const fromTree = args[0] instanceof ImageTagItem && !args[0].image.dangling ? args[0].ref : undefined;
      const ref = fromTree ?? await transfers.askRef(vscode.l10n.t('Pull an image'), ctx.extension.globalState.get('dockyard.pull.last', ''), vscode.l10n.t('Reference to pull, e.g. alpine:3.20 or 127.0.0.1:5000/team/app:1.2'));
      if (!ref) return;
      if (!fromTree) await ctx.extension.globalState.update('dockyard.pull.last', ref);
      await transfers.pull(engine, ref);
    },
    pullTag: async (engine: Engine, item?: unknown) => {
      const t = tagOrPlatform(item);
      await transfers.pull(engine, t.ref);
    },
    pullAndRun: async (engine: Engine, item?: unknown) => {
      const t = tagOrPlatform(item);
      if (!(await transfers.pull(engine, t.ref))) return;
      const ref = t.ref;
      // The view lists "host/repo:tag" (or the untagged image of a digest): compare in full form.
      const named = (i: unknown): i is ImageTagItem => i instanceof ImageTagItem && matchesImageRef(ref, i);
      await explorer.trees.images.reveal(named, { engine });
      const image = explorer.trees.images.items().find(named);
      await vscode.commands.executeCommand('dockyard.image.run', image);
    },
    search:     async (engine: Engine) => {
      const registries = view.registryHosts().map((r) => r.host).filter((h) => h !== DOCKER_HUB);
      const where = await vscode.window.showQuickPick([
        { label: 'Docker Hub', description: vscode.l10n.t('the engine\'s /images/search'), value: '' },
        ...registries.map((r) => ({ label: r, description: vscode.l10n.t('v2 catalog'), value: r })),
        { label: 'Another v2 registry…', description: vscode.l10n.t('host[:port]'), value: '?' },
      ], { title: vscode.l10n.t('Search images in') });
      if (!where) return;
      let ref: string | undefined;
      if (!where.value) {
        const term = await vscode.window.showInputBox({ title: vscode.l10n.t('Search Docker Hub'), prompt: vscode.l10n.t('Search term'), ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Type a search term.')) });
        if (!term) return;
        const results = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Searching for {0}…', term) }, () => searchIndex(engine, term.trim()));
        if (!results.length) { void vscode.window.showInformationMessage(vscode.l10n.t('No image matches "{0}".', term)); return; }
        const pick = await vscode.window.showQuickPick(results.map((r) => ({ label: r.name, description: `${r.official ? '$(verified) official · ' : ''}★ ${r.stars}`, detail: r.description, value: r.name })), { title: vscode.l10n.t('Pull which image? ({0} found)', results.length), matchOnDetail: true });
        if (!pick) return;
        ref = pick.value;
      } else {
        const host = where.value === '?' ? (await vscode.window.showInputBox({ title: vscode.l10n.t('v2 registry'), prompt: vscode.l10n.t('host[:port]'), ignoreFocusOut: true, validateInput: validateRegistryHost })) : where.value;
        if (!host) return;
        const parsedHost = parseRegistryHost(host);
        if (!parsedHost.ok) throw new Error(parsedHost.reason);
        const client = view.client(parsedHost.host);
        const repos = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Listing {0}…', parsedHost.host) }, () => client.all((next) => client.catalogPage(1000, next), 10000));
        if (!repos.length) { void vscode.window.showInformationMessage(vscode.l10n.t('{0} has no repositories.', parsedHost.host)); return; }
        const repo = await vscode.window.showQuickPick(repos, { title: vscode.l10n.t('Repositories in {0} ({1})', parsedHost.host, repos.length) });
        if (!repo) return;
        const tags = await client.all((next) => client.tagsPage(repo, 1000, next), 10000);
        const tag = await vscode.window.showQuickPick(tags.length ? tags : ['latest'], { title: vscode.l10n.t('Pull {0}/{1}:', parsedHost.host, repo) });
        if (!tag) return;
        ref = `${parsedHost.host}/${repo}:${tag}`;
      }
      const go = await vscode.window.showInformationMessage(vscode.l10n.t('Pull {0}?', ref), vscode.l10n.t('Pull'));
      if (go) await transfers.pull(engine, ref);
    },
  };
}

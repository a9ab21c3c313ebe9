// Registries: the Registries view (view.ts) and its actions, push and pull (see transfer.ts),
// log in and out (Dockyard's logins in VS Code's secret storage; the docker CLI's are read, see
// credentials.ts), and search (Docker Hub through the engine, or a v2 registry's catalog).
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { Engine } from '../engine/engine';
import { RegistryAuth, searchIndex } from '../engine/images';
import { DOCKER_HUB, RegistryClient } from '../engine/registry';
import { ImageTagItem } from '../explorer/items';
import type { Explorer } from '../explorer/register';
import { imageTargets } from '../explorer/targets';
import { registryOf, splitRepoTag } from '../shared/reference';
import { openJson, ReadOnlyDocuments } from '../ui/documents';
import { confirm } from '../ui/pick';
import { Credentials } from './credentials';
import { parseRegistryHost, validateRegistryHost } from './hosts';
import { Transfers } from './transfer';
import { LoadMoreItem, PlatformItem, RegistriesView, RegistryNode, RegistryRootItem, TagItem } from './view';
import { matchesImageRef } from '../shared/refMatch';


/** What other features get from this one (through extension.ts). */
export interface RegistriesFeature {
  view: RegistriesView;
  /** Every known login, keyed by server address (a build's X-Registry-Config). */
  registryAuths(): Promise<Record<string, RegistryAuth>>;
}

export function registerRegistries(ctx: Ctx, docs: ReadOnlyDocuments, explorer: Explorer, creds: Credentials): RegistriesFeature {
  const transfers = new Transfers(ctx, creds, explorer);
  const view = ctx.own(new RegistriesView(ctx, creds));
  const hostOf = (x: unknown): string | undefined => (typeof x === 'string' ? x : x instanceof RegistryRootItem ? x.host : undefined);
  const tagOrPlatform = (x: unknown): TagItem | PlatformItem => {
    if (x instanceof TagItem || x instanceof PlatformItem) return x;
    throw new Error(vscode.l10n.t('Choose a tag in the Registries view.'));
  };
  const digestOf = async (t: TagItem | PlatformItem): Promise<string> => {
    if (t instanceof PlatformItem) return t.entry.digest;
    t.manifest ??= await view.client(t.host).manifest(t.repository.name, t.tag);
    return t.manifest.digest;
  };
  const settingHosts = () => ctx.setting<string[]>('registry.registries', []);

  ctx.registerEngineCommands({
    'dockyard.image.push': async (engine: Engine, ...args: unknown[]) => {
      const [t] = (await imageTargets(engine, args, vscode.l10n.t('push'), false)).filter((x) => !x.image.dangling);
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

    'dockyard.image.pull': async (engine: Engine, ...args: unknown[]) => {
      const fromTree = args[0] instanceof ImageTagItem && !args[0].image.dangling ? args[0].ref : undefined;
      const ref = fromTree ?? await transfers.askRef(vscode.l10n.t('Pull an image'), ctx.extension.globalState.get('dockyard.pull.last', ''), vscode.l10n.t('Reference to pull, e.g. alpine:3.20 or 127.0.0.1:5000/team/app:1.2'));
      if (!ref) return;
      if (!fromTree) await ctx.extension.globalState.update('dockyard.pull.last', ref);
      await transfers.pull(engine, ref);
    },

    'dockyard.registry.pull': async (engine: Engine, item?: unknown) => {
      const t = tagOrPlatform(item);
      await transfers.pull(engine, t.ref);
    },

    'dockyard.registry.pullAndRun': async (engine: Engine, item?: unknown) => {
      const t = tagOrPlatform(item);
      if (!(await transfers.pull(engine, t.ref))) return;
      const ref = t.ref;
      // The view lists "host/repo:tag" (or the untagged image of a digest): compare in full form.
      const named = (i: unknown): i is ImageTagItem => i instanceof ImageTagItem && matchesImageRef(ref, i);
      await explorer.trees.images.reveal(named, { engine });
      const image = explorer.trees.images.items().find(named);
      await vscode.commands.executeCommand('dockyard.image.run', image);
    },
  });

  ctx.registerEngineCommands({
    'dockyard.registry.search':     async (engine: Engine) => {
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
  }, 'active');

  ctx.registerCommands({
    'dockyard.registry.login': async (hostArg?: unknown) => {
      const host = hostOf(hostArg) ?? await vscode.window.showInputBox({
        title: vscode.l10n.t('Log in to a registry (1/3)'), prompt: vscode.l10n.t('Registry host (docker.io for Docker Hub)'), value: 'docker.io', ignoreFocusOut: true,
        validateInput: validateRegistryHost,
      });
      if (!host) return;
      const parsed = parseRegistryHost(host);
      if (!parsed.ok) throw new Error(parsed.reason);
      const h = parsed.host;
      const prev = await creds.get(h);
      const username = await vscode.window.showInputBox({ title: vscode.l10n.t('Log in to {0} (2/3)', h), prompt: vscode.l10n.t('User name'), value: prev?.username ?? '', ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('A user name is required.')) });
      if (!username) return;
      const password = await vscode.window.showInputBox({ title: vscode.l10n.t('Log in to {0} (3/3)', h), prompt: vscode.l10n.t('Password or access token (kept in VS Code\'s secret storage)'), password: true, ignoreFocusOut: true, validateInput: (v) => (v ? undefined : vscode.l10n.t('A password is required.')) });
      if (!password) return;
      // The registry itself checks the login (Basic, or a token from its realm), as `docker login` does.
      const probe = new RegistryClient(h, { credentials: async () => ({ username: username.trim(), password, source: 'the password typed' }) });
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Logging in to {0}…', h) }, () => probe.ping());
      await creds.store(h, { username: username.trim(), password });
      view.resetHost(h);
      ctx.log.info(`Logged in to ${h} as ${username.trim()}`);
      void vscode.window.showInformationMessage(vscode.l10n.t('Logged in to {0} as {1}.', h, username.trim()));
    },

    'dockyard.registry.logout': async (hostArg?: unknown) => {
      const hosts = creds.hosts();
      let host = hostOf(hostArg);
      if (!host) {
        if (!hosts.length) { void vscode.window.showInformationMessage(vscode.l10n.t('You are not logged in to any registry from Dockyard.')); return; }
        host = await vscode.window.showQuickPick(hosts, { title: vscode.l10n.t('Log out of a registry') });
        if (!host) return;
      }
      const had = hosts.includes(host);
      await creds.remove(host);
      view.resetHost(host);
      const cli = await creds.lookup(host).catch(() => undefined);
      if (cli) void vscode.window.showInformationMessage(vscode.l10n.t('{0}: the docker CLI\'s login ({1}) remains; run "docker logout {0}" to remove it.', host, cli.source));
      else void vscode.window.showInformationMessage(had ? vscode.l10n.t('Logged out of {0}.', host) : vscode.l10n.t('Dockyard had no login for {0}.', host));
    },

    'dockyard.registry.add': async () => {
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

    'dockyard.registry.remove': async (item?: unknown) => {
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

    'dockyard.registry.refresh': (item?: unknown) => view.refresh(item as RegistryNode | undefined),

    'dockyard.registry.loadMore': async (item?: unknown) => {
      if (item instanceof LoadMoreItem) await view.loadMore(item);
    },

    'dockyard.registry.copyReference': async (item?: unknown) => {
      const t = tagOrPlatform(item);
      await vscode.env.clipboard.writeText(t.ref);
      void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', t.ref), 3000);
    },

    'dockyard.registry.copyDigest': async (item?: unknown) => {
      const digest = await digestOf(tagOrPlatform(item));
      await vscode.env.clipboard.writeText(digest);
      void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', digest), 3000);
    },

    'dockyard.registry.inspectManifest': async (item?: unknown) => {
      const t = tagOrPlatform(item);
      const repo = t instanceof TagItem ? t.repository.name : t.tag.repository.name;
      const reference = t instanceof TagItem ? t.tag : t.entry.digest;
      await openJson(ctx, docs, `registry/${t.host}/${repo}/${reference.replace(/:/g, '-')}.manifest`, async () => (await view.client(t.host).manifest(repo, reference)).raw);
    },

    'dockyard.registry.inspectConfig': async (item?: unknown) => {
      const t = tagOrPlatform(item);
      const repo = t instanceof TagItem ? t.repository.name : t.tag.repository.name;
      const reference = t instanceof TagItem ? t.tag : t.entry.digest;
      const client = view.client(t.host);
      const m = await client.manifest(repo, reference);
      if (m.kind === 'index') throw new Error(vscode.l10n.t('{0} is a multi-platform index: expand it and inspect the config of one platform.', t.ref));
      await openJson(ctx, docs, `registry/${t.host}/${repo}/${reference.replace(/:/g, '-')}.config`, async () => (await client.imageConfig(repo, m))?.raw ?? {});
    },

    'dockyard.registry.delete': async (item?: unknown) => {
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
  });
  return { view, registryAuths: () => creds.allAuths() };
}


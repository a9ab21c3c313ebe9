// Registries: push and pull (see transfer.ts), log in and out (credentials in VS Code's secret
// storage), and search (Docker Hub through the engine, or a v2 registry's catalog).
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { checkAuth, searchIndex } from '../engine/images';
import { listCatalog, listTags } from '../engine/registry';
import { ImageTagItem } from '../explorer/items';
import type { Explorer } from '../explorer/register';
import { imageTargets } from '../explorer/targets';
import { registryOf, splitRepoTag } from '../shared/reference';
import { Credentials, serverAddress } from './credentials';
import { CredentialGate } from './credentialGate';
import { confirmWorkspaceHost } from './confirmHost';
import { Transfers } from './transfer';

export function registerRegistries(ctx: Ctx, explorer: Explorer): void {
  // Credentials go to an engine that workspace settings picked only once the user confirmed that host.
  const gate = new CredentialGate(ctx.extension.globalState, () => ctx.connection.hostFromWorkspaceSettings, confirmWorkspaceHost);
  const creds = new Credentials(ctx.extension.secrets, ctx.extension.globalState, gate);
  const transfers = new Transfers(ctx, creds, explorer);
  const e = () => ctx.connection.engine;

  ctx.registerCommands({
    'dockyard.image.push': async (...args: unknown[]) => {
      const [t] = (await imageTargets(ctx, args, 'push', false)).filter((x) => !x.image.dangling);
      if (!t) return;
      let ref = t.ref;
      if (registryOf(ref) === 'docker.io' && !ref.includes('/')) {
        // An official-looking name would push to docker.io/library: offer to retag first.
        const retag = await transfers.askRef(`Push ${ref}`, ref, `Push to which repository? (tag it as registry/name:tag — "${ref}" would go to docker.io/library)`);
        if (!retag) return;
        if (retag !== ref) { const { repo, tag } = splitRepoTag(retag); await ctx.connection.engine.tagImage(t.image.id, repo, tag); }
        ref = retag;
      }
      const { repo, tag } = splitRepoTag(ref);
      await transfers.push(repo, tag);
    },

    'dockyard.image.pull': async (...args: unknown[]) => {
      const fromTree = args[0] instanceof ImageTagItem && !args[0].image.dangling ? args[0].ref : undefined;
      const ref = fromTree ?? await transfers.askRef('Pull an image', ctx.extension.globalState.get('dockyard.pull.last', ''), 'Reference to pull, e.g. alpine:3.20 or 127.0.0.1:5000/team/app:1.2');
      if (!ref) return;
      if (!fromTree) await ctx.extension.globalState.update('dockyard.pull.last', ref);
      await transfers.pull(ref);
    },

    'dockyard.registry.login': async (hostArg?: unknown) => {
      const host = typeof hostArg === 'string' ? hostArg : await vscode.window.showInputBox({
        title: 'Log in to a registry (1/3)', prompt: 'Registry host (docker.io for Docker Hub)', value: 'docker.io', ignoreFocusOut: true,
        validateInput: (v) => (/^[a-zA-Z0-9.-]+(:\d{1,5})?$|^\[[0-9a-fA-F:]+\](:\d{1,5})?$/.test(v.trim()) ? undefined : 'Type a host name, optionally with :port.'),
      });
      if (!host) return;
      const h = host.trim();
      await creds.mayGo(h); // before the password is typed, not after
      const prev = await creds.get(h);
      const username = await vscode.window.showInputBox({ title: `Log in to ${h} (2/3)`, prompt: 'User name', value: prev?.username ?? '', ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : 'A user name is required.') });
      if (!username) return;
      const password = await vscode.window.showInputBox({ title: `Log in to ${h} (3/3)`, prompt: 'Password or access token (kept in VS Code\'s secret storage)', password: true, ignoreFocusOut: true, validateInput: (v) => (v ? undefined : 'A password is required.') });
      if (!password) return;
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Logging in to ${h}…` },
        () => checkAuth(e(), { username: username.trim(), password, serveraddress: serverAddress(h) }));
      await creds.store(h, { username: username.trim(), password });
      ctx.log.info(`Logged in to ${h} as ${username.trim()}`);
      void vscode.window.showInformationMessage(`Logged in to ${h} as ${username.trim()}.`);
    },

    'dockyard.registry.logout': async () => {
      const hosts = creds.hosts();
      if (!hosts.length) { void vscode.window.showInformationMessage('You are not logged in to any registry from Dockyard.'); return; }
      const host = await vscode.window.showQuickPick(hosts, { title: 'Log out of a registry' });
      if (!host) return;
      await creds.remove(host);
      void vscode.window.showInformationMessage(`Logged out of ${host}.`);
    },

    'dockyard.registry.search': async () => {
      const registries = [...new Set([...ctx.setting<string[]>('registry.registries', []), ...creds.hosts().filter((h) => h !== 'docker.io')])];
      const where = await vscode.window.showQuickPick([
        { label: 'Docker Hub', description: 'the engine\'s /images/search', value: '' },
        ...registries.map((r) => ({ label: r, description: 'v2 catalog', value: r })),
        { label: 'Another v2 registry…', description: 'host[:port]', value: '?' },
      ], { title: 'Search images in' });
      if (!where) return;
      let ref: string | undefined;
      if (!where.value) {
        const term = await vscode.window.showInputBox({ title: 'Search Docker Hub', prompt: 'Search term', ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : 'Type a search term.') });
        if (!term) return;
        const results = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Searching for ${term}…` }, () => searchIndex(e(), term.trim()));
        if (!results.length) { void vscode.window.showInformationMessage(`No image matches "${term}".`); return; }
        const pick = await vscode.window.showQuickPick(results.map((r) => ({ label: r.name, description: `${r.official ? '$(verified) official · ' : ''}★ ${r.stars}`, detail: r.description, value: r.name })), { title: `Pull which image? (${results.length} found)`, matchOnDetail: true });
        if (!pick) return;
        ref = pick.value;
      } else {
        const host = where.value === '?' ? (await vscode.window.showInputBox({ title: 'v2 registry', prompt: 'host[:port]', ignoreFocusOut: true, validateInput: (v) => (/^[a-zA-Z0-9.-]+(:\d{1,5})?$/.test(v.trim()) ? undefined : 'Type host or host:port.') }))?.trim() : where.value;
        if (!host) return;
        const c = await creds.get(host);
        const repos = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Listing ${host}…` }, () => listCatalog(host, c));
        if (!repos.length) { void vscode.window.showInformationMessage(`${host} has no repositories.`); return; }
        const repo = await vscode.window.showQuickPick(repos, { title: `Repositories in ${host} (${repos.length})` });
        if (!repo) return;
        const tags = await listTags(host, repo, c);
        const tag = await vscode.window.showQuickPick(tags.length ? tags : ['latest'], { title: `Pull ${host}/${repo}:` });
        if (!tag) return;
        ref = `${host}/${repo}:${tag}`;
      }
      const go = await vscode.window.showInformationMessage(`Pull ${ref}?`, 'Pull');
      if (go) await transfers.pull(ref);
    },
  });
}

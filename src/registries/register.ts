// Tag, push, pull (with per-layer progress, cancel, and a log), registry log in/out with
// SecretStorage, search, history, digests, and "images since".
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import {
  checkAuth, imageHistory, imagesSince, pullImage, pushImage, searchIndex, TransferHandle,
} from '../engine/images';
import { EngineError } from '../engine/errors';
import { ProgressTracker } from '../engine/progress';
import { listCatalog, listTags } from '../engine/registry';
import { formatAge, formatBytes, textTable } from '../shared/format';
import { ImageTagItem } from '../explorer/items';
import { Credentials, serverAddress } from './credentials';
import { ReadOnlyDocuments } from '../ui/documents';
import { registryOf, splitRepoTag, validateReference } from '../shared/reference';
import { imageTargets } from '../images/register';


export function registryCommands(ctx: Ctx, docs: ReadOnlyDocuments): Record<string, (...args: unknown[]) => unknown> {
  const creds = new Credentials(ctx.extension.secrets, ctx.extension.globalState);
  const channel = ctx.own(vscode.window.createOutputChannel('Dockyard: Registry'));
  const e = () => ctx.engine.engine;

  /** Runs a push or pull in a cancellable notification with per-layer progress; logs to the channel. */
  async function transfer(verb: 'Push' | 'Pull', ref: string, start: (onLine: (l: string) => void, onProgress: (t: ProgressTracker) => void) => TransferHandle): Promise<{ digest?: string } | undefined> {
    channel.appendLine(`${new Date().toLocaleTimeString()} ${verb} ${ref}`);
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `${verb === 'Push' ? 'Pushing' : 'Pulling'} ${ref}`, cancellable: true }, async (progress, token) => {
      let reported = 0;
      const handle = start((l) => channel.appendLine(`  ${l}`), (t) => {
        const pct = Math.round(t.fraction * 100);
        progress.report({ increment: Math.max(0, pct - reported), message: t.summary });
        reported = Math.max(reported, pct);
      });
      const sub = token.onCancellationRequested(() => handle.cancel());
      try {
        const r = await handle.done;
        channel.appendLine(`  done${r.digest ? `: ${r.digest}` : ''}`);
        return r;
      } catch (err) {
        channel.appendLine(`  failed: ${err instanceof Error ? err.message : String(err)}`);
        if (token.isCancellationRequested) { void vscode.window.showInformationMessage(`${verb} of ${ref} cancelled.`); return undefined; }
        if (err instanceof EngineError && err.kind === 'auth') {
          const host = registryOf(ref);
          const pick = await vscode.window.showErrorMessage(`${err.message}`, `Log In to ${host}`);
          if (pick) await vscode.commands.executeCommand('dockyard.registry.login', host);
          return undefined;
        }
        throw err;
      } finally {
        sub.dispose();
      }
    });
  }

  async function askRef(title: string, value: string, prompt: string): Promise<string | undefined> {
    const r = await vscode.window.showInputBox({ title, value, prompt, ignoreFocusOut: true, validateInput: (v) => validateReference(v.trim(), { allowDigest: title.startsWith('Pull') }) });
    return r?.trim();
  }

  async function pull(ref: string): Promise<void> {
    const r = await transfer('Pull', ref, (l, p) => pullImageWithCreds(ref, l, p));
    if (r) {
      void vscode.window.showInformationMessage(`Pulled ${ref}${r.digest ? ` (${r.digest.slice(0, 19)}…)` : ''}.`);
      const full = /[:@][^/]+$/.test(ref) ? ref : `${ref}:latest`;
      void ctx.explorer?.trees.images.reveal((i) => i instanceof ImageTagItem && i.ref === full);
    }
  }

  const authFor = async (ref: string) => creds.auth(registryOf(ref));
  const pullImageWithCreds = (ref: string, l: (s: string) => void, p: (t: ProgressTracker) => void): TransferHandle => {
    let inner: TransferHandle | undefined;
    let cancelled = false;
    const done = authFor(ref).then((auth) => {
      inner = pullImage(e(), ref, auth, l, p);
      if (cancelled) inner.cancel();
      return inner.done;
    });
    return { done, cancel: () => { cancelled = true; inner?.cancel(); } };
  };

  return {
    'dockyard.image.tag': async (...args: unknown[]) => {
      const [t] = await imageTargets(ctx, args, 'tag', false);
      if (!t) return;
      const ref = await askRef(`Tag ${t.image.dangling ? t.image.id.slice(7, 19) : t.ref}`, t.image.dangling ? '' : t.ref, 'New reference, e.g. registry.example.com:5000/team/app:1.2');
      if (!ref) return;
      const { repo, tag } = splitRepoTag(ref);
      await e().tagImage(t.image.id, repo, tag);
      void ctx.explorer?.trees.images.reveal((i) => i instanceof ImageTagItem && i.ref === `${repo}:${tag}`);
    },

    'dockyard.image.push': async (...args: unknown[]) => {
      const [t] = (await imageTargets(ctx, args, 'push', false)).filter((x) => !x.image.dangling);
      if (!t) return;
      let ref = t.ref;
      if (registryOf(ref) === 'docker.io' && !ref.includes('/')) {
        // An official-looking name would push to docker.io/library: offer to retag first.
        const retag = await askRef(`Push ${ref}`, ref, `Push to which repository? (tag it as registry/name:tag — "${ref}" would go to docker.io/library)`);
        if (!retag) return;
        if (retag !== ref) { const { repo, tag } = splitRepoTag(retag); await e().tagImage(t.image.id, repo, tag); }
        ref = retag;
      }
      const { repo, tag } = splitRepoTag(ref);
      const auth = await authFor(ref);
      const r = await transfer('Push', `${repo}:${tag}`, (l, p) => pushImage(e(), repo, tag, auth, l, p));
      if (r) void vscode.window.showInformationMessage(`Pushed ${repo}:${tag}${r.digest ? ` (${r.digest.slice(0, 19)}…)` : ''}.`);
    },

    'dockyard.image.pull': async (...args: unknown[]) => {
      const fromTree = args[0] instanceof ImageTagItem && !args[0].image.dangling ? args[0].ref : undefined;
      const ref = fromTree ?? await askRef('Pull an image', ctx.extension.globalState.get('dockyard.pull.last', ''), 'Reference to pull, e.g. alpine:3.20 or 127.0.0.1:5000/team/app:1.2');
      if (!ref) return;
      if (!fromTree) await ctx.extension.globalState.update('dockyard.pull.last', ref);
      await pull(ref);
    },

    'dockyard.registry.login': async (hostArg?: unknown) => {
      const host = typeof hostArg === 'string' ? hostArg : await vscode.window.showInputBox({
        title: 'Log in to a registry (1/3)', prompt: 'Registry host (docker.io for Docker Hub)', value: 'docker.io', ignoreFocusOut: true,
        validateInput: (v) => (/^[a-zA-Z0-9.-]+(:\d{1,5})?$|^\[[0-9a-fA-F:]+\](:\d{1,5})?$/.test(v.trim()) ? undefined : 'Type a host name, optionally with :port.'),
      });
      if (!host) return;
      const h = host.trim();
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
      if (go) await pull(ref);
    },

    'dockyard.image.history': async (...args: unknown[]) => {
      for (const t of await imageTargets(ctx, args, 'show the history of', false)) {
        await docs.open(`images/${t.ref.replace(/[/:@]/g, '_')}.history.txt`, async () => {
          const h = await imageHistory(e(), t.image.id);
          const rows = h.map((x) => [x.id === '<missing>' ? '<missing>' : x.id.replace(/^sha256:/, '').slice(0, 12), formatAge(x.created), formatBytes(x.size), x.comment, x.createdBy.replace(/^\/bin\/sh -c #\(nop\)\s*/, '').replace(/\s+/g, ' ')]);
          return `History of ${t.ref} (${t.image.id})\n\n${textTable(['IMAGE', 'CREATED', 'SIZE', 'COMMENT', 'CREATED BY'], rows)}`;
        });
      }
    },

    'dockyard.image.digests': async (...args: unknown[]) => {
      const fromTree = args[0] instanceof ImageTagItem;
      const images = fromTree ? (await imageTargets(ctx, args, 'show', true)).map((t) => t.image) : await e().listImages();
      await docs.open(fromTree ? `images/digests-${images[0]?.id.slice(7, 19)}.txt` : 'images/digests.txt', async () => {
        const fresh = fromTree ? (await e().listImages()).filter((i) => images.some((x) => x.id === i.id)) : await e().listImages();
        const rows = fresh.flatMap((i) => {
          const tags = i.repoTags.length ? i.repoTags : ['<none>:<none>'];
          return tags.map((rt) => {
            const [repo, tag] = [rt.slice(0, rt.lastIndexOf(':')), rt.slice(rt.lastIndexOf(':') + 1)];
            const digest = i.repoDigests.find((d) => d.startsWith(`${repo}@`))?.split('@')[1] ?? '<none>';
            return [repo, tag, digest, i.id, formatAge(i.created), formatBytes(i.size)];
          });
        });
        return textTable(['REPOSITORY', 'TAG', 'DIGEST', 'IMAGE ID', 'CREATED', 'SIZE'], rows);
      });
    },

    'dockyard.images.since': async (...args: unknown[]) => {
      const [t] = await imageTargets(ctx, args, 'compare with', false);
      if (!t) return;
      const newer = await imagesSince(e(), t.image.id);
      if (!newer.length) { void vscode.window.showInformationMessage(`No image was created after ${t.ref}.`); return; }
      const pick = await vscode.window.showQuickPick(newer.flatMap((i) => (i.repoTags.length ? i.repoTags : [i.id]).map((r) => ({
        label: r.startsWith('sha256:') ? `<none> ${r.slice(7, 19)}` : r, description: `${formatAge(i.created)} · ${formatBytes(i.size)}`, value: r,
      }))), { title: `Images created since ${t.ref} (${newer.length})`, placeHolder: 'Pick one to reveal it in the Images view' });
      if (pick) void ctx.explorer?.trees.images.reveal((i) => i instanceof ImageTagItem && i.ref === pick.value);
    },
  };
}

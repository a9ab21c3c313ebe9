// Log in to a registry (checked against the registry itself, kept in VS Code's secret storage)
// and log out.
import * as vscode from 'vscode';
import { RegistryClient } from '../engine/registry';
import { parseRegistryHost, validateRegistryHost } from './hosts';
import { hostOf, RegistryDeps } from './commandDeps';

export function loginCommands({ ctx, creds, view }: RegistryDeps) {
  return {
    login: async (hostArg?: unknown) => {
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
      const probe = new RegistryClient(h, { credentials: async () => ({ username: username.trim(), password, source: 'the password typed' }), onRealmElsewhere: view.realmElsewhere });
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Logging in to {0}…', h) }, () => probe.ping());
      await creds.store(h, { username: username.trim(), password });
      view.resetHost(h);
      ctx.log.info(`Logged in to ${h} as ${username.trim()}`);
      void vscode.window.showInformationMessage(vscode.l10n.t('Logged in to {0} as {1}.', h, username.trim()));
    },
    logout: async (hostArg?: unknown) => {
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
  };
}

// Open in Browser: a container's published port, picked when it has several.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { Engine } from '../engine/engine';
import { pickContainer } from '../explorer/pickContainer';
import { publishedPortUrls } from './urls';

export function registerContainerPorts(ctx: Ctx): void {
  ctx.registerEngineCommands({
    'dockyard.container.openInBrowser': async (engine: Engine, ...args: unknown[]) => {
      const host = engine.host;
      const c = await pickContainer(engine, args, vscode.l10n.t('Open in Browser'), (x) => x.state === 'running' && publishedPortUrls(x.ports, host).length > 0);
      if (!c) return;
      const urls = publishedPortUrls(c.ports, host);
      if (!urls.length) {
        void vscode.window.showInformationMessage(vscode.l10n.t('{0} publishes no TCP port. Run it with -p (or -P) to open it in a browser.', c.name));
        return;
      }
      const picked = urls.length === 1 ? urls[0] : (await vscode.window.showQuickPick(
        urls.map((u) => ({ label: u.url, description: u.label, detail: u.note, u })),
        { title: vscode.l10n.t('Open {0} in Browser', c.name), placeHolder: vscode.l10n.t('Port') },
      ))?.u;
      if (!picked) return;
      if (picked.note) ctx.log.info(`Open in Browser ${c.name}: ${picked.url} — ${picked.note}`);
      await vscode.env.openExternal(vscode.Uri.parse(picked.url));
    },
  });
}

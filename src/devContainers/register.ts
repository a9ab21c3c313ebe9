// Attach Visual Studio Code: hands a running container to the Dev Containers extension, when it
// is installed (the command is hidden otherwise).
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { Engine } from '../engine/engine';
import { pickContainer } from '../explorer/pickContainer';

const DEV_CONTAINERS = 'ms-vscode-remote.remote-containers';

export function registerDevContainers(ctx: Ctx): void {
  const update = () => void vscode.commands.executeCommand('setContext', 'dockyard.devContainersInstalled', !!vscode.extensions.getExtension(DEV_CONTAINERS));
  update();
  ctx.own(vscode.extensions.onDidChange(update));
  ctx.registerEngineCommands({
    'dockyard.container.attachVSCode': async (engine: Engine, ...args: unknown[]) => {
      if (!vscode.extensions.getExtension(DEV_CONTAINERS)) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Attach Visual Studio Code needs the Dev Containers extension ({0}).', DEV_CONTAINERS));
        return;
      }
      const c = await pickContainer(engine, args, vscode.l10n.t('Attach Visual Studio Code'), (x) => x.state === 'running');
      if (!c) return;
      // Dev Containers reaches the engine through its own settings (docker CLI, DOCKER_HOST, context):
      // it must point at the engine Dockyard shows.
      ctx.log.info(`Attach Visual Studio Code: ${c.name} (${c.id.slice(0, 12)}) on ${engine.host}, handed to Dev Containers.`);
      await vscode.commands.executeCommand('remote-containers.attachToRunningContainer', c.id);
    },
  });
}

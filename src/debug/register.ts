// Debugging in containers: the `dockyard` debug type (launch/attach), Debug in Container… and
// Attach Debugger. Every command id this feature owns is written out here beside its handler.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { attachDebugger, debugInContainer } from './commands';
import { DEBUG_TYPE } from './detect';
import { DebugContainers, DockyardDebugProvider } from './provider';

/** What the feature hands back (extension-host tests read how many containers it still owns). */
export interface DebugFeature {
  containers: DebugContainers;
}

export function registerDebug(ctx: Ctx): DebugFeature {
  const containers = ctx.own(new DebugContainers(ctx));
  const provider = new DockyardDebugProvider(ctx, containers);
  ctx.own(vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, provider, vscode.DebugConfigurationProviderTriggerKind.Initial));
  ctx.registerCommands({
    'dockyard.debug.inContainer': (...args: unknown[]) => debugInContainer(ctx, provider, args),
    'dockyard.container.attachDebugger': (...args: unknown[]) => attachDebugger(ctx, provider, args),
  });
  return { containers };
}

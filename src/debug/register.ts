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
  ctx.registerEngineCommands({
    'dockyard.debug.inContainer': (engine, ...args: unknown[]) => debugInContainer(ctx, provider, engine, args),
    'dockyard.container.attachDebugger': (engine, ...args: unknown[]) => attachDebugger(ctx, provider, engine, args),
  });
  return { containers };
}

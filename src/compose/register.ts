// Compose: the commands on compose files (fileCommands.ts) and on compose project groups in the
// Containers tree (projectCommands.ts). The CLI runs in a terminal started with the program and
// an argument list (no shell line): runner.ts.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { Explorer } from '../explorer/register';
import { composeFileCommands } from './fileCommands';
import { composeProjectCommands } from './projectCommands';
import { CliEngineGuard, ComposeRunner } from './runner';
import { registerProfiles } from './profiles';
import { registerWatch } from './watch';
import { addDockerFiles } from './starterCommand';

export function registerCompose(ctx: Ctx, explorer: Explorer, confirmCliEngine: CliEngineGuard): void {
  const runner = new ComposeRunner(ctx, confirmCliEngine);
  const file = composeFileCommands(ctx, runner);
  const project = composeProjectCommands(ctx, runner, explorer);
  const profiles = registerProfiles(ctx, explorer, runner);
  const watch = registerWatch(ctx, explorer, runner);
  ctx.registerEngineCommands({
    'dockyard.composeProfile.up': profiles.up,
    'dockyard.composeProfile.down': profiles.down,
    'dockyard.composeProject.startWatch': watch.start,
    'dockyard.composeProject.stopWatch': watch.stop,
    'dockyard.compose.up': file.up,
    'dockyard.compose.upServices': file.upServices,
    'dockyard.compose.down': file.down,
    'dockyard.compose.downServices': file.downServices,
    'dockyard.compose.restart': file.restart,
    'dockyard.compose.logs': file.logs,
    'dockyard.composeProject.start': project.start,
    'dockyard.composeProject.stop': project.stop,
    'dockyard.composeProject.restart': project.restart,
    'dockyard.composeProject.down': project.down,
    'dockyard.composeProject.logs': project.logs,
  });
  ctx.registerCommands({
    'dockyard.compose.addDockerFiles': (...args: unknown[]) => addDockerFiles(args[0] instanceof vscode.Uri ? args[0] : undefined),
    'dockyard.compose.chooseOptions': file.chooseOptions,
  });
  // Problems in compose files as they are edited: see languageProviders.ts.
}

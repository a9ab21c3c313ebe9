// Registers the terminal and container/image workflow commands (exec, attach, logs, run,
// commit, registry, container tools).
import type { Ctx } from '../ctx';
import { commitCommands } from '../containers/commit';
import { containerToolCommands } from '../containers/tools';
import { registryCommands } from '../registries/register';
import { runCommands } from '../images/run';
import { terminalCommands } from './commands';
import type { ReadOnlyDocuments } from '../ui/documents';

export function registerTerminals(ctx: Ctx, docs: ReadOnlyDocuments): void {
  ctx.registerCommands({
    ...terminalCommands(ctx),
    ...runCommands(ctx),
    ...commitCommands(ctx),
    ...registryCommands(ctx, docs),
    ...containerToolCommands(ctx, docs),
  });
}

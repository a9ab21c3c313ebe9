// Registers the terminal and container/image workflow commands (exec, attach, logs, run,
// commit, registry, container tools).
import type { Ctx } from '../ctx';
import { commitCommands } from '../commands/commit';
import { containerToolCommands } from '../commands/containerTools';
import { registryCommands } from '../commands/registry';
import { runCommands } from '../commands/run';
import { terminalCommands } from '../commands/terminals';
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

// Registers the terminal and container/image workflow commands (exec, attach, logs, run, …).
import type { Ctx } from '../ctx';
import { runCommands } from '../commands/run';
import { terminalCommands } from '../commands/terminals';

export function registerTerminals(ctx: Ctx): void {
  ctx.registerCommands({
    ...terminalCommands(ctx),
    ...runCommands(ctx),
  });
}

import type { Ctx } from '../ctx';
import { ReadOnlyDocuments } from '../ui/documents';
import { containerCommands } from '../containers/register';
import { imageCommands } from '../images/register';
import { networkCommands } from '../networks/register';
import { systemCommands } from '../system/register';
import { volumeCommands } from '../volumes/register';

/** Registers the resource commands: one table, id -> handler. */
export function registerCommands(ctx: Ctx): ReadOnlyDocuments {
  const docs = ctx.own(new ReadOnlyDocuments());
  ctx.registerCommands({
    ...containerCommands(ctx, docs),
    ...imageCommands(ctx, docs),
    ...volumeCommands(ctx, docs),
    ...networkCommands(ctx, docs),
    ...systemCommands(ctx, docs),
  });
  return docs;
}

import type { Ctx } from '../ctx';
import { ReadOnlyDocuments } from '../ui/documents';
import { containerCommands } from './containers';
import { imageCommands } from './images';
import { networkCommands } from './networks';
import { systemCommands } from './system';
import { volumeCommands } from './volumes';

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

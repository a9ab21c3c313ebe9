// What the registry commands share, and the arguments they take from the Registries view.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { Explorer } from '../explorer/register';
import type { ReadOnlyDocuments } from '../ui/documents';
import type { Credentials } from '../credentials/credentials';
import type { Transfers } from './transfer';
import { PlatformItem, RegistriesView, RegistryRootItem, TagItem } from './view';

/** What the registry commands share. */
export interface RegistryDeps {
  ctx: Ctx;
  docs: ReadOnlyDocuments;
  explorer: Explorer;
  creds: Credentials;
  view: RegistriesView;
  transfers: Transfers;
}

/** A registry host given to a command: a string, or a registry's root in the view. */
export const hostOf = (x: unknown): string | undefined => (typeof x === 'string' ? x : x instanceof RegistryRootItem ? x.host : undefined);

/** The tag or platform a Registries-view command was started on. */
export const tagOrPlatform = (x: unknown): TagItem | PlatformItem => {
  if (x instanceof TagItem || x instanceof PlatformItem) return x;
  throw new Error(vscode.l10n.t('Choose a tag in the Registries view.'));
};

// Registries: the Registries view (view.ts) and its actions, push and pull (see transfer.ts),
// log in and out (Dockyard's logins in VS Code's secret storage; the docker CLI's are read, see
// credentials.ts), and search (Docker Hub through the engine, or a v2 registry's catalog).
import type { Ctx } from '../ctx';
import { RegistryAuth } from '../engine/images';
import type { Explorer } from '../explorer/register';
import { ReadOnlyDocuments } from '../ui/documents';
import { Credentials } from '../credentials/credentials';
import { loginCommands } from './loginCommands';
import { Transfers } from './transfer';
import { transferCommands } from './transferCommands';
import { RegistriesView } from './view';
import { viewCommands } from './viewCommands';

/** What other features get from this one (through extension.ts). */
export interface RegistriesFeature {
  view: RegistriesView;
  /** Every known login, keyed by server address (a build's X-Registry-Config). */
  registryAuths(): Promise<Record<string, RegistryAuth>>;
}

export function registerRegistries(ctx: Ctx, docs: ReadOnlyDocuments, explorer: Explorer, creds: Credentials): RegistriesFeature {
  const transfers = new Transfers(ctx, creds, explorer);
  const view = ctx.own(new RegistriesView(ctx, creds));
  const deps = { ctx, docs, explorer, creds, view, transfers };
  const transfer = transferCommands(deps);
  const login = loginCommands(deps);
  const registry = viewCommands(deps);

  ctx.registerEngineCommands({
    'dockyard.image.push': transfer.push,
    'dockyard.image.pull': transfer.pull,
    'dockyard.registry.pull': transfer.pullTag,
    'dockyard.registry.pullAndRun': transfer.pullAndRun,
  });
  // Docker Hub's search runs through the active engine (the view shows no engine).
  ctx.registerEngineCommands({
    'dockyard.registry.search': transfer.search,
  }, 'active');
  ctx.registerCommands({
    'dockyard.registry.login': login.login,
    'dockyard.registry.logout': login.logout,
    'dockyard.registry.add': registry.add,
    'dockyard.registry.remove': registry.remove,
    'dockyard.registry.refresh': registry.refresh,
    'dockyard.registry.loadMore': registry.loadMore,
    'dockyard.registry.copyReference': registry.copyReference,
    'dockyard.registry.copyDigest': registry.copyDigest,
    'dockyard.registry.inspectManifest': registry.inspectManifest,
    'dockyard.registry.inspectConfig': registry.inspectConfig,
    'dockyard.registry.delete': registry.delete,
  });
  return { view, registryAuths: () => creds.allAuths() };
}

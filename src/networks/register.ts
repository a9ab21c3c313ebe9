import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { Engine } from '../engine/engine';
import { NetworkSummary } from '../engine/models';
import { networkDescription } from '../explorer/format';
import { NetworkItem } from '../explorer/items';
import { ReadOnlyDocuments, openJson } from '../ui/documents';
import { askNewName, confirmEach, confirmPrune, listNames, PickTexts, targetsOrPick } from '../ui/pick';
import { validateNetworkName } from '../shared/validate';

const isNetworkItem = (x: unknown): x is NetworkItem => x instanceof NetworkItem;

async function networkTargets(engine: Engine, args: unknown[], texts: PickTexts, custom: boolean, many = true): Promise<NetworkSummary[]> {
  return targetsOrPick(args, isNetworkItem, (i) => i.network, async () => (await engine.listNetworks())
    .filter((n) => !custom || !n.builtIn)
    .map((n) => ({ label: n.name, description: networkDescription(n), value: n })), texts, many);
}

export function registerNetworks(ctx: Ctx, docs: ReadOnlyDocuments): void {
  const ask = () => ctx.setting('confirmDestructiveActions', true);
  ctx.registerEngineCommands({
    'dockyard.network.create': async (engine: Engine) => {
      const name = await askNewName({
        title: vscode.l10n.t('Create network (1/2)'),
        prompt: vscode.l10n.t('Network name'),
        validate: validateNetworkName,
        taken: (await engine.listNetworks()).map((n) => n.name),
        exists: (v) => vscode.l10n.t('Network {0} already exists.', v),
      });
      if (!name) return;
      const driver = await vscode.window.showQuickPick(
        [{ label: 'bridge', description: vscode.l10n.t('containers on this host') }, { label: 'bridge (internal)', description: vscode.l10n.t('no outside access') }, { label: 'macvlan' }, { label: 'ipvlan' }, { label: 'overlay', description: vscode.l10n.t('swarm') }],
        { title: vscode.l10n.t('Create network (2/2): driver') },
      );
      if (!driver) return;
      const internal = driver.label === 'bridge (internal)';
      await engine.createNetwork(name, { driver: internal ? 'bridge' : driver.label, internal });
    },

    'dockyard.network.remove': async (engine: Engine, ...args: unknown[]) => {
      const targets = await networkTargets(engine, args, { title: vscode.l10n.t('Network to remove'), none: vscode.l10n.t('No network to remove.') }, true);
      if (!targets.length) return;
      const builtIn = targets.filter((n) => n.builtIn);
      const removable = targets.filter((n) => !n.builtIn);
      if (!removable.length) {
        void vscode.window.showErrorMessage(vscode.l10n.t('{0}: built-in networks cannot be removed.', builtIn.map((n) => n.name).join(', ')));
        return;
      }
      const inUse = removable.filter((n) => n.containers.length);
      const detail = inUse.length ? vscode.l10n.t('Containers still attached: {0} — the engine refuses to remove those.', inUse.map((n) => `${n.name} (${n.containers.join(', ')})`).join('; ')) : undefined;
      const message = removable.length === 1 ? vscode.l10n.t('Remove network {0}?', removable[0].name) : vscode.l10n.t('Remove {0} networks?', removable.length);
      await confirmEach(ctx, ask(), removable, {
        question: message, detail, button: vscode.l10n.t('Remove'),
        failed: { one: (d) => vscode.l10n.t('Could not remove {0}', d), many: (count, ds) => vscode.l10n.t('Could not remove {0} networks: {1}', count, ds) },
      }, (n) => n.name, (n) => engine.removeNetwork(n.id));
    },

    'dockyard.network.inspect': async (engine: Engine, ...args: unknown[]) => {
      for (const n of await networkTargets(engine, args, { title: vscode.l10n.t('Network to inspect'), none: vscode.l10n.t('No network to inspect.') }, false, false)) await openJson(ctx, docs, `networks/${n.name}`, () => engine.inspectNetwork(n.id));
    },

    'dockyard.networks.prune': async (engine: Engine) => {
      const unused = (await engine.listNetworks()).filter((n) => !n.builtIn && !n.containers.length);
      await confirmPrune(ask(), unused, {
        none: vscode.l10n.t('There are no unused networks to prune.'),
        question: (list) => (list.length === 1 ? vscode.l10n.t('Remove 1 unused network?') : vscode.l10n.t('Remove {0} unused networks?', list.length)),
        detail: (list) => listNames(list.map((n) => n.name)),
        done: (r) => (r.deleted.length === 1 ? vscode.l10n.t('Removed 1 network.') : vscode.l10n.t('Removed {0} networks.', r.deleted.length)),
      }, () => engine.pruneNetworks());
    },
  });
}

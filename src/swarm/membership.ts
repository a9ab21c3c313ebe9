// The swarm itself: initialize one on this engine, or leave it.
import * as vscode from 'vscode';
import type { Engine } from '../engine/engine';
import { confirm } from '../ui/pick';
import { swarmOf } from './state';
import type { SwarmDeps } from './services';
import { listenAddrFor, validateAdvertiseAddr } from './validate';

export function membershipCommands({ state }: SwarmDeps) {
  return {
    init: async (engine: Engine) => {
      const swarm = swarmOf(engine);
      const info = await swarm.info();
      if (info.nodeState !== 'inactive') throw new Error(vscode.l10n.t('This engine is already part of a swarm ({0}) — leave it first (Dockyard: Leave Swarm).', info.nodeState));
      const addr = await vscode.window.showInputBox({
        title: vscode.l10n.t('Initialize a swarm on {0}', engine.host),
        prompt: vscode.l10n.t('Advertise address: the address other nodes reach this engine at (an IP or interface name, optionally :port); 127.0.0.1 for a single-node swarm'),
        value: '127.0.0.1',
        validateInput: validateAdvertiseAddr,
      });
      if (!addr) return;
      if (!(await confirm(true, vscode.l10n.t('Make {0} a swarm manager?', engine.host), vscode.l10n.t('The engine starts managing a swarm (raft store, ingress network); leave it again with Dockyard: Leave Swarm.'), vscode.l10n.t('Initialize')))) return;
      await swarm.init({ advertiseAddr: addr.trim(), listenAddr: listenAddrFor(addr.trim()) });
      await state.refresh();
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} is now the manager of a one-node swarm.', engine.host));
    },
    leave: async (engine: Engine) => {
      const swarm = swarmOf(engine);
      const info = await swarm.info();
      if (info.nodeState === 'inactive') { void vscode.window.showInformationMessage(vscode.l10n.t('This engine is not part of a swarm.')); return; }
      const lastManager = info.controlAvailable && (info.managers ?? 1) <= 1;
      const detail = info.controlAvailable
        ? lastManager
          ? vscode.l10n.t('This is the swarm\'s last manager: leaving ends the swarm, and its services, secrets and configs are lost.')
          : vscode.l10n.t('This is a manager: leaving lowers the number of managers, and so how many failures the swarm survives. Demote it first to be safe.')
        : vscode.l10n.t('Its tasks stop; the swarm schedules them elsewhere.');
      if (!(await confirm(true, vscode.l10n.t('Leave the swarm on {0}?', engine.host), detail, vscode.l10n.t('Leave')))) return;
      await swarm.leave(info.controlAvailable);
      await state.refresh();
    },
  };
}

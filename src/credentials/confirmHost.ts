// The question CredentialGate asks: may registry credentials go to an engine that the
// workspace's settings picked?
import * as vscode from 'vscode';
import type { CredentialGate } from './credentialGate';

export async function confirmWorkspaceHost(engineHost: string, registry: string): Promise<boolean> {
  const send = vscode.l10n.t('Send Credentials to This Engine');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Send your {0} credentials to the Docker engine {1}?', registry, engineHost),
    {
      modal: true,
      detail: vscode.l10n.t('This engine was chosen by this workspace\'s settings (dockyard.host in .vscode/settings.json), not by you. The engine receives registry credentials for push, pull and log in, and can pass them on. Send them only if you know this engine. Dockyard asks once per engine.'),
    },
    send,
  );
  return answer === send;
}

/** The question before compose or `docker stack` runs against an engine the workspace's settings picked. */
export async function confirmWorkspaceHostForCli(engineHost: string, tool: string): Promise<boolean> {
  const run = vscode.l10n.t('Run Against This Engine');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Run {0} against the Docker engine {1}?', tool, engineHost),
    {
      modal: true,
      detail: vscode.l10n.t('This engine was chosen by this workspace\'s settings (dockyard.host in .vscode/settings.json), not by you. {0} sends the engine your registry logins (from the docker CLI\'s config and credential helpers) to pull and build, and the engine can pass them on. Run it only if you know this engine. Dockyard asks once per engine, as for push and pull.', tool),
    },
    run,
  );
  return answer === run;
}

/**
 * What compose and swarm call before running their CLI against `engineHost` (the DOCKER_HOST they
 * hand it): throws, and nothing runs, when the user declines.
 */
export function cliEngineGuard(gate: CredentialGate): (engineHost: string | undefined, tool: string) => Promise<void> {
  return async (engineHost, tool) => {
    if (await gate.allowCli(engineHost, tool)) return;
    throw new Error(vscode.l10n.t('{0} did not run: the Docker engine {1} was chosen by this workspace\'s settings (dockyard.host) and you did not confirm it; it would have received your registry logins.', tool, engineHost ?? ''));
  };
}

// The question CredentialGate asks: may registry credentials go to an engine that the
// workspace's settings picked?
import * as vscode from 'vscode';

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

// Whether a build gets the user's ssh-agent. A Dockerfile with `RUN --mount=type=ssh` lets its steps
// use every key the agent holds (sign in to servers as the user) while they run, so, as the docker
// CLI needs `--ssh default`, Dockyard forwards the agent only with consent: the user setting
// `dockyard.build.sshAgent` (application scope: no workspace can set it) says always, never, or ask;
// "ask" asks once per Dockerfile and remembers a Forward in global state (which no workspace writes).
import * as vscode from 'vscode';
import { sshAgentDecision } from './buildkitOptions';

const KEY = 'dockyard.build.sshAgentAllowed';

export interface SshAgentChoice {
  /** The agent socket to forward, or undefined to build without it. */
  socket?: string;
  /** A line for the build terminal saying what happened, when there is something to say. */
  note?: string;
}

/**
 * The agent for a build of `dockerfile` (undefined: the user cancelled the build). `state` is the
 * extension's global state, `setting` the applied value of dockyard.build.sshAgent.
 */
export async function sshAgentForBuild(state: vscode.Memento, dockerfile: vscode.Uri, label: string, wanted: boolean, setting: string, socket = process.env.SSH_AUTH_SOCK || undefined): Promise<SshAgentChoice | undefined> {
  const allowed = state.get<string[]>(KEY, []);
  const decision = sshAgentDecision({ wanted, socket, setting, remembered: allowed.includes(dockerfile.toString()) });
  switch (decision) {
    case 'none': return {};
    case 'noSocket': return { note: vscode.l10n.t('A RUN step mounts the ssh-agent (--mount=type=ssh), but SSH_AUTH_SOCK is not set: start an ssh-agent before VS Code to forward it.') };
    case 'withoutAgent': return { note: vscode.l10n.t('Building without your ssh-agent (dockyard.build.sshAgent is "never"): RUN steps that mount it (--mount=type=ssh) get no keys.') };
    case 'forward': return { socket };
    case 'ask': break;
  }
  const forward = vscode.l10n.t('Forward ssh-agent');
  const without = vscode.l10n.t('Build Without It');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('{0} asks for your ssh-agent. Forward it to this build?', label),
    {
      modal: true,
      detail: vscode.l10n.t('A RUN step mounts the ssh-agent (--mount=type=ssh): while it runs, it can use every key your agent holds, for example to sign in to servers as you, as "docker build --ssh default" allows. Dockyard remembers a Forward for this Dockerfile; the setting dockyard.build.sshAgent (always, never, ask) decides for all builds.'),
    },
    forward, without,
  );
  if (answer === forward) {
    await state.update(KEY, [...allowed.filter((u) => u !== dockerfile.toString()), dockerfile.toString()].slice(-200));
    return { socket };
  }
  if (answer === without) return { note: vscode.l10n.t('Building without your ssh-agent (not allowed for this Dockerfile): RUN steps that mount it (--mount=type=ssh) get no keys.') };
  void vscode.window.showInformationMessage(vscode.l10n.t('Build cancelled: the Dockerfile asks for your ssh-agent and you did not answer.'));
  return undefined;
}

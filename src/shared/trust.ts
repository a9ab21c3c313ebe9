// Which value of a setting applies, given workspace trust. Settings that pick an engine, a user or
// a command (dockyard.host, dockyard.terminal.*) must not come from an untrusted workspace's
// .vscode/settings.json: there only the user's own (global) value or the default applies. Safety
// settings (confirmations, ssh-agent forwarding) never come from a workspace.
import { l10n } from './l10n';

/**
 * `dockyard.*` keys (without the prefix) that an untrusted workspace may not set: the same list as
 * package.json's `capabilities.untrustedWorkspaces.restrictedConfigurations` (a unit test checks).
 */
export const RESTRICTED_SETTINGS: readonly string[] = [
  'build.contextFolder', 'build.builder', 'build.networkMode', 'compose.command', 'dockerfile.shellcheck.path', 'engines', 'host',
  'registry.registries', 'terminal.user', 'terminal.shell', 'terminal.workingDirectory', 'confirmDestructiveActions', 'build.sshAgent',
];

/**
 * Safety settings only the user decides (`"scope": "application"` in package.json): a workspace's
 * value is ignored even when the workspace is trusted, so a repository cannot turn off the
 * confirmation of destructive actions or grant its builds the user's ssh-agent.
 */
export const USER_ONLY_SETTINGS: readonly string[] = ['confirmDestructiveActions', 'build.sshAgent'];

/** The layers of a setting, as `WorkspaceConfiguration.inspect()` returns them. */
export interface SettingLayers<T> {
  defaultValue?: T;
  globalValue?: T;
  workspaceValue?: T;
  workspaceFolderValue?: T;
}

export interface AppliedSetting<T> {
  value: T;
  /** Set when a workspace value was present and ignored because the workspace is not trusted. */
  ignored?: T;
}

/**
 * The value that applies: the most specific layer, except that in an untrusted workspace the
 * workspace and folder layers of a restricted key are skipped (and reported as `ignored`).
 */
export function applicableSetting<T>(key: string, layers: SettingLayers<T> | undefined, trusted: boolean, fallback: T): AppliedSetting<T> {
  const l = layers ?? {};
  const user = l.globalValue !== undefined ? l.globalValue : l.defaultValue !== undefined ? l.defaultValue : fallback;
  const workspace = l.workspaceFolderValue !== undefined ? l.workspaceFolderValue : l.workspaceValue;
  if (workspace === undefined) return { value: user };
  if (USER_ONLY_SETTINGS.includes(key)) return { value: user, ignored: workspace };
  if (trusted || !RESTRICTED_SETTINGS.includes(key)) return { value: workspace };
  return { value: user, ignored: workspace };
}

/** The one log line that says a workspace value was ignored. */
export function ignoredSettingMessage(key: string): string {
  if (USER_ONLY_SETTINGS.includes(key)) return l10n.t('Ignoring the workspace\'s value of dockyard.{0}: only your user settings can change this safety setting.', key);
  return l10n.t('Ignoring the workspace\'s value of dockyard.{0}: the workspace is not trusted (using your user setting or the default). Trust the workspace to use it.', key);
}

/**
 * True when the value that applies came from the workspace (its .vscode/settings.json or a
 * folder's): for dockyard.host, such an engine is confirmed by the user before credentials go to it.
 */
export function appliedFromWorkspace<T>(key: string, layers: SettingLayers<T> | undefined, trusted: boolean): boolean {
  const l = layers ?? {};
  const workspace = l.workspaceFolderValue !== undefined ? l.workspaceFolderValue : l.workspaceValue;
  if (workspace === undefined || workspace === '' || workspace === null) return false;
  if (USER_ONLY_SETTINGS.includes(key)) return false;
  return trusted || !RESTRICTED_SETTINGS.includes(key);
}

/**
 * The features that run what a workspace file names (compose runs its services' commands, a build
 * the Dockerfile's RUN lines, a stack deploy the stack file's services): turned off in an untrusted
 * workspace, each with its own whole sentence.
 */
export type WorkspaceRunner = 'compose' | 'build' | 'stacks';

/** Why `feature` is turned off in an untrusted workspace (one sentence each, so each translates whole). */
export function untrustedMessage(feature: WorkspaceRunner): string {
  switch (feature) {
    case 'compose': return l10n.t('Compose is turned off in an untrusted workspace: it runs the commands the compose file names. Trust the workspace to use it.');
    case 'build': return l10n.t('Building images is turned off in an untrusted workspace: a build runs the Dockerfile\'s commands. Trust the workspace to build.');
    case 'stacks': return l10n.t('Stacks are turned off in an untrusted workspace: deploying runs what the compose file names. Trust the workspace to use them.');
  }
}

/** Thrown by a feature that runs what the workspace names, used in an untrusted workspace. */
export class WorkspaceNotTrustedError extends Error {
  constructor(readonly feature: WorkspaceRunner) {
    super(untrustedMessage(feature));
    this.name = 'WorkspaceNotTrustedError';
  }
}

/** The one check: throws WorkspaceNotTrustedError unless the workspace is trusted. */
export function requireTrust(feature: WorkspaceRunner, trusted: boolean): void {
  if (!trusted) throw new WorkspaceNotTrustedError(feature);
}

// Reads `dockyard.*` settings honouring workspace trust (see shared/trust.ts): in an untrusted
// workspace the workspace's values of restricted settings are ignored, with one log line per key.
import * as vscode from 'vscode';
import { applicableSetting, appliedFromWorkspace, ignoredSettingMessage, requireTrust, WorkspaceRunner } from '../shared/trust';

export class TrustedSettings {
  private readonly warned = new Set<string>();

  constructor(private readonly config: () => vscode.WorkspaceConfiguration, private readonly log: vscode.LogOutputChannel) {}

  get<T>(key: string, fallback: T): T {
    const applied = applicableSetting(key, this.config().inspect<T>(key), vscode.workspace.isTrusted, fallback);
    if (applied.ignored !== undefined && !this.warned.has(key)) {
      this.warned.add(key);
      this.log.warn(ignoredSettingMessage(key));
    }
    return applied.value;
  }

  /** True when the value get(key) returns came from the workspace's settings (trusted workspace). */
  fromWorkspace(key: string): boolean {
    return appliedFromWorkspace(key, this.config().inspect(key), vscode.workspace.isTrusted);
  }
}

/**
 * Compose, builds and stacks run what a workspace file names: in an untrusted workspace they
 * refuse with WorkspaceNotTrustedError (Ctx.showError offers to manage workspace trust).
 */
export function requireWorkspaceTrust(feature: WorkspaceRunner): void {
  requireTrust(feature, vscode.workspace.isTrusted);
}

// Registry credentials go to the engine (X-Registry-Auth on push/pull, POST /auth on log in),
// and the engine passes them on. When that engine was picked by the workspace's own settings
// (dockyard.host in .vscode/settings.json of a trusted workspace — a cloned repository can set
// it), the user confirms the host once before any credential is sent to it; the answer is
// remembered per host in global state (which no workspace can write). No vscode import: the
// question and the state come in.

/** The subset of vscode.Memento used here. */
export interface StateStore {
  get<T>(key: string, defaultValue: T): T;
  update(key: string, value: unknown): Thenable<void>;
}

export const CONFIRMED_HOSTS_KEY = 'dockyard.registry.confirmedWorkspaceHosts';

export class CredentialGate {
  constructor(
    private readonly state: StateStore,
    /** The engine's host when it came from the workspace's settings, else undefined. */
    private readonly workspaceHost: () => string | undefined,
    /** Asks the user; resolves true to send credentials to `engineHost`. */
    private readonly ask: (engineHost: string, registry: string) => Promise<boolean>,
    /** Asks about a CLI (compose, docker stack) that would send all the user's logins; defaults to `ask`. */
    private readonly askCli?: (engineHost: string, tool: string) => Promise<boolean>,
  ) {}

  /** Engine hosts from workspace settings the user has confirmed. */
  confirmed(): string[] {
    return this.state.get<string[]>(CONFIRMED_HOSTS_KEY, []);
  }

  /** True when credentials for `registry` may go to the current engine (asking once if needed). */
  async allow(registry: string): Promise<boolean> {
    const host = this.workspaceHost();
    if (!host) return true; // the user's own setting, DOCKER_HOST, a docker context: the user chose it
    if (this.confirmed().includes(host)) return true;
    if (!(await this.ask(host, registry))) return false;
    await this.remember(host);
    return true;
  }

  /**
   * True when `tool` (docker compose, docker stack) may run against `engineHost`: the CLI sends the
   * user's registry logins (~/.docker/config.json, credential helpers) to the engine it talks to,
   * so an engine from the workspace's settings is confirmed first, once, as for push and pull.
   */
  async allowCli(engineHost: string | undefined, tool: string): Promise<boolean> {
    const host = this.workspaceHost();
    if (!host || !engineHost || host !== engineHost) return true; // the CLI goes to an engine the user chose
    if (this.confirmed().includes(host)) return true;
    if (!(await (this.askCli ?? this.ask)(host, tool))) return false;
    await this.remember(host);
    return true;
  }

  private async remember(host: string): Promise<void> {
    // Asked concurrently by two commands: keep both answers.
    const now = new Set(this.confirmed());
    now.add(host);
    await this.state.update(CONFIRMED_HOSTS_KEY, [...now]);
  }

  /** allow(), throwing CredentialsWithheldError when the user declines. */
  async require(registry: string): Promise<void> {
    if (!(await this.allow(registry))) throw new CredentialsWithheldError(this.workspaceHost() ?? 'in use');
  }
}

/** Thrown when the user declines: the command stops without sending anything. */
export class CredentialsWithheldError extends Error {
  constructor(engineHost: string) {
    super(`Registry credentials were not sent: the Docker engine ${engineHost} comes from this workspace's settings (dockyard.host) and was not confirmed.`);
    this.name = 'CredentialsWithheldError';
  }
}

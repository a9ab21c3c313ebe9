// Registry credentials in SecretStorage, one entry per registry host. Never logged.
import type * as vscode from 'vscode';
import type { CredentialGate } from './credentialGate';

export interface StoredCredentials {
  username: string;
  password: string;
}

const KEY = (host: string) => `dockyard.registry.credentials/${host}`;
const HOSTS = 'dockyard.registry.hosts';

/** The address the engine's X-Registry-Auth expects for a registry host. */
export function serverAddress(host: string): string {
  return host === 'docker.io' ? 'https://index.docker.io/v1/' : host;
}

export class Credentials {
  constructor(private readonly secrets: vscode.SecretStorage, private readonly state: vscode.Memento, private readonly gate?: CredentialGate) {}

  async get(host: string): Promise<StoredCredentials | undefined> {
    const raw = await this.secrets.get(KEY(host));
    if (!raw) return undefined;
    try { return JSON.parse(raw) as StoredCredentials; } catch { return undefined; }
  }

  /**
   * The X-Registry-Auth for `host`, or undefined when none is stored. Throws
   * CredentialsWithheldError when the engine came from workspace settings and the user declined.
   */
  async auth(host: string): Promise<{ username: string; password: string; serveraddress: string } | undefined> {
    const c = await this.get(host);
    if (!c) return undefined;
    await this.mayGo(host);
    return { ...c, serveraddress: serverAddress(host) };
  }

  /** Asks (once per engine host) before credentials for `registry` go to an engine from workspace settings; throws CredentialsWithheldError when declined. */
  async mayGo(registry: string): Promise<void> {
    await this.gate?.require(registry);
  }

  async store(host: string, creds: StoredCredentials): Promise<void> {
    await this.secrets.store(KEY(host), JSON.stringify(creds));
    const hosts = new Set(this.hosts());
    hosts.add(host);
    await this.state.update(HOSTS, [...hosts]);
  }

  async remove(host: string): Promise<void> {
    await this.secrets.delete(KEY(host));
    await this.state.update(HOSTS, this.hosts().filter((h) => h !== host));
  }

  /** Hosts with stored credentials (names only; the secrets stay in SecretStorage). */
  hosts(): string[] {
    return this.state.get<string[]>(HOSTS, []);
  }
}

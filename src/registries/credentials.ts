// Registry credentials in SecretStorage, one entry per registry host. Never logged.
import type * as vscode from 'vscode';

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
  constructor(private readonly secrets: vscode.SecretStorage, private readonly state: vscode.Memento) {}

  async get(host: string): Promise<StoredCredentials | undefined> {
    const raw = await this.secrets.get(KEY(host));
    if (!raw) return undefined;
    try { return JSON.parse(raw) as StoredCredentials; } catch { return undefined; }
  }

  async auth(host: string): Promise<{ username: string; password: string; serveraddress: string } | undefined> {
    const c = await this.get(host);
    return c ? { ...c, serveraddress: serverAddress(host) } : undefined;
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

// Registry credentials: Dockyard's own logins in SecretStorage (one entry per registry host),
// then the docker CLI's (~/.docker/config.json auths, credsStore, credHelpers). One lookup
// serves the Registries view, search, push, pull and builds. Never logged.
import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import type * as vscode from 'vscode';
import type { CredentialGate } from './credentialGate';
import { RegistryAuth } from '../engine/images';
import { configuredRegistries, dockerConfigPath, dockerCredentials, parseDockerConfig, RegistryCredential, serverUrlOf } from '../engine/registry';

export interface StoredCredentials {
  username: string;
  password: string;
}

const KEY = (host: string) => `dockyard.registry.credentials/${host}`;
const HOSTS = 'dockyard.registry.hosts';

/** The address the engine's X-Registry-Auth expects for a registry host. */
export function serverAddress(host: string): string {
  return serverUrlOf(host);
}

const readFile = (f: string) => { try { return readFileSync(f, 'utf8'); } catch { return undefined; } };

export class Credentials {
  /**
   * `gate`: credentials go to an engine that the workspace's settings picked only once the user
   * confirmed that host (auth, allAuths and mayGo ask; lookup, which talks to registries
   * directly, does not).
   */
  constructor(private readonly secrets: vscode.SecretStorage, private readonly state: vscode.Memento, private readonly gate?: CredentialGate) {}

  /** Asks (once per engine host) before credentials for `registry` go to an engine from workspace settings; throws CredentialsWithheldError when declined. */
  async mayGo(registry: string): Promise<void> {
    await this.gate?.require(registry);
  }

  /** Dockyard's own login for a host (SecretStorage only). */
  async get(host: string): Promise<StoredCredentials | undefined> {
    const raw = await this.secrets.get(KEY(host));
    if (!raw) return undefined;
    try { return JSON.parse(raw) as StoredCredentials; } catch { return undefined; }
  }

  /** Credentials for a host: Dockyard's login, else the docker CLI's (file or helper). */
  async lookup(host: string): Promise<RegistryCredential | undefined> {
    const own = await this.get(host);
    if (own) return { ...own, source: 'Dockyard\'s login' };
    return dockerCredentials(host, { env: process.env, homeDir: os.homedir(), readFile });
  }

  /** X-Registry-Auth for the engine (push, pull), from the same lookup. */
  async auth(host: string): Promise<RegistryAuth | undefined> {
    const c = await this.lookup(host).catch(() => undefined);
    if (!c) return undefined;
    await this.mayGo(host);
    return c.identityToken
      ? { username: c.username, password: '', identitytoken: c.identityToken, serveraddress: serverAddress(host) }
      : { username: c.username, password: c.password, serveraddress: serverAddress(host) };
  }

  /**
   * Every login known (Dockyard's and the docker CLI's), keyed by server address, for a build's
   * X-Registry-Config — as the docker CLI sends all its credentials with a build.
   */
  async allAuths(): Promise<Record<string, RegistryAuth>> {
    const out: Record<string, RegistryAuth> = {};
    let hosts = this.hosts();
    try { hosts = [...new Set([...hosts, ...this.dockerCliHosts()])]; } catch { /* an unreadable docker config adds none */ }
    for (const h of hosts) {
      const a = await this.auth(h);
      if (a) out[a.serveraddress] = a;
    }
    return out;
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

  /** Hosts with Dockyard logins (names only; the secrets stay in SecretStorage). */
  hosts(): string[] {
    return this.state.get<string[]>(HOSTS, []);
  }

  /** Hosts the docker CLI has logins or credential helpers for (names only). */
  dockerCliHosts(): string[] {
    return configuredRegistries(parseDockerConfig(readFile(dockerConfigPath(process.env, os.homedir()))));
  }
}

import { strict as assert } from 'node:assert';
import type * as vscode from 'vscode';
import { CONFIRMED_HOSTS_KEY, CredentialGate, CredentialsWithheldError } from '../../../src/credentials/credentialGate';
import { Credentials } from '../../../src/credentials/credentials';
import { appliedFromWorkspace } from '../../../src/shared/trust';

class Memory {
  data = new Map<string, unknown>();
  get<T>(key: string, d: T): T { return (this.data.has(key) ? this.data.get(key) : d) as T; }
  update(key: string, value: unknown): Promise<void> { this.data.set(key, value); return Promise.resolve(); }
  keys(): readonly string[] { return [...this.data.keys()]; }
}

class Secrets {
  data = new Map<string, string>();
  get(k: string) { return Promise.resolve(this.data.get(k)); }
  store(k: string, v: string) { this.data.set(k, v); return Promise.resolve(); }
  delete(k: string) { this.data.delete(k); return Promise.resolve(); }
}

describe('registries/credentialGate: an engine from workspace settings is confirmed before credentials go to it', () => {
  let state: Memory;
  let asked: string[];
  let answer: boolean;
  let engineHost: string | undefined;
  let creds: Credentials;
  beforeEach(async () => {
    state = new Memory();
    asked = [];
    answer = true;
    engineHost = 'https://attacker.example:2376';
    const gate = new CredentialGate(state, () => engineHost, async (h, r) => { asked.push(`${h} ${r}`); return answer; });
    creds = new Credentials(new Secrets() as unknown as vscode.SecretStorage, state as unknown as vscode.Memento, gate);
    await creds.store('ghcr.io', { username: 'me', password: 's3cret' });
  });

  it('asks once per host, remembers the yes in global state, and then sends without asking', async () => {
    assert.equal((await creds.auth('ghcr.io'))?.password, 's3cret');
    assert.deepEqual(asked, ['https://attacker.example:2376 ghcr.io']);
    assert.deepEqual(state.get(CONFIRMED_HOSTS_KEY, []), ['https://attacker.example:2376']);
    assert.equal((await creds.auth('ghcr.io'))?.password, 's3cret');
    assert.equal(asked.length, 1, 'not asked again for the same host');
    engineHost = 'tcp://other.example:2375';
    await creds.auth('ghcr.io');
    assert.equal(asked.length, 2, 'another workspace host is asked about');
  });

  it('a no withholds the credentials (an error that says why) and is not remembered', async () => {
    answer = false;
    await assert.rejects(creds.auth('ghcr.io'), (e: unknown) => e instanceof CredentialsWithheldError && /attacker\.example.*workspace's settings/.test(e.message));
    assert.deepEqual(state.get(CONFIRMED_HOSTS_KEY, []), []);
    await assert.rejects(creds.mayGo('docker.io'), CredentialsWithheldError); // log in asks before the password is typed
    assert.equal(asked.length, 2);
  });

  it("the user's own host (setting, DOCKER_HOST, context) never asks; no stored credentials, nothing to ask", async () => {
    engineHost = undefined;
    assert.equal((await creds.auth('ghcr.io'))?.username, 'me');
    engineHost = 'https://attacker.example:2376';
    assert.equal(await creds.auth('quay.io'), undefined);
    assert.deepEqual(asked, []);
  });

  it('whether dockyard.host came from the workspace', () => {
    assert.equal(appliedFromWorkspace('host', { defaultValue: '', workspaceValue: 'tcp://x:2375' }, true), true);
    assert.equal(appliedFromWorkspace('host', { defaultValue: '', workspaceFolderValue: 'tcp://x:2375' }, true), true);
    assert.equal(appliedFromWorkspace('host', { defaultValue: '', workspaceValue: 'tcp://x:2375' }, false), false, 'ignored in untrusted workspaces anyway');
    assert.equal(appliedFromWorkspace('host', { defaultValue: '', globalValue: 'tcp://mine:2375' }, true), false);
    assert.equal(appliedFromWorkspace('host', { defaultValue: '', globalValue: 'tcp://mine:2375', workspaceValue: '' }, true), false);
  });

  it('compose and docker stack go through the same gate: asked once before the CLI runs against a workspace-chosen engine', async () => {
    const gate = new CredentialGate(state, () => engineHost, async () => { throw new Error('the registry question is not the CLI one'); }, async (h, tool) => { asked.push(`${h} ${tool}`); return answer; });
    answer = false;
    assert.equal(await gate.allowCli('https://attacker.example:2376', 'docker compose'), false, 'a no: the CLI does not run');
    assert.deepEqual(state.get(CONFIRMED_HOSTS_KEY, []), []);
    answer = true;
    assert.equal(await gate.allowCli('https://attacker.example:2376', 'docker stack'), true);
    assert.deepEqual(asked, ['https://attacker.example:2376 docker compose', 'https://attacker.example:2376 docker stack']);
    assert.equal(await gate.allowCli('https://attacker.example:2376', 'docker compose'), true);
    assert.equal(asked.length, 2, 'remembered, shared with push and pull');
    assert.equal((await creds.auth('ghcr.io'))?.password, 's3cret', 'push/pull do not ask again either');
    assert.equal(asked.length, 2);
  });

  it('a CLI run against an engine the user chose (another host, or no workspace host) never asks', async () => {
    const gate = new CredentialGate(state, () => engineHost, async () => true, async (h, tool) => { asked.push(`${h} ${tool}`); return false; });
    assert.equal(await gate.allowCli('unix:///var/run/docker.sock', 'docker compose'), true, 'a pinned engine of the user');
    engineHost = undefined;
    assert.equal(await gate.allowCli('tcp://mine.example:2375', 'docker stack'), true);
    assert.deepEqual(asked, []);
  });

  it('compose and swarm wire the gate in before their CLI runs', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    for (const [file, call] of [['compose/runner.ts', 'await this.confirmCliEngine(env.DOCKER_HOST, c.label)'], ['swarm/stacks.ts', "await confirmCliEngine(env.DOCKER_HOST, 'docker stack')"], ['compose/watch.ts', 'await runner.confirmEngine(engine, c.label)']]) {
      const src = readFileSync(join(__dirname, '../../../src', file), 'utf8');
      const guard = src.indexOf(call);
      assert.ok(guard > 0, `${file} confirms the engine`);
      assert.ok(guard < src.lastIndexOf('runProgram('), `${file}: the CLI starts after the question`);
    }
    const ext = readFileSync(join(__dirname, '../../../src/extension.ts'), 'utf8');
    assert.match(ext, /registerCompose\(ctx, .*confirmCliEngine\)/);
    assert.match(ext, /registerSwarm\(ctx, .*confirmCliEngine\)/);
  });
});

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ResolvedHost } from '../../src/engine/hosts/resolve';
import { Engine } from '../../src/engine/engine';
import { EngineError } from '../../src/engine/errors';
import { appendKnownHost, knownHostsTarget } from '../../src/dockerContexts/knownHosts';
import { exercise } from './support/exercise';
import { privateSshd, sshAgent, sshHome, trustHost } from './support/servers';

function sshHost(user: string, port: number, alias = '127.0.0.1'): ResolvedHost {
  return { host: `ssh://${user}@${alias}:${port}`, source: 'DOCKER_HOST', context: 'DOCKER_HOST' };
}

async function failure(p: Promise<unknown>): Promise<EngineError> {
  try { await p; } catch (e) { assert.ok(e instanceof EngineError, String(e)); return e; }
  return assert.fail('expected the call to fail');
}

describe('hosts: ssh://', function () {
  this.timeout(120000);

  it('ssh: key file in ~/.ssh, known host: list, events, exec, logs, build', async () => {
    const s = await privateSshd();
    const home = sshHome({ key: s.clientKey, knownHosts: `[127.0.0.1]:${s.port} ${s.hostPub}\n` });
    await exercise('ssh (key file)', new Engine(sshHost(s.user, s.port), { HOME: home }));
  });

  it('ssh: through the ssh-agent (SSH_AUTH_SOCK), no key on disk: list, events, exec, logs', async () => {
    const s = await privateSshd();
    const agent = await sshAgent(s.clientKey);
    const home = sshHome({ knownHosts: `[127.0.0.1]:${s.port} ${s.hostPub}\n` });
    await exercise('ssh (agent)', new Engine(sshHost(s.user, s.port), { HOME: home, SSH_AUTH_SOCK: agent }), { build: false });
  });

  it('ssh: ~/.ssh/config Host alias gives HostName, Port, User and IdentityFile', async () => {
    const s = await privateSshd();
    const home = sshHome({ knownHosts: `[127.0.0.1]:${s.port} ${s.hostPub}\n` });
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path.join(home, '.ssh', 'config'), `Host dockerbox\n  HostName 127.0.0.1\n  Port ${s.port}\n  User ${s.user}\n  IdentityFile ${s.clientKey}\n`);
    const engine = new Engine({ host: 'ssh://dockerbox', source: 'setting', context: 'dockyard.host' }, { HOME: home });
    const v = await engine.version();
    assert.ok(v.apiVersion, 'the engine answered through the alias');
  });

  it('ssh: an unknown host key is refused with its fingerprint, and works once trusted', async () => {
    const s = await privateSshd();
    const home = sshHome({ key: s.clientKey, knownHosts: '' });
    const engine = new Engine(sshHost(s.user, s.port), { HOME: home });
    const e = await failure(engine.listContainers());
    assert.equal(e.kind, 'hostKey', e.message);
    assert.equal(e.hostKey?.verdict, 'unknown');
    assert.match(e.message, /not in known_hosts \(ssh-ed25519 SHA256:[A-Za-z0-9+/]{43}\)/);
    assert.equal(readFileSync(path.join(home, '.ssh', 'known_hosts'), 'utf8'), '', 'nothing was written silently');
    assert.equal(e.hostKey?.knownHostsLine, `[127.0.0.1]:${s.port} ${s.hostPub}`);
    trustHost(home, e.hostKey!.knownHostsLine); // what the "Trust Host" button does
    assert.ok(Array.isArray(await engine.listContainers()));
  });

  it("ssh: Trust Host writes to the host's UserKnownHostsFile from ssh config (the file the connection reads), and then connects", async () => {
    const s = await privateSshd();
    const home = sshHome({ key: s.clientKey, knownHosts: '' });
    const { writeFileSync, existsSync } = await import('node:fs');
    writeFileSync(path.join(home, '.ssh', 'config'), `Host dockerbox\n  HostName 127.0.0.1\n  Port ${s.port}\n  User ${s.user}\n  UserKnownHostsFile ~/.ssh/dockyard_hosts\n`);
    const engine = new Engine({ host: 'ssh://dockerbox', source: 'setting', context: 'dockyard.host' }, { HOME: home });
    const e = await failure(engine.listContainers());
    assert.equal(e.kind, 'hostKey', e.message);
    const expected = path.join(home, '.ssh', 'dockyard_hosts');
    assert.equal(e.hostKey?.knownHostsFile, expected);
    assert.equal(appendKnownHost(knownHostsTarget(home, e.hostKey?.knownHostsFile), e.hostKey!.knownHostsLine), expected); // what "Trust Host and Connect" does
    assert.ok(Array.isArray(await engine.listContainers()), 'connects once trusted');
    assert.equal(readFileSync(path.join(home, '.ssh', 'known_hosts'), 'utf8'), '', '~/.ssh/known_hosts (not read for this host) is untouched');
    assert.ok(existsSync(expected));
  });

  it('ssh: a changed host key is refused with a warning', async () => {
    const s = await privateSshd();
    const other = readFileSync(`${s.strangerKey}.pub`, 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
    const home = sshHome({ key: s.clientKey, knownHosts: `[127.0.0.1]:${s.port} ${other}\n` });
    const e = await failure(new Engine(sshHost(s.user, s.port), { HOME: home }).listContainers());
    assert.equal(e.kind, 'hostKey');
    assert.equal(e.hostKey?.verdict, 'changed');
    assert.match(e.message, /has CHANGED.*ssh-keygen -R/);
  });

  it('ssh: a key the server does not accept fails with an authentication message', async () => {
    const s = await privateSshd();
    const home = sshHome({ key: s.strangerKey, knownHosts: `[127.0.0.1]:${s.port} ${s.hostPub}\n` });
    const e = await failure(new Engine(sshHost(s.user, s.port), { HOME: home }).listContainers());
    assert.equal(e.kind, 'auth', e.message);
    assert.match(e.message, /SSH authentication to .*@\[127\.0\.0\.1\]:\d+ failed/);
  });

  it('ssh: a refused port names the host', async () => {
    const home = sshHome({ knownHosts: '' });
    const s = await privateSshd();
    const e = await failure(new Engine(sshHost(s.user, 1), { HOME: home, SSH_AUTH_SOCK: '' }).listContainers().catch(async (x) => { throw x; }));
    assert.ok(e.kind === 'unreachable' || e.kind === 'auth', `${e.kind}: ${e.message}`);
  });
});

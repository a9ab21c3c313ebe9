import { strict as assert } from 'node:assert';
import { createHmac, randomBytes } from 'node:crypto';
import { checkHostKey, fingerprint, hostMatches, keyType, knownHostsLine, sshConfigFor } from '../../../../src/engine/hosts/ssh';

/** An SSH wire-format public key: string type, then opaque bytes. */
function wireKey(type: string, body = randomBytes(32)): Buffer {
  const t = Buffer.from(type);
  const len = Buffer.alloc(4); len.writeUInt32BE(t.length);
  const blen = Buffer.alloc(4); blen.writeUInt32BE(body.length);
  return Buffer.concat([len, t, blen, body]);
}

describe('ssh (pure)', () => {
  it('ssh_config: first value wins, IdentityFile accumulates, patterns and negation', () => {
    const text = [
      'Host bastion', '  User nope',
      'Host *.lan !secret.lan', '  HostName %h.internal', '  User dev', '  Port 2222', '  IdentityFile ~/.ssh/lan_key',
      'Host *', '  User fallback', '  IdentityFile ~/.ssh/id_ed25519', '  StrictHostKeyChecking accept-new',
    ].join('\n');
    const c = sshConfigFor(text, 'box.lan', '/home/dev');
    assert.equal(c.hostName, 'box.lan.internal');
    assert.equal(c.user, 'dev');
    assert.equal(c.port, 2222);
    assert.deepEqual(c.identityFiles, ['/home/dev/.ssh/lan_key', '/home/dev/.ssh/id_ed25519']);
    assert.equal(c.strictHostKeyChecking, 'accept-new');
    assert.equal(sshConfigFor(text, 'secret.lan', '/home/dev').user, 'fallback');
    assert.ok(hostMatches(['h?st'], 'host'));
  });

  it('known_hosts: plain, [host]:port, hashed, changed and revoked keys', () => {
    const key = wireKey('ssh-ed25519');
    const other = wireKey('ssh-ed25519');
    const b64 = key.toString('base64');
    assert.equal(keyType(key), 'ssh-ed25519');
    assert.match(fingerprint(key), /^SHA256:[A-Za-z0-9+/]{43}$/);
    assert.equal(checkHostKey([`h1,h2 ssh-ed25519 ${b64}`], 'h2', 22, key), 'known');
    assert.equal(checkHostKey([`h2 ssh-ed25519 ${b64}`], 'h2', 2222, key), 'unknown', 'another port is another host');
    assert.equal(checkHostKey([knownHostsLine('h2', 2222, key)], 'h2', 2222, key), 'known');
    const salt = randomBytes(20);
    const hashed = `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update('[10.0.0.1]:2200').digest('base64')}`;
    assert.equal(checkHostKey([`${hashed} ssh-ed25519 ${b64}`], '10.0.0.1', 2200, key), 'known');
    assert.equal(checkHostKey([`h ssh-ed25519 ${other.toString('base64')}`], 'h', 22, key), 'changed');
    assert.equal(checkHostKey([`h ssh-rsa AAAAB3`], 'h', 22, key), 'unknown', 'a key of another type is not a change');
    assert.equal(checkHostKey([`@revoked h ssh-ed25519 ${b64}`, `h ssh-ed25519 ${b64}`], 'h', 22, key), 'revoked');
    assert.equal(checkHostKey([undefined, '# comment\n\n'], 'h', 22, key), 'unknown');
  });
});

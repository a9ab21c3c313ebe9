import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { appendKnownHost, knownHostsTarget } from '../../../src/dockerContexts/knownHosts';
import { sshTarget } from '../../../src/engine/hosts/client';

describe('dockerContexts/knownHosts: Trust Host writes where the connection reads', () => {
  const home = '/home/u';
  const io = (config: string) => ({
    env: { USER: 'u' }, homeDir: home,
    readFile: (f: string) => (f === path.join(home, '.ssh', 'config') ? Buffer.from(config) : undefined),
  });

  it("the target is ssh config's UserKnownHostsFile for that host (with ~ expanded), else ~/.ssh/known_hosts", () => {
    const config = 'Host box\n  HostName 10.0.0.5\n  UserKnownHostsFile ~/.ssh/box_hosts /etc/other\nHost *\n  User x\n';
    const t = sshTarget('box', undefined, undefined, io(config));
    assert.equal(t.knownHostsFile, path.join(home, '.ssh', 'box_hosts'));
    assert.equal(knownHostsTarget(home, t.knownHostsFile), path.join(home, '.ssh', 'box_hosts'));
    const other = sshTarget('elsewhere', undefined, undefined, io(config));
    assert.equal(other.knownHostsFile, path.join(home, '.ssh', 'known_hosts'));
    assert.equal(knownHostsTarget(home, undefined), path.join(home, '.ssh', 'known_hosts'));
  });

  it('appends on a line of its own, creating the file 0600 in a 0700 folder', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockyard-kh-'));
    try {
      const file = path.join(dir, 'nested', 'hosts');
      appendKnownHost(file, '[h]:2222 ssh-ed25519 AAAA');
      assert.equal(fs.readFileSync(file, 'utf8'), '[h]:2222 ssh-ed25519 AAAA\n');
      assert.equal(fs.statSync(file).mode & 0o777, 0o600);
      assert.equal(fs.statSync(path.dirname(file)).mode & 0o777, 0o700);
      fs.writeFileSync(file, 'old line without end');
      appendKnownHost(file, 'h2 ssh-ed25519 BBBB');
      assert.equal(fs.readFileSync(file, 'utf8'), 'old line without end\nh2 ssh-ed25519 BBBB\n');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses /dev/null (nothing could be remembered) and lines with breaks', () => {
    assert.throws(() => appendKnownHost('/dev/null', 'h k v'), /UserKnownHostsFile to \/dev\/null/);
    assert.throws(() => appendKnownHost('/tmp/x', 'h k v\nevil k v'), /line breaks/);
  });
});

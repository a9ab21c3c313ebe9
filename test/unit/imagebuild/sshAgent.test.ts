import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applicableSetting } from '../../../src/shared/trust';
import { sshAgentDecision } from '../../../src/imagebuild/buildkitOptions';

describe('ssh-agent forwarding needs consent', () => {
  const wanted = { wanted: true, socket: '/run/agent.sock', remembered: false };

  it('a Dockerfile that mounts the agent is not given it without asking', () => {
    assert.equal(sshAgentDecision({ ...wanted, setting: 'ask' }), 'ask');
  });

  it('forwards when the user allowed this Dockerfile or set always; never forwards when set never', () => {
    assert.equal(sshAgentDecision({ ...wanted, setting: 'ask', remembered: true }), 'forward');
    assert.equal(sshAgentDecision({ ...wanted, setting: 'always' }), 'forward');
    assert.equal(sshAgentDecision({ ...wanted, setting: 'never', remembered: true }), 'withoutAgent');
  });

  it('nothing to do without an ssh mount; a note without an agent', () => {
    assert.equal(sshAgentDecision({ ...wanted, wanted: false, setting: 'always' }), 'none');
    assert.equal(sshAgentDecision({ ...wanted, socket: undefined, setting: 'ask' }), 'noSocket');
  });

  it('a workspace (even trusted) cannot set always', () => {
    const setting = applicableSetting('build.sshAgent', { defaultValue: 'ask', workspaceValue: 'always' }, true, 'ask').value;
    assert.equal(sshAgentDecision({ ...wanted, setting }), 'ask');
  });

  it('the build passes the agent socket only through the consent', () => {
    const src = readFileSync(join(__dirname, '../../../src/imagebuild/build.ts'), 'utf8');
    assert.ok(!/SSH_AUTH_SOCK/.test(src), 'build.ts does not read SSH_AUTH_SOCK itself');
    assert.match(src, /sshAgentSocket: ssh\.socket/);
  });
});

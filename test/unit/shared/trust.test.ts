import { strict as assert } from 'node:assert';
import {
  applicableSetting, appliedFromWorkspace, ignoredSettingMessage, requireTrust, RESTRICTED_SETTINGS, untrustedMessage, USER_ONLY_SETTINGS, WorkspaceNotTrustedError, WorkspaceRunner,
} from '../../../src/shared/trust';

describe('settings in untrusted workspaces', () => {
  const attacker = { defaultValue: '', globalValue: undefined, workspaceValue: 'https://attacker.example' };

  it('restricts host and the terminal user, shell and working directory, and the safety settings', () => {
    for (const k of ['host', 'terminal.shell', 'terminal.user', 'terminal.workingDirectory', 'engines', 'registry.registries', 'compose.command', 'confirmDestructiveActions', 'build.sshAgent']) {
      assert.ok(RESTRICTED_SETTINGS.includes(k), k);
    }
  });

  it('an untrusted workspace cannot turn off the confirmation of destructive actions', () => {
    assert.deepEqual(applicableSetting('confirmDestructiveActions', { defaultValue: true, workspaceValue: false }, false, true), { value: true, ignored: false });
    assert.deepEqual(applicableSetting('confirmDestructiveActions', { defaultValue: true, workspaceFolderValue: false }, false, true), { value: true, ignored: false });
  });

  it('nor can a trusted one: safety settings are the user\'s alone', () => {
    assert.deepEqual(applicableSetting('confirmDestructiveActions', { defaultValue: true, workspaceValue: false }, true, true), { value: true, ignored: false });
    assert.deepEqual(applicableSetting('confirmDestructiveActions', { defaultValue: true, globalValue: false, workspaceValue: true }, true, true), { value: false, ignored: true }, 'the user may turn it off');
    assert.deepEqual(applicableSetting('build.sshAgent', { defaultValue: 'ask', workspaceValue: 'always' }, true, 'ask'), { value: 'ask', ignored: 'always' });
    assert.equal(appliedFromWorkspace('confirmDestructiveActions', { workspaceValue: false }, true), false);
    assert.match(ignoredSettingMessage('confirmDestructiveActions'), /dockyard\.confirmDestructiveActions.*user settings/);
  });

  it('reads an untrusted workspace\'s engines, registries and compose command not at all', () => {
    assert.deepEqual(applicableSetting('engines', { defaultValue: [], workspaceValue: [{ name: 'x', host: 'tcp://attacker.example:2375' }] }, false, []).value, []);
    assert.deepEqual(applicableSetting('registry.registries', { defaultValue: [], workspaceValue: ['attacker.example'] }, false, []).value, []);
    assert.equal(applicableSetting('compose.command', { defaultValue: '', workspaceValue: 'sh -c evil' }, false, '').value, '');
  });

  it('ignores a workspace host when the workspace is not trusted, and says so', () => {
    const r = applicableSetting('host', attacker, false, '');
    assert.equal(r.value, '');
    assert.equal(r.ignored, 'https://attacker.example');
    assert.match(ignoredSettingMessage('host'), /dockyard\.host.*not trusted/);
  });

  it('keeps the user setting over an ignored workspace value', () => {
    const r = applicableSetting('terminal.user', { defaultValue: '', globalValue: 'me', workspaceValue: 'root' }, false, '');
    assert.deepEqual(r, { value: 'me', ignored: 'root' });
  });

  it('ignores folder values too', () => {
    const r = applicableSetting('terminal.shell', { defaultValue: '', workspaceFolderValue: '/bin/evil' }, false, '');
    assert.deepEqual(r, { value: '', ignored: '/bin/evil' });
  });

  it('uses workspace values when trusted', () => {
    assert.deepEqual(applicableSetting('host', attacker, true, ''), { value: 'https://attacker.example' });
    assert.deepEqual(applicableSetting('terminal.workingDirectory', { workspaceValue: '/w', workspaceFolderValue: '/f' }, true, ''), { value: '/f' });
  });

  it('leaves other settings alone', () => {
    assert.deepEqual(applicableSetting('logs.tail', { defaultValue: 100, workspaceValue: 5 }, false, 0), { value: 5 });
  });

  it('falls back when nothing is set', () => {
    assert.deepEqual(applicableSetting('host', undefined, false, 'x'), { value: 'x' });
  });
});

describe('package.json restricted configurations', () => {
  it('lists every restricted setting', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } } };
    const listed = pkg.capabilities.untrustedWorkspaces.restrictedConfigurations;
    for (const key of RESTRICTED_SETTINGS) assert.ok(listed.includes(`dockyard.${key}`), `dockyard.${key} missing`);
    assert.deepEqual([...listed].sort(), RESTRICTED_SETTINGS.map((k) => `dockyard.${k}`).sort(), 'the code restricts exactly what package.json declares');
  });

  it('declares the safety settings application-scoped (user settings only)', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { scope?: string }> } | { properties: Record<string, { scope?: string }> }[] } };
    const groups = Array.isArray(pkg.contributes.configuration) ? pkg.contributes.configuration : [pkg.contributes.configuration];
    const props = Object.assign({}, ...groups.map((g) => g.properties)) as Record<string, { scope?: string }>;
    for (const key of USER_ONLY_SETTINGS) assert.equal(props[`dockyard.${key}`]?.scope, 'application', `dockyard.${key}`);
  });
});

describe('features that run what the workspace names', () => {
  const features: WorkspaceRunner[] = ['compose', 'build', 'stacks'];

  it('run in a trusted workspace', () => {
    for (const f of features) assert.doesNotThrow(() => requireTrust(f, true), f);
  });

  it('refuse in an untrusted workspace with a typed error that names the feature and says how to turn it on', () => {
    for (const f of features) {
      assert.throws(() => requireTrust(f, false), (e: unknown) => {
        assert.ok(e instanceof WorkspaceNotTrustedError, f);
        assert.equal(e.feature, f);
        assert.equal(e.message, untrustedMessage(f));
        assert.match(e.message, /untrusted workspace.*Trust the workspace/, f);
        return true;
      });
    }
  });

  it('say one whole sentence per feature', () => {
    assert.equal(new Set(features.map(untrustedMessage)).size, features.length);
    assert.match(untrustedMessage('compose'), /^Compose /);
    assert.match(untrustedMessage('build'), /^Building images /);
    assert.match(untrustedMessage('stacks'), /^Stacks /);
  });
});

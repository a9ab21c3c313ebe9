import { strict as assert } from 'node:assert';
import { applicableSetting, ignoredSettingMessage, RESTRICTED_SETTINGS } from '../../../src/shared/trust';

describe('settings in untrusted workspaces', () => {
  const attacker = { defaultValue: '', globalValue: undefined, workspaceValue: 'https://attacker.example' };

  it('restricts host and the terminal user, shell and working directory', () => {
    assert.deepEqual([...RESTRICTED_SETTINGS].sort(), ['host', 'terminal.shell', 'terminal.user', 'terminal.workingDirectory']);
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
  });
});

import * as assert from 'node:assert/strict';
import { layoutByProfile } from '../../../src/compose/profileGroups';
import { serviceProfiles, servicesAndProfiles, ProjectFs } from '../../../src/compose/project';

const memFs = (files: Record<string, string>): ProjectFs => ({ exists: (f) => f in files, read: (f) => files[f] });

describe('compose profiles in the Containers view', () => {
  const files = {
    '/p/compose.yaml': 'services:\n  web: {}\n  debug:\n    profiles: [debug]\n  tools:\n    profiles: [debug, ops]\n  old:\n    profiles: [x]\n',
    '/p/compose.override.yaml': 'services:\n  old:\n    profiles: []\n  extra:\n    profiles: [ops]\n',
  };

  it('reads each service\'s profiles over the files (a later file replaces a service\'s list)', () => {
    const map = serviceProfiles(['/p/compose.yaml', '/p/compose.override.yaml'], memFs(files));
    assert.deepEqual([...map], [['web', []], ['debug', ['debug']], ['tools', ['debug', 'ops']], ['old', []], ['extra', ['ops']]]);
    assert.deepEqual(servicesAndProfiles(['/p/compose.yaml', '/p/compose.override.yaml'], memFs(files)).profiles, ['debug', 'ops']);
  });

  it('groups containers by profile: plain services under the project, a service in two profiles under both, empty profiles shown', () => {
    const map = serviceProfiles(['/p/compose.yaml', '/p/compose.override.yaml'], memFs(files));
    const ctrs = [{ s: 'web' }, { s: 'tools' }, { s: 'gone' }, { s: undefined }];
    const layout = layoutByProfile(ctrs, (c) => c.s, map)!;
    assert.deepEqual(layout.plain.map((c) => c.s), ['web', 'gone', undefined]);
    assert.deepEqual(layout.profiles.map((g) => [g.profile, g.services, g.containers.map((c) => c.s)]), [
      ['debug', ['debug', 'tools'], ['tools']],
      ['ops', ['tools', 'extra'], ['tools']],
    ]);
  });

  it('no profile in the files: no grouping', () => {
    assert.equal(layoutByProfile([{ s: 'web' }], (c) => c.s, new Map([['web', []]])), undefined);
  });
});

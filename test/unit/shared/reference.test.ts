import { strict as assert } from 'node:assert';
import { parseReference, registryOf, splitRepoTag, validateReference, validateTag } from '../../../src/shared/reference';

describe('image references', () => {
  const valid = ['nginx', 'nginx:1.25', 'library/nginx:latest', 'localhost:5000/app:v2', '127.0.0.1:5000/a/b/c:1', 'ghcr.io/me/app_x.y-z:1.0-rc.1',
    'a__b/c', 'my-app', `app@sha256:${'a'.repeat(64)}`, 'registry.example.com:443/team/app:tag'];
  for (const v of valid) it(`accepts ${v}`, () => assert.equal(parseReference(v).ok, true, JSON.stringify(parseReference(v))));

  const invalid: [string, RegExp][] = [
    ['', /required/],
    ['My Image:Latest!', /spaces/],
    ['MyImage', /lowercase/],
    ['app:', /empty/],
    ['app:-x', /cannot start/],
    ['app:bad!tag', /Tag "bad!tag"/],
    ['a//b', /empty path component/],
    ['-app', /not a valid repository name component/],
    ['app..x', /not a valid repository name component/],
    ['host:99999/app', /out of range/],
    ['app@sha256:xyz', /not a valid digest/],
    [`app:${'x'.repeat(129)}`, /at most 128/],
  ];
  for (const [v, re] of invalid) it(`rejects ${JSON.stringify(v)}`, () => {
    const r = parseReference(v);
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.reason, re);
  });

  it('splits domain, path, tag', () => {
    assert.deepEqual(parseReference('localhost:5000/a/b:1'), { ok: true, ref: { domain: 'localhost:5000', path: 'a/b', tag: '1', digest: undefined } });
    assert.deepEqual(splitRepoTag('localhost:5000/a/b'), { repo: 'localhost:5000/a/b', tag: 'latest' });
    assert.equal(registryOf('nginx'), 'docker.io');
    assert.equal(registryOf('127.0.0.1:5000/x'), '127.0.0.1:5000');
  });

  it('options: digests and required tags', () => {
    assert.match(validateReference(`a@sha256:${'b'.repeat(64)}`)!, /digest/);
    assert.equal(validateReference(`a@sha256:${'b'.repeat(64)}`, { allowDigest: true }), undefined);
    assert.match(validateReference('a', { requireTag: true })!, /Give a tag/);
    assert.equal(validateTag('v1.0'), undefined);
    assert.match(validateTag('.x')!, /cannot start/);
  });
});

// Input findings of issue 17: each of these was accepted or refused wrongly before.
import { strict as assert } from 'node:assert';
import { parseReference, registryOf, validateReference } from '../../../src/shared/reference';
import { validateContainerName } from '../../../src/shared/validate';

describe('input validation findings', () => {
  it('container names need two characters', () => {
    assert.match(validateContainerName('a')!, /at least two characters/);
    assert.match(validateContainerName('/a')!, /at least two characters/);
    assert.equal(validateContainerName('ab'), undefined);
    assert.equal(validateContainerName('/ab'), undefined);
  });

  it('Foo/bar is repository "bar" on the registry host "Foo", as the docker CLI reads it', () => {
    const r = parseReference('Foo/bar');
    assert.deepEqual(r, { ok: true, ref: { domain: 'Foo', path: 'bar', tag: undefined, digest: undefined } });
    assert.equal(registryOf('Foo/bar:1'), 'Foo');
    // Lowercasing advice only where it keeps the meaning.
    assert.match(validateReference('MyImage')!, /lowercase/);
    assert.match(validateReference('Foo/Bar')!, /"Bar" → "bar"/);
  });

  it('digest lengths and algorithms are checked', () => {
    assert.equal(validateReference(`app@sha256:${'a'.repeat(64)}`, { allowDigest: true }), undefined);
    assert.equal(validateReference(`app@sha512:${'a'.repeat(128)}`, { allowDigest: true }), undefined);
    assert.match(validateReference(`app@sha256:${'a'.repeat(63)}`, { allowDigest: true })!, /64 hex digits.*has 63/);
    assert.match(validateReference(`app@sha256:${'a'.repeat(65)}`, { allowDigest: true })!, /64 hex digits/);
    assert.match(validateReference(`app@sha256:${'A'.repeat(64)}`, { allowDigest: true })!, /lowercase/);
    assert.match(validateReference(`app@md5:${'a'.repeat(32)}`, { allowDigest: true })!, /not supported/);
  });
});

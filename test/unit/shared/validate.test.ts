import { strict as assert } from 'node:assert';
import { validateContainerName, validateNetworkName, validateVolumeName } from '../../../src/shared/validate';

describe('name validation', () => {
  it('container names', () => {
    assert.equal(validateContainerName('web-1.a_b'), undefined);
    assert.match(validateContainerName('')!, /required/);
    assert.match(validateContainerName('my app')!, /spaces/);
    assert.match(validateContainerName('$(rm)')!, /letters, digits/);
    assert.match(validateContainerName('a;b')!, /letters, digits/);
    assert.match(validateContainerName('-x')!, /starting with/);
  });
  it('volume names need two characters', () => {
    assert.equal(validateVolumeName('db-data'), undefined);
    assert.match(validateVolumeName('a')!, /two characters/);
    assert.match(validateVolumeName('x y')!, /spaces/);
  });
  it('network names refuse built-ins', () => {
    assert.equal(validateNetworkName('backend'), undefined);
    assert.match(validateNetworkName('host')!, /built-in/);
    assert.match(validateNetworkName("it's")!, /letters/);
  });
});

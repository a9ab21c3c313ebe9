import { strict as assert } from 'node:assert';
import { splitVolumePath, volumeUriPath } from '../../../src/containerFiles/paths';

describe('containerFiles/paths', () => {
  it('puts the volume name first in the path (case kept) and splits it back', () => {
    assert.equal(volumeUriPath('MyData', '/'), '/MyData');
    assert.equal(volumeUriPath('MyData', 'conf//app.ini'), '/MyData/conf/app.ini');
    assert.deepEqual(splitVolumePath('/MyData'), { volume: 'MyData', path: '/' });
    assert.deepEqual(splitVolumePath('/MyData/'), { volume: 'MyData', path: '/' });
    assert.deepEqual(splitVolumePath('/MyData/conf/../app.ini'), { volume: 'MyData', path: '/app.ini' });
    assert.equal(splitVolumePath('/'), undefined);
  });
});

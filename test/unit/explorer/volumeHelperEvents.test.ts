import { strict as assert } from 'node:assert';
import { viewsAffectedBy } from '../../../src/explorer/refresh';
import { isHelperContainer, HELPER_LABEL } from '../../../src/engine/helperLabels';

describe('explorer: volume browser helpers', () => {
  it('events of a volume browser\'s helper container refresh no view', () => {
    const ev = (attributes: Record<string, string>) => ({ type: 'container' as const, action: 'create', id: 'x', attributes, time: 0 });
    assert.deepEqual(viewsAffectedBy(ev({ [HELPER_LABEL]: 'volume-browser', name: 'dockyard-volume-browser-1' })), []);
    assert.deepEqual(viewsAffectedBy(ev({ name: 'web' })), ['containers', 'volumes', 'networks']);
    assert.equal(isHelperContainer({ [HELPER_LABEL]: 'something-else' }), false);
  });
});

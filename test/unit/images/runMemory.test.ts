import * as assert from 'node:assert/strict';
import { RunChoices, storableRunChoices } from '../../../src/engine/runOptions';

describe('run form memory', () => {
  it('never stores secret-looking env values nor the container name', () => {
    const choices: RunChoices = { image: 'app', name: 'web', detached: true, remove: false, ports: ['8080:80'], publishAll: false, volumes: [], volumesFrom: [],
      env: ['MODE=dev', 'GITHUB_TOKEN=ghp_secret', 'DB_PASSWORD=hunter2', 'API_KEY'] };
    const stored = storableRunChoices(choices);
    assert.deepEqual(stored.env, ['MODE=dev']);
    assert.equal(stored.name, undefined);
    assert.deepEqual(stored.ports, ['8080:80']);
    assert.ok(!JSON.stringify(stored).includes('ghp_secret') && !JSON.stringify(stored).includes('hunter2'));
  });
});

import { strict as assert } from 'node:assert';
import { matchesImageRef, normalizeReference } from '../../../src/shared/refMatch';

const D = 'sha256:' + 'a'.repeat(64);
const D2 = 'sha256:' + 'b'.repeat(64);
const ID = 'sha256:' + '0123456789ab'.repeat(5) + '0123';

function item(ref: string, repoTags: string[], repoDigests: string[] = []) {
  return { ref, image: { id: ID, repoTags, repoDigests } };
}

describe('shared/refMatch', () => {
  it('normalises Docker Hub short names, library/, index.docker.io and the default tag', () => {
    const full = { name: 'docker.io/library/nginx', tag: 'latest', digest: undefined };
    for (const r of ['nginx', 'nginx:latest', 'library/nginx', 'docker.io/library/nginx', 'docker.io/nginx:latest', 'index.docker.io/library/nginx']) {
      assert.deepEqual(normalizeReference(r), full, r);
    }
    assert.deepEqual(normalizeReference('127.0.0.1:5000/app'), { name: '127.0.0.1:5000/app', tag: 'latest', digest: undefined });
    assert.deepEqual(normalizeReference(`ghcr.io/o/a@${D}`), { name: 'ghcr.io/o/a', tag: undefined, digest: D });
    assert.equal(normalizeReference('Not Valid'), undefined);
  });

  it('a pull of docker.io/library/nginx, nginx or nginx:latest matches the view item nginx:latest', () => {
    const it = item('nginx:latest', ['nginx:latest']);
    for (const w of ['docker.io/library/nginx', 'docker.io/library/nginx:latest', 'nginx', 'nginx:latest', 'library/nginx']) {
      assert.ok(matchesImageRef(w, it), w);
    }
    for (const w of ['nginx:1.25', 'ghcr.io/library/nginx', 'other/nginx', 'ngin']) assert.ok(!matchesImageRef(w, it), w);
  });

  it('registry references keep their host', () => {
    const it = item('127.0.0.1:5000/team/app:1.2', ['127.0.0.1:5000/team/app:1.2']);
    assert.ok(matchesImageRef('127.0.0.1:5000/team/app:1.2', it));
    assert.ok(!matchesImageRef('team/app:1.2', it));
    assert.ok(!matchesImageRef('127.0.0.1:5000/team/app', it));
  });

  it('a digest matches through RepoDigests: the tag of the same repository, or the untagged image', () => {
    const tagged = { ref: 'nginx:1.25', image: { id: ID, repoTags: ['alias:x', 'nginx:1.25'], repoDigests: [`nginx@${D}`] } };
    assert.ok(matchesImageRef(`nginx@${D}`, tagged));
    assert.ok(matchesImageRef(`docker.io/library/nginx@${D}`, tagged));
    assert.ok(matchesImageRef(`nginx:1.25@${D}`, tagged));
    assert.ok(!matchesImageRef(`nginx@${D}`, { ...tagged, ref: 'alias:x' }), 'one item per image, not every tag');
    assert.ok(!matchesImageRef(`nginx@${D2}`, tagged));
    assert.ok(!matchesImageRef(`other@${D}`, tagged));
    const untagged = { ref: ID, image: { id: ID, repoTags: [], repoDigests: [`127.0.0.1:5000/app@${D}`] } };
    assert.ok(matchesImageRef(`127.0.0.1:5000/app@${D}`, untagged));
    assert.ok(!matchesImageRef(`app@${D}`, untagged));
  });

  it('an image id, full or short, names the image', () => {
    const it = item('nginx:latest', ['nginx:latest']);
    assert.ok(matchesImageRef(ID, it));
    assert.ok(matchesImageRef(ID.slice(0, 19), it));
    assert.ok(matchesImageRef(ID.slice(7, 19), it));
    assert.ok(!matchesImageRef('sha256:ffffffffffff', it));
  });
});

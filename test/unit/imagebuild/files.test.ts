import * as assert from 'node:assert/strict';
import { defaultTag, isDockerfileName, normalizeTag } from '../../../src/imagebuild/files';
import { resolveContextFolder } from '../../../src/shared/buildContext';
import { validateReference } from '../../../src/shared/reference';

describe('build files', () => {
  it('recognises Dockerfile names', () => {
    for (const n of ['Dockerfile', 'Dockerfile.dev', 'dev.Dockerfile', 'app.dockerfile', 'Containerfile', '/a/b/Dockerfile']) assert.ok(isDockerfileName(n), n);
    for (const n of ['Dockerfile.dockerignore', 'README.md', 'Dockerfiles', 'compose.yaml']) assert.ok(!isDockerfileName(n), n);
  });

  it('makes a valid default tag from the folder name', () => {
    assert.equal(defaultTag('My App'), 'my-app:latest');
    assert.equal(defaultTag('api'), 'api:latest');
    assert.equal(defaultTag('__'), 'image:latest');
    assert.equal(validateReference(defaultTag('Weird..Name!!')), undefined);
  });

  it('rejects "My Image:Latest!" with a reason (the tag prompt validation)', () => {
    assert.match(validateReference('My Image:Latest!') ?? '', /spaces/);
    assert.match(validateReference('MyImage:latest') ?? '', /lowercase/);
  });

  it('adds :latest when no tag is given', () => {
    assert.equal(normalizeTag('app'), 'app:latest');
    assert.equal(normalizeTag('localhost:5000/app'), 'localhost:5000/app:latest');
    assert.equal(normalizeTag('app:1'), 'app:1');
  });

  it('resolves the context folder setting', () => {
    assert.deepEqual(resolveContextFolder('', '/w/svc/Dockerfile', '/w'), { ok: true, dir: '/w/svc' });
    assert.deepEqual(resolveContextFolder('${workspaceFolder}', '/w/svc/Dockerfile', '/w'), { ok: true, dir: '/w' });
    assert.deepEqual(resolveContextFolder('..', '/w/svc/Dockerfile', undefined), { ok: true, dir: '/w' });
    assert.deepEqual(resolveContextFolder('ctx', '/w/svc/Dockerfile', '/w'), { ok: true, dir: '/w/ctx' });
    const outside = resolveContextFolder('${workspaceFolder}/x', '/tmp/Dockerfile', undefined);
    assert.equal(outside.ok, false);
    assert.match(outside.ok ? '' : outside.reason, /not inside a workspace folder/);
    assert.equal(resolveContextFolder('${env:HOME}', '/w/Dockerfile', '/w').ok, false);
  });
});

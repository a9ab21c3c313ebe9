import * as assert from 'node:assert/strict';
import { findBuildKitMounts } from '../../../src/imagebuild/mounts';
import { splitImageList, validPlatform } from '../../../src/imagebuild/buildkitOptions';

describe('BuildKit mounts in a Dockerfile', () => {
  it('finds secret ids (explicit, or from the target), required flags and ssh ids, across continuations', () => {
    const text = [
      'FROM busybox',
      'RUN --mount=type=secret,id=npmrc,required \\',
      '    --mount=type=secret,target=/root/.aws/credentials \\',
      '    --mount=type=ssh \\',
      '    make',
      '# RUN --mount=type=secret,id=commented',
      'COPY --mount=type=secret,id=not-a-run . .',
      'run --mount="type=secret,id=quoted" --mount=type=ssh,id=github true',
      'RUN --mount=type=cache,target=/c --mount=type=secret,id=npmrc true',
    ].join('\n');
    assert.deepEqual(findBuildKitMounts(text), {
      secrets: [
        { id: 'npmrc', required: true, line: 1 },
        { id: 'credentials', required: false, line: 1 },
        { id: 'quoted', required: false, line: 7 },
      ],
      ssh: ['default', 'github'],
    });
  });

  it('finds nothing in a classic Dockerfile', () => {
    assert.deepEqual(findBuildKitMounts('FROM busybox\nRUN echo --mount=type=secret is text here? no: it is a flag only before the command\n'), { secrets: [], ssh: [] });
  });
});

describe('BuildKit build options', () => {
  it('checks --platform and splits --cache-from lists', () => {
    assert.ok(validPlatform('linux/amd64'));
    assert.ok(validPlatform(' linux/arm64/v8 '));
    assert.ok(!validPlatform('linux'));
    assert.ok(!validPlatform('linux/amd64; rm -rf /'));
    assert.ok(!validPlatform('Linux/AMD64'));
    assert.deepEqual(splitImageList(' a:1, b:2  c '), ['a:1', 'b:2', 'c']);
  });
});

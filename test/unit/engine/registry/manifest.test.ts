import * as assert from 'node:assert/strict';
import { MEDIA, readImageConfig, readManifest } from '../../../../src/engine/registry/manifest';

const d = (n: number) => `sha256:${String(n).repeat(64).slice(0, 64)}`;

describe('registry manifests', () => {
  it('reads a Docker v2 image manifest: config, layers, size', () => {
    const m = readManifest(JSON.stringify({ schemaVersion: 2, mediaType: MEDIA.dockerManifest, config: { mediaType: 'application/vnd.docker.container.image.v1+json', digest: d(1), size: 100 }, layers: [{ mediaType: 'x', digest: d(2), size: 1000 }, { mediaType: 'x', digest: d(3), size: 24 }] }), MEDIA.dockerManifest, d(9));
    assert.equal(m.kind, 'image');
    assert.equal(m.size, 1124);
    assert.equal(m.config?.digest, d(1));
    assert.equal(m.digest, d(9));
  });

  it('reads an OCI index into platforms, takes the media type from Content-Type when the body has none, skips attestations', () => {
    const body = JSON.stringify({ schemaVersion: 2, manifests: [
      { mediaType: MEDIA.ociManifest, digest: d(4), size: 500, platform: { os: 'linux', architecture: 'amd64' } },
      { mediaType: MEDIA.ociManifest, digest: d(5), size: 501, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
      { mediaType: MEDIA.ociManifest, digest: d(6), size: 502, platform: { os: 'unknown', architecture: 'unknown' }, annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } },
    ] });
    const m = readManifest(body, `${MEDIA.ociIndex}; charset=utf-8`, d(7));
    assert.equal(m.kind, 'index');
    assert.equal(m.mediaType, MEDIA.ociIndex);
    assert.deepEqual(m.platforms.map((p) => p.platform), ['linux/amd64', 'linux/arm64/v8']);
    assert.equal(m.size, undefined);
  });

  it('refuses schema 1 and non-JSON with a message', () => {
    assert.throws(() => readManifest('{"schemaVersion":1}', null, d(1)), /schema 1/);
    assert.throws(() => readManifest('<html>', null, d(1)), /not JSON/);
  });

  it('reads created and platform from an image config', () => {
    const c = readImageConfig('{"created":"2026-01-02T03:04:05Z","os":"linux","architecture":"arm64","variant":"v8"}');
    assert.deepEqual([c.created, c.os, c.architecture, c.variant], ['2026-01-02T03:04:05Z', 'linux', 'arm64', 'v8']);
  });
});

import * as assert from 'node:assert/strict';
import { fromRegistryHosts } from '../../../src/imagebuild/registryHosts';

describe('registries a Dockerfile pulls from', () => {
  it('reads FROM images with ARGs expanded, leaves out stages and scratch', () => {
    const text = [
      'ARG REG=127.0.0.1:5000',
      'ARG BASE=${REG}/team/base:1',
      'FROM ${BASE} AS build',
      'FROM --platform=$BUILDPLATFORM ghcr.io/org/tool:2 AS tool',
      'FROM build AS test',
      'FROM scratch',
      'FROM busybox',
    ].join('\n');
    assert.deepEqual(fromRegistryHosts(text), ['127.0.0.1:5000', 'ghcr.io', 'docker.io']);
    assert.deepEqual(fromRegistryHosts(text, { REG: 'registry.example.com' }), ['registry.example.com', 'ghcr.io', 'docker.io']);
  });
});

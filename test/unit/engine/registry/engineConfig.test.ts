import * as assert from 'node:assert/strict';
import { engineRegistryConfig } from '../../../../src/engine/registry/engineConfig';

describe('engine registry config (/info RegistryConfig)', () => {
  it('reads mirrors and insecure registries, each once', () => {
    const info = { RegistryConfig: {
      Mirrors: ['https://mirror.example/'],
      InsecureRegistryCIDRs: ['127.0.0.0/8'],
      IndexConfigs: { 'docker.io': { Name: 'docker.io', Mirrors: ['https://mirror.example/'], Secure: true }, 'reg.lan:5000': { Name: 'reg.lan:5000', Mirrors: [], Secure: false } },
    } };
    assert.deepEqual(engineRegistryConfig(info), { mirrors: ['https://mirror.example/'], insecure: ['127.0.0.0/8', 'reg.lan:5000'] });
  });
  it('an engine without a RegistryConfig (or no engine) has none', () => {
    assert.deepEqual(engineRegistryConfig(undefined), { mirrors: [], insecure: [] });
    assert.deepEqual(engineRegistryConfig({ RegistryConfig: { Mirrors: null, IndexConfigs: null } }), { mirrors: [], insecure: [] });
  });
});

import * as assert from 'node:assert/strict';
import { parseRegistryHost, validateRegistryHost } from '../../../src/registries/hosts';

describe('registries: typed registry addresses', () => {
  it('takes host, host:port, IPv6 and forgives a scheme or trailing slash', () => {
    for (const [input, host] of [['ghcr.io', 'ghcr.io'], ['127.0.0.1:5000', '127.0.0.1:5000'], [' https://Quay.io/ ', 'quay.io'], ['[::1]:5000', '[::1]:5000'], ['localhost', 'localhost'], ['registry-1.docker.io', 'docker.io']]) {
      assert.deepEqual(parseRegistryHost(input), { ok: true, host }, input);
    }
  });
  it('refuses paths, spaces, bad ports and empty input with the reason', () => {
    assert.match(validateRegistryHost('ghcr.io/owner') ?? '', /no path/);
    assert.match(validateRegistryHost('my registry') ?? '', /host or host:port/);
    assert.match(validateRegistryHost('r.example:70000') ?? '', /between 1 and 65535/);
    assert.match(validateRegistryHost('r.example:0') ?? '', /between 1 and 65535/);
    assert.match(validateRegistryHost('') ?? '', /Type a registry address/);
    assert.match(validateRegistryHost('-bad.example') ?? '', /host or host:port/);
    assert.equal(validateRegistryHost('r.example:443'), undefined);
  });
});

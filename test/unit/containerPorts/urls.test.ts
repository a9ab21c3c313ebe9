import { strict as assert } from 'node:assert';
import { engineHostName, publishedPortUrls } from '../../../src/containerPorts/urls';

describe('containerPorts/urls', () => {
  const ports = [
    { privatePort: 80, publicPort: 8080, ip: '0.0.0.0', type: 'tcp' },
    { privatePort: 80, publicPort: 8080, ip: '::', type: 'tcp' },
    { privatePort: 443, publicPort: 8443, ip: '127.0.0.1', type: 'tcp' },
    { privatePort: 53, publicPort: 5353, ip: '0.0.0.0', type: 'udp' },
    { privatePort: 9000, type: 'tcp' },
    { privatePort: 5000, publicPort: 5000, ip: '::1', type: 'tcp' },
    { privatePort: 6000, publicPort: 6000, ip: '10.1.2.3', type: 'tcp' },
  ];

  it('local engines (unix socket, npipe, tcp on loopback): localhost', () => {
    for (const host of ['unix:///var/run/docker.sock', 'npipe:////./pipe/docker_engine', 'tcp://127.0.0.1:2375']) {
      assert.deepEqual(publishedPortUrls(ports, host).map((u) => [u.url, u.label, u.note]), [
        ['http://localhost:8080/', '8080 → 80/tcp', undefined],
        ['https://localhost:8443/', '8443 → 443/tcp', undefined],
        ['http://localhost:5000/', '5000 → 5000/tcp', undefined],
        ['http://10.1.2.3:6000/', '6000 → 6000/tcp', undefined],
      ]);
    }
  });

  it('remote engines (tcp+TLS, ssh): the engine host name; loopback bindings are flagged', () => {
    for (const host of ['tcp://build.example.com:2376', 'ssh://me@build.example.com']) {
      const urls = publishedPortUrls(ports, host);
      assert.equal(urls[0].url, 'http://build.example.com:8080/');
      assert.equal(urls[1].url, 'https://127.0.0.1:8443/');
      assert.match(urls[1].note ?? '', /reachable there only/);
      assert.equal(urls[2].url, 'http://[::1]:5000/');
    }
    assert.deepEqual(engineHostName('ssh://me@[2001:db8::1]:22'), { host: '2001:db8::1', remote: true });
    assert.equal(publishedPortUrls([{ privatePort: 80, publicPort: 80, ip: '::', type: 'tcp' }], 'ssh://me@[2001:db8::1]:22')[0].url, 'http://[2001:db8::1]:80/');
  });

  it('nothing published: no URLs', () => {
    assert.deepEqual(publishedPortUrls([{ privatePort: 80, type: 'tcp' }], 'unix:///x'), []);
  });
});

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as tls from 'node:tls';
import { AddressInfo } from 'node:net';
import { HostInputs, resolveHost } from '../../src/engine/hosts/resolve';
import { Engine } from '../../src/engine/engine';
import { EngineError } from '../../src/engine/errors';
import { exercise } from './support/exercise';
import { hostsDaemon, makeCerts, onCleanup } from './support/servers';

/** Resolution with the real file system and a given environment (no setting, no contexts). */
function resolveWith(env: Record<string, string>) {
  const fs = require('node:fs') as typeof import('node:fs');
  const inputs: HostInputs = {
    env, homeDir: '/nonexistent-home', platform: process.platform,
    readFile: (f) => { try { return fs.readFileSync(f, 'utf8'); } catch { return undefined; } },
    exists: (f) => fs.existsSync(f),
  };
  return resolveHost(inputs);
}

async function expectEngineError(p: Promise<unknown>, kind: string, pattern: RegExp): Promise<EngineError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof EngineError, `an EngineError, got ${String(e)}`);
    assert.equal(e.kind, kind, e.message);
    assert.match(e.message, pattern);
    return e;
  }
  assert.fail('expected the call to fail');
}

describe('hosts: tcp+TLS', function () {
  this.timeout(120000);

  it('tls: DOCKER_HOST + DOCKER_TLS_VERIFY + DOCKER_CERT_PATH: list, events, exec, logs, build', async () => {
    const d = await hostsDaemon();
    const env = { DOCKER_HOST: `tcp://127.0.0.1:${d.tlsPort}`, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: d.certs.clientDir };
    const resolved = resolveWith(env);
    assert.equal(resolved.source, 'DOCKER_HOST');
    assert.equal(resolved.tls?.verify, true);
    assert.equal(resolved.warning, undefined);
    await exercise('tls', new Engine(resolved, env));
  });

  it('tls: a wrong CA fails with a wrong-CA message', async () => {
    const d = await hostsDaemon();
    const env = { DOCKER_HOST: `tcp://127.0.0.1:${d.tlsPort}`, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: d.certs.wrongCaDir };
    const engine = new Engine(resolveWith(env), env);
    await expectEngineError(engine.listContainers(), 'tls', /not signed by your ca\.pem — wrong CA.*DOCKER_CERT_PATH/);
  });

  it('tls: no client certificate is rejected by the engine with a client-certificate message', async () => {
    const d = await hostsDaemon();
    const env = { DOCKER_HOST: `tcp://127.0.0.1:${d.tlsPort}`, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: d.certs.clientDir };
    const resolved = resolveWith(env);
    const engine = new Engine({ ...resolved, tls: { ...resolved.tls!, cert: undefined, key: undefined } }, env);
    await expectEngineError(engine.listContainers(), 'tls', /rejected your client certificate|TLS with/);
  });

  it('tls: plain http to the TLS port says the engine requires TLS', async () => {
    const d = await hostsDaemon();
    const env = { DOCKER_HOST: `tcp://127.0.0.1:${d.tlsPort}` };
    const engine = new Engine(resolveWith(env), env);
    await expectEngineError(engine.listContainers(), 'tls', /requires TLS — set DOCKER_TLS_VERIFY=1/);
  });

  it('tls: an expired server certificate says it expired', async () => {
    const c = makeCerts();
    const server = tls.createServer({ cert: readFileSync(c.expiredCert), key: readFileSync(c.expiredKey) }, (s) => s.destroy());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    onCleanup(() => new Promise<void>((r) => server.close(() => r())));
    const port = (server.address() as AddressInfo).port;
    const env = { DOCKER_HOST: `tcp://127.0.0.1:${port}`, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: c.clientDir };
    const engine = new Engine(resolveWith(env), env);
    await expectEngineError(engine.listContainers(), 'tls', /certificate has expired/);
    server.close();
  });

  it('tls: connection refused names the host', async () => {
    const env = { DOCKER_HOST: 'tcp://127.0.0.1:1', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: makeCerts().clientDir };
    const engine = new Engine(resolveWith(env), env);
    await expectEngineError(engine.listContainers(), 'unreachable', /Docker is not running at tcp:\/\/127\.0\.0\.1:1 .*connection refused/);
  });

  it('tls: plain tcp to a non-loopback host carries a warning', () => {
    const r = resolveWith({ DOCKER_HOST: 'tcp://10.1.2.3:2375' });
    assert.match(r.warning ?? '', /plain tcp without TLS/);
  });
});

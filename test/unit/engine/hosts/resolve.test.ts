import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { isEngineError } from '../../../../src/engine/errors';
import {
  contextDigest, describeSource, engineLabel, HostInputs, parseEndpoint, resolveHost, resolvePinned,
} from '../../../../src/engine/hosts/resolve';

const HOME = '/home/dev';
const DOCKER = path.join(HOME, '.docker');

/** An in-memory file system for the context store. */
function inputs(files: Record<string, string>, env: Record<string, string> = {}, setting?: string, platform: NodeJS.Platform = 'linux'): HostInputs {
  return {
    setting, env, homeDir: HOME, platform,
    readFile: (f) => files[f],
    exists: (f) => f in files,
  };
}

function context(name: string, host: string, skipTls = false, dir = DOCKER): Record<string, string> {
  return {
    [path.join(dir, 'contexts', 'meta', contextDigest(name), 'meta.json')]: JSON.stringify({
      Name: name, Metadata: { Description: `${name} ctx` }, Endpoints: { docker: { Host: host, SkipTLSVerify: skipTls } },
    }),
  };
}

describe('host resolution', () => {
  it('uses the default socket when nothing is configured', () => {
    const r = resolveHost(inputs({}));
    assert.deepEqual(r, { host: 'unix:///var/run/docker.sock', source: 'default', context: 'default' });
  });

  it('uses the named pipe on Windows', () => {
    assert.equal(resolveHost(inputs({}, {}, undefined, 'win32')).host, 'npipe:////./pipe/docker_engine');
  });

  it('the setting wins over DOCKER_HOST, DOCKER_CONTEXT and config.json', () => {
    const files = { ...context('remote', 'tcp://10.0.0.1:2376'), [path.join(DOCKER, 'config.json')]: '{"currentContext":"remote"}' };
    const r = resolveHost(inputs(files, { DOCKER_HOST: 'tcp://env:2375', DOCKER_CONTEXT: 'remote' }, 'unix:///custom.sock'));
    assert.equal(r.host, 'unix:///custom.sock');
    assert.equal(r.source, 'setting');
  });

  it('DOCKER_HOST wins over DOCKER_CONTEXT', () => {
    const r = resolveHost(inputs(context('remote', 'tcp://10.0.0.1:2376'), { DOCKER_HOST: 'tcp://env:2375', DOCKER_CONTEXT: 'remote' }));
    assert.equal(r.host, 'tcp://env:2375');
    assert.equal(r.source, 'DOCKER_HOST');
  });

  it('DOCKER_CONTEXT wins over currentContext', () => {
    const files = { ...context('a', 'ssh://me@a'), ...context('b', 'tcp://b:2376'), [path.join(DOCKER, 'config.json')]: '{"currentContext":"b"}' };
    const r = resolveHost(inputs(files, { DOCKER_CONTEXT: 'a' }));
    assert.deepEqual([r.host, r.source, r.context], ['ssh://me@a', 'DOCKER_CONTEXT', 'a']);
  });

  it('reads currentContext from config.json and the context store', () => {
    const files = { ...context('b', 'tcp://b:2376'), [path.join(DOCKER, 'config.json')]: '{"currentContext":"b","auths":{}}' };
    const r = resolveHost(inputs(files));
    assert.deepEqual([r.host, r.source, r.context], ['tcp://b:2376', 'config', 'b']);
  });

  it('honours DOCKER_CONFIG for the config and context store', () => {
    const dir = '/etc/dockercfg';
    const files = { ...context('c', 'unix:///run/c.sock', false, dir), [path.join(dir, 'config.json')]: '{"currentContext":"c"}' };
    assert.equal(resolveHost(inputs(files, { DOCKER_CONFIG: dir })).host, 'unix:///run/c.sock');
  });

  it('the "default" context means the default socket', () => {
    const r = resolveHost(inputs({ [path.join(DOCKER, 'config.json')]: '{"currentContext":"default"}' }));
    assert.equal(r.host, 'unix:///var/run/docker.sock');
    assert.equal(r.source, 'config');
  });

  it('a missing context is an actionable error', () => {
    assert.throws(() => resolveHost(inputs({}, { DOCKER_CONTEXT: 'gone' })), (e: unknown) => isEngineError(e, 'config') && /context "gone".*does not exist/.test(e.message));
  });

  it('a broken config.json falls back to the default', () => {
    assert.equal(resolveHost(inputs({ [path.join(DOCKER, 'config.json')]: '{nope' })).source, 'default');
  });

  it('picks up per-context TLS material', () => {
    const tlsDir = path.join(DOCKER, 'contexts', 'tls', contextDigest('secure'), 'docker');
    const files = { ...context('secure', 'tcp://s:2376'), [path.join(tlsDir, 'ca.pem')]: 'x', [path.join(tlsDir, 'cert.pem')]: 'x', [path.join(tlsDir, 'key.pem')]: 'x' };
    const r = resolveHost(inputs(files, { DOCKER_CONTEXT: 'secure' }));
    assert.deepEqual(r.tls, { ca: path.join(tlsDir, 'ca.pem'), cert: path.join(tlsDir, 'cert.pem'), key: path.join(tlsDir, 'key.pem'), verify: true });
  });

  it('DOCKER_TLS_VERIFY with DOCKER_CERT_PATH', () => {
    const files = { '/certs/ca.pem': 'x', '/certs/cert.pem': 'x', '/certs/key.pem': 'x' };
    const r = resolveHost(inputs(files, { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' }));
    assert.equal(r.tls?.verify, true);
    assert.equal(r.tls?.ca, '/certs/ca.pem');
  });

  it('accepts a bare socket path in the setting', () => {
    assert.equal(resolveHost(inputs({}, {}, '/tmp/d.sock')).host, 'unix:///tmp/d.sock');
  });
});

describe('pinned engines (dockyard.engines)', () => {
  it('a pinned context resolves as docker --context does, whatever the current one is', () => {
    const tlsDir = path.join(DOCKER, 'contexts', 'tls', contextDigest('stage'), 'docker');
    const files = { ...context('stage', 'tcp://stage:2376'), ...context('b', 'tcp://b:2376'), [path.join(tlsDir, 'ca.pem')]: 'x', [path.join(DOCKER, 'config.json')]: '{"currentContext":"b"}' };
    const r = resolvePinned(inputs(files, { DOCKER_HOST: 'unix:///elsewhere.sock' }, 'tcp://setting:2375'), { context: 'stage' });
    assert.deepEqual([r.host, r.source, r.context, r.tls?.ca], ['tcp://stage:2376', 'pinned', 'stage', path.join(tlsDir, 'ca.pem')]);
    assert.equal(engineLabel(r), 'stage');
    assert.equal(describeSource(r), 'pinned in dockyard.engines');
  });

  it('a pinned "default" context is DOCKER_HOST or the default socket', () => {
    assert.equal(resolvePinned(inputs({}), { context: 'default' }).host, 'unix:///var/run/docker.sock');
    assert.equal(resolvePinned(inputs({}, { DOCKER_HOST: 'tcp://127.0.0.1:2375' }), { context: 'default' }).host, 'tcp://127.0.0.1:2375');
  });

  it('a pinned context that is gone says where it was named', () => {
    assert.throws(() => resolvePinned(inputs({}), { context: 'gone' }), (e: unknown) => isEngineError(e, 'config') && /context "gone" \(from dockyard\.engines\) does not exist/.test(e.message));
  });

  it('a pinned host is shown by its name and warned about like dockyard.host', () => {
    const r = resolvePinned(inputs({}), { name: 'build box', host: 'tcp://10.0.0.5:2375' });
    assert.deepEqual([r.host, r.source, engineLabel(r)], ['tcp://10.0.0.5:2375', 'pinned', 'build box']);
    assert.match(r.warning ?? '', /plain tcp without TLS/);
  });
});

describe('endpoint parsing', () => {
  it('unix', () => assert.deepEqual(parseEndpoint('unix:///var/run/docker.sock'), { kind: 'unix', socketPath: '/var/run/docker.sock' }));
  it('tcp defaults to 2375, 2376 with TLS', () => {
    assert.deepEqual(parseEndpoint('tcp://h'), { kind: 'tcp', host: 'h', port: 2375, tls: false });
    assert.deepEqual(parseEndpoint('tcp://h', { verify: true }), { kind: 'tcp', host: 'h', port: 2376, tls: true });
    assert.deepEqual(parseEndpoint('tcp://[::1]:1234'), { kind: 'tcp', host: '::1', port: 1234, tls: false });
  });
  it('ssh with user and port', () => assert.deepEqual(parseEndpoint('ssh://me@box:2222'), { kind: 'ssh', host: 'box', port: 2222, username: 'me' }));
  it('npipe', () => assert.equal(parseEndpoint('npipe:////./pipe/docker_engine').kind, 'npipe'));
  it('rejects unknown schemes and garbage', () => {
    assert.throws(() => parseEndpoint('ftp://x'), /unsupported scheme/);
    assert.throws(() => parseEndpoint('not a url'), /not a Docker host URL/);
  });
});

describe('engine label (status bar)', () => {
  it('names the context, "docker" for the default, or the host the setting names', () => {
    assert.equal(engineLabel({ host: 'unix:///var/run/docker.sock', source: 'default', context: 'default' }), 'docker');
    assert.equal(engineLabel({ host: 'tcp://b:2376', source: 'config', context: 'prod' }), 'prod');
    assert.equal(engineLabel({ host: 'unix:///run/user/1000/podman/podman.sock', source: 'setting', context: 'dockyard.host' }), 'podman.sock');
    assert.equal(engineLabel({ host: 'ssh://me@box:2222', source: 'DOCKER_HOST', context: 'DOCKER_HOST' }), 'me@box:2222');
    assert.equal(engineLabel({ host: 'tcp://10.0.0.5:2376/', source: 'DOCKER_HOST', context: 'DOCKER_HOST' }), '10.0.0.5:2376');
  });
});

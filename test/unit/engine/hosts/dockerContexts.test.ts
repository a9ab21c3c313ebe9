import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import {
  contextDigest, describeSource, HostInputs, isValidContextName, listContexts, resolveHost, socketCandidates, withCurrentContext,
} from '../../../../src/engine/hosts/resolve';

const HOME = '/home/dev';
const DOCKER = path.join(HOME, '.docker');

function inputs(files: Record<string, string>, env: Record<string, string> = {}, setting?: string): HostInputs {
  return {
    setting, env, homeDir: HOME, platform: 'linux',
    readFile: (f) => files[f],
    exists: (f) => f in files,
    listDir: (d) => [...new Set(Object.keys(files).filter((f) => f.startsWith(d + '/')).map((f) => f.slice(d.length + 1).split('/')[0]))],
  };
}

function ctx(name: string, host: string): Record<string, string> {
  return { [path.join(DOCKER, 'contexts', 'meta', contextDigest(name), 'meta.json')]: JSON.stringify({ Name: name, Endpoints: { docker: { Host: host } } }) };
}

describe('contexts (pure)', () => {
  it('lists default first, then the store by name, marking the current one', () => {
    const files = { ...ctx('zeta', 'ssh://u@z'), ...ctx('alpha', 'tcp://a:2376'), [path.join(DOCKER, 'config.json')]: '{"currentContext":"zeta"}' };
    const list = listContexts(inputs(files));
    assert.deepEqual(list.map((c) => [c.name, c.host, c.current]), [
      ['default', 'unix:///var/run/docker.sock', false], ['alpha', 'tcp://a:2376', false], ['zeta', 'ssh://u@z', true],
    ]);
  });

  it('a broken meta.json does not hide the other contexts', () => {
    const files = { ...ctx('good', 'tcp://g:2376'), [path.join(DOCKER, 'contexts', 'meta', 'abc', 'meta.json')]: '{nope' };
    assert.deepEqual(listContexts(inputs(files)).map((c) => c.name), ['default', 'good']);
  });

  it('docker context use keeps every other key and writes tabs', () => {
    const out = withCurrentContext('{"auths":{"r":{"auth":"x"}},"currentContext":"a"}', 'b');
    assert.deepEqual(JSON.parse(out), { auths: { r: { auth: 'x' } }, currentContext: 'b' });
    assert.match(out, /^{\n\t"auths"/);
    assert.deepEqual(JSON.parse(withCurrentContext(out, 'default')), { auths: { r: { auth: 'x' } } });
    assert.deepEqual(JSON.parse(withCurrentContext(undefined, 'x')), { currentContext: 'x' });
    assert.throws(() => withCurrentContext('[1]', 'x'), /not a JSON object/);
  });

  it('validates context names like the CLI', () => {
    assert.ok(isValidContextName('my-ctx.1'));
    assert.ok(!isValidContextName('-x'));
    assert.ok(!isValidContextName('a/b'));
  });

  it('environment and setting overrides name the context they override', () => {
    const files = { ...ctx('remote', 'tcp://r:2376'), [path.join(DOCKER, 'config.json')]: '{"currentContext":"remote"}' };
    const r = resolveHost(inputs(files, { DOCKER_HOST: 'unix:///x.sock' }));
    assert.equal(r.overrides, 'remote');
    assert.match(describeSource(r), /DOCKER_HOST.*overrides context "remote"/);
    assert.equal(resolveHost(inputs(files)).overrides, undefined);
  });

  it('finds a rootless or Podman socket when the default socket is absent', () => {
    const env = { XDG_RUNTIME_DIR: '/run/user/1000' };
    assert.deepEqual(socketCandidates({ env, homeDir: HOME }), [
      '/run/user/1000/docker.sock', '/home/dev/.docker/run/docker.sock', '/home/dev/.docker/desktop/docker.sock',
      '/run/user/1000/podman/podman.sock', '/run/podman/podman.sock',
    ]);
    const r = resolveHost(inputs({ '/run/user/1000/podman/podman.sock': '' }, env));
    assert.equal(r.host, 'unix:///run/user/1000/podman/podman.sock');
    assert.match(r.warning ?? '', /does not exist; using/);
    const both = resolveHost(inputs({ '/var/run/docker.sock': '', '/run/user/1000/docker.sock': '' }, env));
    assert.equal(both.host, 'unix:///var/run/docker.sock');
  });

  it('warns about plain tcp off loopback, not on loopback or with TLS', () => {
    assert.match(resolveHost(inputs({}, { DOCKER_HOST: 'tcp://10.0.0.5:2375' })).warning ?? '', /plain tcp/);
    assert.equal(resolveHost(inputs({}, { DOCKER_HOST: 'tcp://127.0.0.1:2375' })).warning, undefined);
    assert.equal(resolveHost(inputs({}, { DOCKER_HOST: 'tcp://10.0.0.5:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/c' })).warning?.includes('plain'), false);
  });
});

import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { authsEntry, configuredRegistries, dockerConfigPath, dockerCredentials, DockerConfigDeps, HelperResult, hostOfServer, parseDockerConfig, serverUrlOf } from '../../../../src/engine/registry/dockerConfig';

const b64 = (s: string) => Buffer.from(s).toString('base64');

function deps(config: unknown, helpers: Record<string, (url: string) => HelperResult> = {}, calls: string[] = []): DockerConfigDeps {
  const file = dockerConfigPath({}, '/home/u');
  return {
    env: {},
    homeDir: '/home/u',
    readFile: (f) => (f === file ? (typeof config === 'string' ? config : JSON.stringify(config)) : undefined),
    runHelper: async (h, url) => {
      calls.push(`${h} ${url}`);
      const fn = helpers[h];
      return fn ? fn(url) : { ok: false, message: `docker-credential-${h} is not on PATH`, notFound: false };
    },
  };
}

describe('docker CLI config.json', () => {
  it('finds the file under DOCKER_CONFIG or ~/.docker', () => {
    assert.equal(dockerConfigPath({ DOCKER_CONFIG: '/etc/dc' }, '/home/u'), path.join('/etc/dc', 'config.json'));
    assert.equal(dockerConfigPath({}, '/home/u'), path.join('/home/u', '.docker', 'config.json'));
  });

  it('normalises the server keys the CLI has written over the years', () => {
    assert.equal(hostOfServer('https://index.docker.io/v1/'), 'docker.io');
    assert.equal(hostOfServer('registry-1.docker.io'), 'docker.io');
    assert.equal(hostOfServer('https://ghcr.io'), 'ghcr.io');
    assert.equal(hostOfServer('http://127.0.0.1:5000/v2/'), '127.0.0.1:5000');
    assert.equal(hostOfServer('Quay.IO'), 'quay.io');
    assert.equal(serverUrlOf('docker.io'), 'https://index.docker.io/v1/');
    assert.equal(serverUrlOf('ghcr.io'), 'ghcr.io');
  });

  it('reads auths (base64 user:password, a password holding colons, identity tokens) and lists the registries', () => {
    const cfg = parseDockerConfig(JSON.stringify({
      auths: { 'https://index.docker.io/v1/': { auth: b64('ada:p:a:ss') }, 'ghcr.io': { auth: b64('bob:tok'), identitytoken: 'refresh-1' }, 'empty.example': {} },
      credHelpers: { '123.dkr.ecr.us-east-1.amazonaws.com': 'ecr-login' },
    }));
    assert.deepEqual(authsEntry(cfg, 'docker.io'), { username: 'ada', password: 'p:a:ss', source: 'docker config.json' });
    assert.equal(authsEntry(cfg, 'ghcr.io')?.identityToken, 'refresh-1');
    assert.equal(authsEntry(cfg, 'empty.example'), undefined);
    assert.deepEqual(configuredRegistries(cfg).sort(), ['123.dkr.ecr.us-east-1.amazonaws.com', 'docker.io', 'empty.example', 'ghcr.io']);
  });

  it('a missing or broken file is an empty config', () => {
    assert.deepEqual(parseDockerConfig(undefined), { auths: {}, credHelpers: {} });
    assert.deepEqual(parseDockerConfig('{not json'), { auths: {}, credHelpers: {} });
    assert.deepEqual(parseDockerConfig('{"auths": [1], "credHelpers": {"a": 3}, "credsStore": ""}'), { auths: {}, credHelpers: {}, credsStore: undefined });
  });
});

describe('docker CLI credentials: helpers before auths', () => {
  it('asks the host\'s credHelpers entry first, with the CLI server URL', async () => {
    const calls: string[] = [];
    const c = await dockerCredentials('docker.io', deps({ credsStore: 'desktop', credHelpers: { 'https://index.docker.io/v1/': 'pass' }, auths: { 'https://index.docker.io/v1/': { auth: b64('old:old') } } },
      { pass: () => ({ ok: true, stdout: JSON.stringify({ ServerURL: 'https://index.docker.io/v1/', Username: 'ada', Secret: 's3cret' }) }) }, calls));
    assert.deepEqual(c, { username: 'ada', password: 's3cret', source: 'credential helper pass' });
    assert.deepEqual(calls, ['pass https://index.docker.io/v1/']);
  });

  it('falls back to credsStore, reads <token> as an identity token', async () => {
    const c = await dockerCredentials('ghcr.io', deps({ credsStore: 'desktop' }, { desktop: () => ({ ok: true, stdout: '{"Username":"<token>","Secret":"refresh-xyz"}' }) }));
    assert.deepEqual(c, { username: '', password: '', identityToken: 'refresh-xyz', source: 'credential helper desktop' });
  });

  it('"credentials not found" from the helper falls back to auths; no entry at all is undefined', async () => {
    const notFound = () => ({ ok: false as const, message: 'credentials not found in native keychain', notFound: true });
    assert.deepEqual(await dockerCredentials('r.example', deps({ credsStore: 'desktop', auths: { 'r.example': { auth: b64('u:p') } } }, { desktop: notFound })),
      { username: 'u', password: 'p', source: 'docker config.json' });
    assert.equal(await dockerCredentials('other.example', deps({ credsStore: 'desktop' }, { desktop: notFound })), undefined);
    assert.equal(await dockerCredentials('x.example', deps(undefined)), undefined);
  });

  it('a broken helper is an error that names the helper, not the secret', async () => {
    await assert.rejects(dockerCredentials('r.example', deps({ credHelpers: { 'r.example': 'gone' } })), /docker-credential-gone is not on PATH/);
    await assert.rejects(dockerCredentials('r.example', deps({ credHelpers: { 'r.example': 'bad' } }, { bad: () => ({ ok: true, stdout: 'Secret: hunter2' }) })),
      (e: Error) => /not JSON/.test(e.message) && !e.message.includes('hunter2'));
  });
});

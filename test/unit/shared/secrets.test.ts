import { strict as assert } from 'node:assert';
import { lastValueDetail, looksSecret, withoutSecretEnv, withoutSecretValues } from '../../../src/shared/secrets';

describe('secret-looking names', () => {
  const secret = ['GITHUB_TOKEN', 'token', 'NPM_AUTH_TOKEN', 'DB_PASSWORD', 'MYSQL_ROOT_PASSWD', 'AWS_SECRET_ACCESS_KEY', 'API_KEY', 'apiKey',
    'SSH_PRIVATE_KEY', 'GPG_PASSPHRASE', 'GOOGLE_APPLICATION_CREDENTIALS', 'NPM_AUTH', 'BASIC_AUTH', 'REDIS_PASS', 'PGPASSWORD', 'SENTRY_DSN', 'SESSION_COOKIE', 'ENCRYPTIONKEY', 'client_secret'];
  const plain = ['NODE_ENV', 'MODE', 'VERSION', 'BASE_IMAGE', 'PORT', 'AUTHOR', 'GREETING', 'TARGETARCH', 'HTTP_PROXY', 'BUILD_DATE', 'PASSENGERS', 'KEYBOARD'];
  for (const n of secret) it(`${n} looks secret`, () => assert.equal(looksSecret(n), true));
  for (const n of plain) it(`${n} does not`, () => assert.equal(looksSecret(n), false));

  it('drops secret build-arg values', () => {
    assert.deepEqual(withoutSecretValues({ VERSION: '1', GITHUB_TOKEN: 'ghp_x', DB_PASSWORD: 'p' }), { VERSION: '1' });
  });

  it('drops secret env entries, with or without a value', () => {
    assert.deepEqual(withoutSecretEnv(['MODE=dev', 'API_KEY=abc', 'SECRET', 'GREETING=a=b']), ['MODE=dev', 'GREETING=a=b']);
  });

  it('never shows a secret value as "last: …"', () => {
    assert.equal(lastValueDetail('VERSION', '1.2'), 'last: 1.2');
    assert.ok(!lastValueDetail('GITHUB_TOKEN', 'ghp_abc')!.includes('ghp_abc'));
    assert.equal(lastValueDetail('GITHUB_TOKEN', undefined), undefined);
  });
});

import * as assert from 'node:assert/strict';
import { nextLink, parseWwwAuthenticate, repositoryScope } from '../../../../src/engine/registry/challenge';

describe('registry protocol: WWW-Authenticate', () => {
  it('reads a Bearer challenge with a scope holding commas', () => {
    assert.deepEqual(parseWwwAuthenticate('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:samalba/my-app:pull,push"'), [
      { scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:samalba/my-app:pull,push' } },
    ]);
  });

  it('reads Basic, unquoted values, odd spacing and case, escaped quotes', () => {
    assert.deepEqual(parseWwwAuthenticate('Basic realm="Registry Realm"'), [{ scheme: 'basic', params: { realm: 'Registry Realm' } }]);
    assert.deepEqual(parseWwwAuthenticate('BEARER Realm=https://x/token , Service = reg,error="insufficient_scope"'), [
      { scheme: 'bearer', params: { realm: 'https://x/token', service: 'reg', error: 'insufficient_scope' } },
    ]);
    assert.deepEqual(parseWwwAuthenticate('Basic realm="a \\"quoted\\" realm"'), [{ scheme: 'basic', params: { realm: 'a "quoted" realm' } }]);
  });

  it('splits several challenges in one header, and token68 forms', () => {
    const c = parseWwwAuthenticate('Basic realm="basic-realm", Bearer realm="https://t/token",service="s",scope="registry:catalog:*"');
    assert.deepEqual(c.map((x) => x.scheme), ['basic', 'bearer']);
    assert.equal(c[1].params.scope, 'registry:catalog:*');
    assert.deepEqual(parseWwwAuthenticate('Negotiate abc123==, Basic realm=r'), [
      { scheme: 'negotiate', params: { token68: 'abc123==' } },
      { scheme: 'basic', params: { realm: 'r' } },
    ]);
  });

  it('gives nothing for an empty or schemeless header', () => {
    assert.deepEqual(parseWwwAuthenticate(''), []);
    assert.deepEqual(parseWwwAuthenticate('   ,  '), []);
  });

  it('writes repository scopes', () => {
    assert.equal(repositoryScope('team/app', ['pull', 'push']), 'repository:team/app:pull,push');
  });
});

describe('registry protocol: Link paging', () => {
  const base = 'http://127.0.0.1:5000/v2/_catalog?n=2';
  it('resolves a relative rel="next" link against the request', () => {
    assert.equal(nextLink('</v2/_catalog?last=b&n=2>; rel="next"', base), 'http://127.0.0.1:5000/v2/_catalog?last=b&n=2');
  });
  it('takes an absolute link, an unquoted rel, and picks next among several links', () => {
    assert.equal(nextLink('<https://r.example/v2/x/tags/list?n=50&last=v9>; rel=next', base), 'https://r.example/v2/x/tags/list?n=50&last=v9');
    assert.equal(nextLink('</v2/_catalog?n=2>; rel="first", </v2/_catalog?last=d&n=2>; title="x"; rel="next"', base), 'http://127.0.0.1:5000/v2/_catalog?last=d&n=2');
  });
  it('has no next page without a next link', () => {
    assert.equal(nextLink(null, base), undefined);
    assert.equal(nextLink('</v2/_catalog?n=2>; rel="prev"', base), undefined);
  });
});

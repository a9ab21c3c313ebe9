// Where a registry may send the user's login: the Bearer realm is checked before any credential
// leaves. Fake registries and token servers on loopback; an HTTPS one under a test-only DNS name
// (resolved to 127.0.0.1 by this test, its self-signed certificate accepted for this test only).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import dns from 'node:dns';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { EngineError } from '../../../../src/engine/errors';
import { checkRealm } from '../../../../src/engine/registry/challenge';
import { registryBaseUrl, RegistryClient } from '../../../../src/engine/registry/client';
import { isLoopbackHost } from '../../../../src/shared/loopback';

const creds = async () => ({ username: 'ada', password: 'lovelace', source: 'the test' });

describe('registry token realm: who gets the login', () => {
  it('only IP literals in 127.0.0.0/8 and ::1 (and localhost) are loopback; a DNS name starting with 127. is not', () => {
    for (const h of ['127.0.0.1:5000', '127.9.9.9', '127.1', '[::1]:5000', '::1', '[::ffff:127.0.0.1]:80', 'localhost:5000']) assert.equal(isLoopbackHost(h), true, h);
    for (const h of ['127.0.0.1.evil.example', '127.0.0.1.evil.example:5000', '127.evil', '10.0.0.1', '[::2]', 'ghcr.io', 'localhost.evil.example']) assert.equal(isLoopbackHost(h), false, h);
    assert.equal(registryBaseUrl('127.0.0.1.evil.example:5000'), 'https://127.0.0.1.evil.example:5000');
    assert.equal(registryBaseUrl('127.0.0.1:5000'), 'http://127.0.0.1:5000');
  });

  it('refuses a plain-HTTP realm for an HTTPS registry, a non-http realm, and an HTTP realm elsewhere for a loopback registry', () => {
    assert.deepEqual(checkRealm('https://ghcr.io', 'http://ghcr.io/token'), { ok: false, realmHost: 'ghcr.io', why: 'plainHttp' });
    assert.deepEqual(checkRealm('https://ghcr.io', 'http://elsewhere.example/token'), { ok: false, realmHost: 'elsewhere.example', why: 'plainHttp' });
    assert.equal(checkRealm('https://ghcr.io', 'file:///etc/passwd').ok, false);
    assert.equal(checkRealm('https://ghcr.io', 'not a url').ok, false);
    assert.deepEqual(checkRealm('http://127.0.0.1:5000', 'http://evil.example/token'), { ok: false, realmHost: 'evil.example', why: 'plainHttp' });
    assert.deepEqual(checkRealm('http://127.0.0.1:5000', 'http://127.0.0.1:5001/token'), { ok: true, realmHost: '127.0.0.1:5001', elsewhere: false });
  });

  it('tells a realm on another site from the registry\'s own (Docker Hub and GitLab are their own site)', () => {
    assert.equal((checkRealm('https://registry-1.docker.io', 'https://auth.docker.io/token') as { elsewhere: boolean }).elsewhere, false);
    assert.equal((checkRealm('https://registry.gitlab.com', 'https://gitlab.com/jwt/auth') as { elsewhere: boolean }).elsewhere, false);
    assert.equal((checkRealm('https://ghcr.io', 'https://ghcr.io/token') as { elsewhere: boolean }).elsewhere, false);
    assert.deepEqual(checkRealm('https://ghcr.io', 'https://collector.example/token'), { ok: true, realmHost: 'collector.example', elsewhere: true });
  });

  describe('against an HTTPS registry', function () {
    this.timeout(30000);
    let dir: string;
    let registry: https.Server;
    let tokenHttp: http.Server;
    let tokenHttps: https.Server;
    let registryPort = 0;
    /** What each server was sent. */
    const seen = { registryAuth: [] as string[], tokenHttp: 0, tokenHttps: [] as string[] };
    let realm = '';
    const origLookup = dns.lookup;
    const origReject = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    const listen = (s: http.Server | https.Server) => new Promise<number>((r) => s.listen(0, '127.0.0.1', () => r((s.address() as AddressInfo).port)));

    before(async () => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'dockyard-realm-'));
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'k.pem'), '-out', path.join(dir, 'c.pem'), '-days', '2',
        '-subj', '/CN=registry.dockyard.test', '-addext', 'subjectAltName=DNS:registry.dockyard.test,DNS:tokens.dockyard.test,DNS:collector.dockyard-elsewhere.test'], { stdio: 'ignore' });
      const tls = { key: readFileSync(path.join(dir, 'k.pem')), cert: readFileSync(path.join(dir, 'c.pem')) };
      // Test-only names → 127.0.0.1 (the client must not treat them as loopback: they are DNS names).
      (dns as { lookup: unknown }).lookup = (host: string, opts: unknown, cb?: unknown) => {
        const done = (typeof opts === 'function' ? opts : cb) as (e: Error | null, a: unknown, f?: number) => void;
        const all = typeof opts === 'object' && !!(opts as { all?: boolean } | null)?.all;
        if (host.endsWith('.test')) { process.nextTick(() => (all ? done(null, [{ address: '127.0.0.1', family: 4 }]) : done(null, '127.0.0.1', 4))); return; }
        (origLookup as (...a: unknown[]) => void)(host, opts, cb);
      };
      process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
      registry = https.createServer(tls, (req, res) => {
        seen.registryAuth.push(req.headers.authorization ?? '');
        if (!req.headers.authorization) {
          res.writeHead(401, { 'WWW-Authenticate': `Bearer realm="${realm}",service="test",scope="registry:catalog:*"`, 'Content-Type': 'application/json' });
          res.end('{"errors":[{"code":"UNAUTHORIZED"}]}');
          return;
        }
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"repositories":["team/app"]}');
      });
      tokenHttp = http.createServer((req, res) => { seen.tokenHttp++; res.writeHead(200, { 'Content-Type': 'application/json' }); res.end('{"token":"t"}'); });
      tokenHttps = https.createServer(tls, (req, res) => { seen.tokenHttps.push(req.headers.authorization ?? ''); res.writeHead(200, { 'Content-Type': 'application/json' }); res.end('{"token":"t"}'); });
      registryPort = await listen(registry);
      const tokenHttpPort = await listen(tokenHttp);
      const tokenHttpsPort = await listen(tokenHttps);
      realm = `http://tokens.dockyard.test:${tokenHttpPort}/token`;
      (seen as { ports?: number[] }).ports = [tokenHttpPort, tokenHttpsPort];
    });
    after(async () => {
      (dns as { lookup: unknown }).lookup = origLookup;
      if (origReject === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED; else process.env.NODE_TLS_REJECT_UNAUTHORIZED = origReject;
      for (const s of [registry, tokenHttp, tokenHttps]) { s?.closeAllConnections(); await new Promise((r) => s?.close(r)); }
      rmSync(dir, { recursive: true, force: true });
    });

    it('a plain-HTTP realm: a clear error naming the realm host, and no credential sent anywhere', async () => {
      const [tokenHttpPort] = (seen as { ports?: number[] }).ports!;
      realm = `http://tokens.dockyard.test:${tokenHttpPort}/token`;
      seen.registryAuth = []; seen.tokenHttp = 0;
      const c = new RegistryClient(`registry.dockyard.test:${registryPort}`, { credentials: creds });
      assert.equal(c.base, `https://registry.dockyard.test:${registryPort}`);
      await assert.rejects(c.catalogPage(), (e: unknown) => e instanceof EngineError && e.kind === 'badRequest'
        && e.message.includes(`tokens.dockyard.test:${tokenHttpPort}`) && /plain HTTP/.test(e.message) && !e.message.includes('lovelace'));
      assert.equal(seen.tokenHttp, 0, 'the HTTP token server was never asked');
      assert.deepEqual(seen.registryAuth, [''], 'the registry got no Authorization either');
    });

    it('an HTTPS realm on another site: reported once (the extension warns), then used', async () => {
      const [, tokenHttpsPort] = (seen as { ports?: number[] }).ports!;
      realm = `https://collector.dockyard-elsewhere.test:${tokenHttpsPort}/token`;
      seen.registryAuth = []; seen.tokenHttps = [];
      const told: string[] = [];
      const c = new RegistryClient(`registry.dockyard.test:${registryPort}`, { credentials: creds, onRealmElsewhere: (reg, at) => told.push(`${reg} → ${at}`) });
      assert.deepEqual((await c.catalogPage()).items, ['team/app']);
      c.resetAuth();
      assert.deepEqual((await c.catalogPage()).items, ['team/app']);
      assert.deepEqual(told, [`registry.dockyard.test:${registryPort} → collector.dockyard-elsewhere.test:${tokenHttpsPort}`], 'said once per client and realm');
      assert.equal(seen.tokenHttps.length, 2);
      assert.ok(seen.tokenHttps.every((a) => a.startsWith('Basic ')));
    });

    it('an HTTPS realm on the registry\'s own site: used without a warning', async () => {
      const [, tokenHttpsPort] = (seen as { ports?: number[] }).ports!;
      realm = `https://tokens.dockyard.test:${tokenHttpsPort}/token`;
      const told: string[] = [];
      const c = new RegistryClient(`registry.dockyard.test:${registryPort}`, { credentials: creds, onRealmElsewhere: (reg, at) => told.push(at) });
      assert.deepEqual((await c.catalogPage()).items, ['team/app']);
      assert.deepEqual(told, []);
    });
  });
});

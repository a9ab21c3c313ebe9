// Real Debian `docker-registry` (distribution 2.8) instances for tests, on loopback ports of
// their own: open, htpasswd Basic auth, or token mode against a small token issuer of the test's
// own (real RS256 JWTs signed with a throwaway key, the certificate handed to the registry as its
// root bundle). Plus a hand-pusher that uploads real blobs and manifests (images, OCI indexes)
// through the registry API, so tests can make many repositories and tags quickly.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash, createSign, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => resolve(p)); });
  });
}

export interface TokenIssuer {
  realm: string;
  service: string;
  issuer: string;
  certFile: string;
  /** Requests the issuer answered (with a token or a refusal). */
  requests: { scope: string[]; account?: string; ok: boolean }[];
  /** Lifetime announced in expires_in (seconds). */
  expiresIn: number;
  /** When set, tokens carry an `exp` this many seconds in the past (server-side expiry). */
  issueExpired: number;
  /** Refresh tokens the issuer accepts (POST grant_type=refresh_token), → the user they stand for. */
  refreshTokens: Record<string, string>;
  /** Signs a token with full access to `access`, for seeding. */
  mint(access: { type: string; name: string; actions: string[] }[]): string;
  close(): Promise<void>;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/** A token server: Basic user/password → a JWT granting every scope asked for. */
export async function startTokenIssuer(dir: string, users: Record<string, string>): Promise<TokenIssuer> {
  const keyFile = path.join(dir, 'token.key');
  const certFile = path.join(dir, 'token.crt');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=dockyard-test-token-issuer'], { stdio: 'ignore' });
  const key = readFileSync(keyFile, 'utf8');
  const der = Buffer.from(readFileSync(certFile, 'utf8').replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  const port = await freePort();
  const service = 'dockyard-test-registry';
  const issuerName = 'dockyard-test-issuer';
  const sign = (sub: string, access: { type: string; name: string; actions: string[] }[], expOffset: number) => {
    const now = Math.floor(Date.now() / 1000);
    const header = { typ: 'JWT', alg: 'RS256', x5c: [der.toString('base64')] };
    const claims = { iss: issuerName, sub, aud: service, iat: now - 5, nbf: now - 5, exp: now + expOffset, jti: randomBytes(8).toString('hex'), access };
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    return `${input}.${b64url(createSign('RSA-SHA256').update(input).sign(key))}`;
  };
  const toAccess = (scopes: string[]) => scopes.flatMap((s) => {
    const m = /^([^:]+):(.+):([^:]+)$/.exec(s);
    return m ? [{ type: m[1], name: m[2], actions: m[3].split(',') }] : [];
  });
  const issuer: TokenIssuer = {
    realm: `http://127.0.0.1:${port}/token`, service, issuer: issuerName, certFile, requests: [], expiresIn: 300, issueExpired: 0, refreshTokens: {},
    mint: (access) => sign('seed', access, 600),
    close: () => new Promise((r) => server.close(() => r())),
  };
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', issuer.realm);
    const done = (scope: string[], account: string | undefined) => {
      const m = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
      const [user, ...rest] = m ? Buffer.from(m[1], 'base64').toString().split(':') : [];
      const ok = !!user && users[user] === rest.join(':');
      issuer.requests.push({ scope, account, ok });
      if (!ok) { res.writeHead(401, { 'Content-Type': 'application/json' }); res.end('{"details":"bad credentials"}'); return; }
      const token = sign(user, toAccess(scope), issuer.issueExpired ? -issuer.issueExpired : issuer.expiresIn);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ token, access_token: token, expires_in: issuer.expiresIn, issued_at: new Date().toISOString() }));
    };
    if (u.pathname !== '/token') { res.writeHead(404); res.end(); return; }
    if (req.method === 'POST') {
      // The OAuth2 refresh-token grant (what `docker login` keeps as an identity token).
      let body = '';
      req.on('data', (b: Buffer) => { body += b.toString(); });
      req.on('end', () => {
        const form = new URLSearchParams(body);
        const user = form.get('grant_type') === 'refresh_token' ? issuer.refreshTokens[form.get('refresh_token') ?? ''] : undefined;
        const scope = form.getAll('scope').flatMap((x) => x.split(' ')).filter(Boolean);
        issuer.requests.push({ scope, account: user, ok: !!user });
        if (!user) { res.writeHead(401, { 'Content-Type': 'application/json' }); res.end('{"error":"invalid_grant"}'); return; }
        const token = sign(user, toAccess(scope), issuer.expiresIn);
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ access_token: token, expires_in: issuer.expiresIn, scope: scope.join(' ') }));
      });
      return;
    }
    done(u.searchParams.getAll('scope'), u.searchParams.get('account') ?? undefined);
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  return issuer;
}

export interface TestRegistry {
  host: string;
  base: string;
  dir: string;
  issuer?: TokenIssuer;
  /** An Authorization header with full rights, for seeding through the API. */
  seedAuth: (repo: string) => string | undefined;
  stop(): Promise<void>;
}

export interface RegistryOptions {
  auth?: 'none' | 'htpasswd' | 'token';
  users?: Record<string, string>;
  deletes?: boolean;
}

/** Starts a docker-registry on a free loopback port; resolves when /v2/ answers. */
export async function startRegistry(opts: RegistryOptions = {}): Promise<TestRegistry> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dockyard-registry-'));
  const port = await freePort();
  const users = opts.users ?? { ada: 'lovelace' };
  const lines = ['version: 0.1', 'log: { level: error }', 'storage:', `  filesystem: { rootdirectory: ${JSON.stringify(path.join(dir, 'data'))} }`];
  if (opts.deletes) lines.push('  delete: { enabled: true }');
  lines.push('http:', `  addr: 127.0.0.1:${port}`);
  let issuer: TokenIssuer | undefined;
  let seedAuth: TestRegistry['seedAuth'] = () => undefined;
  if (opts.auth === 'htpasswd') {
    const file = path.join(dir, 'htpasswd');
    writeFileSync(file, Object.entries(users).map(([u, p]) => execFileSync('htpasswd', ['-Bbn', u, p], { encoding: 'utf8' }).trim()).join('\n') + '\n');
    lines.push('auth:', '  htpasswd:', '    realm: dockyard-test', `    path: ${JSON.stringify(file)}`);
    const [u, p] = Object.entries(users)[0];
    seedAuth = () => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;
  } else if (opts.auth === 'token') {
    issuer = await startTokenIssuer(dir, users);
    lines.push('auth:', '  token:', `    realm: ${issuer.realm}`, `    service: ${issuer.service}`, `    issuer: ${issuer.issuer}`, `    rootcertbundle: ${JSON.stringify(issuer.certFile)}`);
    const iss = issuer;
    seedAuth = (repo) => `Bearer ${iss.mint([{ type: 'repository', name: repo, actions: ['pull', 'push', 'delete', '*'] }, { type: 'registry', name: 'catalog', actions: ['*'] }])}`;
  }
  mkdirSync(path.join(dir, 'data'), { recursive: true });
  const cfg = path.join(dir, 'config.yml');
  writeFileSync(cfg, lines.join('\n') + '\n');
  const child: ChildProcess = spawn('docker-registry', ['serve', cfg], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => { stderr = (stderr + b.toString()).slice(-4000); });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15000;
  for (;;) {
    try { const r = await fetch(`${base}/v2/`); await r.body?.cancel(); break; } catch { /* not yet */ }
    if (child.exitCode !== null || Date.now() > deadline) { child.kill(); throw new Error(`docker-registry did not start: ${stderr}`); }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    host: `127.0.0.1:${port}`, base, dir, issuer, seedAuth,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) { const exited = new Promise((r) => child.once('exit', r)); child.kill('SIGKILL'); await exited; }
      await issuer?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

/** A one-file tar (ustar) holding `content` at `name`. */
function tarOf(name: string, content: string): Buffer {
  const body = Buffer.from(content);
  const h = Buffer.alloc(512);
  h.write(name, 0); h.write('0000644\0', 100); h.write('0000000\0', 108); h.write('0000000\0', 116);
  h.write(body.length.toString(8).padStart(11, '0') + '\0', 124); h.write('00000000000\0', 136);
  h.write('        ', 148); h.write('0', 156); h.write('ustar\0', 257); h.write('00', 263);
  let sum = 0; for (const x of h) sum += x;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  const pad = Buffer.alloc((512 - (body.length % 512)) % 512);
  return Buffer.concat([h, body, pad, Buffer.alloc(1024)]);
}

export interface PushedImage { repo: string; layerDigest: string; digest: string; manifest: Buffer; configDigest: string; size: number; created: string; platform: string }

/** Pushes through the API by hand: blobs, then manifests. */
export class HandPusher {
  constructor(private readonly reg: Pick<TestRegistry, 'base' | 'seedAuth'>) {}

  private async call(repo: string, method: string, url: string, body?: Buffer, contentType?: string): Promise<Response> {
    const headers: Record<string, string> = {};
    const a = this.reg.seedAuth(repo);
    if (a) headers.Authorization = a;
    if (contentType) headers['Content-Type'] = contentType;
    const r = await fetch(url.startsWith('http') ? url : `${this.reg.base}${url}`, { method, headers, body, redirect: 'manual' });
    if (r.status >= 300) throw new Error(`${method} ${url}: HTTP ${r.status} ${await r.text()}`);
    return r;
  }

  async blob(repo: string, data: Buffer): Promise<string> {
    const digest = sha(data);
    const start = await this.call(repo, 'POST', `/v2/${repo}/blobs/uploads/`);
    await start.body?.cancel();
    const loc = new URL(start.headers.get('location')!, this.reg.base);
    loc.searchParams.set('digest', digest);
    await (await this.call(repo, 'PUT', loc.toString(), data, 'application/octet-stream')).body?.cancel();
    return digest;
  }

  /** An image (one real gzip layer, a config with `created` and the platform), tagged `tags`. */
  async image(repo: string, tags: string[], opts: { arch?: string; content?: string; created?: string; oci?: boolean } = {}): Promise<PushedImage> {
    const tar = tarOf('hello.txt', opts.content ?? `hello from ${repo}\n`);
    const layer = gzipSync(tar);
    const created = opts.created ?? '2026-01-02T03:04:05Z';
    const arch = opts.arch ?? 'amd64';
    const config = Buffer.from(JSON.stringify({ architecture: arch, os: 'linux', created, config: { Cmd: ['cat', '/hello.txt'], Labels: { 'dockyard.test': '1' } }, rootfs: { type: 'layers', diff_ids: [sha(tar)] }, history: [{ created }] }));
    const layerDigest = await this.blob(repo, layer);
    const configDigest = await this.blob(repo, config);
    const oci = !!opts.oci;
    const manifest = Buffer.from(JSON.stringify({
      schemaVersion: 2,
      mediaType: oci ? 'application/vnd.oci.image.manifest.v1+json' : 'application/vnd.docker.distribution.manifest.v2+json',
      config: { mediaType: oci ? 'application/vnd.oci.image.config.v1+json' : 'application/vnd.docker.container.image.v1+json', digest: configDigest, size: config.length },
      layers: [{ mediaType: oci ? 'application/vnd.oci.image.layer.v1.tar+gzip' : 'application/vnd.docker.image.rootfs.diff.tar.gzip', digest: layerDigest, size: layer.length }],
    }));
    const ct = oci ? 'application/vnd.oci.image.manifest.v1+json' : 'application/vnd.docker.distribution.manifest.v2+json';
    for (const t of tags.length ? tags : [sha(manifest)]) await (await this.call(repo, 'PUT', `/v2/${repo}/manifests/${t}`, manifest, ct)).body?.cancel();
    return { repo, layerDigest, digest: sha(manifest), manifest, configDigest, size: config.length + layer.length, created, platform: `linux/${arch}` };
  }

  /** An OCI index over images already in `repo`. */
  async index(repo: string, tag: string, images: PushedImage[]): Promise<string> {
    const idx = Buffer.from(JSON.stringify({
      schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: images.map((i) => ({ mediaType: JSON.parse(i.manifest.toString()).mediaType, digest: i.digest, size: i.manifest.length, platform: { os: 'linux', architecture: i.platform.split('/')[1] } })),
    }));
    await (await this.call(repo, 'PUT', `/v2/${repo}/manifests/${tag}`, idx, 'application/vnd.oci.image.index.v1+json')).body?.cancel();
    return sha(idx);
  }

  /** Many tags of one manifest (the manifest body PUT again under each tag), its blobs mounted from where they were pushed. */
  async tags(repo: string, image: PushedImage, tags: string[], concurrency = 8): Promise<void> {
    if (repo !== image.repo) {
      for (const d of [image.layerDigest, image.configDigest]) await (await this.call(repo, 'POST', `/v2/${repo}/blobs/uploads/?mount=${d}&from=${image.repo}`)).body?.cancel();
    }
    const ct = JSON.parse(image.manifest.toString()).mediaType as string;
    const queue = [...tags];
    await Promise.all(Array.from({ length: concurrency }, async () => {
      for (let t = queue.shift(); t; t = queue.shift()) await (await this.call(repo, 'PUT', `/v2/${repo}/manifests/${t}`, image.manifest, ct)).body?.cancel();
    }));
  }
}

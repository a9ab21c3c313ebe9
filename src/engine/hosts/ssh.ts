// Pure SSH helpers for ssh:// hosts: ~/.ssh/config lookup, known_hosts checking (plain and
// hashed entries, [host]:port), fingerprints. No I/O: callers pass file contents in.
import { createHash, createHmac } from 'node:crypto';
import * as path from 'node:path';

export interface SshHostConfig {
  hostName?: string;
  user?: string;
  port?: number;
  identityFiles: string[];
  identitiesOnly?: boolean;
  userKnownHostsFiles: string[];
  /** "yes" | "no" | "ask" | "accept-new" | "off" as written. */
  strictHostKeyChecking?: string;
  identityAgent?: string;
}

/** Matches one ssh_config pattern list ("*.lan !bastion.lan") against a host. */
export function hostMatches(patterns: string[], host: string): boolean {
  let matched = false;
  for (const raw of patterns) {
    const negate = raw.startsWith('!');
    const pat = negate ? raw.slice(1) : raw;
    const re = new RegExp('^' + pat.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$', 'i');
    if (re.test(host)) {
      if (negate) return false;
      matched = true;
    }
  }
  return matched;
}

function expandTilde(p: string, homeDir: string): string {
  if (p === '~') return homeDir;
  if (p.startsWith('~/')) return path.join(homeDir, p.slice(2));
  return p;
}

/**
 * What ~/.ssh/config says for `host` (the alias as written in ssh://). First value wins, as in
 * ssh; IdentityFile accumulates. `Match` blocks are skipped (we cannot evaluate them safely).
 */
export function sshConfigFor(text: string | undefined, host: string, homeDir: string): SshHostConfig {
  const out: SshHostConfig = { identityFiles: [], userKnownHostsFiles: [] };
  if (!text) return out;
  let active = true;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(\S+?)\s*(?:=\s*|\s+)(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1].toLowerCase();
    const value = m[2].trim().replace(/^"(.*)"$/, '$1');
    if (key === 'host') { active = hostMatches(value.split(/\s+/), host); continue; }
    if (key === 'match') { active = false; continue; }
    if (!active) continue;
    switch (key) {
      case 'hostname': out.hostName ??= value.replace(/%h/g, host); break;
      case 'user': out.user ??= value; break;
      case 'port': if (out.port === undefined && /^\d+$/.test(value)) out.port = Number(value); break;
      case 'identityfile': out.identityFiles.push(expandTilde(value, homeDir)); break;
      case 'identitiesonly': out.identitiesOnly ??= /^yes$/i.test(value); break;
      case 'userknownhostsfile': if (!out.userKnownHostsFiles.length) out.userKnownHostsFiles = value.split(/\s+/).map((f) => expandTilde(f, homeDir)); break;
      case 'stricthostkeychecking': out.strictHostKeyChecking ??= value.toLowerCase(); break;
      case 'identityagent': out.identityAgent ??= expandTilde(value, homeDir); break;
    }
  }
  return out;
}

/** The keys ssh tries when no IdentityFile is configured. */
export function defaultIdentityFiles(homeDir: string): string[] {
  return ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((f) => path.join(homeDir, '.ssh', f));
}

/** The name known_hosts uses: "host" on port 22, "[host]:port" otherwise. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** The key type inside an SSH wire-format public key ("ssh-ed25519", …). */
export function keyType(key: Buffer): string {
  if (key.length < 4) return 'unknown';
  const len = key.readUInt32BE(0);
  return key.subarray(4, 4 + len).toString('latin1');
}

/** "SHA256:…" like ssh-keygen -lf. */
export function fingerprint(key: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(key).digest('base64').replace(/=+$/, '');
}

export type HostKeyVerdict = 'known' | 'unknown' | 'changed' | 'revoked';

function nameMatches(field: string, name: string): boolean {
  if (field.startsWith('|1|')) {
    const [, , salt, hash] = field.split('|');
    if (!salt || !hash) return false;
    return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
  }
  return hostMatches(field.split(','), name);
}

/**
 * Checks a server's host key against known_hosts texts. "changed" when the host is listed with
 * a key of the same type but different bytes (possible man in the middle) — never accepted.
 */
export function checkHostKey(knownHostsTexts: (string | undefined)[], host: string, port: number, key: Buffer): HostKeyVerdict {
  const names = [knownHostsName(host, port)];
  const type = keyType(key);
  const b64 = key.toString('base64');
  let sameTypeOtherKey = false;
  let known = false;
  for (const text of knownHostsTexts) {
    if (!text) continue;
    for (const raw of text.split(/\r?\n/)) {
      const line = raw.trim();
      if (!line || line.startsWith('#')) continue;
      let fields = line.split(/\s+/);
      let marker: string | undefined;
      if (fields[0].startsWith('@')) { marker = fields[0]; fields = fields.slice(1); }
      if (fields.length < 3) continue;
      const [hosts, ktype, kdata] = fields;
      if (!names.some((n) => nameMatches(hosts, n))) continue;
      if (marker === '@cert-authority') continue; // certificates are not supported; fall through to other lines
      if (kdata === b64) {
        if (marker === '@revoked') return 'revoked';
        known = true;
      } else if (ktype === type && marker !== '@revoked') {
        sameTypeOtherKey = true;
      }
    }
  }
  if (known) return 'known';
  return sameTypeOtherKey ? 'changed' : 'unknown';
}

/** The line `ssh` appends for a newly trusted host. */
export function knownHostsLine(host: string, port: number, key: Buffer): string {
  return `${knownHostsName(host, port)} ${keyType(key)} ${key.toString('base64')}`;
}

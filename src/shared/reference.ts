// Docker image references (distribution/reference grammar), validated before they reach
// the engine. Pure (no vscode).
//
//   reference := name [ ":" tag ] [ "@" digest ]
//   name      := [domain "/"] path-component ["/" path-component]*
//   domain    := host [":" port]     (a first component with ".", ":", an uppercase letter, or "localhost",
//                                     as the docker CLI splits it: "Foo/bar" is repository "bar" on host "Foo")
//   digest    := algorithm ":" hex   (sha256: 64, sha384: 96, sha512: 128 lowercase hex digits)
//   component := [a-z0-9]+ (( "." | "_" | "__" | "-"+ ) [a-z0-9]+)*
//   tag       := [\w][\w.-]{0,127}
import { l10n } from './l10n';

const COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
const DOMAIN_LABEL = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/;

export interface ImageReference {
  domain?: string;      // "localhost:5000", "ghcr.io"
  path: string;         // "library/nginx", "me/app"
  tag?: string;
  digest?: string;
}

export type ParseResult = { ok: true; ref: ImageReference } | { ok: false; reason: string };

function isDomain(s: string): boolean {
  return s.includes('.') || s.includes(':') || s === 'localhost' || /^\[.*\]/.test(s) || s !== s.toLowerCase();
}

const DIGEST_HEX_LENGTH: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

/** Why a digest the grammar accepts is still not one the engine takes (unknown algorithm, wrong length, uppercase). */
function digestProblem(digest: string): string | undefined {
  const [algorithm, hex] = digest.split(':', 2);
  const length = DIGEST_HEX_LENGTH[algorithm];
  if (length === undefined) return l10n.t('Digest algorithm "{0}" is not supported (sha256, sha384 or sha512).', algorithm);
  if (hex.length !== length) return l10n.t('A {0} digest has {1} hex digits; "{2}" has {3}.', algorithm, length, digest, hex.length);
  if (/[A-F]/.test(hex)) return l10n.t('Digest hex digits must be lowercase ("{0}:{1}").', algorithm, hex.toLowerCase());
  return undefined;
}

function validDomain(d: string): string | undefined {
  const m = /^(\[[0-9a-fA-F:]+\]|[^:]+)(?::(\d+))?$/.exec(d);
  if (!m) return l10n.t('"{0}" is not a valid registry host.', d);
  const [, host, port] = m;
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return l10n.t('Registry port {0} is out of range (1–65535).', port);
  if (host.startsWith('[')) return undefined;
  if (!host.split('.').every((l) => DOMAIN_LABEL.test(l))) return l10n.t('"{0}" is not a valid registry host name.', host);
  return undefined;
}

/** Parses a reference; the reason says what to change when it is invalid. */
export function parseReference(input: string): ParseResult {
  const s = input.trim();
  if (!s) return { ok: false, reason: l10n.t('An image name is required.') };
  if (/\s/.test(s)) return { ok: false, reason: l10n.t('Image references cannot contain spaces.') };
  if (s.length > 255 + 128 + 80) return { ok: false, reason: l10n.t('The reference is too long.') };
  let rest = s;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return { ok: false, reason: l10n.t('"{0}" is not a valid digest (algorithm:hex, e.g. sha256:…).', digest) };
    const problem = digestProblem(digest);
    if (problem) return { ok: false, reason: problem };
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!tag) return { ok: false, reason: l10n.t('The tag after ":" is empty.') };
    if (!TAG.test(tag)) {
      return { ok: false, reason: tag.length > 128 ? l10n.t('Tags are at most 128 characters.') : l10n.t('Tag "{0}" may only contain letters, digits, "_", "." and "-", and cannot start with "." or "-".', tag) };
    }
  }
  const parts = rest.split('/');
  let domain: string | undefined;
  if (parts.length > 1 && isDomain(parts[0])) {
    domain = parts.shift();
    const bad = validDomain(domain!);
    if (bad) return { ok: false, reason: bad };
  }
  if (!parts.length || parts.some((p) => !p)) return { ok: false, reason: l10n.t('The repository name has an empty path component.') };
  for (const p of parts) {
    if (/[A-Z]/.test(p)) return { ok: false, reason: l10n.t('Repository names must be lowercase ("{0}" → "{1}").', p, p.toLowerCase()) };
    if (!COMPONENT.test(p)) return { ok: false, reason: l10n.t('"{0}" is not a valid repository name component: use lowercase letters, digits and single separators (".", "_", "__", "-").', p) };
  }
  const path = parts.join('/');
  if ((domain ? domain.length + 1 : 0) + path.length > 255) return { ok: false, reason: l10n.t('The repository name is longer than 255 characters.') };
  return { ok: true, ref: { domain, path, tag, digest } };
}

/** For input boxes: undefined when valid, else the reason. */
export function validateReference(input: string, opts: { allowDigest?: boolean; requireTag?: boolean } = {}): string | undefined {
  const r = parseReference(input);
  if (!r.ok) return r.reason;
  if (r.ref.digest && !opts.allowDigest) return l10n.t('A digest (@sha256:…) cannot be used here; give a tag.');
  if (opts.requireTag && !r.ref.tag) return l10n.t('Give a tag (name:tag).');
  return undefined;
}

/** For a tag alone (e.g. the tag field of "docker tag"). */
export function validateTag(tag: string): string | undefined {
  if (!tag) return l10n.t('A tag is required.');
  if (!TAG.test(tag)) return tag.length > 128 ? l10n.t('Tags are at most 128 characters.') : l10n.t('Tag "{0}" may only contain letters, digits, "_", "." and "-", and cannot start with "." or "-".', tag);
  return undefined;
}

/** "repo:tag" → { repo, tag } with "latest" as the default tag; for the engine's tag/push calls. */
export function splitRepoTag(ref: string): { repo: string; tag: string } {
  const r = parseReference(ref);
  if (!r.ok) throw new Error(r.reason);
  const repo = r.ref.domain ? `${r.ref.domain}/${r.ref.path}` : r.ref.path;
  return { repo, tag: r.ref.tag ?? 'latest' };
}

/** The registry host a reference points at ("docker.io" when none is named). */
export function registryOf(ref: string): string {
  const r = parseReference(ref);
  return r.ok && r.ref.domain ? r.ref.domain : 'docker.io';
}

// Pure parts of the distribution spec's HTTP protocol: WWW-Authenticate challenges (RFC 7235,
// as registries send them) and Link-header paging (RFC 8288, `rel="next"`).
import { isLoopbackHost } from '../../shared/loopback';

export interface Challenge {
  /** Lower-case scheme: 'basic', 'bearer', … */
  scheme: string;
  /** Parameters with lower-case names: realm, service, scope, error, … */
  params: Record<string, string>;
}

/**
 * Parses a WWW-Authenticate header into its challenges. Quoted values may contain commas
 * (`scope="repository:a/b:pull,push"`) and escaped quotes; several challenges may share a header.
 */
export function parseWwwAuthenticate(header: string): Challenge[] {
  const out: Challenge[] = [];
  const s = header;
  let i = 0;
  const skipWs = () => { while (i < s.length && /[\s,]/.test(s[i])) i++; };
  const token = () => { const m = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+/.exec(s.slice(i)); if (!m) return ''; i += m[0].length; return m[0]; };
  let current: Challenge | undefined;
  while (i < s.length) {
    skipWs();
    if (i >= s.length) break;
    const start = i;
    const name = token();
    if (!name) { i++; continue; }
    let j = i;
    while (j < s.length && s[j] === ' ') j++;
    if (s[j] === '=' && current && !/^=+\s*(,|$)/.test(s.slice(j))) {
      // a parameter of the current challenge
      i = j + 1;
      while (i < s.length && s[i] === ' ') i++;
      let value = '';
      if (s[i] === '"') {
        i++;
        while (i < s.length && s[i] !== '"') {
          if (s[i] === '\\' && i + 1 < s.length) i++;
          value += s[i++];
        }
        i++;
      } else {
        const m = /^[^,\s]*/.exec(s.slice(i))!;
        value = m[0];
        i += m[0].length;
      }
      current.params[name.toLowerCase()] = value;
    } else {
      // a new challenge; a token68 (`Negotiate abc==`) after it is kept as params.token68
      current = { scheme: s.slice(start, i).toLowerCase(), params: {} };
      out.push(current);
      while (i < s.length && s[i] === ' ') i++;
      const t68 = /^[A-Za-z0-9\-._~+/]+=*(?=\s*(,|$))/.exec(s.slice(i));
      if (t68 && !/=[^=]/.test(t68[0]) && !s.slice(i + t68[0].length).trimStart().startsWith('=')) {
        current.params.token68 = t68[0];
        i += t68[0].length;
      }
    }
  }
  return out;
}

/** The URL of the `rel="next"` link in a Link header, resolved against the request URL. */
export function nextLink(header: string | null | undefined, requestUrl: string): string | undefined {
  if (!header) return undefined;
  const re = /<([^>]*)>((?:\s*;\s*[^;,]+(?:=(?:"[^"]*"|[^;,]*))?)*)/g;
  for (let m = re.exec(header); m; m = re.exec(header)) {
    const rels = /;\s*rel\s*=\s*(?:"([^"]*)"|([^;,\s]+))/i.exec(m[2]);
    const rel = (rels?.[1] ?? rels?.[2] ?? '').toLowerCase().split(/\s+/);
    if (rel.includes('next')) return new URL(m[1], requestUrl).toString();
  }
  return undefined;
}

/** The scope a request needs, in the token server's grammar. */
export function repositoryScope(repository: string, actions: string[]): string {
  return `repository:${repository}:${actions.join(',')}`;
}

/** The parent domain of a host name with three or more labels ("registry-1.docker.io" → "docker.io"). */
function parentDomain(name: string): string {
  const labels = name.split('.');
  return labels.length >= 3 ? labels.slice(1).join('.') : name;
}

export type RealmVerdict =
  | { ok: true; realmHost: string; elsewhere: boolean }
  | { ok: false; realmHost: string; why: 'notUrl' | 'plainHttp' };

/**
 * Whether credentials may go to a Bearer challenge's token realm. Refused: anything that is not an
 * http(s) URL, and a plain-HTTP realm unless it is on loopback or on the very host of a registry
 * that is itself spoken to over plain HTTP (a password must never cross the network in clear
 * because a registry said so). `elsewhere` when the realm is on another site than the registry
 * (Docker Hub's auth.docker.io beside registry-1.docker.io is the same site): the caller warns.
 */
export function checkRealm(registryBase: string, realm: string): RealmVerdict {
  let u: URL;
  try { u = new URL(realm); } catch { return { ok: false, realmHost: realm.slice(0, 100), why: 'notUrl' }; }
  const realmHost = u.host;
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return { ok: false, realmHost, why: 'notUrl' };
  const reg = new URL(registryBase);
  if (u.protocol === 'http:' && !isLoopbackHost(u.host) && !(reg.protocol === 'http:' && reg.hostname === u.hostname)) {
    return { ok: false, realmHost, why: 'plainHttp' };
  }
  const a = reg.hostname.toLowerCase();
  const b = u.hostname.toLowerCase();
  const site = parentDomain(a);
  const sameSite = a === b || (b.includes('.') && a.endsWith(`.${b}`)) || b === site || b.endsWith(`.${site}`);
  return { ok: true, realmHost, elsewhere: !sameSite };
}

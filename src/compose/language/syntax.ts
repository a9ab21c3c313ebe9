// Port and duration syntax as compose and the engine read them. Pure.
import { isIP } from 'node:net';
import { l10n } from '../../shared/l10n';

export interface PortRange { start: number; end: number }

export interface PortSpec {
  hostIp?: string;
  /** Undefined: the engine picks a free host port (not published at a fixed number). */
  published?: PortRange;
  target: PortRange;
  protocol: string;
}

const PROTOCOLS = new Set(['tcp', 'udp', 'sctp']);

/** `what` names the port in a message (made only when there is one: most ports are fine). */
function parseRange(s: string, what: () => string, allowZero = false): PortRange | string {
  const m = /^(\d+)(?:-(\d+))?$/.exec(s);
  if (!m) return l10n.t('{0} "{1}" is not a port number or range (like 8080 or 8000-8010).', what(), s);
  const start = Number(m[1]);
  const end = m[2] === undefined ? start : Number(m[2]);
  for (const n of [start, end]) {
    if (n > 65535 || (n < 1 && !(allowZero && n === 0))) return l10n.t('{0} {1} is out of range (1-65535).', what(), n);
  }
  if (end < start) return l10n.t('{0} range "{1}" ends before it starts.', what(), s);
  return { start, end };
}

/** Short syntax `[HOST_IP:][HOST_PORT[-RANGE]:]CONTAINER_PORT[-RANGE][/PROTOCOL]`: a spec or an error message. */
export function parsePortShort(spec: string): PortSpec | string {
  let rest = spec.trim();
  let protocol = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    protocol = rest.slice(slash + 1).toLowerCase();
    rest = rest.slice(0, slash);
    if (!PROTOCOLS.has(protocol)) return l10n.t('Unknown protocol "{0}" (tcp, udp or sctp).', spec.slice(slash + 1));
  }
  let hostIp: string | undefined;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0 || rest[close + 1] !== ':') return l10n.t('"{0}": an IPv6 address is written [address]:port:port.', spec);
    hostIp = rest.slice(1, close);
    rest = rest.slice(close + 2);
    if (isIP(hostIp) !== 6) return l10n.t('"{0}" is not an IPv6 address.', hostIp);
  }
  const parts = rest.split(':');
  let host: string | undefined;
  let container: string;
  if (parts.length === 1) container = parts[0];
  else if (parts.length === 2) { host = parts[0]; container = parts[1]; }
  else if (parts.length === 3 && hostIp === undefined) { hostIp = parts[0]; host = parts[1]; container = parts[2]; }
  else return l10n.t('"{0}" has too many ":" for [HOST_IP:][HOST_PORT:]CONTAINER_PORT (write an IPv6 address in [brackets]).', spec);
  if (hostIp !== undefined && hostIp !== '' && !isIP(hostIp)) return l10n.t('"{0}" is not an IP address.', hostIp);
  const target = parseRange(container, () => l10n.t('Container port'));
  if (typeof target === 'string') return target;
  let published: PortRange | undefined;
  if (host !== undefined && host !== '') {
    const p = parseRange(host, () => l10n.t('Host port'), true);
    if (typeof p === 'string') return p;
    published = p.start === 0 && p.end === 0 ? undefined : p;
    if (published && target.end !== target.start && published.end - published.start !== target.end - target.start) {
      return l10n.t('The host port range {0} and the container port range {1} are not the same length.', host, container);
    }
  }
  return { hostIp: hostIp || undefined, published, target, protocol };
}

/** Long syntax `{ target, published, host_ip, protocol, mode }`: a spec or an error message. */
export function parsePortLong(p: Record<string, unknown>): PortSpec | string {
  const t = p.target;
  if (t === undefined) return l10n.t('A port needs "target" (the container port).');
  const target = parseRange(String(t), () => l10n.t('Target port'));
  if (typeof target === 'string') return target;
  let published: PortRange | undefined;
  if (p.published !== undefined && p.published !== null && String(p.published) !== '') {
    const r = parseRange(String(p.published), () => l10n.t('Published port'), true);
    if (typeof r === 'string') return r;
    published = r.start === 0 && r.end === 0 ? undefined : r;
  }
  const protocol = p.protocol === undefined ? 'tcp' : String(p.protocol).toLowerCase();
  if (!PROTOCOLS.has(protocol)) return l10n.t('Unknown protocol "{0}" (tcp, udp or sctp).', String(p.protocol));
  if (p.mode !== undefined && p.mode !== 'host' && p.mode !== 'ingress') return l10n.t('Port mode "{0}" is neither "host" nor "ingress".', String(p.mode));
  const hostIp = typeof p.host_ip === 'string' && p.host_ip ? p.host_ip : undefined;
  if (hostIp && !isIP(hostIp)) return l10n.t('"{0}" is not an IP address.', hostIp);
  return { hostIp, published, target, protocol };
}

/** `expose` entries: `80`, `80/tcp`, `8000-8010`. */
export function checkExpose(v: string): string | undefined {
  const m = /^([^/]+)(?:\/(\w+))?$/.exec(v.trim());
  if (!m) return l10n.t('"{0}" is not a port (like 80, 80/udp or 8000-8010).', v);
  if (m[2] && !PROTOCOLS.has(m[2].toLowerCase())) return l10n.t('Unknown protocol "{0}" (tcp, udp or sctp).', m[2]);
  const r = parseRange(m[1], () => l10n.t('Port'));
  return typeof r === 'string' ? r : undefined;
}

/** Go's time.ParseDuration: `1m30s`, `500ms`, `1.5h`, `0`. */
export function checkDuration(v: string): string | undefined {
  if (v === '0') return undefined;
  if (/^[-+]?(\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))*$/.test(v)) return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) return l10n.t('"{0}" has no unit: write {0}s (units: ns, us, ms, s, m, h).', v);
  return l10n.t('"{0}" is not a duration (like 30s, 1m30s, 500ms; units: ns, us, ms, s, m, h).', v);
}

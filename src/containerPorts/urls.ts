// Which URLs open a container's published ports from this machine. Pure (no vscode).
import { parseEndpoint } from '../engine/hosts/resolve';
import { isLoopbackHost } from '../shared/loopback';
import type { PortBinding } from '../engine/models';

export interface PortUrl {
  url: string;
  /** "8080 → 80/tcp" */
  label: string;
  /** Set when the URL may not be reachable from here (a loopback binding on a remote engine). */
  note?: string;
}

/** The host that published ports live on: localhost for local engines, the host name for tcp/ssh ones. */
export function engineHostName(engineHost: string): { host: string; remote: boolean } {
  try {
    const ep = parseEndpoint(engineHost);
    if (ep.kind === 'tcp' || ep.kind === 'ssh') {
      const h = ep.host.replace(/^\[|\]$/g, '');
      const loopback = isLoopbackHost(h);
      return { host: loopback ? 'localhost' : h, remote: !loopback };
    }
  } catch { /* fall through: a local engine */ }
  return { host: 'localhost', remote: false };
}

const HTTPS_PORTS = new Set([443, 8443, 9443]);

function hostPart(h: string): string {
  const bare = h.replace(/^\[|\]$/g, '');
  return bare.includes(':') ? `[${bare}]` : bare;
}

/**
 * One URL per published TCP port (IPv4 and IPv6 bindings of the same port folded). `0.0.0.0` and
 * `::` mean every address of the engine's host; a specific address is used as it is.
 */
export function publishedPortUrls(ports: PortBinding[], engineHost: string): PortUrl[] {
  const { host, remote } = engineHostName(engineHost);
  const seen = new Set<string>();
  const out: PortUrl[] = [];
  const sorted = [...ports].filter((p) => p.publicPort && p.type === 'tcp')
    .sort((a, b) => a.privatePort - b.privatePort || (a.publicPort ?? 0) - (b.publicPort ?? 0));
  for (const p of sorted) {
    const any = !p.ip || p.ip === '0.0.0.0' || p.ip === '::';
    const loopback = !!p.ip && isLoopbackHost(p.ip);
    const addr = any ? host : loopback && !remote ? 'localhost' : p.ip!;
    const scheme = HTTPS_PORTS.has(p.privatePort) ? 'https' : 'http';
    const url = `${scheme}://${hostPart(addr)}:${p.publicPort}/`;
    if (seen.has(url)) continue;
    seen.add(url);
    const item: PortUrl = { url, label: `${p.publicPort} → ${p.privatePort}/${p.type}` };
    if (loopback && remote) item.note = `bound to ${p.ip} on the engine's host: reachable there only (forward the port, e.g. ssh -L ${p.publicPort}:${p.ip}:${p.publicPort})`;
    out.push(item);
  }
  return out;
}

// Loopback addresses, for the decisions that depend on them (plain HTTP to a registry, a warning
// for a plain-tcp engine). Pure.

/**
 * Whether a host name is a loopback address: an IP literal in 127.0.0.0/8 or ::1 (also written
 * as an IPv4-mapped ::ffff:127.x.y.z), or the reserved name `localhost` (RFC 6761). A DNS name
 * that merely starts with "127." (127.0.0.1.attacker.example) is not: anyone can point it anywhere.
 */
export function isLoopbackHost(host: string): boolean {
  let name: string;
  try {
    // The URL parser canonicalises IP literals (127.1 → 127.0.0.1, [0:0::1] → [::1]).
    name = new URL(`http://${host.includes(':') && !host.startsWith('[') && host.split(':').length > 2 ? `[${host}]` : host}/`).hostname;
  } catch {
    return false;
  }
  if (name === 'localhost') return true;
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(name);
  if (v4) return v4[1] === '127';
  const v6 = /^\[(.*)\]$/.exec(name)?.[1];
  if (v6 === undefined) return false;
  if (v6 === '::1') return true;
  const mapped = /^::ffff:([0-9a-f]{1,4}):[0-9a-f]{1,4}$/.exec(v6);
  return !!mapped && parseInt(mapped[1], 16) >> 8 === 127;
}

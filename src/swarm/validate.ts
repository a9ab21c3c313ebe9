// Input checks of the swarm commands, before anything reaches the engine. Pure (no vscode).

/** A replica count: a whole number from 0 to 1000. */
export function validateReplicas(text: string): string | undefined {
  const v = text.trim();
  if (!/^\d+$/.test(v)) return 'Replicas: a whole number (0 stops every task but keeps the service).';
  if (Number(v) > 1000) return 'At most 1000 replicas here — use the docker CLI for more.';
  return undefined;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/** `--advertise-addr`: an IPv4/IPv6 address or an interface name, with an optional :port. */
export function validateAdvertiseAddr(text: string): string | undefined {
  const v = text.trim();
  if (!v) return 'Name the address other nodes reach this engine at (127.0.0.1 for a single-node swarm).';
  const { host, port } = splitHostPort(v);
  if (port !== undefined && !(Number(port) >= 1 && Number(port) <= 65535 && /^\d+$/.test(port))) return `Port ${port} is not a port number (1–65535).`;
  if (IPV4.test(host)) return undefined;
  if (host.includes(':') && /^[0-9a-fA-F:.]+$/.test(host)) return undefined; // IPv6
  if (/^[a-zA-Z][a-zA-Z0-9_.-]{0,14}$/.test(host)) return undefined; // an interface name (eth0, ens3, wlp2s0)
  return `${v} is neither an IP address nor an interface name.`;
}

function splitHostPort(v: string): { host: string; port?: string } {
  const bracket = /^\[([^\]]+)\](?::(.*))?$/.exec(v);
  if (bracket) return { host: bracket[1], port: bracket[2] };
  const colons = v.split(':').length - 1;
  if (colons === 1) {
    const [host, port] = v.split(':');
    return { host, port };
  }
  return { host: v };
}

/**
 * Where the swarm listens: beside an IPv4 advertise address (a loopback swarm stays on loopback),
 * on its port or 2377; undefined (the engine's 0.0.0.0:2377) for interface names and IPv6.
 */
export function listenAddrFor(advertise: string): string | undefined {
  const { host, port } = splitHostPort(advertise.trim());
  if (!IPV4.test(host)) return undefined;
  return `${host}:${port ?? '2377'}`;
}

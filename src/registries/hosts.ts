// Registry addresses as the user types them (pure): `host[:port]`, with a pasted scheme or
// trailing slash forgiven, anything with a path or spaces refused with the reason.

const HOST = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::(\d{1,5}))?$/;

/** The `host[:port]` of what was typed, or the reason it is not one. */
export function parseRegistryHost(input: string): { ok: true; host: string } | { ok: false; reason: string } {
  const s = input.trim().replace(/^https?:\/\//i, '').replace(/\/+$/, '');
  if (!s) return { ok: false, reason: 'Type a registry address: host or host:port.' };
  if (s.includes('/')) return { ok: false, reason: 'A registry address has no path: type host or host:port (repositories show under it).' };
  const m = HOST.exec(s);
  if (!m) return { ok: false, reason: 'Type host or host:port, e.g. ghcr.io or 127.0.0.1:5000.' };
  if (m[1] !== undefined && (Number(m[1]) < 1 || Number(m[1]) > 65535)) return { ok: false, reason: 'The port must be between 1 and 65535.' };
  const host = s.toLowerCase();
  return { ok: true, host: host === 'index.docker.io' || host === 'registry-1.docker.io' ? 'docker.io' : host };
}

/** For an input box's validateInput. */
export function validateRegistryHost(input: string): string | undefined {
  const r = parseRegistryHost(input);
  return r.ok ? undefined : r.reason;
}

// The registries a Dockerfile's FROM lines pull from, for the classic builder, which takes
// every login up front (X-Registry-Config) instead of asking through a session. Pure.
import { registryOf } from '../shared/reference';

/** `${X}`, `$X` and `${X:-default}` from ARG defaults and build args; unknown ones stay empty. */
function expand(text: string, vars: Record<string, string>): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, a: string, def: string | undefined, b: string) => {
    const v = vars[a ?? b];
    return v !== undefined && v !== '' ? v : def ?? '';
  });
}

export function fromRegistryHosts(dockerfileText: string, buildArgs: Record<string, string> = {}): string[] {
  const vars: Record<string, string> = {};
  const stages = new Set<string>();
  const hosts = new Set<string>();
  for (const raw of dockerfileText.split(/\r?\n/)) {
    const line = raw.trim();
    const arg = /^ARG\s+([A-Za-z_][A-Za-z0-9_]*)(?:=(.*))?$/i.exec(line);
    if (arg) {
      const value = buildArgs[arg[1]] ?? (arg[2] !== undefined ? expand(arg[2].replace(/^"(.*)"$/, '$1'), vars) : undefined);
      if (value !== undefined) vars[arg[1]] = value;
      continue;
    }
    const from = /^FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (!from) continue;
    const image = expand(from[1], vars);
    if (from[2]) stages.add(from[2].toLowerCase());
    if (!image || image === 'scratch' || stages.has(image.toLowerCase()) && image.toLowerCase() !== from[2]?.toLowerCase()) continue;
    hosts.add(registryOf(image));
  }
  return [...hosts];
}

// What the engine itself says about registries (`GET /info` → RegistryConfig): its Docker Hub
// mirrors and the registries it talks to without TLS verification. Pure.

export interface EngineRegistryConfig {
  mirrors: string[];
  /** CIDRs and registry names the engine treats as insecure. */
  insecure: string[];
}

export function engineRegistryConfig(info: Record<string, unknown> | undefined): EngineRegistryConfig {
  const rc = (info?.RegistryConfig ?? {}) as {
    Mirrors?: unknown;
    InsecureRegistryCIDRs?: unknown;
    IndexConfigs?: Record<string, { Secure?: boolean; Mirrors?: unknown }> | null;
  };
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && !!x) : []);
  const indexes = Object.entries(rc.IndexConfigs ?? {});
  const mirrors = [...strings(rc.Mirrors), ...indexes.filter(([k]) => k === 'docker.io').flatMap(([, v]) => strings(v.Mirrors))];
  const insecure = [...strings(rc.InsecureRegistryCIDRs), ...indexes.filter(([, v]) => v && v.Secure === false).map(([k]) => k)];
  return { mirrors: [...new Set(mirrors)], insecure: [...new Set(insecure)] };
}

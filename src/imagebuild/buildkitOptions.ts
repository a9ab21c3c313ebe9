// Checks and decisions for the BuildKit-only build options (platform, cache sources, ssh-agent). Pure.

/** `os/arch` or `os/arch/variant` (lower-case words), as --platform takes. */
export function validPlatform(v: string): boolean {
  return /^[a-z0-9_.-]+\/[a-z0-9_.-]+(\/[a-z0-9_.-]+)?$/.test(v.trim());
}

/** "a:1, b:2 c" → ['a:1', 'b:2', 'c'] (for --cache-from). */
export function splitImageList(v: string): string[] {
  return v.split(/[\s,]+/).filter(Boolean);
}

/** What to do about the ssh-agent of a build that may mount it, before asking anyone (the prompt is in sshAgent.ts). */
export function sshAgentDecision(o: { wanted: boolean; socket: string | undefined; setting: string; remembered: boolean }): 'none' | 'noSocket' | 'forward' | 'withoutAgent' | 'ask' {
  if (!o.wanted) return 'none';
  if (o.setting === 'never') return 'withoutAgent';
  if (!o.socket) return 'noSocket';
  if (o.setting === 'always' || o.remembered) return 'forward';
  return 'ask';
}

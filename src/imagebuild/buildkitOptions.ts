// Checks for the BuildKit-only build options the form asks for. Pure.

/** `os/arch` or `os/arch/variant` (lower-case words), as --platform takes. */
export function validPlatform(v: string): boolean {
  return /^[a-z0-9_.-]+\/[a-z0-9_.-]+(\/[a-z0-9_.-]+)?$/.test(v.trim());
}

/** "a:1, b:2 c" → ['a:1', 'b:2', 'c'] (for --cache-from). */
export function splitImageList(v: string): string[] {
  return v.split(/[\s,]+/).filter(Boolean);
}

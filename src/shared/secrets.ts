// Names that look like they hold a secret (GITHUB_TOKEN, DB_PASSWORD, apiKey, NPM_AUTH…): their
// values are never stored in workspace or global state, nor shown back as "last: …".

const ANYWHERE = /TOKEN|SECRET|PASSW(?:OR)?D|PASSPHRASE|CREDENTIAL|CREDS|AUTH(?!OR)|COOKIE|PRIVATE|APIKEY|ACCESSKEY|SIGNINGKEY|SESSION|CERT/;
const WHOLE_PART = new Set(['KEY', 'KEYS', 'PASS', 'PWD', 'PAT', 'PIN', 'SALT', 'OTP', 'DSN', 'JWT', 'SIG']);

/** True when a variable or build-arg name looks like it names a secret. */
export function looksSecret(name: string): boolean {
  // apiKey → API_KEY; then look at the whole name and at its parts.
  const upper = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
  if (ANYWHERE.test(upper.replace(/[^A-Z0-9]/g, ''))) return true;
  return upper.split(/[^A-Z0-9]+/).some((part) => WHOLE_PART.has(part) || part.endsWith('KEY'));
}

/** A copy without the entries whose names look secret. */
export function withoutSecretValues(values: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (!looksSecret(k)) out[k] = v;
  return out;
}

/** `KEY=VALUE` (or `KEY`) entries without those whose names look secret. */
export function withoutSecretEnv(entries: readonly string[]): string[] {
  return entries.filter((e) => !looksSecret(e.split('=', 1)[0]));
}

/** A picker's "last: …" line; a secret-looking name never shows its value. */
export function lastValueDetail(name: string, last: string | undefined): string | undefined {
  if (last === undefined) return undefined;
  return looksSecret(name) ? 'last: (set this session, hidden)' : `last: ${last}`;
}

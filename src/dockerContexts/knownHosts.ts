// "Trust Host and Connect": appends a host key line to the known_hosts file the connection
// reads (ssh config's UserKnownHostsFile for that host, else ~/.ssh/known_hosts), creating
// it 0600 in a 0700 folder when missing. No vscode.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Where a host key goes: the file the failed connection named, else ~/.ssh/known_hosts. */
export function knownHostsTarget(homeDir: string, fromConnection: string | undefined): string {
  return fromConnection || path.join(homeDir, '.ssh', 'known_hosts');
}

export class KnownHostsError extends Error {}

/** Appends `line` to `file` (on a line of its own); returns the file. */
export function appendKnownHost(file: string, line: string): string {
  if (/[\r\n]/.test(line)) throw new KnownHostsError('A known_hosts line cannot contain line breaks.');
  if (path.resolve(file) === '/dev/null' || file.toLowerCase() === 'nul') {
    throw new KnownHostsError(`ssh config sets UserKnownHostsFile to ${file} for this host, so no host key can be remembered: add it to another known_hosts file, or change that setting.`);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  let prefix = '';
  try { const old = fs.readFileSync(file, 'utf8'); if (old && !old.endsWith('\n')) prefix = '\n'; } catch { /* new */ }
  fs.appendFileSync(file, `${prefix}${line}\n`, { mode: 0o600 });
  return file;
}

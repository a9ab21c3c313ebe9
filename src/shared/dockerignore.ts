// The one .dockerignore reader: which ignore file applies, its patterns as the docker CLI reads
// them, and the matcher. The build (what is sent) and the Dockerfile checks (CopyIgnoredFile)
// both use it, so the editor never disagrees with what a build sends. Pure (node:fs only).
import { l10n } from './l10n';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore from '@balena/dockerignore';

/** Parses .dockerignore text into patterns as the docker CLI does (comments, blanks, cleaned paths, "!" exceptions). */
export function parseIgnoreFile(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    if (raw.startsWith('#')) continue;
    let line = raw.trim();
    if (!line) continue;
    let invert = false;
    if (line.startsWith('!')) {
      invert = true;
      line = line.slice(1).trim();
    }
    if (!line) continue;
    line = path.posix.normalize(line.replace(/\\/g, '/'));
    if (line.length > 1 && line.startsWith('/')) line = line.slice(1);
    if (line.length > 1 && line.endsWith('/')) line = line.slice(0, -1);
    out.push(invert ? `!${line}` : line);
  }
  return out;
}

/** The ignore files that may apply, in order: `<Dockerfile>.dockerignore` wins over `<context>/.dockerignore`. */
export function ignoreFileCandidates(contextDir: string, dockerfilePath?: string): string[] {
  return [...(dockerfilePath ? [`${dockerfilePath}.dockerignore`] : []), path.join(contextDir, '.dockerignore')];
}

export interface IgnoreFile {
  /** The file used, absolute; undefined when none exists. */
  file?: string;
  patterns: string[];
}

/** A file that exists but cannot be read. */
export class IgnoreFileError extends Error {
  constructor(readonly file: string, cause: Error) {
    super(l10n.t('Cannot read {0}: {1}', file, cause.message));
    this.name = 'IgnoreFileError';
  }
}

const missing = (e: unknown) => {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
};

/** Reads the first candidate that exists; throws IgnoreFileError for one that exists but cannot be read. */
export async function readIgnoreFile(candidates: string[]): Promise<IgnoreFile> {
  for (const file of candidates) {
    try {
      return { file, patterns: parseIgnoreFile(await fs.promises.readFile(file, 'utf8')) };
    } catch (e) {
      if (missing(e)) continue;
      throw new IgnoreFileError(file, e as Error);
    }
  }
  return { patterns: [] };
}

/** readIgnoreFile, synchronously (the editor's checks); an unreadable file counts as none. */
export function readIgnoreFileSync(candidates: string[]): IgnoreFile {
  for (const file of candidates) {
    try {
      return { file, patterns: parseIgnoreFile(fs.readFileSync(file, 'utf8')) };
    } catch { /* try the next */ }
  }
  return { patterns: [] };
}

export interface IgnoreMatcher {
  /** True when a context-relative posix path is excluded. */
  ignores(rel: string): boolean;
}

/** The matcher for patterns, case-sensitive like the engine on Linux. */
export function ignoreMatcher(patterns: string[]): IgnoreMatcher {
  return ignore({ ignorecase: false }).add(patterns);
}

// A build context on the local file system, with .dockerignore (or <Dockerfile>.dockerignore, which
// BuildKit prefers) applied. Listings are cached for the object's lifetime: make one per analysis run.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ignoreFileCandidates, IgnoreMatcher, ignoreMatcher, readIgnoreFileSync } from '../shared/dockerignore';
import { BuildContext, ContextEntry } from './types';

export class FsBuildContext implements BuildContext {
  private readonly ig: IgnoreMatcher | undefined;
  private readonly lists = new Map<string, ContextEntry[] | undefined>();
  private readonly stats = new Map<string, 'file' | 'dir' | undefined>();
  /** The ignore file used, if any. */
  readonly ignoreFile: string | undefined;

  constructor(readonly root: string, dockerfilePath?: string) {
    const found = readIgnoreFileSync(ignoreFileCandidates(root, dockerfilePath));
    this.ignoreFile = found.file;
    if (found.file) this.ig = ignoreMatcher(found.patterns);
  }

  private abs(rel: string): string | undefined {
    const p = path.resolve(this.root, rel);
    const r = path.relative(this.root, p);
    if (r.startsWith('..') || path.isAbsolute(r)) return undefined;
    return p;
  }

  stat(rel: string): 'file' | 'dir' | undefined {
    if (this.stats.has(rel)) return this.stats.get(rel);
    const p = this.abs(rel);
    let r: 'file' | 'dir' | undefined;
    if (p) {
      try {
        const st = fs.statSync(p);
        r = st.isDirectory() ? 'dir' : 'file';
      } catch { r = undefined; }
    }
    this.stats.set(rel, r);
    return r;
  }

  list(relDir: string): ContextEntry[] | undefined {
    if (this.lists.has(relDir)) return this.lists.get(relDir);
    const p = this.abs(relDir || '.');
    let r: ContextEntry[] | undefined;
    if (p) {
      try {
        r = fs.readdirSync(p, { withFileTypes: true }).slice(0, 5000).map((d) => ({
          name: d.name,
          dir: d.isDirectory() || (d.isSymbolicLink() && this.isDirLink(path.join(p, d.name))),
        }));
      } catch { r = undefined; }
    }
    this.lists.set(relDir, r);
    return r;
  }

  private isDirLink(p: string): boolean {
    try { return fs.statSync(p).isDirectory(); } catch { return false; }
  }

  isIgnored(rel: string): boolean {
    if (!this.ig || !rel) return false;
    try { return this.ig.ignores(rel); } catch { return false; }
  }
}

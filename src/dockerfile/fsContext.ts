// A build context on the local file system, with .dockerignore (or <Dockerfile>.dockerignore, which
// BuildKit prefers) applied. Listings are cached for the object's lifetime: make one per analysis run. Directory
// listings are complete (no cap: a big context must not give false CopySourceNotFound) and are also kept across
// runs while the directory's modification time stays the same, so a lint after each keystroke does not read a
// large folder again. With `onListed` (the editor), a folder not read yet is read asynchronously: the run sees
// it as unknown (`unknown()`), and `onListed` asks for another run once it is there.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ignoreFileCandidates, IgnoreMatcher, ignoreMatcher, readIgnoreFileSync } from '../shared/dockerignore';
import { BuildContext, ContextEntry } from './types';

const listings = new Map<string, { mtimeMs: number; entries: ContextEntry[] }>();
const reading = new Map<string, Promise<void>>();

async function readListing(p: string, mtimeMs: number): Promise<void> {
  try {
    const ds = await fs.promises.readdir(p, { withFileTypes: true });
    const entries: ContextEntry[] = [];
    for (const d of ds) {
      let dir = d.isDirectory();
      if (!dir && d.isSymbolicLink()) dir = await fs.promises.stat(path.join(p, d.name)).then((st) => st.isDirectory(), () => false);
      entries.push({ name: d.name, dir });
    }
    if (listings.size >= LISTINGS_MAX) listings.clear();
    listings.set(p, { mtimeMs, entries });
  } catch { /* gone or unreadable: the next run reads it synchronously and says so */ }
}
const LISTINGS_MAX = 2000;

export class FsBuildContext implements BuildContext {
  private readonly ig: IgnoreMatcher | undefined;
  private readonly lists = new Map<string, ContextEntry[] | undefined>();
  private readonly stats = new Map<string, 'file' | 'dir' | undefined>();
  /** The ignore file used, if any. */
  readonly ignoreFile: string | undefined;

  private pendingReads = 0;

  constructor(readonly root: string, dockerfilePath?: string, private readonly onListed?: () => void) {
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
        const mtimeMs = fs.statSync(p).mtimeMs;
        const hit = listings.get(p);
        if (hit && hit.mtimeMs === mtimeMs) r = hit.entries;
        else if (this.onListed) {
          // asynchronous: read it in the background, ask for another run when it is there
          this.pendingReads++;
          if (!reading.has(p)) {
            const done = readListing(p, mtimeMs).finally(() => reading.delete(p));
            reading.set(p, done);
          }
          const notify = this.onListed;
          void reading.get(p)!.then(() => notify());
          return undefined; // not cached: this run treats the folder as unknown
        } else {
          r = fs.readdirSync(p, { withFileTypes: true }).map((d) => ({
            name: d.name,
            dir: d.isDirectory() || (d.isSymbolicLink() && this.isDirLink(path.join(p, d.name))),
          }));
          if (listings.size >= LISTINGS_MAX) listings.clear();
          listings.set(p, { mtimeMs, entries: r });
        }
      } catch { r = undefined; }
    }
    this.lists.set(relDir, r);
    return r;
  }

  private isDirLink(p: string): boolean {
    try { return fs.statSync(p).isDirectory(); } catch { return false; }
  }

  unknown(): number {
    return this.pendingReads;
  }

  isIgnored(rel: string): boolean {
    if (!this.ig || !rel) return false;
    try { return this.ig.ignores(rel); } catch { return false; }
  }
}

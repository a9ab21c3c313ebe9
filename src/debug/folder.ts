// A folder on disk as detection sees it: its top-level names and small files' text.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FolderView } from './detect';

const MAX_READ = 1024 * 1024;

export function folderView(dir: string): FolderView {
  let names: string[] = [];
  try { names = fs.readdirSync(dir); } catch { /* a folder that went away: nothing detected */ }
  return {
    names,
    read: (name) => {
      try {
        const file = path.join(dir, name);
        if (fs.statSync(file).size > MAX_READ) return undefined;
        return fs.readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}

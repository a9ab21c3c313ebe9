// Paths of the volume file system: /<volume name>/<path inside the volume>. Pure (no vscode).
import { normalizeContainerPath } from '../engine/fileListing';

export function volumeUriPath(volume: string, p: string): string {
  const inner = normalizeContainerPath(p);
  return `/${volume}${inner === '/' ? '' : inner}`;
}

export function splitVolumePath(uriPath: string): { volume: string; path: string } | undefined {
  const m = /^\/([^/]+)(\/.*)?$/.exec(uriPath);
  return m ? { volume: m[1], path: normalizeContainerPath(m[2] ?? '/') } : undefined;
}

// Which files are Dockerfiles, where a build's context is, and the default tag. Pure (no vscode).
import * as path from 'node:path';
import { parseReference } from '../shared/reference';

/** Dockerfile, Containerfile, Dockerfile.dev, dev.Dockerfile, app.dockerfile. */
export function isDockerfileName(name: string): boolean {
  const base = path.basename(name);
  if (/\.dockerignore$/i.test(base)) return false;
  return /^(Dockerfile|Containerfile)(\.[\w.-]+)?$/i.test(base) || /\.(dockerfile|containerfile)$/i.test(base);
}

/** The glob the palette uses to find a workspace's Dockerfiles. */
export const DOCKERFILE_GLOB = '**/{Dockerfile,Dockerfile.*,Containerfile,Containerfile.*,*.Dockerfile,*.dockerfile,*.Containerfile,*.containerfile}';

/** "<folder-name>:latest", made a valid repository name ("My App" → "my-app:latest"). */
export function defaultTag(folderName: string): string {
  const repo = folderName.toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/[._-]{2,}/g, '-')
    .replace(/^[._-]+|[._-]+$/g, '');
  const candidate = `${repo || 'image'}:latest`;
  return parseReference(candidate).ok ? candidate : 'image:latest';
}

/** A tag with ":latest" when it has none, as the engine stores it. */
export function normalizeTag(tag: string): string {
  const r = parseReference(tag);
  if (!r.ok || r.ref.tag || r.ref.digest) return tag.trim();
  return `${tag.trim()}:latest`;
}

// Does an image reference as a user or a command wrote it ("nginx", "docker.io/library/nginx",
// "127.0.0.1:5000/app@sha256:…", an image id) name a tag the engine lists ("nginx:latest")?
// The engine lists Docker Hub images in their short form and keeps digests apart from tags,
// so references are compared in their full form. Pure (no vscode).
import { parseReference } from './reference';

/** The full form: "docker.io/library/nginx:latest", "ghcr.io/o/a@sha256:…"; undefined when invalid. */
export function normalizeReference(ref: string): { name: string; tag?: string; digest?: string } | undefined {
  const r = parseReference(ref);
  if (!r.ok) return undefined;
  let domain = r.ref.domain ?? 'docker.io';
  if (domain === 'index.docker.io' || domain === 'registry-1.docker.io') domain = 'docker.io';
  const path = domain === 'docker.io' && !r.ref.path.includes('/') ? `library/${r.ref.path}` : r.ref.path;
  const tag = r.ref.tag ?? (r.ref.digest ? undefined : 'latest');
  return { name: `${domain}/${path}`, tag, digest: r.ref.digest };
}

/** What an Images view item knows about its image. */
export interface ImageRefs {
  /** "repo:tag" as the engine lists it, or the image id for an untagged image. */
  ref: string;
  image: { id: string; repoTags: string[]; repoDigests: string[] };
}

/**
 * True when `wanted` names this item: the same tag (normalised), or for a digest, the same
 * repository and digest among the image's RepoDigests (the item is then its image's first tag,
 * or the untagged image itself); an image id (full, or "sha256:" + 12 or more digits) names every
 * item of that image.
 */
export function matchesImageRef(wanted: string, item: ImageRefs): boolean {
  const w = wanted.trim();
  const id = item.image.id;
  if (/^sha256:[0-9a-f]{12,64}$/.test(w)) return id.startsWith(w);
  if (/^[0-9a-f]{12,64}$/.test(w) && id.startsWith(`sha256:${w}`)) return true;
  const want = normalizeReference(w);
  if (!want) return false;
  if (want.digest) {
    const hasDigest = item.image.repoDigests.some((d) => {
      const n = normalizeReference(d);
      return !!n && n.name === want.name && n.digest === want.digest;
    });
    if (!hasDigest) return false;
    // An image pulled by digest may carry other tags: reveal its first item (a tag of the same
    // repository when there is one), not every one.
    const tags = item.image.repoTags;
    if (!tags.length) return item.ref === id;
    const sameRepo = tags.find((t) => normalizeReference(t)?.name === want.name);
    return item.ref === (sameRepo ?? tags[0]);
  }
  const have = normalizeReference(item.ref);
  return !!have && have.name === want.name && have.tag === want.tag;
}

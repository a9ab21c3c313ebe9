// Manifests as registries serve them: Docker v2 schema 2 and OCI image manifests, Docker
// manifest lists and OCI indexes (→ platforms). Pure: the client fetches, this reads.

export const MEDIA = {
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
} as const;

/** The Accept header for a manifest GET: every kind this client reads. */
export const MANIFEST_ACCEPT = [MEDIA.ociIndex, MEDIA.dockerList, MEDIA.ociManifest, MEDIA.dockerManifest].join(', ');

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
}

export interface PlatformEntry extends Descriptor {
  /** os/architecture[/variant], e.g. linux/arm64/v8 */
  platform: string;
}

export interface ManifestInfo {
  digest: string;
  mediaType: string;
  kind: 'image' | 'index';
  /** image: config + layers (compressed, as pushed); index: undefined (see the platforms). */
  size?: number;
  config?: Descriptor;
  layers: Descriptor[];
  platforms: PlatformEntry[];
  /** The manifest's own length in bytes. */
  bytes: number;
  /** The parsed document, for Inspect Manifest. */
  raw: unknown;
}

function descriptor(d: unknown): Descriptor | undefined {
  if (!d || typeof d !== 'object') return undefined;
  const o = d as { mediaType?: unknown; digest?: unknown; size?: unknown };
  if (typeof o.digest !== 'string') return undefined;
  return { mediaType: typeof o.mediaType === 'string' ? o.mediaType : '', digest: o.digest, size: typeof o.size === 'number' ? o.size : 0 };
}

/** Reads a manifest body; `contentType` is the response's, `digest` the registry's Docker-Content-Digest. */
export function readManifest(body: string, contentType: string | null, digest: string): ManifestInfo {
  let raw: unknown;
  try { raw = JSON.parse(body); } catch { throw new Error('the registry sent a manifest that is not JSON'); }
  const o = (raw ?? {}) as { mediaType?: unknown; schemaVersion?: unknown; manifests?: unknown; config?: unknown; layers?: unknown };
  const mediaType = (typeof o.mediaType === 'string' && o.mediaType) || (contentType ?? '').split(';')[0].trim()
    || (Array.isArray(o.manifests) ? MEDIA.ociIndex : MEDIA.ociManifest);
  const bytes = Buffer.byteLength(body);
  if (Array.isArray(o.manifests)) {
    const platforms: PlatformEntry[] = [];
    for (const m of o.manifests as unknown[]) {
      const d = descriptor(m);
      if (!d) continue;
      const p = (m as { platform?: { os?: string; architecture?: string; variant?: string } }).platform;
      const ann = (m as { annotations?: Record<string, string> }).annotations ?? {};
      // BuildKit's attestation manifests (unknown/unknown) are not platforms a user runs.
      if (ann['vnd.docker.reference.type'] === 'attestation-manifest') continue;
      const platform = p ? [p.os ?? 'unknown', p.architecture ?? 'unknown', p.variant].filter(Boolean).join('/') : 'unknown';
      platforms.push({ ...d, platform });
    }
    return { digest, mediaType, kind: 'index', layers: [], platforms, bytes, raw };
  }
  if (o.schemaVersion === 1) throw new Error('the registry sent a schema 1 manifest, which Dockyard does not read');
  const config = descriptor(o.config);
  const layers = Array.isArray(o.layers) ? (o.layers as unknown[]).map(descriptor).filter((d): d is Descriptor => !!d) : [];
  const size = (config?.size ?? 0) + layers.reduce((n, l) => n + l.size, 0);
  return { digest, mediaType, kind: 'image', size, config, layers, platforms: [], bytes, raw };
}

export interface ImageConfigInfo {
  created?: string;
  os?: string;
  architecture?: string;
  variant?: string;
  raw: unknown;
}

export function readImageConfig(body: string): ImageConfigInfo {
  let raw: unknown;
  try { raw = JSON.parse(body); } catch { throw new Error('the registry sent an image config that is not JSON'); }
  const o = (raw ?? {}) as { created?: unknown; os?: unknown; architecture?: unknown; variant?: unknown };
  const s = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  return { created: s(o.created), os: s(o.os), architecture: s(o.architecture), variant: s(o.variant), raw };
}

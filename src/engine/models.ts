// Plain data the rest of the extension sees; no dockerode types leave src/engine/.

import type { ShownImageFacts } from '../shared/markdown';

export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';
export type Health = 'healthy' | 'unhealthy' | 'starting' | undefined;

export interface PortBinding {
  privatePort: number;
  publicPort?: number;
  ip?: string;
  type: string; // tcp | udp | sctp
}

export interface MountSummary {
  type: string;          // bind | volume | tmpfs | npipe
  name?: string;         // volume name
  source: string;
  destination: string;
  rw: boolean;
}

export interface ContainerSummary {
  id: string;
  name: string;
  image: string;
  imageId: string;
  command: string;
  created: number;       // ms since epoch
  state: ContainerState;
  status: string;        // "Up 3 minutes (healthy)"
  health: Health;
  ports: PortBinding[];
  labels: Record<string, string>;
  composeProject?: string;
  composeService?: string;
  mounts: MountSummary[];
  networks: string[];
}

export interface ImageSummary {
  id: string;
  repoTags: string[];    // empty for dangling images
  repoDigests: string[];
  created: number;       // ms
  size: number;          // bytes
  containers: number;    // -1 when the engine did not count
  labels: Record<string, string>;
  dangling: boolean;
}

export interface VolumeSummary {
  name: string;
  driver: string;
  mountpoint: string;
  scope: string;
  created?: number;
  labels: Record<string, string>;
  usedBy: string[];      // container names
}

export interface NetworkSummary {
  id: string;
  name: string;
  driver: string;
  scope: string;
  internal: boolean;
  builtIn: boolean;      // bridge, host, none
  created?: number;
  labels: Record<string, string>;
  containers: string[];  // container names
}

export interface PruneResult {
  deleted: string[];
  spaceReclaimed: number; // bytes
}

export type DockerObjectType = 'container' | 'image' | 'volume' | 'network' | 'daemon' | 'plugin' | 'service' | 'node' | 'secret' | 'config';

export interface DockerEvent {
  type: DockerObjectType;
  action: string;        // create, start, die, destroy, tag, untag, delete, pull, connect, ...
  id: string;
  attributes: Record<string, string>;
  time: number;          // ms
}

export interface EngineVersion {
  version: string;
  apiVersion: string;
  minApiVersion?: string;
  os: string;
  arch: string;
  kernelVersion?: string;
  gitCommit?: string;
  goVersion?: string;
  components: { name: string; version: string }[];
}

export interface DiskUsage {
  images: { count: number; active: number; size: number; reclaimable: number };
  containers: { count: number; active: number; size: number; reclaimable: number };
  volumes: { count: number; active: number; size: number; reclaimable: number };
  buildCache: { count: number; active: number; size: number; reclaimable: number };
}

/** One message of the classic builder's /build stream ({stream}, {status}, {error, errorDetail}, {aux}). */
export interface BuildMessage {
  stream?: string;
  status?: string;
  progress?: string;
  id?: string;
  error?: string;
  errorDetail?: { message?: string; code?: number };
  aux?: { ID?: string };
}

/** What an image's inspect says that completion and hover show (its config is the image author's text). */
export interface ImageFacts extends ShownImageFacts {
  env: string[];             // variable names
}

/** One Dockerfile instruction of a BuildKit build: its line, how long it took, whether it came from the cache. */
export interface StepTiming { startLine: number; ms?: number; cached: boolean }

// docker run's engine side: create a container from a validated CreateSpec (built by the run form).
import type Dockerode from 'dockerode';
import { Engine, short } from './engine';
import { l10n } from '../shared/l10n';

/** The body of POST /containers/create that `docker run` options map to. */
export interface CreateSpec {
  name?: string;
  Image: string;
  Cmd?: string[];
  Env?: string[];
  Tty: boolean;
  OpenStdin: boolean;
  StdinOnce: boolean;
  AttachStdin: boolean;
  AttachStdout: boolean;
  AttachStderr: boolean;
  Labels: Record<string, string>;
  ExposedPorts?: Record<string, Record<string, never>>;
  Volumes?: Record<string, Record<string, never>>;
  HostConfig: {
    AutoRemove: boolean;
    PublishAllPorts: boolean;
    PortBindings?: Record<string, { HostIp: string; HostPort: string }[]>;
    Binds?: string[];
    VolumesFrom?: string[];
  };
}


/** Creates the container; returns its id and name. */
export async function createContainer(engine: Engine, spec: CreateSpec): Promise<{ id: string; name: string }> {
  const c = await engine.call(l10n.t('Image {0}', short(spec.Image)), (d) => d.createContainer(spec as unknown as Dockerode.ContainerCreateOptions));
  const info = (await engine.inspectContainer(c.id)) as { Name?: string };
  return { id: c.id, name: (info.Name ?? c.id.slice(0, 12)).replace(/^\//, '') };
}

/** The image's default command and exposed ports (for the run form's defaults). */
export async function imageRunDefaults(engine: Engine, ref: string): Promise<{ cmd: string[]; entrypoint: string[]; exposedPorts: string[] }> {
  const i = (await engine.inspectImage(ref)) as { Config?: { Cmd?: string[] | null; Entrypoint?: string[] | null; ExposedPorts?: Record<string, unknown> | null } };
  return {
    cmd: i.Config?.Cmd ?? [],
    entrypoint: i.Config?.Entrypoint ?? [],
    exposedPorts: Object.keys(i.Config?.ExposedPorts ?? {}),
  };
}

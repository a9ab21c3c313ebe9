// The compose CLI: finding it (`docker compose`, then `docker-compose`, or a setting) and the
// argument lists for each action. Arguments are always a list handed to the process as is,
// never a shell line. No vscode.
import { l10n } from '../shared/l10n';
import { Exec, execProgram } from '../programs/process';

export interface ComposeCli {
  /** The program to start. */
  bin: string;
  /** Arguments before the compose ones ("compose" for the docker plugin). */
  prefix: string[];
  /** "docker compose" / "docker-compose", for messages. */
  label: string;
  version: string;
}

/** Splits the `dockyard.compose.command` setting ("docker compose", "podman-compose") into words; quotes group. */
export function splitCommand(setting: string): string[] {
  const words: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(setting))) words.push(m[1] ?? m[2] ?? m[3]);
  return words;
}

function versionOf(stdout: string): string {
  return /v?(\d+\.\d+\.\d+[\w.+-]*)/.exec(stdout)?.[1] ?? stdout.trim().split('\n')[0] ?? '';
}

/** Finds a working compose CLI; undefined when there is none. */
export async function detectComposeCli(opts: { setting?: string; env?: NodeJS.ProcessEnv; exec?: Exec } = {}): Promise<ComposeCli | undefined> {
  const env = opts.env ?? process.env;
  const exec = opts.exec ?? execProgram;
  const candidates: string[][] = [];
  const custom = splitCommand(opts.setting ?? '');
  if (custom.length) candidates.push(custom);
  else candidates.push(['docker', 'compose'], ['docker-compose']);
  for (const [bin, ...prefix] of candidates) {
    const r = await exec(bin, [...prefix, 'version'], env);
    if (r.code === 0) return { bin, prefix, label: [bin, ...prefix].join(' '), version: versionOf(r.stdout) };
  }
  return undefined;
}

export function missingCliMessage(setting?: string): string {
  if (setting?.trim()) return l10n.t('The compose command "{0}" (dockyard.compose.command) did not run — check that it is installed and on PATH.', setting.trim());
  return l10n.t('No compose CLI found: neither "docker compose" nor "docker-compose" runs here. Install the Docker Compose plugin (docker-compose-plugin) or docker-compose, or set dockyard.compose.command.');
}

/** Which project an action is about: compose files, and/or a project name. */
export interface ComposeTarget {
  files: string[];
  projectName?: string;
  projectDirectory?: string;
  /** `--profile` for each. */
  profiles?: string[];
  /** `--env-file`. */
  envFile?: string;
}

export type ComposeAction =
  | { verb: 'up'; detached: boolean; build?: boolean; services?: string[] }
  | { verb: 'down'; removeVolumes?: boolean }
  | { verb: 'restart'; services?: string[] }
  | { verb: 'start'; services?: string[] }
  | { verb: 'stop'; services?: string[] }
  | { verb: 'logs'; follow: boolean; tail?: number; services?: string[] }
  /** Stop and remove some services' containers (`down` takes no services in docker-compose v1). */
  | { verb: 'rm'; services: string[] };

/** The full argument list after the program. Service names are passed after `--`-free positions, one argument each. */
export function composeArgs(cli: Pick<ComposeCli, 'prefix'>, target: ComposeTarget, action: ComposeAction): string[] {
  const args = [...cli.prefix];
  if (target.projectName) args.push('--project-name', target.projectName);
  for (const f of target.files) args.push('--file', f);
  if (target.projectDirectory) args.push('--project-directory', target.projectDirectory);
  for (const p of target.profiles ?? []) {
    if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(p)) throw new Error(l10n.t('"{0}" is not a profile name.', p));
    args.push('--profile', p);
  }
  if (target.envFile) args.push('--env-file', target.envFile);
  args.push(action.verb);
  switch (action.verb) {
    case 'up':
      if (action.detached) args.push('--detach');
      if (action.build) args.push('--build');
      break;
    case 'down':
      if (action.removeVolumes) args.push('--volumes');
      break;
    case 'logs':
      if (action.follow) args.push('--follow');
      if (action.tail !== undefined) args.push('--tail', String(action.tail));
      break;
    case 'rm':
      args.push('--stop', '--force');
      break;
    default:
      break;
  }
  const services = 'services' in action ? action.services ?? [] : [];
  for (const s of services) {
    if (s.startsWith('-')) throw new Error(l10n.t('"{0}" is not a service name.', s));
    args.push(s);
  }
  return args;
}

/** Compose labels on a container → the project's files and folder (as `docker compose` wrote them). */
export function targetFromLabels(labels: Record<string, string>): ComposeTarget | undefined {
  const project = labels['com.docker.compose.project'];
  if (!project) return undefined;
  const files = (labels['com.docker.compose.project.config_files'] ?? '').split(',').map((f) => f.trim()).filter(Boolean);
  const dir = labels['com.docker.compose.project.working_dir'] || undefined;
  return { projectName: project, files, projectDirectory: dir };
}

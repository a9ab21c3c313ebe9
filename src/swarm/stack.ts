// Stacks through the docker CLI (the Engine API has no stack call): finding the CLI, the argument
// lists for deploy and rm (the environment that points the CLI at the engine: engine/hosts/resolve's cliEnvFor).
// Always a program and an argument list, never a shell line. No vscode.
import { Exec, execProgram } from '../programs/process';

/** Stack names as the CLI accepts them (they prefix service, network and volume names). */
export function validateStackName(name: string): string | undefined {
  if (!name) return 'A stack needs a name.';
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_-]*$/.test(name)) return 'Use letters, digits, "_" and "-", starting with a letter or digit.';
  if (name.length > 63) return 'Stack names are at most 63 characters.';
  return undefined;
}

export interface DeployOptions {
  /** always (default), changed, never: whether the CLI asks a registry for image digests. */
  resolveImage?: 'always' | 'changed' | 'never';
  /** Remove services the compose file no longer names. */
  prune?: boolean;
  /** Send registry credentials to the swarm agents. */
  withRegistryAuth?: boolean;
}

/** `docker stack deploy --compose-file F… [opts] NAME`. */
export function stackDeployArgs(files: string[], name: string, opts: DeployOptions = {}): string[] {
  const bad = validateStackName(name);
  if (bad) throw new Error(bad);
  if (!files.length) throw new Error('Name the compose file to deploy.');
  const args = ['stack', 'deploy'];
  for (const f of files) args.push('--compose-file', f);
  if (opts.resolveImage) args.push('--resolve-image', opts.resolveImage);
  if (opts.prune) args.push('--prune');
  if (opts.withRegistryAuth) args.push('--with-registry-auth');
  args.push(name);
  return args;
}

/** `docker stack rm NAME`. */
export function stackRmArgs(name: string): string[] {
  const bad = validateStackName(name);
  if (bad) throw new Error(bad);
  return ['stack', 'rm', name];
}

/** The docker CLI's version, or undefined when `docker` does not run here. */
export async function detectDockerCli(env: NodeJS.ProcessEnv, exec: Exec = execProgram): Promise<string | undefined> {
  const r = await exec('docker', ['--version'], env);
  return r.code === 0 ? (/(\d+\.\d+\.\d+[\w.+-]*)/.exec(r.stdout)?.[1] ?? r.stdout.trim()) : undefined;
}

export const MISSING_DOCKER_CLI = 'Deploying and removing stacks needs the docker CLI ("docker stack"), which the Engine API has no call for, and "docker" does not run here. Install the docker CLI (Debian/Ubuntu: docker.io or docker-ce-cli) — every other swarm action works without it.';


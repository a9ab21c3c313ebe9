// Which files, profiles and env file a compose project runs with, found the way the compose CLI
// finds them: the default file names and their override file, COMPOSE_FILE / COMPOSE_PROFILES /
// COMPOSE_PROJECT_NAME from the environment or `.env`, and the profiles the files define.
// Pure (no vscode): file access is handed in.
import * as path from 'node:path';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { mapSource, parseEnvFile } from './language/interpolate';
import { targetFromLabels } from './cli';

/** compose-go's default names, in its order. */
export const DEFAULT_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
export const OVERRIDE_FILES = ['compose.override.yml', 'compose.override.yaml', 'docker-compose.override.yml', 'docker-compose.override.yaml'];

export interface ProjectFs {
  exists(file: string): boolean;
  read(file: string): string | undefined;
}

export interface ProjectChoice {
  /** Absolute paths, in order (later files override earlier ones). */
  files: string[];
  profiles: string[];
  /** Absolute path of the --env-file, or undefined for compose's own `.env`. */
  envFile?: string;
}

/** The variables compose itself reads (COMPOSE_*), from the environment, else the project's `.env`. */
export function composeVariables(dir: string, fs: ProjectFs, env: NodeJS.ProcessEnv = process.env, envFile?: string): Record<string, string> {
  const out: Record<string, string> = {};
  const text = fs.read(envFile ?? path.join(dir, '.env'));
  if (text !== undefined) for (const e of parseEnvFile(text, mapSource(env, 'the environment'))) out[e.name] = e.value;
  for (const [k, v] of Object.entries(env)) if (v !== undefined && k.startsWith('COMPOSE_')) out[k] = v;
  return out;
}

/**
 * The files compose would use for the compose file a user picked: COMPOSE_FILE when it is set
 * (and names the picked file, or no file was picked), else the picked file plus the override
 * file beside it when the picked file has one of the default names.
 */
export function filesFor(picked: string, fs: ProjectFs, vars: Record<string, string> = {}, platform: NodeJS.Platform = process.platform): string[] {
  const dir = path.dirname(picked);
  const fromVar = vars.COMPOSE_FILE;
  if (fromVar) {
    const sep = vars.COMPOSE_PATH_SEPARATOR || (platform === 'win32' ? ';' : ':');
    const files = fromVar.split(sep).filter(Boolean).map((f) => path.resolve(dir, f));
    if (files.includes(path.resolve(picked))) return files;
  }
  const base = path.basename(picked);
  const files = [picked];
  if (DEFAULT_FILES.includes(base)) {
    const override = OVERRIDE_FILES.map((f) => path.join(dir, f)).find((f) => fs.exists(f));
    if (override) files.push(override);
  }
  return files;
}

/** COMPOSE_PROFILES as a list. */
export function profilesFromVariables(vars: Record<string, string>): string[] {
  return (vars.COMPOSE_PROFILES ?? '').split(',').map((p) => p.trim()).filter(Boolean);
}

/**
 * Each service and the profiles it belongs to, over all the files: a later file adds services and
 * replaces the `profiles:` of a service it names with its own (no key: the earlier list stays).
 */
export function serviceProfiles(files: string[], fs: ProjectFs): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of files) {
    const text = fs.read(f);
    if (text === undefined) continue;
    const doc = parseDocument(text, { merge: true });
    const svcs = isMap(doc.contents) ? doc.contents.get('services', true) : undefined;
    if (!isMap(svcs)) continue;
    for (const item of svcs.items) {
      if (!isScalar(item.key)) continue;
      const name = String(item.key.value);
      const p = isMap(item.value) ? item.value.get('profiles', true) : undefined;
      const list = isSeq(p) ? p.items.filter((x) => isScalar(x) && x.value !== null).map((x) => String((x as { value: unknown }).value)) : undefined;
      out.set(name, list ?? out.get(name) ?? []);
    }
  }
  return out;
}

/** Services and the profiles they belong to, over all the files (later files add to earlier ones). */
export function servicesAndProfiles(files: string[], fs: ProjectFs): { services: string[]; profiles: string[] } {
  const map = serviceProfiles(files, fs);
  return { services: [...map.keys()], profiles: [...new Set([...map.values()].flat())].sort() };
}

/** Env files a project folder offers for --env-file: `.env`, `.env.*`, `*.env`. */
export function envFileCandidates(names: string[]): string[] {
  return names.filter((n) => n === '.env' || n.startsWith('.env.') || (n.endsWith('.env') && n.length > 4)).sort();
}

/** The choice compose would make by itself (no remembered one). */
export function defaultChoice(picked: string, fs: ProjectFs, env: NodeJS.ProcessEnv = process.env): ProjectChoice {
  const vars = composeVariables(path.dirname(picked), fs, env);
  return { files: filesFor(picked, fs, vars), profiles: profilesFromVariables(vars) };
}

/** The project name compose gives a file's project: COMPOSE_PROJECT_NAME, else the top-level
 *  `name:`, else the folder's name, lower-cased and cut to the characters compose allows. */
export function projectName(dir: string, composeText: string | undefined, vars: Record<string, string> = {}): string {
  const normalize = (n: string) => n.toLowerCase().replace(/[^a-z0-9_-]/g, '');
  if (vars.COMPOSE_PROJECT_NAME) return normalize(vars.COMPOSE_PROJECT_NAME);
  if (composeText) {
    const doc = parseDocument(composeText);
    const name: unknown = isMap(doc.contents) ? doc.contents.get('name') : undefined;
    if (typeof name === 'string' && name && !name.includes('$')) return normalize(name);
  }
  return normalize(path.basename(dir));
}

/** The project whose containers were created from `file` (compose's labels name the files; v1
 *  relative to the project folder, v2 absolute). */
export function projectOfFile(file: string, containers: { labels: Record<string, string> }[]): string | undefined {
  for (const c of containers) {
    const t = targetFromLabels(c.labels);
    if (t && t.files.some((x) => path.resolve(t.projectDirectory ?? path.dirname(file), x) === file)) return t.projectName;
  }
  return undefined;
}

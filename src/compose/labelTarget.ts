// Compose Down/Logs on a project from the Containers tree runs the compose CLI on the files its
// containers' labels name (com.docker.compose.project.config_files, .working_dir). Any image can
// set those labels itself (LABEL in a Dockerfile), so they are only used when they name files
// that exist inside an open workspace folder, with the project folder inside one too. Pure (no
// vscode): the folders and the file system come in.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { targetFromLabels } from './cli';

export type LabelTarget =
  /** Run compose on these files (absolute, checked) in this folder. */
  | { kind: 'files'; files: string[]; projectDirectory?: string }
  /** The labels name no files, or files that are not on this machine: act on the project by name. */
  | { kind: 'absent' }
  /** The labels name files outside the workspace: refuse, with the reason. */
  | { kind: 'refused'; message: string };

export interface LabelTargetIo {
  /** The real path (symlinks resolved), undefined when it does not exist. */
  realpath(p: string): string | undefined;
}

export const nodeLabelTargetIo: LabelTargetIo = {
  realpath: (p) => { try { return fs.realpathSync(p); } catch { return undefined; } },
};

function inside(file: string, folder: string): boolean {
  const rel = path.relative(folder, file);
  return rel === '' || (!!rel && !rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Checks what the labels of a project's container name against the open workspace folders. */
export function checkLabelTarget(labels: Record<string, string>, project: string, workspaceFolders: readonly string[], io: LabelTargetIo = nodeLabelTargetIo): LabelTarget {
  const t = targetFromLabels(labels);
  if (!t || !t.files.length) return { kind: 'absent' };
  const base = t.projectDirectory;
  const named = t.files.map((f) => (base && !path.isAbsolute(f) ? path.resolve(base, f) : f));
  if (named.some((f) => !path.isAbsolute(f))) {
    return { kind: 'refused', message: `The compose files that project ${project}'s containers name (${named.join(', ')}) are not absolute paths: Dockerfile-set labels are not trusted. Run compose from the project's compose file in the Explorer instead.` };
  }
  const real = named.map((f) => io.realpath(f));
  // Files not on this machine (another machine created the project, or they moved): by name.
  if (real.some((r) => r === undefined)) return { kind: 'absent' };
  const roots = workspaceFolders.map((w) => io.realpath(w) ?? path.resolve(w));
  const outside = named.filter((_f, i) => !roots.some((w) => inside(real[i]!, w)));
  const realBase = base ? io.realpath(base) : undefined;
  const baseOutside = base !== undefined && (realBase === undefined || !roots.some((w) => inside(realBase, w)));
  if (outside.length || baseOutside) {
    const what = outside.length ? outside.join(', ') : `the project folder ${base}`;
    const where = workspaceFolders.length ? 'outside the open workspace folders' : 'not in an open workspace folder (none is open)';
    return {
      kind: 'refused',
      message: `Compose project ${project}: its containers' labels name ${what}, ${where}. Dockyard only runs compose on files of your workspace (container labels can be set by any image) — open the folder that holds the project's compose file, or run compose from that file.`,
    };
  }
  return { kind: 'files', files: named, projectDirectory: base };
}

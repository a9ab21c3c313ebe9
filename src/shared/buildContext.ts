// The one build-context resolver: where `docker build` runs from for a Dockerfile, given the
// dockyard.build.contextFolder (or dockyard.dockerfile.buildContext) setting. The build and the
// editor's COPY/ADD checks both use it, so they look at the same folder. Pure.
import * as path from 'node:path';
import { l10n } from './l10n';

export type ContextFolderResult = { ok: true; dir: string } | { ok: false; reason: string };

/**
 * The build context folder: the setting (empty → the Dockerfile's folder; `${workspaceFolder}`,
 * `${fileDirname}`; relative paths are relative to the workspace folder, else to the Dockerfile).
 */
export function resolveContextFolder(setting: string, dockerfilePath: string, workspaceFolder: string | undefined): ContextFolderResult {
  const fileDir = path.dirname(dockerfilePath);
  const s = setting.trim();
  if (!s) return { ok: true, dir: fileDir };
  if (s.includes('${workspaceFolder}') && !workspaceFolder) {
    return { ok: false, reason: l10n.t('{0} is not inside a workspace folder, so dockyard.build.contextFolder ("{1}") has no ${workspaceFolder} — open its folder, or set an absolute context folder.', path.basename(dockerfilePath), s) };
  }
  const expanded = s.replace(/\$\{workspaceFolder\}/g, workspaceFolder ?? '').replace(/\$\{fileDirname\}/g, fileDir);
  if (/\$\{[^}]*\}/.test(expanded)) return { ok: false, reason: l10n.t('dockyard.build.contextFolder: unknown variable in "{0}" (use ${workspaceFolder} or ${fileDirname}).', s) };
  return { ok: true, dir: path.resolve(workspaceFolder ?? fileDir, expanded) };
}


// The files, profiles and env file Compose Up/Down/Restart/Logs use for a compose file:
// found as the CLI finds them, asked for once when there is a choice to make, remembered per
// workspace, changed with "Compose: Choose Files, Profiles and Env File…".
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { ComposeTarget } from './cli';
import { isComposeFileName } from './files';
import { DEFAULT_FILES, OVERRIDE_FILES, ProjectChoice, ProjectFs, defaultChoice, envFileCandidates, servicesAndProfiles } from './project';

const KEY = 'dockyard.compose.choices';

export const diskFs: ProjectFs = {
  exists: (f) => fs.existsSync(f),
  read: (f) => { try { return fs.readFileSync(f, 'utf8'); } catch { return undefined; } },
};

export class ComposeChoices {
  constructor(private readonly ctx: Ctx) {}

  private all(): Record<string, ProjectChoice> {
    return this.ctx.extension.workspaceState.get<Record<string, ProjectChoice>>(KEY, {});
  }

  remembered(file: string): ProjectChoice | undefined {
    const c = this.all()[file];
    if (!c || !c.files.length || !c.files.every((f) => fs.existsSync(f)) || (c.envFile && !fs.existsSync(c.envFile))) return undefined;
    return c;
  }

  async remember(file: string, choice: ProjectChoice): Promise<void> {
    await this.ctx.extension.workspaceState.update(KEY, { ...this.all(), [file]: choice });
  }

  /** Services over all the chosen files. */
  services(choice: ProjectChoice): string[] {
    return servicesAndProfiles(choice.files, diskFs).services;
  }

  /**
   * The choice for a compose file: the remembered one; else, when the project offers a choice
   * (profiles, other compose files or env files), the user's answer (remembered); else the CLI's default.
   */
  async choiceFor(file: string): Promise<ProjectChoice | undefined> {
    const r = this.remembered(file);
    if (r) return r;
    const def = defaultChoice(file, diskFs);
    const dir = path.dirname(file);
    const names = safeList(dir);
    const others = names.filter((n) => isComposeFileName(n) && !def.files.includes(path.join(dir, n)));
    const profiles = servicesAndProfiles(def.files, diskFs).profiles;
    const envFiles = envFileCandidates(names).filter((n) => n !== '.env');
    if (!others.length && !profiles.length && !envFiles.length) return def;
    return this.configure(file, def);
  }

  /** Asks for files, profiles and env file, starting from `start`; remembers the answer. */
  async configure(file: string, start?: ProjectChoice): Promise<ProjectChoice | undefined> {
    const current = start ?? this.remembered(file) ?? defaultChoice(file, diskFs);
    const dir = path.dirname(file);
    const names = safeList(dir);

    // 1. Files, in order: the chosen ones first (their order matters: later ones override).
    const candidates = [...current.files, ...names.filter((n) => isComposeFileName(n)).map((n) => path.join(dir, n)).filter((f) => !current.files.includes(f))];
    const filePick = await vscode.window.showQuickPick(candidates.map((f) => ({
      label: path.relative(dir, f) || path.basename(f), description: f === file ? vscode.l10n.t('the file you picked') : undefined, picked: current.files.includes(f), f,
    })), { title: vscode.l10n.t('Compose files (-f), in order: later files override earlier ones'), canPickMany: true, ignoreFocusOut: true });
    if (!filePick) return undefined;
    const files = filePick.length ? filePick.map((p) => p.f) : [file];

    // 2. Profiles defined in those files.
    const defined = servicesAndProfiles(files, diskFs).profiles;
    let profiles: string[] = [];
    if (defined.length) {
      const pick = await vscode.window.showQuickPick(defined.map((p) => ({ label: p, picked: current.profiles.includes(p) })), {
        title: vscode.l10n.t('Compose profiles to enable (--profile)'), canPickMany: true, ignoreFocusOut: true,
      });
      if (!pick) return undefined;
      profiles = pick.map((p) => p.label);
    }

    // 3. Env file.
    let envFile: string | undefined;
    const envs = envFileCandidates(names);
    if (envs.some((e) => e !== '.env')) {
      const none = vscode.l10n.t('.env (compose reads it by itself)');
      const pick = await vscode.window.showQuickPick([
        { label: none, env: undefined as string | undefined },
        ...envs.filter((e) => e !== '.env').map((e) => ({ label: e, env: path.join(dir, e) as string | undefined })),
      ].map((i) => ({ ...i, picked: i.env === current.envFile })), { title: vscode.l10n.t('Env file for variables in the compose files (--env-file)'), ignoreFocusOut: true });
      if (!pick) return undefined;
      envFile = pick.env;
    }
    const choice: ProjectChoice = { files, profiles, envFile };
    await this.remember(file, choice);
    return choice;
  }

  /** The CLI target for a choice (the project name and folder are left to compose, as on the command line). */
  target(choice: ProjectChoice): ComposeTarget {
    return { files: choice.files, profiles: choice.profiles, envFile: choice.envFile };
  }
}

/** The other files compose reads together with `file`: its base file (for an override file), and
 *  the files of any remembered choice that includes it. */
export function relatedFiles(workspaceState: vscode.Memento, file: string): string[] {
  const out = new Set<string>();
  const dir = path.dirname(file);
  const base = path.basename(file);
  if (OVERRIDE_FILES.includes(base)) {
    const main = DEFAULT_FILES.map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
    if (main) out.add(main);
  } else if (DEFAULT_FILES.includes(base)) {
    const ov = OVERRIDE_FILES.map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
    if (ov) out.add(ov);
  }
  for (const c of Object.values(workspaceState.get<Record<string, ProjectChoice>>(KEY, {}))) {
    if (c.files.includes(file)) for (const f of c.files) out.add(f);
  }
  out.delete(file);
  return [...out];
}

/** The --env-file remembered for a project that includes `file`, if any. */
export function rememberedEnvFile(workspaceState: vscode.Memento, file: string): string | undefined {
  for (const [picked, c] of Object.entries(workspaceState.get<Record<string, ProjectChoice>>(KEY, {}))) {
    if ((picked === file || c.files.includes(file)) && c.envFile) return c.envFile;
  }
  return undefined;
}

function safeList(dir: string): string[] {
  try { return fs.readdirSync(dir); } catch { return []; }
}

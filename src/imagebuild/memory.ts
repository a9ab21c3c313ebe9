// What the build remembers per workspace: the last answers per Dockerfile, the most recent
// Dockerfiles, the last build ("Build again"), and which images came from which Dockerfile ("Rebuild").
import * as vscode from 'vscode';
import { withoutSecretValues } from '../shared/secrets';

export interface BuildAnswers {
  tag: string;
  target?: string;
  buildArgs: Record<string, string>;
  noCache: boolean;
  pull: boolean;
  /** BuildKit: `--platform` (os/arch[/variant]) and `--cache-from` images. */
  platform?: string;
  cacheFrom?: string[];
}

const ANSWERS = 'dockyard.build.answers';
const RECENT = 'dockyard.build.recent';
const LAST = 'dockyard.build.last';
const IMAGES = 'dockyard.build.images';
const MAX_RECENT = 20;
const MAX_IMAGES = 100;

/** The answers as stored: build args whose names look secret (TOKEN, PASSWORD, KEY…) are left out. */
export function storableAnswers(answers: BuildAnswers): BuildAnswers {
  return { ...answers, buildArgs: withoutSecretValues(answers.buildArgs ?? {}) };
}

export class BuildMemory {
  /** Secret-looking build-arg values of this session only (never written to state), per Dockerfile. */
  private readonly sessionSecrets = new Map<string, Record<string, string>>();

  constructor(private readonly state: vscode.Memento) {}

  answers(dockerfile: vscode.Uri): BuildAnswers | undefined {
    return this.withSessionSecrets(dockerfile.toString(), this.state.get<Record<string, BuildAnswers>>(ANSWERS, {})[dockerfile.toString()]);
  }

  private withSessionSecrets(key: string, stored: BuildAnswers | undefined): BuildAnswers | undefined {
    if (!stored) return undefined;
    const clean = storableAnswers(stored);
    return { ...clean, buildArgs: { ...clean.buildArgs, ...this.sessionSecrets.get(key) } };
  }

  /** Dockerfile URIs, most recently built first. */
  recent(): string[] {
    return this.state.get<string[]>(RECENT, []);
  }

  last(): { dockerfile: vscode.Uri; answers: BuildAnswers } | undefined {
    const l = this.state.get<{ dockerfile: string; answers: BuildAnswers }>(LAST);
    const answers = l && this.withSessionSecrets(l.dockerfile, l.answers);
    return l && answers ? { dockerfile: vscode.Uri.parse(l.dockerfile), answers } : undefined;
  }

  /** The Dockerfile an image ("repo:tag") was last built from here. */
  dockerfileOf(ref: string): vscode.Uri | undefined {
    const u = this.state.get<Record<string, string>>(IMAGES, {})[ref];
    return u ? vscode.Uri.parse(u) : undefined;
  }

  async remember(dockerfile: vscode.Uri, answers: BuildAnswers): Promise<void> {
    const key = dockerfile.toString();
    const stored = storableAnswers(answers);
    const secrets: Record<string, string> = {};
    for (const [k, v] of Object.entries(answers.buildArgs)) if (!(k in stored.buildArgs)) secrets[k] = v;
    this.sessionSecrets.set(key, secrets);
    // Rewrites every entry cleanly (also scrubs values an earlier version stored).
    const all: Record<string, BuildAnswers> = {};
    for (const [k, a] of Object.entries(this.state.get<Record<string, BuildAnswers>>(ANSWERS, {}))) all[k] = storableAnswers(a);
    all[key] = stored;
    await this.state.update(ANSWERS, all);
    await this.state.update(RECENT, [key, ...this.recent().filter((r) => r !== key)].slice(0, MAX_RECENT));
    await this.state.update(LAST, { dockerfile: key, answers: stored });
  }

  async rememberImage(ref: string, dockerfile: vscode.Uri): Promise<void> {
    const all = { ...this.state.get<Record<string, string>>(IMAGES, {}) };
    delete all[ref];
    all[ref] = dockerfile.toString();
    const keys = Object.keys(all);
    for (const k of keys.slice(0, Math.max(0, keys.length - MAX_IMAGES))) delete all[k];
    await this.state.update(IMAGES, all);
  }
}

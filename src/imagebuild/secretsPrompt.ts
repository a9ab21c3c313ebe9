// Asks where each build secret (`RUN --mount=type=secret,id=X`) comes from: a file or an
// environment variable the user picks. Only the choice is kept, in memory for this window
// (Build Again reuses it); values are read by the build session when the engine asks, and
// are never stored, shown or logged.
import * as vscode from 'vscode';
import type { SecretSource } from '../engine/buildkit/session';
import type { SecretMount } from './buildInput';

interface Choice extends vscode.QuickPickItem {
  kind2: 'file' | 'env' | 'skip' | 'last';
}

/** The sources picked so far per Dockerfile (this window only; never written to workspace state). */
export class SecretChoices {
  private readonly byDockerfile = new Map<string, SecretSource[]>();

  get(dockerfile: vscode.Uri): SecretSource[] | undefined {
    return this.byDockerfile.get(dockerfile.toString());
  }

  set(dockerfile: vscode.Uri, sources: SecretSource[]): void {
    this.byDockerfile.set(dockerfile.toString(), sources);
  }
}

const describe = (s: SecretSource): string =>
  ('file' in s ? vscode.l10n.t('file {0}', s.file) : 'env' in s ? vscode.l10n.t('environment variable {0}', s.env) : vscode.l10n.t('given value'));

/** One source per secret id (skipped ids are left out); undefined when the user cancels. */
export async function askSecretSources(mounts: SecretMount[], previous: SecretSource[] | undefined, title: string): Promise<SecretSource[] | undefined> {
  const out: SecretSource[] = [];
  for (const m of mounts) {
    const last = previous?.find((p) => p.id === m.id);
    const items: Choice[] = [
      ...(last ? [{ label: `$(history) ${vscode.l10n.t('As last time')}`, description: describe(last), kind2: 'last' as const }] : []),
      { label: `$(file) ${vscode.l10n.t('From a file…')}`, kind2: 'file' },
      { label: `$(symbol-variable) ${vscode.l10n.t('From an environment variable…')}`, kind2: 'env' },
      { label: `$(circle-slash) ${vscode.l10n.t('Skip')}`, description: m.required ? vscode.l10n.t('the step requires it and will fail') : vscode.l10n.t('the step runs without it'), kind2: 'skip' },
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('{0}: secret "{1}"', title, m.id),
      placeHolder: vscode.l10n.t('Where does the secret "{0}" (RUN --mount=type=secret on line {1}) come from? Its value is never stored or shown.', m.id, m.line + 1),
      ignoreFocusOut: true,
    });
    if (!picked) return undefined;
    if (picked.kind2 === 'last' && last) out.push(last);
    if (picked.kind2 === 'file') {
      const files = await vscode.window.showOpenDialog({ title: vscode.l10n.t('File with the secret "{0}"', m.id), canSelectMany: false, openLabel: vscode.l10n.t('Use as secret') });
      if (!files?.length) return undefined;
      out.push({ id: m.id, file: files[0].fsPath });
    }
    if (picked.kind2 === 'env') {
      const name = await vscode.window.showInputBox({
        title: vscode.l10n.t('{0}: secret "{1}"', title, m.id),
        prompt: vscode.l10n.t('Name of the environment variable that holds the secret "{0}"', m.id),
        value: m.id.toUpperCase().replace(/[^A-Z0-9_]/g, '_'),
        ignoreFocusOut: true,
        validateInput: (v) => {
          if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(v.trim())) return vscode.l10n.t('A variable name: letters, digits and _.');
          if (process.env[v.trim()] === undefined) return vscode.l10n.t('{0} is not set in VS Code\'s environment.', v.trim());
          return undefined;
        },
      });
      if (name === undefined) return undefined;
      out.push({ id: m.id, env: name.trim() });
    }
  }
  return out;
}

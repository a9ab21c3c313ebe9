// Add Docker Files to Workspace…: the folder's stack (detected, confirmed), its port, then a
// Dockerfile, .dockerignore and compose.yaml, asking before overwriting anything.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { defaultStack, detectStacks, generateStarter, Stack, STACK_LABELS, StackKind } from './starter';

async function pickFolder(uri?: vscode.Uri): Promise<string | undefined> {
  if (uri?.scheme === 'file') {
    try { return fs.statSync(uri.fsPath).isDirectory() ? uri.fsPath : path.dirname(uri.fsPath); } catch { return undefined; }
  }
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (!folders.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder first: the Docker files are written into it.'));
    return undefined;
  }
  if (folders.length === 1) return folders[0].uri.fsPath;
  return (await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Folder to add Docker files to') }))?.uri.fsPath;
}

export async function addDockerFiles(uri?: vscode.Uri): Promise<void> {
  const dir = await pickFolder(uri);
  if (!dir) return;
  const names = fs.readdirSync(dir);
  const read = (n: string) => { try { return fs.readFileSync(path.join(dir, n), 'utf8'); } catch { return undefined; } };
  const detected = detectStacks({ names, read });
  const all = (Object.keys(STACK_LABELS) as StackKind[]).filter((k) => !detected.some((d) => d.kind === k))
    .map((kind) => defaultStack(kind, path.basename(dir)));
  const picked = await vscode.window.showQuickPick([
    ...detected.map((s) => ({ label: s.label, description: vscode.l10n.t('detected'), s })),
    ...all.map((s) => ({ label: s.label, description: '', s })),
  ], { title: vscode.l10n.t('Add Docker Files: the app in {0}', path.basename(dir)), placeHolder: detected.length ? undefined : vscode.l10n.t('No stack detected: pick one') });
  if (!picked) return;
  const portText = await vscode.window.showInputBox({
    title: vscode.l10n.t('The port the app listens on'), value: String(picked.s.port),
    validateInput: (v) => (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 65535 ? undefined : vscode.l10n.t('A port number, 1-65535.')),
  });
  if (!portText) return;
  const stack: Stack = { ...picked.s, port: Number(portText) };
  const files = generateStarter(stack, path.basename(dir));
  const targets: [string, string][] = [['Dockerfile', files.dockerfile], ['.dockerignore', files.dockerignore], ['compose.yaml', files.compose]];
  const existing = targets.filter(([n]) => fs.existsSync(path.join(dir, n))).map(([n]) => n);
  let write = targets;
  if (existing.length) {
    const overwrite = vscode.l10n.t('Overwrite');
    const keep = vscode.l10n.t('Keep Them, Write the Others');
    const answer = await vscode.window.showWarningMessage(vscode.l10n.t('{0} already exist in {1}.', existing.join(', '), path.basename(dir)), { modal: true }, overwrite, keep);
    if (!answer) return;
    if (answer === keep) write = targets.filter(([n]) => !existing.includes(n));
  }
  for (const [n, text] of write) fs.writeFileSync(path.join(dir, n), text);
  if (write.some(([n]) => n === 'Dockerfile')) await vscode.window.showTextDocument(vscode.Uri.file(path.join(dir, 'Dockerfile')));
  void vscode.window.showInformationMessage(write.length
    ? vscode.l10n.t('Wrote {0} for {1} in {2}.', write.map(([n]) => n).join(', '), stack.label, path.basename(dir))
    : vscode.l10n.t('Nothing written: every file was there already.'));
}

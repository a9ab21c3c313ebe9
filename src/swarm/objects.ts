// Secrets and configs: create (from a file or the editor's selection, never logged), remove, inspect.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Engine } from '../engine/engine';
import { validateSwarmObjectName } from '../engine/swarmModel';
import { openJson } from '../ui/documents';
import { askNewName, confirmEach, FailureTexts, PickTexts } from '../ui/pick';
import { swarmOf } from './state';
import type { SwarmDeps } from './services';
import { configTargets, secretTargets } from './targets';

/** The sentences of creating and removing a secret or a config, each whole so that it translates as written. */
interface ObjectTexts {
  contentTitle: string;
  fileTitle: string;
  tooBig(file: string, kb: number): string;
  nameTitle: string;
  exists(name: string): string;
  created(name: string): string;
  removePick: PickTexts;
  removeQuestion(names: string[]): string;
  removeDetail: string;
  removeFailed: FailureTexts;
}

function objectTexts(kind: 'secret' | 'config'): ObjectTexts {
  return kind === 'secret' ? {
    contentTitle: vscode.l10n.t('Create secret: content from'),
    fileTitle: vscode.l10n.t('File whose content becomes the secret'),
    tooBig: (file, kb) => vscode.l10n.t('{0} is {1} KB: swarm secrets hold at most 500 KB.', file, kb),
    nameTitle: vscode.l10n.t('Create secret: name'),
    exists: (name) => vscode.l10n.t('A secret named {0} exists already (secrets cannot be changed: create one with a new name).', name),
    created: (name) => vscode.l10n.t('Created secret {0}.', name),
    removePick: { title: vscode.l10n.t('Secret to remove'), none: vscode.l10n.t('No secret to remove.') },
    removeQuestion: (names) => (names.length === 1 ? vscode.l10n.t('Remove secret {0}?', names[0]) : vscode.l10n.t('Remove {0} secrets?', names.length)),
    removeDetail: vscode.l10n.t('Its value cannot be read back: keep a copy if you need it. The engine refuses to remove a secret services use.'),
    removeFailed: { one: (d) => vscode.l10n.t('Could not remove {0}', d), many: (count, ds) => vscode.l10n.t('Could not remove {0} secrets: {1}', count, ds) },
  } : {
    contentTitle: vscode.l10n.t('Create config: content from'),
    fileTitle: vscode.l10n.t('File whose content becomes the config'),
    tooBig: (file, kb) => vscode.l10n.t('{0} is {1} KB: swarm configs hold at most 500 KB.', file, kb),
    nameTitle: vscode.l10n.t('Create config: name'),
    exists: (name) => vscode.l10n.t('A config named {0} exists already (configs cannot be changed: create one with a new name).', name),
    created: (name) => vscode.l10n.t('Created config {0}.', name),
    removePick: { title: vscode.l10n.t('Config to remove'), none: vscode.l10n.t('No config to remove.') },
    removeQuestion: (names) => (names.length === 1 ? vscode.l10n.t('Remove config {0}?', names[0]) : vscode.l10n.t('Remove {0} configs?', names.length)),
    removeDetail: vscode.l10n.t('The engine refuses to remove a config services use.'),
    removeFailed: { one: (d) => vscode.l10n.t('Could not remove {0}', d), many: (count, ds) => vscode.l10n.t('Could not remove {0} configs: {1}', count, ds) },
  };
}

export function secretAndConfigCommands({ ctx, docs }: SwarmDeps) {
  const ask = () => ctx.setting('confirmDestructiveActions', true);
  /** Reads a file or the editor's selection for a secret or config (never logged). */
  const readContent = async (texts: ObjectTexts): Promise<{ data: Buffer; suggested?: string } | undefined> => {
    const editor = vscode.window.activeTextEditor;
    const selection = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : undefined;
    const choices: (vscode.QuickPickItem & { from: 'selection' | 'file' })[] = [];
    if (selection !== undefined) choices.push({ label: vscode.l10n.t('Selection'), description: vscode.l10n.t('{0} characters selected in {1}', selection.length, path.basename(editor!.document.fileName)), from: 'selection' });
    choices.push({ label: vscode.l10n.t('File…'), description: vscode.l10n.t('read a file from disk'), from: 'file' });
    const pick = choices.length === 1 ? choices[0] : await vscode.window.showQuickPick(choices, { title: texts.contentTitle });
    if (!pick) return undefined;
    if (pick.from === 'selection') return { data: Buffer.from(selection!, 'utf8') };
    const [uri] = (await vscode.window.showOpenDialog({ canSelectMany: false, title: texts.fileTitle })) ?? [];
    if (!uri) return undefined;
    const data = Buffer.from(await vscode.workspace.fs.readFile(uri));
    if (data.length > 500 * 1024) throw new Error(texts.tooBig(path.basename(uri.fsPath), Math.ceil(data.length / 1024)));
    return { data, suggested: path.basename(uri.fsPath).replace(/[^a-zA-Z0-9_.-]/g, '-').replace(/^[^a-zA-Z0-9]+|[^a-zA-Z0-9]+$/g, '') };
  };

  const createSwarmObject = async (kind: 'secret' | 'config', existing: () => Promise<{ name: string }[]>, create: (name: string, data: Buffer) => Promise<string>) => {
    const texts = objectTexts(kind);
    const content = await readContent(texts);
    if (!content) return;
    const name = await askNewName({
      title: texts.nameTitle,
      value: content.suggested,
      validate: (v) => validateSwarmObjectName(v, kind),
      taken: (await existing()).map((x) => x.name),
      exists: texts.exists,
    });
    if (!name) return;
    await create(name, content.data);
    void vscode.window.showInformationMessage(texts.created(name));
  };

  /** Removes secrets or configs, asked once; the engine refuses those services use (a failure each). */
  const removeObjects = async (kind: 'secret' | 'config', targets: { id: string; name: string }[], remove: (id: string) => Promise<void>) => {
    const texts = objectTexts(kind);
    await confirmEach(ctx, ask(), targets, { question: texts.removeQuestion(targets.map((x) => x.name)), detail: texts.removeDetail, button: vscode.l10n.t('Remove'), failed: texts.removeFailed },
      (x) => x.name, (x) => remove(x.id));
  };

  return {
    createSecret: (engine: Engine) => { const swarm = swarmOf(engine); return createSwarmObject('secret', () => swarm.secrets(), (name, data) => swarm.createSecret(name, data)); },
    removeSecret: async (engine: Engine, ...args: unknown[]) => {
      const swarm = swarmOf(engine);
      await removeObjects('secret', await secretTargets(swarm, args, objectTexts('secret').removePick), (id) => swarm.removeSecret(id));
    },
    inspectSecret: async (engine: Engine, ...args: unknown[]) => {
      const swarm = swarmOf(engine);
      for (const s of (await secretTargets(swarm, args, { title: vscode.l10n.t('Secret to inspect'), none: vscode.l10n.t('No secret to inspect.') })).slice(0, 5)) await openJson(ctx, docs, `secrets/${s.name}`, () => swarm.inspectSecret(s.id));
    },
    createConfig: (engine: Engine) => { const swarm = swarmOf(engine); return createSwarmObject('config', () => swarm.configs(), (name, data) => swarm.createConfig(name, data)); },
    removeConfig: async (engine: Engine, ...args: unknown[]) => {
      const swarm = swarmOf(engine);
      await removeObjects('config', await configTargets(swarm, args, objectTexts('config').removePick), (id) => swarm.removeConfig(id));
    },
    inspectConfig: async (engine: Engine, ...args: unknown[]) => {
      const swarm = swarmOf(engine);
      for (const c of (await configTargets(swarm, args, { title: vscode.l10n.t('Config to show'), none: vscode.l10n.t('No config to show.') })).slice(0, 5)) await docs.open(`configs/${c.name}`, async () => (await swarm.inspectConfig(c.id)).data);
    },
  };
}

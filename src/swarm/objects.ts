// Secrets and configs: create (from a file or the editor's selection, never logged), remove, inspect.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Engine } from '../engine/engine';
import { validateSwarmObjectName } from '../engine/swarmModel';
import { openJson } from '../ui/documents';
import { askNewName, confirmEach } from '../ui/pick';
import { swarmOf } from './state';
import type { SwarmDeps } from './services';
import { configTargets, secretTargets } from './targets';

/** The sentences of creating a secret or a config, each whole so that it translates as written. */
interface CreateTexts {
  contentTitle: string;
  fileTitle: string;
  tooBig(file: string, kb: number): string;
  nameTitle: string;
  exists(name: string): string;
  created(name: string): string;
}

function createTexts(kind: 'secret' | 'config'): CreateTexts {
  return kind === 'secret' ? {
    contentTitle: vscode.l10n.t('Create secret: content from'),
    fileTitle: vscode.l10n.t('File whose content becomes the secret'),
    tooBig: (file, kb) => vscode.l10n.t('{0} is {1} KB: swarm secrets hold at most 500 KB.', file, kb),
    nameTitle: vscode.l10n.t('Create secret: name'),
    exists: (name) => vscode.l10n.t('A secret named {0} exists already (secrets cannot be changed: create one with a new name).', name),
    created: (name) => vscode.l10n.t('Created secret {0}.', name),
  } : {
    contentTitle: vscode.l10n.t('Create config: content from'),
    fileTitle: vscode.l10n.t('File whose content becomes the config'),
    tooBig: (file, kb) => vscode.l10n.t('{0} is {1} KB: swarm configs hold at most 500 KB.', file, kb),
    nameTitle: vscode.l10n.t('Create config: name'),
    exists: (name) => vscode.l10n.t('A config named {0} exists already (configs cannot be changed: create one with a new name).', name),
    created: (name) => vscode.l10n.t('Created config {0}.', name),
  };
}

export function secretAndConfigCommands({ ctx, docs }: SwarmDeps) {
  const ask = () => ctx.setting('confirmDestructiveActions', true);
  /** Reads a file or the editor's selection for a secret or config (never logged). */
  const readContent = async (texts: CreateTexts): Promise<{ data: Buffer; suggested?: string } | undefined> => {
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
    const texts = createTexts(kind);
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

  return {
    createSecret: (engine: Engine) => { const swarm = swarmOf(engine); return createSwarmObject('secret', () => swarm.secrets(), (name, data) => swarm.createSecret(name, data)); },
    removeSecret: async (engine: Engine, ...args: unknown[]) => {
      const swarm = swarmOf(engine);
      const targets = await secretTargets(swarm, args, { title: vscode.l10n.t('Secret to remove'), none: vscode.l10n.t('No secret to remove.') });
      await confirmEach(ctx, ask(), targets, {
        question: targets.length === 1 ? vscode.l10n.t('Remove secret {0}?', targets[0].name) : vscode.l10n.t('Remove {0} secrets?', targets.length),
        detail: vscode.l10n.t('Its value cannot be read back: keep a copy if you need it. The engine refuses to remove a secret services use.'),
        button: vscode.l10n.t('Remove'),
        failed: { one: (d) => vscode.l10n.t('Could not remove {0}', d), many: (count, ds) => vscode.l10n.t('Could not remove {0} secrets: {1}', count, ds) },
      }, (s) => s.name, (s) => swarm.removeSecret(s.id));
    },
    inspectSecret: async (engine: Engine, ...args: unknown[]) => {
      const swarm = swarmOf(engine);
      for (const s of (await secretTargets(swarm, args, { title: vscode.l10n.t('Secret to inspect'), none: vscode.l10n.t('No secret to inspect.') })).slice(0, 5)) await openJson(ctx, docs, `secrets/${s.name}`, () => swarm.inspectSecret(s.id));
    },
    createConfig: (engine: Engine) => { const swarm = swarmOf(engine); return createSwarmObject('config', () => swarm.configs(), (name, data) => swarm.createConfig(name, data)); },
    removeConfig: async (engine: Engine, ...args: unknown[]) => {
      const swarm = swarmOf(engine);
      const targets = await configTargets(swarm, args, { title: vscode.l10n.t('Config to remove'), none: vscode.l10n.t('No config to remove.') });
      await confirmEach(ctx, ask(), targets, {
        question: targets.length === 1 ? vscode.l10n.t('Remove config {0}?', targets[0].name) : vscode.l10n.t('Remove {0} configs?', targets.length),
        detail: vscode.l10n.t('The engine refuses to remove a config services use.'),
        button: vscode.l10n.t('Remove'),
        failed: { one: (d) => vscode.l10n.t('Could not remove {0}', d), many: (count, ds) => vscode.l10n.t('Could not remove {0} configs: {1}', count, ds) },
      }, (c) => c.name, (c) => swarm.removeConfig(c.id));
    },
    inspectConfig: async (engine: Engine, ...args: unknown[]) => {
      const swarm = swarmOf(engine);
      for (const c of (await configTargets(swarm, args, { title: vscode.l10n.t('Config to show'), none: vscode.l10n.t('No config to show.') })).slice(0, 5)) await docs.open(`configs/${c.name}`, async () => (await swarm.inspectConfig(c.id)).data);
    },
  };
}

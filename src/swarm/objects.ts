// Secrets and configs: create (from a file or the editor's selection, never logged), remove, inspect.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Engine } from '../engine/engine';
import { validateSwarmObjectName } from '../engine/swarmModel';
import { openJson } from '../ui/documents';
import { confirm, forEachTarget, reportFailures } from '../ui/pick';
import { swarmOf } from './state';
import type { SwarmDeps } from './services';
import { configTargets, secretTargets } from './targets';

const t = vscode.l10n.t;

export function secretAndConfigCommands({ ctx, docs }: SwarmDeps) {
  const ask = () => ctx.setting('confirmDestructiveActions', true);
  /** Reads a file or the editor's selection for a secret or config (never logged). */
  const readContent = async (noun: string): Promise<{ data: Buffer; suggested?: string } | undefined> => {
    const editor = vscode.window.activeTextEditor;
    const selection = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : undefined;
    const choices: (vscode.QuickPickItem & { from: 'selection' | 'file' })[] = [];
    if (selection !== undefined) choices.push({ label: t('Selection'), description: t('{0} characters selected in {1}', selection.length, path.basename(editor!.document.fileName)), from: 'selection' });
    choices.push({ label: t('File…'), description: t('read a file from disk'), from: 'file' });
    const pick = choices.length === 1 ? choices[0] : await vscode.window.showQuickPick(choices, { title: t('Create {0}: content from', noun) });
    if (!pick) return undefined;
    if (pick.from === 'selection') return { data: Buffer.from(selection!, 'utf8') };
    const [uri] = (await vscode.window.showOpenDialog({ canSelectMany: false, title: t('File whose content becomes the {0}', noun) })) ?? [];
    if (!uri) return undefined;
    const data = Buffer.from(await vscode.workspace.fs.readFile(uri));
    if (data.length > 500 * 1024) throw new Error(t('{0} is {1} KB: swarm {2}s hold at most 500 KB.', path.basename(uri.fsPath), Math.ceil(data.length / 1024), noun));
    return { data, suggested: path.basename(uri.fsPath).replace(/[^a-zA-Z0-9_.-]/g, '-').replace(/^[^a-zA-Z0-9]+|[^a-zA-Z0-9]+$/g, '') };
  };

  const createSwarmObject = async (noun: 'secret' | 'config', existing: () => Promise<{ name: string }[]>, create: (name: string, data: Buffer) => Promise<string>) => {
    const content = await readContent(noun);
    if (!content) return;
    const taken = new Set((await existing()).map((x) => x.name));
    const name = await vscode.window.showInputBox({
      title: t('Create {0}: name', noun),
      value: content.suggested,
      validateInput: (v) => validateSwarmObjectName(v, noun) ?? (taken.has(v) ? t('A {0} named {1} exists already (they cannot be changed: create one with a new name).', noun, v) : undefined),
    });
    if (!name) return;
    await create(name, content.data);
    void vscode.window.showInformationMessage(t('Created {0} {1}.', noun, name));
  };

  return {
    createSecret: (engine: Engine) => { const swarm = swarmOf(engine); return createSwarmObject('secret', () => swarm.secrets(), (name, data) => swarm.createSecret(name, data)); },
    removeSecret: async (engine: Engine, ...args: unknown[]) => {
      const swarm = swarmOf(engine);
      const targets = await secretTargets(swarm, args, 'remove');
      if (!targets.length) return;
      if (!(await confirm(ask(), targets.length === 1 ? t('Remove secret {0}?', targets[0].name) : t('Remove {0} secrets?', targets.length), t('Its value cannot be read back: keep a copy if you need it. The engine refuses to remove a secret services use.'), t('Remove')))) return;
      const r = await forEachTarget(targets, (s) => s.name, (s) => swarm.removeSecret(s.id));
      reportFailures(ctx, 'remove', 'secrets', r.failed);
    },
    inspectSecret: async (engine: Engine, ...args: unknown[]) => {
      const swarm = swarmOf(engine);
      for (const s of (await secretTargets(swarm, args, 'inspect')).slice(0, 5)) await openJson(ctx, docs, `secrets/${s.name}`, () => swarm.inspectSecret(s.id));
    },
    createConfig: (engine: Engine) => { const swarm = swarmOf(engine); return createSwarmObject('config', () => swarm.configs(), (name, data) => swarm.createConfig(name, data)); },
    removeConfig: async (engine: Engine, ...args: unknown[]) => {
      const swarm = swarmOf(engine);
      const targets = await configTargets(swarm, args, 'remove');
      if (!targets.length) return;
      if (!(await confirm(ask(), targets.length === 1 ? t('Remove config {0}?', targets[0].name) : t('Remove {0} configs?', targets.length), t('The engine refuses to remove a config services use.'), t('Remove')))) return;
      const r = await forEachTarget(targets, (c) => c.name, (c) => swarm.removeConfig(c.id));
      reportFailures(ctx, 'remove', 'configs', r.failed);
    },
    inspectConfig: async (engine: Engine, ...args: unknown[]) => {
      const swarm = swarmOf(engine);
      for (const c of (await configTargets(swarm, args, 'show')).slice(0, 5)) await docs.open(`configs/${c.name}`, async () => (await swarm.inspectConfig(c.id)).data);
    },
  };
}

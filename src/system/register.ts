import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { Engine } from '../engine/engine';
import { ReadOnlyDocuments } from '../ui/documents';
import { diskUsageReport, versionReport } from './report';

export function registerSystem(ctx: Ctx, docs: ReadOnlyDocuments): void {
  // Only the rendered preview: the generated markdown source is of no use next to it.
  const showMarkdown = async (path: string, produce: () => Promise<string>) => {
    const doc = await docs.load(path, produce, 'markdown');
    await vscode.commands.executeCommand('markdown.showPreview', doc.uri);
  };
  ctx.registerEngineCommands({
    'dockyard.system.info': (engine: Engine) => showMarkdown('system/engine.md', async () => {
      const [version, info] = await Promise.all([engine.version(), engine.info()]);
      return versionReport(engine.host, engine.resolved.context, version, info);
    }),
    'dockyard.system.diskUsage': (engine: Engine) => showMarkdown('system/disk-usage.md', async () => diskUsageReport(await engine.diskUsage())),
  });
}

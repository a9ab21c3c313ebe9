import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { ReadOnlyDocuments } from '../ui/documents';
import { diskUsageReport, versionReport } from './report';

export function registerSystem(ctx: Ctx, docs: ReadOnlyDocuments): void {
  const e = () => ctx.connection.engine;
  // Only the rendered preview: the generated markdown source is of no use next to it.
  const showMarkdown = async (path: string, produce: () => Promise<string>) => {
    const doc = await docs.load(path, produce, 'markdown');
    await vscode.commands.executeCommand('markdown.showPreview', doc.uri);
  };
  ctx.registerCommands({
    'dockyard.system.info': () => showMarkdown('system/engine.md', async () => {
      const engine = e();
      const [version, info] = await Promise.all([engine.version(), engine.info()]);
      return versionReport(engine.host, engine.resolved.context, version, info);
    }),
    'dockyard.system.diskUsage': () => showMarkdown('system/disk-usage.md', async () => diskUsageReport(await e().diskUsage())),
  });
}

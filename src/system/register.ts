import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { ReadOnlyDocuments } from '../ui/documents';
import { diskUsageReport, versionReport } from './report';

export function systemCommands(ctx: Ctx, docs: ReadOnlyDocuments): Record<string, (...args: unknown[]) => unknown> {
  const e = () => ctx.engine.engine;
  // Only the rendered preview: the generated markdown source is of no use next to it.
  const showMarkdown = async (path: string, produce: () => Promise<string>) => {
    const doc = await docs.load(path, produce, 'markdown');
    await vscode.commands.executeCommand('markdown.showPreview', doc.uri);
  };
  return {
    'dockyard.system.info': () => showMarkdown('system/engine.md', async () => {
      const engine = e();
      const [version, info] = await Promise.all([engine.version(), engine.info()]);
      return versionReport(engine.host, engine.resolved.context, version, info);
    }),
    'dockyard.system.diskUsage': () => showMarkdown('system/disk-usage.md', async () => diskUsageReport(await e().diskUsage())),
    'dockyard.engine.retry': () => ctx.engine.retry(),
    'dockyard.engine.showLog': () => ctx.log.show(),
    'dockyard.engine.openSettings': () => vscode.commands.executeCommand('workbench.action.openSettings', 'dockyard.host'),
  };
}

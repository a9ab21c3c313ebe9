// Registers the Dockerfile language features: diagnostics, quick fixes, completion, hover, definition,
// outline, folding, stage rename, semantic tokens and formatting, plus the commands of this feature.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { DockerfileFormatter } from './vscode/format';
import type { ImageCache } from '../imageCache/imageCache';
import { Completion, Definition, DockerfileFeatures, Folding, Hover, LEGEND, QuickFixes, SELECTOR, StageRename, Symbols, Tokens } from './vscode/providers';

/** `images`: the engine's images for FROM completion and hover (one cache, shared with compose files). */
export function registerDockerfile(ctx: Ctx, images: ImageCache): void {
  const features = ctx.own(new DockerfileFeatures(ctx, images));
  ctx.own(vscode.languages.registerCodeActionsProvider(SELECTOR, new QuickFixes(features), { providedCodeActionKinds: QuickFixes.kinds }));
  ctx.own(vscode.languages.registerCompletionItemProvider(SELECTOR, new Completion(features), ...Completion.triggers));
  ctx.own(vscode.languages.registerHoverProvider(SELECTOR, new Hover(features)));
  ctx.own(vscode.languages.registerDefinitionProvider(SELECTOR, new Definition(features)));
  ctx.own(vscode.languages.registerDocumentSymbolProvider(SELECTOR, new Symbols(features), { label: 'Dockerfile' }));
  ctx.own(vscode.languages.registerFoldingRangeProvider(SELECTOR, new Folding(features)));
  ctx.own(vscode.languages.registerRenameProvider(SELECTOR, new StageRename(features)));
  ctx.own(vscode.languages.registerDocumentSemanticTokensProvider(SELECTOR, new Tokens(features), LEGEND));
  const formatter = new DockerfileFormatter();
  ctx.own(vscode.languages.registerDocumentFormattingEditProvider(SELECTOR, formatter));
  ctx.own(vscode.languages.registerDocumentRangeFormattingEditProvider(SELECTOR, formatter));
  ctx.registerCommands({
    'dockyard.dockerfile.lint': () => {
      const doc = vscode.window.activeTextEditor?.document;
      if (doc?.languageId === 'dockerfile') features.lint(doc);
      else features.refreshAll();
    },
  });
}

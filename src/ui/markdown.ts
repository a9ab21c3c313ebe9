// The only way Dockyard makes a MarkdownString: never trusted (no command: links run), no HTML,
// theme icons only where Dockyard's own text uses them. Values from files, the engine or a
// registry are escaped before they get here (shared/markdown.ts: mdCode, mdText).
import * as vscode from 'vscode';

export function untrustedMarkdown(md: string, themeIcons = false): vscode.MarkdownString {
  const m = new vscode.MarkdownString(md, themeIcons);
  m.isTrusted = false;
  m.supportHtml = false;
  return m;
}

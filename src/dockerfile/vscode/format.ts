// Format Document / Format Selection for Dockerfiles: the pure formatter's edits as VS Code text edits.
import * as vscode from 'vscode';
import { FormatOptions, formatEdits } from '../format';

export class DockerfileFormatter implements vscode.DocumentFormattingEditProvider, vscode.DocumentRangeFormattingEditProvider {
  provideDocumentFormattingEdits(doc: vscode.TextDocument, options: vscode.FormattingOptions): vscode.TextEdit[] {
    return this.edits(doc, options);
  }

  provideDocumentRangeFormattingEdits(doc: vscode.TextDocument, range: vscode.Range, options: vscode.FormattingOptions): vscode.TextEdit[] {
    return this.edits(doc, options, { from: range.start.line, to: range.end.line });
  }

  private edits(doc: vscode.TextDocument, options: vscode.FormattingOptions, lines?: FormatOptions['lines']): vscode.TextEdit[] {
    if (!vscode.workspace.getConfiguration('dockyard.dockerfile', doc.uri).get<boolean>('format.enable', true)) return [];
    const indent = options.insertSpaces ? ' '.repeat(Math.max(1, options.tabSize)) : '\t';
    return formatEdits(doc.getText(), { indent, lines }).map((e) =>
      vscode.TextEdit.replace(new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.newText));
  }
}

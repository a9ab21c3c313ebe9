// Compose file problems (YAML syntax, shape) as diagnostics, source "compose".
import * as vscode from 'vscode';
import type { ComposeProblem } from './files';

export class ComposeDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('compose');

  set(uri: vscode.Uri, problems: ComposeProblem[]): void {
    this.collection.set(uri, problems.map((p) => {
      const d = new vscode.Diagnostic(new vscode.Range(p.line, p.character, p.endLine, p.endCharacter), p.message,
        p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
      d.source = 'compose';
      return d;
    }));
  }

  clear(uri: vscode.Uri): void {
    this.collection.delete(uri);
  }

  dispose(): void {
    this.collection.dispose();
  }
}

// Build failures as diagnostics (source "build") on the failing instruction; cleared by the
// next successful build of that Dockerfile or by an edit of it.
import * as vscode from 'vscode';
import type { BuildFailure } from './output';

export class BuildDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('build');
  private readonly listener: vscode.Disposable;

  constructor() {
    this.listener = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length && this.collection.has(e.document.uri)) this.collection.delete(e.document.uri);
    });
  }

  /** Places the failure; returns the diagnostic (undefined when it has no place in the file). */
  set(dockerfile: vscode.Uri, failure: BuildFailure): vscode.Diagnostic | undefined {
    if (!failure.range) {
      this.collection.delete(dockerfile);
      return undefined;
    }
    const r = failure.range;
    const range = new vscode.Range(r.startLine, r.startCharacter, r.endLine, Math.min(r.endCharacter, 10_000));
    const d = new vscode.Diagnostic(range, failure.detail || failure.message, vscode.DiagnosticSeverity.Error);
    d.source = 'build';
    if (failure.step) d.code = `step ${failure.step.n}/${failure.step.total}`;
    this.collection.set(dockerfile, [d]);
    return d;
  }

  clear(dockerfile: vscode.Uri): void {
    this.collection.delete(dockerfile);
  }

  dispose(): void {
    this.listener.dispose();
    this.collection.dispose();
  }
}

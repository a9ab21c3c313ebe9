// Build failures as diagnostics (source "build") on the failing instruction; cleared by the
// next successful build of that Dockerfile or by an edit of it.
import * as vscode from 'vscode';
import type { BuildFailure, BuildWarning } from './job';

export class BuildDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('build');
  private readonly listener: vscode.Disposable;

  constructor() {
    this.listener = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length && this.collection.has(e.document.uri)) this.collection.delete(e.document.uri);
    });
  }

  /** Places the failure (and BuildKit's warnings); returns the failure's diagnostic (undefined when it has no place in the file). */
  set(dockerfile: vscode.Uri, failure: BuildFailure, warnings: BuildWarning[] = []): vscode.Diagnostic | undefined {
    const placed = this.warningDiagnostics(warnings);
    if (!failure.range) {
      this.collection.set(dockerfile, placed);
      return undefined;
    }
    const d = new vscode.Diagnostic(toRange(failure.range), failure.detail || failure.message, vscode.DiagnosticSeverity.Error);
    d.source = 'build';
    if (failure.step) d.code = `step ${failure.step.n}/${failure.step.total}`;
    this.collection.set(dockerfile, [d, ...placed]);
    return d;
  }

  /** After a successful build: BuildKit's warnings, or nothing. */
  setWarnings(dockerfile: vscode.Uri, warnings: BuildWarning[]): void {
    const placed = this.warningDiagnostics(warnings);
    if (placed.length) this.collection.set(dockerfile, placed);
    else this.collection.delete(dockerfile);
  }

  private warningDiagnostics(warnings: BuildWarning[]): vscode.Diagnostic[] {
    return warnings.filter((w) => w.range).map((w) => {
      const d = new vscode.Diagnostic(toRange(w.range!), w.message, vscode.DiagnosticSeverity.Warning);
      d.source = 'build';
      if (w.code) d.code = w.url ? { value: w.code, target: vscode.Uri.parse(w.url) } : w.code;
      return d;
    });
  }

  clear(dockerfile: vscode.Uri): void {
    this.collection.delete(dockerfile);
  }

  dispose(): void {
    this.listener.dispose();
    this.collection.dispose();
  }
}

function toRange(r: { startLine: number; startCharacter: number; endLine: number; endCharacter: number }): vscode.Range {
  return new vscode.Range(r.startLine, r.startCharacter, r.endLine, Math.min(r.endCharacter, 10_000));
}

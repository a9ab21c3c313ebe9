// The Dockerfile side: per instruction, what its layer added (`+48.2 MB`, `0 B`, `cached`, the
// build time), as inlay hints whose hover lists the layer's largest files; instructions of other
// stages marked as not in the image; the image's findings (apt lists, caches) as diagnostics.
import * as vscode from 'vscode';
import { untrustedMarkdown } from '../ui/markdown';
import type { ImageInsight } from '../engine/imageLayers';
import { hintText, layerFindings, layerHover } from './format';
import { dockerfileLines, matchLayers } from './match';
import type { StepTiming } from '../engine/models';

export interface Binding {
  imageId: string;
  name: string;
  target?: string;
  steps?: StepTiming[];
  insight: ImageInsight;
}

export class LayerHints implements vscode.InlayHintsProvider, vscode.Disposable {
  private readonly bindings = new Map<string, Binding>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeInlayHints = this.changed.event;
  readonly diagnostics = vscode.languages.createDiagnosticCollection('dockyard-image');

  bind(uri: vscode.Uri, binding: Binding): void {
    this.bindings.set(uri.toString(), binding);
    this.changed.fire();
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (doc) this.lint(doc);
  }

  /** The image shown on a Dockerfile, if any. */
  bound(uri: vscode.Uri): Binding | undefined {
    return this.bindings.get(uri.toString());
  }

  unbind(uri: vscode.Uri): void {
    this.bindings.delete(uri.toString());
    this.diagnostics.delete(uri);
    this.changed.fire();
  }

  /** An image that went away: its hints go too. */
  forgetImage(imageId: string): void {
    for (const [k, b] of [...this.bindings]) if (b.imageId === imageId) { this.bindings.delete(k); this.diagnostics.delete(vscode.Uri.parse(k)); }
    this.changed.fire();
  }

  provideInlayHints(doc: vscode.TextDocument, range: vscode.Range): vscode.InlayHint[] {
    const b = this.bindings.get(doc.uri.toString());
    if (!b) return [];
    const out: vscode.InlayHint[] = [];
    for (const m of matchLayers(dockerfileLines(doc.getText(), b.target), b.insight.layers)) {
      const line = m.line.startLine;
      if (line < range.start.line || line > range.end.line || line >= doc.lineCount) continue;
      const end = doc.lineAt(m.line.endLine < doc.lineCount ? m.line.endLine : line).range.end;
      let hint: vscode.InlayHint;
      if (!m.line.inImage) {
        hint = new vscode.InlayHint(end, vscode.l10n.t('not in the image'));
        hint.tooltip = vscode.l10n.t('This stage is not part of {0}: only what the final stage copies from it is.', b.name);
      } else if (!m.layer) {
        continue;
      } else {
        const step = b.steps?.find((s) => s.startLine === m.line.startLine);
        hint = new vscode.InlayHint(end, hintText(m.layer, step));
        hint.tooltip = untrustedMarkdown(layerHover(m.layer, step?.ms, step?.cached));
      }
      hint.paddingLeft = true;
      out.push(hint);
    }
    return out;
  }

  /** Findings of the bound image as diagnostics on the instruction that made the layer. */
  lint(doc: vscode.TextDocument): void {
    const b = this.bindings.get(doc.uri.toString());
    if (!b) { this.diagnostics.delete(doc.uri); return; }
    const matches = matchLayers(dockerfileLines(doc.getText(), b.target), b.insight.layers);
    const diags: vscode.Diagnostic[] = [];
    for (const f of layerFindings(b.insight)) {
      const m = matches.find((x) => x.layer?.index === f.layerIndex);
      if (!m || m.line.startLine >= doc.lineCount) continue;
      const d = new vscode.Diagnostic(doc.lineAt(m.line.startLine).range, f.message, vscode.DiagnosticSeverity.Information);
      d.source = vscode.l10n.t('image {0}', b.name);
      d.code = f.rule;
      diags.push(d);
    }
    this.diagnostics.set(doc.uri, diags);
  }

  dispose(): void {
    this.changed.dispose();
    this.diagnostics.dispose();
  }
}

// Thin VS Code adapters over the pure Dockerfile analysis.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Ctx } from '../../ctx';
import { analyze, Analysis, finishDiagnostics } from '../analyze';
import { ShellChecker } from '../shellcheck';
import { HADOLINT_FILES, HadolintFileOptions, readHadolintFile } from '../hadolintFile';
import * as fs from 'node:fs';
import { completeIn, completionSite, CompletionItem as PureItem, CompletionKind } from '../completion';
import { resolveContextFolder } from '../../shared/buildContext';
import { FsBuildContext } from '../fsContext';
import { hoverIn, stageHoverMarkdown, stageReferenceAt } from '../hover';
import { imageFactsMarkdown } from '../../shared/markdown';
import { untrustedMarkdown } from '../../ui/markdown';
import { Model, Stage, buildModel } from '../model';
import { parse } from '../parser';
import { docsUrl, Severity } from '../rules/meta';
import { semanticTokens, TOKEN_MODIFIERS, TOKEN_TYPES } from '../semanticTokens';
import { foldingRanges, outline, OutlineSymbol } from '../symbols';
import { stageReferenceEdits } from '../rules/util';
import { Diagnostic as PureDiagnostic, Fix, LintOptions } from '../types';
import { ImageCache } from '../../imageCache/imageCache';
import { describeError, describeErrorWithStack } from '../../shared/errors';

export const SELECTOR: vscode.DocumentSelector = [{ language: 'dockerfile' }];

function span(doc: vscode.TextDocument, s: { start: number; end: number }): vscode.Range {
  return new vscode.Range(doc.positionAt(s.start), doc.positionAt(s.end));
}

/** Parsed models per document version (hover, outline, tokens share them). */
class Models {
  private readonly cache = new Map<string, { version: number; model: Model }>();
  get(doc: vscode.TextDocument): Model {
    const key = doc.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === doc.version) return hit.model;
    const model = buildModel(parse(doc.getText()));
    this.cache.set(key, { version: doc.version, model });
    return model;
  }
  forget(doc: vscode.TextDocument): void { this.cache.delete(doc.uri.toString()); }
}

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export class DockerfileFeatures implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('dockerfile');
  private readonly results = new Map<string, { version: number; analysis: Analysis }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  readonly models = new Models();
  private readonly subs: vscode.Disposable[] = [];
  private checker: ShellChecker | undefined;
  private shellcheckMissingNoted = false;

  constructor(private readonly ctx: Ctx, readonly images: ImageCache) {
    this.subs.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, 200)),
      vscode.workspace.onDidCloseTextDocument((d) => { this.collection.delete(d.uri); this.results.delete(d.uri.toString()); this.models.forget(d); }),
      vscode.workspace.onDidSaveTextDocument((d) => { if (/[\\/]\.hadolint\.ya?ml$/.test(d.uri.fsPath)) this.refreshAll(); else this.schedule(d, 0); }),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('dockyard.dockerfile')) this.refreshAll(); }),
      images.onDidChange(() => this.refreshAll()),
      // the build context may change under us
      vscode.workspace.onDidCreateFiles(() => this.refreshAll()),
      vscode.workspace.onDidDeleteFiles(() => this.refreshAll()),
      vscode.workspace.onDidRenameFiles(() => this.refreshAll()),
    );
    this.refreshAll();
  }

  refreshAll(): void {
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 50);
  }

  private schedule(doc: vscode.TextDocument, delay: number): void {
    if (doc.languageId !== 'dockerfile') return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      if (doc.isClosed) return;
      this.lint(doc);
    }, delay));
  }

  private readonly hadolintFiles = new Map<string, { mtimeMs: number; read: HadolintFileOptions }>();

  /** `.hadolint.yaml` (or .yml) in the Dockerfile's folder or a parent up to the workspace folder. */
  private hadolintFile(doc: vscode.TextDocument): HadolintFileOptions['options'] {
    if (doc.uri.scheme !== 'file') return {};
    const top = vscode.workspace.getWorkspaceFolder(doc.uri)?.uri.fsPath;
    for (let dir = path.dirname(doc.uri.fsPath); ; dir = path.dirname(dir)) {
      for (const name of HADOLINT_FILES) {
        const file = path.join(dir, name);
        let mtimeMs: number;
        try { mtimeMs = fs.statSync(file).mtimeMs; } catch { continue; }
        const hit = this.hadolintFiles.get(file);
        if (hit && hit.mtimeMs === mtimeMs) return hit.read.options;
        let read: HadolintFileOptions;
        try { read = readHadolintFile(fs.readFileSync(file, 'utf8')); } catch { continue; }
        if (read.problems.length) this.ctx.log.warn(`${file}: ${read.problems.join('; ')}`);
        this.hadolintFiles.set(file, { mtimeMs, read });
        return read.options;
      }
      if (!top || dir === top || path.dirname(dir) === dir || !dir.startsWith(top)) return {};
    }
  }

  lintOptions(doc: vscode.TextDocument): LintOptions {
    const cfg = vscode.workspace.getConfiguration('dockyard.dockerfile', doc.uri);
    const file = this.hadolintFile(doc);
    const opts: LintOptions = {
      ...file,
      rules: { ...file.rules, ...cfg.get<Record<string, Severity | 'off'>>('rules', {}) },
      experimental: cfg.get<boolean>('experimentalChecks', false),
      defaultPlatform: this.images.defaultPlatform(),
      imagePlatform: (ref) => this.images.cached(ref)?.platform || undefined,
      imageEnv: (ref) => this.images.cached(ref)?.env,
    };
    if (doc.uri.scheme === 'file' && cfg.get<boolean>('checkBuildContext', true)) {
      // folders are listed in the background; a lint that needed one runs again once it is read
      opts.context = new FsBuildContext(this.contextRoot(doc), doc.uri.fsPath, () => this.schedule(doc, 0));
    }
    return opts;
  }

  /** dockyard.dockerfile.buildContext, else the build feature's dockyard.build.contextFolder, else the Dockerfile's folder. */
  contextRoot(doc: vscode.TextDocument): string {
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri)?.uri.fsPath;
    const setting = vscode.workspace.getConfiguration('dockyard.dockerfile', doc.uri).get<string>('buildContext', '')
      || vscode.workspace.getConfiguration('dockyard.build', doc.uri).get<string>('contextFolder', '');
    const where = resolveContextFolder(setting, doc.uri.fsPath, folder);
    // A setting the build would refuse: check against the Dockerfile's folder meanwhile.
    return where.ok ? where.dir : path.dirname(doc.uri.fsPath);
  }

  lint(doc: vscode.TextDocument): Analysis | undefined {
    const enabled = vscode.workspace.getConfiguration('dockyard.dockerfile', doc.uri).get<boolean>('diagnostics.enable', true);
    if (!enabled) { this.collection.delete(doc.uri); return undefined; }
    let analysis: Analysis;
    try {
      analysis = analyze(doc.getText(), this.lintOptions(doc));
    } catch (e) {
      this.ctx.log.error(`Dockerfile analysis failed for ${doc.uri.fsPath}: ${describeErrorWithStack(e)}`);
      return undefined;
    }
    this.results.set(doc.uri.toString(), { version: doc.version, analysis });
    this.collection.set(doc.uri, analysis.diagnostics.map((d) => this.toVs(doc, d)));
    void this.shellcheck(doc, analysis);
    // learn about FROM images from the engine; a change re-lints
    for (const s of analysis.model.stages) {
      const ref = s.image?.value;
      if (ref && !s.base && ref !== 'scratch' && !ref.includes('$') && !this.images.known(ref)) void this.images.inspect(ref);
    }
    return analysis;
  }

  /** ShellCheck's findings arrive after the rest (a process per changed RUN script); they join the stored analysis. */
  private async shellcheck(doc: vscode.TextDocument, analysis: Analysis): Promise<void> {
    const cfg = vscode.workspace.getConfiguration('dockyard.dockerfile', doc.uri);
    if (!cfg.get<boolean>('shellcheck.enable', true)) return;
    const binary = cfg.get<string>('shellcheck.path', '') || 'shellcheck';
    if (!this.checker || this.checker.path !== binary) this.checker = new ShellChecker(binary);
    let found;
    try {
      found = await this.checker.check(analysis.model);
    } catch (e) {
      this.ctx.log.error(`ShellCheck failed for ${doc.uri.fsPath}: ${describeError(e)}`);
      return;
    }
    if (found === null) {
      if (!this.shellcheckMissingNoted) {
        this.shellcheckMissingNoted = true;
        this.ctx.log.info(`ShellCheck (${binary}) was not found: RUN scripts are checked without it.`);
        void vscode.window.showInformationMessage(vscode.l10n.t('ShellCheck was not found ({0}): Dockerfile RUN scripts are checked without it. Install shellcheck or set dockyard.dockerfile.shellcheck.path.', binary));
      }
      return;
    }
    const key = doc.uri.toString();
    const current = this.results.get(key);
    if (doc.isClosed || current?.analysis !== analysis || !found.length) return;
    const extra = finishDiagnostics(analysis.model.df, found, this.lintOptions(doc));
    const merged: Analysis = { model: analysis.model, diagnostics: [...analysis.diagnostics, ...extra].sort((a, b) => a.start - b.start || a.end - b.end) };
    this.results.set(key, { version: current.version, analysis: merged });
    this.collection.set(doc.uri, merged.diagnostics.map((d) => this.toVs(doc, d)));
  }

  private toVs(doc: vscode.TextDocument, d: PureDiagnostic): vscode.Diagnostic {
    const v = new vscode.Diagnostic(span(doc, d), d.message, SEVERITY[d.severity]);
    v.source = d.source === 'dockyard' ? 'dockerfile' : d.source;
    v.code = { value: d.code, target: vscode.Uri.parse(docsUrl(d.code)) };
    const tags: vscode.DiagnosticTag[] = [];
    if (d.unnecessary) tags.push(vscode.DiagnosticTag.Unnecessary);
    if (d.deprecated) tags.push(vscode.DiagnosticTag.Deprecated);
    if (tags.length) v.tags = tags;
    return v;
  }

  /** Our diagnostics for a document, analysed fresh if the stored ones are stale. */
  analysisFor(doc: vscode.TextDocument): Analysis | undefined {
    const r = this.results.get(doc.uri.toString());
    if (r && r.version === doc.version) return r.analysis;
    return this.lint(doc);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const s of this.subs) s.dispose();
    this.collection.dispose();
  }
}

function fixToEdit(doc: vscode.TextDocument, fix: Fix): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of fix.edits) edit.replace(doc.uri, span(doc, e), e.newText);
  return edit;
}

export class QuickFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix, vscode.CodeActionKind.SourceFixAll.append('dockyard')];
  constructor(private readonly features: DockerfileFeatures) {}

  provideCodeActions(doc: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const analysis = this.features.analysisFor(doc);
    if (!analysis) return [];
    const actions: vscode.CodeAction[] = [];
    const only = context.only;
    if (!only || only.contains(vscode.CodeActionKind.QuickFix) || vscode.CodeActionKind.QuickFix.contains(only)) {
      for (const vd of context.diagnostics) {
        const code = typeof vd.code === 'object' ? String(vd.code.value) : String(vd.code ?? '');
        const d = analysis.diagnostics.find((x) => x.code === code && span(doc, x).isEqual(vd.range));
        if (!d) continue;
        for (const f of d.fixes) {
          const a = new vscode.CodeAction(f.title, vscode.CodeActionKind.QuickFix);
          a.edit = fixToEdit(doc, f);
          a.diagnostics = [vd];
          a.isPreferred = !!f.preferred;
          actions.push(a);
        }
      }
    }
    const fixAll = vscode.CodeActionKind.SourceFixAll.append('dockyard');
    if (only && (only.contains(fixAll) || fixAll.contains(only) || only.contains(vscode.CodeActionKind.Source))) {
      const edit = new vscode.WorkspaceEdit();
      let lastEnd = -1;
      let n = 0;
      for (const d of analysis.diagnostics) {
        const f = d.fixes.find((x) => x.preferred);
        if (!f) continue;
        const s = Math.min(...f.edits.map((e) => e.start));
        const e = Math.max(...f.edits.map((x) => x.end));
        if (s < lastEnd) continue;
        lastEnd = Math.max(e, s + 1);
        for (const x of f.edits) edit.replace(doc.uri, span(doc, x), x.newText);
        n++;
      }
      if (n) {
        const a = new vscode.CodeAction(n === 1 ? vscode.l10n.t('Fix 1 Dockerfile problem') : vscode.l10n.t('Fix {0} Dockerfile problems', n), fixAll);
        a.edit = edit;
        actions.push(a);
      }
    }
    void range;
    return actions;
  }
}

const KIND: Record<CompletionKind, vscode.CompletionItemKind> = {
  keyword: vscode.CompletionItemKind.Keyword,
  flag: vscode.CompletionItemKind.Property,
  value: vscode.CompletionItemKind.Value,
  variable: vscode.CompletionItemKind.Variable,
  stage: vscode.CompletionItemKind.Reference,
  image: vscode.CompletionItemKind.Module,
  file: vscode.CompletionItemKind.File,
  folder: vscode.CompletionItemKind.Folder,
  directive: vscode.CompletionItemKind.Keyword,
  property: vscode.CompletionItemKind.Field,
  enum: vscode.CompletionItemKind.EnumMember,
};

export class Completion implements vscode.CompletionItemProvider {
  static readonly triggers = ['-', '=', '$', '{', ',', '/', ':', ' ', '#'];
  constructor(private readonly features: DockerfileFeatures) {}

  async provideCompletionItems(doc: vscode.TextDocument, pos: vscode.Position, _t: vscode.CancellationToken, context: vscode.CompletionContext): Promise<vscode.CompletionItem[]> {
    const offset = doc.offsetAt(pos);
    const model = this.features.models.get(doc);
    const site = completionSite(model, offset);
    if (context.triggerKind === vscode.CompletionTriggerKind.TriggerCharacter && context.triggerCharacter === ' ' && site.kind !== 'image' && site.kind !== 'fromAs') return [];
    const cfg = vscode.workspace.getConfiguration('dockyard.dockerfile', doc.uri);
    const images = site.kind === 'image' && cfg.get<boolean>('imageCompletion', true) ? await this.features.images.images() : undefined;
    const contextRoot = site.kind === 'path' && doc.uri.scheme === 'file' ? new FsBuildContext(this.features.contextRoot(doc), doc.uri.fsPath) : undefined;
    return completeIn(model, offset, { images, context: contextRoot }).map((i) => this.toVs(doc, i));
  }

  private toVs(doc: vscode.TextDocument, i: PureItem): vscode.CompletionItem {
    const item = new vscode.CompletionItem(i.label, KIND[i.kind]);
    item.insertText = i.snippet ? new vscode.SnippetString(i.insertText) : i.insertText;
    item.range = span(doc, i.replace);
    if (i.detail) item.detail = i.detail;
    if (i.documentation) item.documentation = untrustedMarkdown(i.documentation);
    if (i.sortText) item.sortText = i.sortText;
    if (i.filterText) item.filterText = i.filterText;
    if (i.retrigger) item.command = { command: 'editor.action.triggerSuggest', title: vscode.l10n.t('Re-trigger completions') };
    return item;
  }
}

export class Hover implements vscode.HoverProvider {
  constructor(private readonly features: DockerfileFeatures) {}

  async provideHover(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.Hover | undefined> {
    const model = this.features.models.get(doc);
    const offset = doc.offsetAt(pos);
    const r = hoverIn(model, offset);
    if (!r) {
      const ref = stageReferenceAt(model, offset);
      const stage = ref && model.stageByName.get(ref.name);
      if (ref && stage) return new vscode.Hover(untrustedMarkdown(stageHoverMarkdown(stage)), span(doc, ref.span));
      return undefined;
    }
    let md = r.markdown;
    if (r.imageRef) {
      const facts = await Promise.race([this.features.images.inspect(r.imageRef), new Promise<undefined>((res) => setTimeout(() => res(undefined), 1500))]);
      if (facts) {
        md += '\n\n' + imageFactsMarkdown(facts, Date.now());
      } else if (this.features.images.known(r.imageRef)) {
        md += '\n\n_Not present on the connected engine._';
      }
    }
    return new vscode.Hover(untrustedMarkdown(md), span(doc, r.span));
  }
}

export class Definition implements vscode.DefinitionProvider {
  constructor(private readonly features: DockerfileFeatures) {}
  provideDefinition(doc: vscode.TextDocument, pos: vscode.Position): vscode.Location | undefined {
    const model = this.features.models.get(doc);
    const offset = doc.offsetAt(pos);
    const ref = stageReferenceAt(model, offset);
    let stage = ref && model.stageByName.get(ref.name);
    if (!stage) {
      const s = model.stages.find((x) => x.image && offset >= x.image.start && offset <= x.image.end);
      stage = s?.base;
    }
    if (!stage?.nameWord) return undefined;
    return new vscode.Location(doc.uri, span(doc, stage.nameWord));
  }
}

export class Symbols implements vscode.DocumentSymbolProvider {
  constructor(private readonly features: DockerfileFeatures) {}
  provideDocumentSymbols(doc: vscode.TextDocument): vscode.DocumentSymbol[] {
    const conv = (s: OutlineSymbol): vscode.DocumentSymbol => {
      const kind = s.kind === 'stage' ? vscode.SymbolKind.Module : s.kind === 'variable' ? vscode.SymbolKind.Variable : vscode.SymbolKind.Function;
      const range = span(doc, s.range);
      const sel = span(doc, s.selection);
      const d = new vscode.DocumentSymbol(s.name, s.detail, kind, range, range.contains(sel) ? sel : range);
      d.children = s.children.map(conv);
      return d;
    };
    return outline(this.features.models.get(doc)).map(conv);
  }
}

export const LEGEND = new vscode.SemanticTokensLegend([...TOKEN_TYPES], [...TOKEN_MODIFIERS]);

export class Tokens implements vscode.DocumentSemanticTokensProvider {
  constructor(private readonly features: DockerfileFeatures) {}
  provideDocumentSemanticTokens(doc: vscode.TextDocument): vscode.SemanticTokens {
    return new vscode.SemanticTokens(semanticTokens(this.features.models.get(doc)));
  }
}

export class Folding implements vscode.FoldingRangeProvider {
  constructor(private readonly features: DockerfileFeatures) {}
  provideFoldingRanges(doc: vscode.TextDocument): vscode.FoldingRange[] {
    return foldingRanges(this.features.models.get(doc)).map((f) => new vscode.FoldingRange(f.startLine, f.endLine,
      f.kind === 'comment' ? vscode.FoldingRangeKind.Comment : f.kind === 'region' ? vscode.FoldingRangeKind.Region : undefined));
  }
}

/** Renames a build stage: its AS name and every FROM / COPY --from / --mount from= that uses it. */
export class StageRename implements vscode.RenameProvider {
  constructor(private readonly features: DockerfileFeatures) {}

  private stageAt(doc: vscode.TextDocument, pos: vscode.Position): { stage: Stage; range: vscode.Range } | undefined {
    const model = this.features.models.get(doc);
    const offset = doc.offsetAt(pos);
    for (const s of model.stages) {
      if (s.nameWord && offset >= s.nameWord.start && offset <= s.nameWord.end) return { stage: s, range: span(doc, s.nameWord) };
      if (s.base && s.image && offset >= s.image.start && offset <= s.image.end) return { stage: s.base, range: span(doc, s.image) };
    }
    const ref = stageReferenceAt(model, offset);
    const st = ref && model.stageByName.get(ref.name);
    return st && ref ? { stage: st, range: span(doc, ref.span) } : undefined;
  }

  prepareRename(doc: vscode.TextDocument, pos: vscode.Position): vscode.Range {
    const hit = this.stageAt(doc, pos);
    if (!hit) throw new Error(vscode.l10n.t('Only build stage names can be renamed.'));
    return hit.range;
  }

  provideRenameEdits(doc: vscode.TextDocument, pos: vscode.Position, newName: string): vscode.WorkspaceEdit | undefined {
    const hit = this.stageAt(doc, pos);
    if (!hit) return undefined;
    if (!/^[a-zA-Z][a-zA-Z0-9_.-]*$/.test(newName)) throw new Error(vscode.l10n.t('\'{0}\' is not a valid stage name.', newName));
    const edit = new vscode.WorkspaceEdit();
    for (const e of stageReferenceEdits(this.features.models.get(doc), hit.stage, newName)) edit.replace(doc.uri, span(doc, e), e.newText);
    return edit;
  }
}

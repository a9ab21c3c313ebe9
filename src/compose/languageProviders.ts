// Thin VS Code adapters over the pure compose language modules (src/compose/language/):
// diagnostics, quick fixes, completion, hover, definition, references, rename and outline for
// compose files (compose*.y[a]ml, docker-compose*.y[a]ml in YAML, and any file in the
// `dockercompose` language).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { ImageCache } from '../imageCache/imageCache';
import { analyzeCompose, ComposeAnalysis } from './language/analyze';
import { describeErrorWithStack } from '../shared/errors';
import { complete, ComposeCompletion, ItemKind } from './language/completion';
import { hoverAt, imageHoverMarkdown, nodeAtOffset } from './language/hover';
import { untrustedMarkdown } from '../ui/markdown';
import { splitPointer } from './language/tree';
import { readDotenv } from './language/dotenv';
import { definitionAt, outline, OutlineSymbol, referencesAt, renameEdits, renameTargetAt } from './language/navigation';
import { ComposeDiagnostic, FileSystemView, Severity } from './language/types';
import { isComposeFileName } from './files';
import { formatBytes } from '../shared/format';
import { diskFs, relatedFiles, rememberedEnvFile } from './projectChoice';

export const COMPOSE_SELECTOR: vscode.DocumentSelector = [
  { language: 'yaml', pattern: '**/{compose,docker-compose}*.{yml,yaml}' },
  { language: 'dockercompose' },
];

export function isComposeDocument(doc: vscode.TextDocument): boolean {
  if (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'untitled') return false;
  return doc.languageId === 'dockercompose' || (doc.languageId === 'yaml' && isComposeFileName(doc.uri.path));
}

function span(doc: vscode.TextDocument, s: { start: number; end: number }): vscode.Range {
  return new vscode.Range(doc.positionAt(s.start), doc.positionAt(s.end));
}

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

const realFs: FileSystemView = {
  stat(p) {
    try { return fs.statSync(p).isDirectory() ? 'dir' : 'file'; } catch { return undefined; }
  },
};

export class ComposeLanguage implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('compose');
  private readonly results = new Map<string, { version: number; analysis: ComposeAnalysis }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly subs: vscode.Disposable[] = [];

  constructor(private readonly ctx: Ctx, readonly images: ImageCache) {
    this.subs.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, 150)),
      vscode.workspace.onDidCloseTextDocument((d) => { this.collection.delete(d.uri); this.results.delete(d.uri.toString()); }),
      // Another file of the project, or an env file, may define what this one uses.
      vscode.workspace.onDidSaveTextDocument((d) => { if (/\.env|env$/.test(path.basename(d.uri.fsPath)) || isComposeDocument(d)) this.refreshAll(); }),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('dockyard.compose')) this.refreshAll(); }),
      vscode.workspace.onDidCreateFiles(() => this.refreshAll()),
      vscode.workspace.onDidDeleteFiles(() => this.refreshAll()),
      vscode.workspace.onDidRenameFiles(() => this.refreshAll()),
    );
    this.refreshAll();
  }

  refreshAll(): void {
    this.results.clear();
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 50);
  }

  private schedule(doc: vscode.TextDocument, delay: number): void {
    if (!isComposeDocument(doc)) return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      if (!doc.isClosed) this.lint(doc);
    }, delay));
  }

  analyze(doc: vscode.TextDocument): ComposeAnalysis {
    const hit = this.results.get(doc.uri.toString());
    if (hit && hit.version === doc.version) return hit.analysis;
    const file = doc.uri.scheme === 'file' ? doc.uri.fsPath : undefined;
    const environment = process.env as Record<string, string | undefined>;
    const analysis = analyzeCompose(doc.getText(), {
      file,
      fs: file ? realFs : undefined,
      environment,
      dotenv: file ? readDotenv(path.dirname(file), process.env, rememberedEnvFile(this.ctx.extension.workspaceState, file)) : undefined,
      home: os.homedir(),
      related: file ? relatedFiles(this.ctx.extension.workspaceState, file).map((f) => diskFs.read(f)).filter((t): t is string => t !== undefined) : undefined,
    });
    this.results.set(doc.uri.toString(), { version: doc.version, analysis });
    return analysis;
  }

  lint(doc: vscode.TextDocument): void {
    const enabled = vscode.workspace.getConfiguration('dockyard.compose', doc.uri).get<boolean>('diagnostics.enable', true);
    if (!enabled) { this.collection.delete(doc.uri); return; }
    try {
      const a = this.analyze(doc);
      this.collection.set(doc.uri, a.diagnostics.map((d) => this.toVs(doc, d)));
    } catch (e) {
      this.ctx.log.error(`Compose analysis failed for ${doc.uri.fsPath}: ${describeErrorWithStack(e)}`);
    }
  }

  private toVs(doc: vscode.TextDocument, d: ComposeDiagnostic): vscode.Diagnostic {
    const v = new vscode.Diagnostic(span(doc, d), d.message, SEVERITY[d.severity]);
    v.source = 'compose';
    v.code = d.code;
    const tags: vscode.DiagnosticTag[] = [];
    if (d.unnecessary) tags.push(vscode.DiagnosticTag.Unnecessary);
    if (d.deprecated) tags.push(vscode.DiagnosticTag.Deprecated);
    if (tags.length) v.tags = tags;
    return v;
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const s of this.subs) s.dispose();
    this.collection.dispose();
  }
}

class QuickFixes implements vscode.CodeActionProvider {
  constructor(private readonly lang: ComposeLanguage) {}
  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (!isComposeDocument(doc)) return [];
    const a = this.lang.analyze(doc);
    const out: vscode.CodeAction[] = [];
    for (const vd of context.diagnostics) {
      if (vd.source !== 'compose') continue;
      const d = a.diagnostics.find((x) => x.code === vd.code && span(doc, x).isEqual(vd.range));
      for (const f of d?.fixes ?? []) {
        const action = new vscode.CodeAction(f.title, vscode.CodeActionKind.QuickFix);
        const edit = new vscode.WorkspaceEdit();
        for (const e of f.edits) edit.replace(doc.uri, span(doc, e), e.newText);
        action.edit = edit;
        action.diagnostics = [vd];
        action.isPreferred = !!f.preferred;
        out.push(action);
      }
    }
    return out;
  }
}

const KIND: Record<ItemKind, vscode.CompletionItemKind> = {
  property: vscode.CompletionItemKind.Property,
  value: vscode.CompletionItemKind.Value,
  service: vscode.CompletionItemKind.Module,
  network: vscode.CompletionItemKind.Interface,
  volume: vscode.CompletionItemKind.Struct,
  secret: vscode.CompletionItemKind.Constant,
  config: vscode.CompletionItemKind.Constant,
  model: vscode.CompletionItemKind.Constant,
  image: vscode.CompletionItemKind.Reference,
  file: vscode.CompletionItemKind.File,
  folder: vscode.CompletionItemKind.Folder,
};

class Completion implements vscode.CompletionItemProvider {
  static readonly triggers = [':', ' ', '-', '/', '.'];
  constructor(private readonly lang: ComposeLanguage) {}

  async provideCompletionItems(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.CompletionItem[]> {
    if (!isComposeDocument(doc)) return [];
    const offset = doc.offsetAt(pos);
    const a = this.lang.analyze(doc);
    const line = doc.lineAt(pos.line).text.slice(0, pos.character);
    const wantsImages = /^\s*(-\s+)?image:\s*\S*$/.test(line) && vscode.workspace.getConfiguration('dockyard.dockerfile', doc.uri).get<boolean>('imageCompletion', true);
    const images = wantsImages ? (await this.lang.images.images()).flatMap((i) => i.repoTags.filter((t) => !t.includes('<none>')).map((t) => ({ tag: t, detail: formatBytes(i.size) }))) : undefined;
    const dir = doc.uri.scheme === 'file' ? path.dirname(doc.uri.fsPath) : undefined;
    const items = complete(doc.getText(), offset, a.model, {
      images,
      dir,
      listDir: (d) => {
        try { return fs.readdirSync(d, { withFileTypes: true }).slice(0, 500).map((e) => ({ name: e.name, dir: e.isDirectory() })); } catch { return []; }
      },
    });
    return items.map((i, n) => this.toVs(doc, i, n));
  }

  private toVs(doc: vscode.TextDocument, i: ComposeCompletion, n: number): vscode.CompletionItem {
    const item = new vscode.CompletionItem(i.label, KIND[i.kind]);
    item.insertText = i.insertText;
    item.range = span(doc, i.replace);
    if (i.detail) item.detail = i.detail;
    if (i.documentation) item.documentation = untrustedMarkdown(i.documentation);
    if (i.deprecated) item.tags = [vscode.CompletionItemTag.Deprecated];
    item.sortText = `${i.kind === 'property' ? '1' : '0'}${String(n).padStart(4, '0')}`;
    if (i.retrigger) item.command = { command: 'editor.action.triggerSuggest', title: vscode.l10n.t('Re-trigger completions') };
    return item;
  }
}

class Hover implements vscode.HoverProvider {
  constructor(private readonly lang: ComposeLanguage) {}
  async provideHover(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.Hover | undefined> {
    if (!isComposeDocument(doc)) return undefined;
    const a = this.lang.analyze(doc);
    const offset = doc.offsetAt(pos);
    const h = hoverAt(a.tree, a.model, a.variables, offset);
    if (h) return new vscode.Hover(untrustedMarkdown(h.markdown), span(doc, h.span));
    // `image:` values: what the connected engine knows about the image.
    const n = nodeAtOffset(a.tree, offset);
    const ref = n && !n.onKey && /^\/services\/[^/]+\/image$/.test(n.ptr) ? imageValue(a, n.ptr) : undefined;
    if (!n || !ref) return undefined;
    const facts = await Promise.race([this.lang.images.inspect(ref), new Promise<undefined>((r) => setTimeout(() => r(undefined), 1500))]);
    return new vscode.Hover(untrustedMarkdown(imageHoverMarkdown(ref, facts)), span(doc, n.info.value));
  }
}

function imageValue(a: ComposeAnalysis, ptr: string): string | undefined {
  const svc = a.model.services[splitPointer(ptr)[1]];
  const v = svc?.image;
  return typeof v === 'string' && v && !v.includes('$') ? v : undefined;
}

class Navigation implements vscode.DefinitionProvider, vscode.ReferenceProvider, vscode.RenameProvider, vscode.DocumentSymbolProvider {
  constructor(private readonly lang: ComposeLanguage) {}

  provideDefinition(doc: vscode.TextDocument, pos: vscode.Position): vscode.Location | undefined {
    const d = definitionAt(this.lang.analyze(doc).model, doc.offsetAt(pos));
    return d ? new vscode.Location(doc.uri, span(doc, d.key)) : undefined;
  }

  provideReferences(doc: vscode.TextDocument, pos: vscode.Position, context: vscode.ReferenceContext): vscode.Location[] {
    return referencesAt(this.lang.analyze(doc).model, doc.offsetAt(pos), context.includeDeclaration).map((s) => new vscode.Location(doc.uri, span(doc, s)));
  }

  prepareRename(doc: vscode.TextDocument, pos: vscode.Position): vscode.Range {
    const t = renameTargetAt(this.lang.analyze(doc).model, doc.offsetAt(pos));
    if (typeof t === 'string') throw new Error(t);
    return span(doc, t.span);
  }

  provideRenameEdits(doc: vscode.TextDocument, pos: vscode.Position, newName: string): vscode.WorkspaceEdit {
    const a = this.lang.analyze(doc);
    const edits = renameEdits(a.model, a.tree, doc.offsetAt(pos), newName);
    if (typeof edits === 'string') throw new Error(edits);
    const we = new vscode.WorkspaceEdit();
    for (const e of edits) we.replace(doc.uri, span(doc, e), e.newText);
    return we;
  }

  provideDocumentSymbols(doc: vscode.TextDocument): vscode.DocumentSymbol[] {
    const kinds: Record<OutlineSymbol['kind'], vscode.SymbolKind> = {
      section: vscode.SymbolKind.Namespace, service: vscode.SymbolKind.Module, network: vscode.SymbolKind.Interface,
      volume: vscode.SymbolKind.Struct, secret: vscode.SymbolKind.Key, config: vscode.SymbolKind.File, model: vscode.SymbolKind.Object,
      property: vscode.SymbolKind.Property,
    };
    const conv = (s: OutlineSymbol): vscode.DocumentSymbol => {
      const range = span(doc, s.range);
      const sel = span(doc, s.selection);
      const d = new vscode.DocumentSymbol(s.name, s.detail, kinds[s.kind], range, range.contains(sel) ? sel : range);
      d.children = s.children.map(conv);
      return d;
    };
    return outline(this.lang.analyze(doc).tree).map(conv);
  }
}

/** Registers the compose language features. */
/** `images`: the engine's images for `image:` completion and hover, shared with the Dockerfile features. */
export function registerComposeLanguage(ctx: Ctx, images: ImageCache): void {
  const lang = ctx.own(new ComposeLanguage(ctx, images));
  const nav = new Navigation(lang);
  ctx.own(vscode.languages.registerCodeActionsProvider(COMPOSE_SELECTOR, new QuickFixes(lang), { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }));
  ctx.own(vscode.languages.registerCompletionItemProvider(COMPOSE_SELECTOR, new Completion(lang), ...Completion.triggers));
  ctx.own(vscode.languages.registerHoverProvider(COMPOSE_SELECTOR, new Hover(lang)));
  ctx.own(vscode.languages.registerDefinitionProvider(COMPOSE_SELECTOR, nav));
  ctx.own(vscode.languages.registerReferenceProvider(COMPOSE_SELECTOR, nav));
  ctx.own(vscode.languages.registerRenameProvider(COMPOSE_SELECTOR, nav));
  ctx.own(vscode.languages.registerDocumentSymbolProvider(COMPOSE_SELECTOR, nav, { label: 'Compose' }));
}

// Read-only documents (inspect JSON, engine info): a content provider on the dockyard: scheme.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { describeError } from '../engine/errors';

export const SCHEME = 'dockyard';

type Producer = () => Promise<string>;

export class ReadOnlyDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly producers = new Map<string, Producer>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration: vscode.Disposable;

  constructor() {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(SCHEME, this);
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const produce = this.producers.get(uri.toString());
    if (!produce) return '';
    try {
      return await produce();
    } catch (e) {
      return `// ${describeError(e)}\n`;
    }
  }

  /** Loads (or re-renders) a read-only document at dockyard:/<path> without showing it. */
  async load(path: string, produce: Producer, language?: string): Promise<vscode.TextDocument> {
    const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${path}` });
    // VS Code asks for the content later, outside the command: the producer closes over the
    // engine the command acts on.
    this.producers.set(uri.toString(), produce);
    this.changed.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    return language && doc.languageId !== language ? vscode.languages.setTextDocumentLanguage(doc, language) : doc;
  }

  /** Opens (or re-renders) a read-only document at dockyard:/<path> in an editor. */
  async open(path: string, produce: Producer, language?: string): Promise<vscode.TextEditor> {
    return vscode.window.showTextDocument(await this.load(path, produce, language), { preview: true });
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}

/** Opens a JSON document for an inspect result. */
export function openJson(ctx: Ctx, docs: ReadOnlyDocuments, path: string, fetch: () => Promise<unknown>): Promise<vscode.TextEditor> {
  return docs.open(`${path}.json`, async () => `${JSON.stringify(await fetch(), null, 2)}\n`, 'json').catch((e) => {
    ctx.showError(e);
    throw e;
  });
}

// Image insight: Layers under each image (files layer by layer, wasted space, efficiency), files
// of a layer opened read-only, the Dockerfile hints after a build (or for a chosen local image),
// findings measured in the image, and the comparison of two images.
import * as vscode from 'vscode';
import type { Engine } from '../engine/engine';
import type { Ctx } from '../ctx';
import { describeError } from '../shared/errors';
import { ImageTagItem } from '../explorer/items';
import type { Explorer } from '../explorer/register';
import { imageTargets, ImageTarget } from '../explorer/targets';
import type { PickTexts } from '../ui/pick';
import type { ReadOnlyDocuments } from '../ui/documents';
import { InsightCache } from './cache';
import { compareInsights, comparisonText } from './format';
import { LayerHints } from './hints';
import type { BuiltImage } from '../ui/builtImage';
import { dockerfileLines, historyMatches, matchLayers } from './match';
import { LAYER_SCHEME, LayerFileSystemProvider } from './provider';
import { LayerFileItem, LayersRootItem } from './tree';

export function registerImageInsight(ctx: Ctx, explorer: Explorer, docs: ReadOnlyDocuments, onDidBuild: vscode.Event<BuiltImage> | undefined): void {
  const cache = new InsightCache();
  const engineOf = (key: string | undefined) => ctx.engines.engineOf(key);
  const provider = ctx.own(new LayerFileSystemProvider(engineOf, cache));
  ctx.own(vscode.workspace.registerFileSystemProvider(LAYER_SCHEME, provider, { isCaseSensitive: true, isReadonly: true }));
  const tree = explorer.trees.images;
  tree.addChildren((item) => (item instanceof ImageTagItem ? [new LayersRootItem(item.image.id, item.ref, cache, (i) => tree.refreshItem(i), item.engineKey, engineOf)] : undefined));

  const hints = ctx.own(new LayerHints());
  ctx.own(vscode.languages.registerInlayHintsProvider({ language: 'dockerfile' }, hints));
  ctx.own(vscode.workspace.onDidOpenTextDocument((d) => hints.lint(d)));
  ctx.own(vscode.workspace.onDidChangeTextDocument((e) => { if (hints.bound(e.document.uri)) hints.lint(e.document); }));

  // Another engine, a reconnect (of any engine shown): what was read may not be there.
  ctx.own(ctx.engines.onDidRequestRefresh(() => cache.forget()));
  ctx.own(ctx.engines.onDidChangeState(() => cache.forget()));
  ctx.own(ctx.engines.onDidEvent(({ event: ev }) => {
    if (ev.type === 'image' && ev.action === 'delete') { cache.forget(ev.id); hints.forgetImage(ev.id); }
  }));

  const bindImage = async (dockerfile: vscode.Uri, engine: Engine, imageId: string, name: string, target?: string, steps?: BuiltImage['steps']) => {
    const insight = await cache.read(imageId, engine);
    hints.bind(dockerfile, { imageId, name, target, steps, insight });
  };
  if (onDidBuild) {
    ctx.own(onDidBuild((b) => {
      if (!ctx.setting('image.layerHints', true)) return;
      bindImage(b.dockerfile, b.engine, b.imageId, b.tag, b.target, b.steps).catch((e: unknown) => ctx.log.warn(`Layer hints for ${b.tag}: ${describeError(e)}`));
    }));
  }

  const pickOne = async (engine: Engine, texts: PickTexts): Promise<ImageTarget | undefined> => (await imageTargets(engine, [], texts, false))[0];

  ctx.registerCommands({
    'dockyard.imageLayer.openFile': async (...args: unknown[]) => {
      const [item] = args;
      if (!(item instanceof LayerFileItem) || !item.resourceUri) return;
      await vscode.window.showTextDocument(item.resourceUri, { preview: true });
    },
  });
  ctx.registerEngineCommands({
    'dockyard.image.compare': async (engine: Engine, ...args: unknown[]) => {
      const selected = args.length ? await imageTargets(engine, args, { title: vscode.l10n.t('Images to compare'), none: vscode.l10n.t('No image to compare.') }, true) : [];
      const a: ImageTarget | undefined = selected[0] ?? await pickOne(engine, { title: vscode.l10n.t('Image to compare'), none: vscode.l10n.t('No image to compare.') });
      if (!a) return;
      const b: ImageTarget | undefined = selected[1] ?? await pickOne(engine, { title: vscode.l10n.t('Image to compare with {0}', a.ref), none: vscode.l10n.t('No image to compare with {0}.', a.ref) });
      if (!b) return;
      const [x, y] = [a, b];
      await docs.open(`images/${x.ref.replace(/[/:@]/g, '_')}-vs-${y.ref.replace(/[/:@]/g, '_')}.compare.txt`, async () => {
        const [ia, ib] = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading the layers of {0} and {1}', x.ref, y.ref) },
          () => Promise.all([cache.read(x.image.id, engine), cache.read(y.image.id, engine)]));
        return comparisonText(x.ref, y.ref, ia, ib, compareInsights(ia, ib));
      });
    },
    'dockyard.image.showLayerSizes': async (engine: Engine, ...args: unknown[]) => {
      const [first] = args;
      const uri = first instanceof vscode.Uri ? first : vscode.window.activeTextEditor?.document.uri;
      const doc = uri ? await vscode.workspace.openTextDocument(uri) : undefined;
      if (!doc || doc.languageId !== 'dockerfile') {
        void vscode.window.showInformationMessage(vscode.l10n.t('Open a Dockerfile first.'));
        return;
      }
      const [t] = await imageTargets(engine, [], { title: vscode.l10n.t('Image whose layer sizes to show in this Dockerfile'), none: vscode.l10n.t('No image whose layer sizes to show.') }, false);
      if (!t) return;
      const insight = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading the layers of {0}', t.ref) }, () => cache.read(t.image.id, engine));
      if (!historyMatches(matchLayers(dockerfileLines(doc.getText()), insight.layers))) {
        const show = vscode.l10n.t('Show Anyway');
        const answer = await vscode.window.showWarningMessage(vscode.l10n.t('The history of {0} does not match this Dockerfile\'s instructions: the sizes may belong to other lines.', t.ref), show);
        if (answer !== show) return;
      }
      hints.bind(doc.uri, { imageId: t.image.id, name: t.ref, insight });
    },
  });
  ctx.registerCommands({
    'dockyard.image.hideLayerSizes': () => {
      const uri = vscode.window.activeTextEditor?.document.uri;
      if (uri) hints.unbind(uri);
    },
  });
}

// Build Image… (explorer, editor, palette), Build Again, Rebuild: each command hands its engine
// and Dockerfile to build.ts.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { Engine } from '../engine/engine';
import type { Explorer } from '../explorer/register';
import { ImageTagItem } from '../explorer/items';
import type { Credentials } from '../credentials/credentials';
import { BuildImage, buildImage, pickDockerfile } from './build';
import type { BuiltImage } from '../ui/builtImage';
import { BuildDiagnostics } from './diagnostics';
import { BuildMemory } from './memory';

export interface BuildFeature {
  /** Builds a Dockerfile; with answers given, asks nothing. Resolves to the outcome. */
  build: BuildImage;
  readonly diagnostics: BuildDiagnostics;
  readonly onDidBuild: vscode.Event<BuiltImage>;
}

export function registerImageBuild(ctx: Ctx, explorer: Explorer, credentials: Credentials): BuildFeature {
  const memory = new BuildMemory(ctx.extension.workspaceState);
  const diagnostics = ctx.own(new BuildDiagnostics());
  const built = ctx.own(new vscode.EventEmitter<BuiltImage>());
  const build = buildImage(ctx, explorer, credentials, memory, diagnostics, built);

  /** The Dockerfile a command acts on: the clicked file, the active editor's, or a pick. */
  const dockerfileTarget = async (args: unknown[]): Promise<vscode.Uri | undefined> => {
    const [first] = args;
    if (first instanceof vscode.Uri) return first;
    const active = vscode.window.activeTextEditor?.document;
    return pickDockerfile(memory, active?.uri);
  };

  ctx.registerEngineCommands({
    'dockyard.image.build': async (engine: Engine, ...args: unknown[]) => {
      const uri = await dockerfileTarget(args);
      if (uri) await build(engine, uri);
    },
    'dockyard.image.buildAgain': async (engine: Engine) => {
      const last = memory.last();
      if (!last) {
        const uri = await pickDockerfile(memory, vscode.window.activeTextEditor?.document.uri);
        if (uri) await build(engine, uri);
        return;
      }
      await build(engine, last.dockerfile, last.answers);
    },
    'dockyard.image.rebuild': async (engine: Engine, ...args: unknown[]) => {
      const [item] = args;
      let ref: string | undefined = item instanceof ImageTagItem && !item.image.dangling ? item.ref : undefined;
      if (!ref) {
        const known = (await engine.listImages()).flatMap((i) => i.repoTags).filter((t) => memory.dockerfileOf(t));
        if (!known.length) {
          void vscode.window.showInformationMessage(vscode.l10n.t('No image here was built from a Dockerfile of this workspace yet: use Build Image… first.'));
          return;
        }
        ref = await vscode.window.showQuickPick(known, { title: vscode.l10n.t('Rebuild image') });
        if (!ref) return;
      }
      const dockerfile = memory.dockerfileOf(ref);
      if (!dockerfile) {
        void vscode.window.showInformationMessage(vscode.l10n.t('{0} was not built from a Dockerfile of this workspace: use Build Image… on its Dockerfile.', ref));
        return;
      }
      const answers = memory.answers(dockerfile);
      await build(engine, dockerfile, { buildArgs: {}, noCache: false, pull: false, ...answers, tag: ref });
    },
  });

  return { build, diagnostics, onDidBuild: built.event };
}

// Wiring only: builds the Ctx and the shared services, and calls each feature's register.
// Features that need another's service get it passed in here (never through the Ctx).
import * as vscode from 'vscode';
import { registerCompose } from './compose/register';
import { registerDockerContexts } from './dockerContexts/register';
import { registerContainers } from './containers/register';
import { Ctx } from './ctx';
import { registerDockerfile } from './dockerfile/register';
import { ImageCache } from './imageCache/imageCache';
import { Explorer, registerExplorer } from './explorer/register';
import { registerImageBuild } from './imagebuild/register';
import { registerImages } from './images/register';
import { registerImageInsight } from './imageInsight/register';
import { registerNetworks } from './networks/register';
import { Credentials } from './credentials/credentials';
import { CredentialGate } from './credentials/credentialGate';
import { cliEngineGuard, confirmWorkspaceHost, confirmWorkspaceHostForCli } from './credentials/confirmHost';
import { registerRegistries } from './registries/register';
import { registerSwarm, SwarmViews } from './swarm/register';
import { registerSystem } from './system/register';
import { registerTerminals } from './terminals/register';
import { ReadOnlyDocuments } from './ui/documents';
import { registerVolumes } from './volumes/register';
import { registerContainerFiles } from './containerFiles/register';
import { registerContainerPorts } from './containerPorts/register';
import { registerDevContainers } from './devContainers/register';
import { LmTools, registerLmTools } from './lmTools/register';
import { registerComposeLanguage } from './compose/languageProviders';
import { setTranslator } from './shared/l10n';
import { registerDebug } from './debug/register';
import { describeError, describeErrorWithStack } from './shared/errors';

/** What activate() exports: the views, for extension-host tests and other extensions. */
export interface DockyardApi {
  explorer: Explorer | undefined;
  swarm: SwarmViews | undefined;
  /** The language-model tools by name (tests call prepareInvocation on them). */
  lmTools: LmTools | undefined;
}

export function activate(context: vscode.ExtensionContext): DockyardApi {
  // The vscode-free modules translate through src/shared/l10n: in the editor, with VS Code's bundle.
  setTranslator((message, ...args) => vscode.l10n.t(message, ...args));
  const ctx = new Ctx(context);
  context.subscriptions.push(ctx);
  ctx.log.info(`Display language: ${vscode.env.language}${vscode.l10n.bundle ? ' (translated)' : ''}`);
  // One feature failing to register must not take the others down with it; a feature that
  // needs a failed one says so instead of running half-wired.
  const feature = <T>(name: string, register: () => T): T | undefined => {
    try {
      return register();
    } catch (e) {
      ctx.log.error(`Dockyard: ${name} failed to start: ${describeErrorWithStack(e)}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Dockyard: {0} failed to start ({1}). See Output → Dockyard.', name, describeError(e)));
      return undefined;
    }
  };
  const needs = <T>(service: T | undefined, what: string): T => {
    if (service === undefined) throw new Error(vscode.l10n.t('it needs the {0}, which failed to start', what));
    return service;
  };
  const docs = ctx.own(new ReadOnlyDocuments());
  // Registry logins (SecretStorage): push/pull and login in registries/, private FROMs in builds.
  // An engine that the workspace's settings picked gets them only once the user confirmed that host.
  // The engine's images as completion and hover know them: one cache for Dockerfiles and compose files.
  const images = ctx.own(new ImageCache(ctx));
  // Compose and `docker stack` pass on the docker CLI's logins: the same gate before they run.
  const gate = new CredentialGate(ctx.extension.globalState, () => ctx.connection.hostFromWorkspaceSettings, confirmWorkspaceHost, confirmWorkspaceHostForCli);
  const credentials = new Credentials(ctx.extension.secrets, ctx.extension.globalState, gate);
  const confirmCliEngine = cliEngineGuard(gate);
  const explorer = feature('explorer', () => registerExplorer(ctx));
  feature('docker contexts', () => registerDockerContexts(ctx));
  feature('containers', () => registerContainers(ctx, docs, needs(explorer, 'explorer')));
  feature('images', () => registerImages(ctx, docs, needs(explorer, 'explorer')));
  feature('volumes', () => registerVolumes(ctx, docs));
  feature('networks', () => registerNetworks(ctx, docs));
  feature('system', () => registerSystem(ctx, docs));
  feature('registries', () => registerRegistries(ctx, docs, needs(explorer, 'explorer'), credentials));
  feature('terminals', () => registerTerminals(ctx));
  const build = feature('build', () => registerImageBuild(ctx, needs(explorer, 'explorer'), credentials));
  feature('compose', () => registerCompose(ctx, needs(explorer, 'explorer'), confirmCliEngine));
  feature('compose language', () => registerComposeLanguage(ctx, images));
  feature('Dockerfile language', () => registerDockerfile(ctx, images));
  feature('container files', () => registerContainerFiles(ctx, needs(explorer, 'explorer')));
  feature('container ports', () => registerContainerPorts(ctx));
  feature('image insight', () => registerImageInsight(ctx, needs(explorer, 'explorer'), docs, build?.onDidBuild));
  feature('Dev Containers hand-over', () => registerDevContainers(ctx));
  const swarm = feature('swarm', () => registerSwarm(ctx, docs, confirmCliEngine));
  const lmTools = feature('language-model tools', () => registerLmTools(ctx));
  feature('debugging in containers', () => registerDebug(ctx));
  ctx.connection.start();
  return { explorer, swarm, lmTools };
}

export function deactivate(): void {
  // Everything is owned by the Ctx in context.subscriptions.
}

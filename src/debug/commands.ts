// Debug in Container… (a folder, a file, or a compose service's container) and Attach Debugger
// (a running container whose process listens for one).
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { Engine } from '../engine/engine';
import { inspectForDebugger } from '../engine/debugContainer';
import { pickContainer } from '../explorer/pickContainer';
import { ContainerItem } from '../explorer/items';
import { DEBUG_TYPE, DetectedProject, detectProject, DockyardLaunchConfig, FALLBACK_IMAGE, launchConfigFor, pickRuntimeImage } from './detect';
import { folderView } from './folder';
import { DockyardDebugProvider, ENGINE_KEY } from './provider';

/** The folder (and, for a file, the program) a Debug in Container… started on. */
interface DebugTarget {
  dir: string;
  program?: string;
  image?: string;
  remoteRoot?: string;
}

async function pickWorkspaceFolder(title: string): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: title });
}

async function targetOf(engine: Engine, args: unknown[]): Promise<DebugTarget | undefined> {
  const [arg] = args;
  if (arg instanceof vscode.Uri && arg.scheme === 'file') {
    const stat = await vscode.workspace.fs.stat(arg);
    if (stat.type & vscode.FileType.Directory) return { dir: arg.fsPath };
    return { dir: path.dirname(arg.fsPath), program: path.basename(arg.fsPath) };
  }
  if (arg instanceof ContainerItem) {
    // A compose service: its project's folder, its image, its working directory.
    const c = arg.container;
    const dir = c.labels['com.docker.compose.project.working_dir'];
    if (!dir) {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} was not made by compose: use Debug in Container… on the folder of its program.', c.name));
      return undefined;
    }
    const info = (await engine.inspectContainer(c.id)) as { Config?: { WorkingDir?: string } };
    return { dir, image: c.image, remoteRoot: info.Config?.WorkingDir || undefined };
  }
  const folder = await pickWorkspaceFolder(vscode.l10n.t('Debug in Container'));
  return folder ? { dir: folder.uri.fsPath } : undefined;
}

/** Writes (or replaces, by name) one configuration in the folder's .vscode/launch.json. */
async function writeLaunchConfig(folder: vscode.WorkspaceFolder, config: DockyardLaunchConfig): Promise<void> {
  const launch = vscode.workspace.getConfiguration('launch', folder.uri);
  const current = launch.inspect<unknown[]>('configurations')?.workspaceFolderValue ?? [];
  const others = current.filter((c) => !(c && typeof c === 'object' && (c as { name?: unknown }).name === config.name));
  await launch.update('configurations', [...others, config], vscode.ConfigurationTarget.WorkspaceFolder);
  if (launch.inspect('version')?.workspaceFolderValue === undefined) await launch.update('version', '0.2.0', vscode.ConfigurationTarget.WorkspaceFolder);
}

export async function debugInContainer(ctx: Ctx, provider: DockyardDebugProvider, engine: Engine, args: unknown[]): Promise<void> {
  const target = await targetOf(engine, args);
  if (!target) return;
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(target.dir));
  if (!folder) {
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} is not in the workspace: open it as a workspace folder first (launch.json belongs to a workspace folder).', target.dir));
    return;
  }
  let project: DetectedProject | undefined = detectProject(folderView(target.dir));
  if (target.program) {
    const runtime = target.program.endsWith('.py') ? 'python' : target.program.endsWith('.js') || target.program.endsWith('.mjs') || target.program.endsWith('.cjs') ? 'node' : undefined;
    if (runtime) project = { runtime, program: target.program, args: [] };
  }
  if (!project) {
    void vscode.window.showErrorMessage(vscode.l10n.t('No Node.js program (package.json main or a "node …" start script) or Python program (*.py) found in {0}.', target.dir));
    return;
  }
  const image = target.image ?? pickRuntimeImage(project.runtime, await engine.listImages()) ?? FALLBACK_IMAGE[project.runtime];
  const config = launchConfigFor(project, image, target.remoteRoot);
  const rel = path.relative(folder.uri.fsPath, target.dir).split(path.sep).join('/');
  if (rel) {
    config.localRoot = `\${workspaceFolder}/${rel}`;
    config.name = vscode.l10n.t('Dockyard: Debug {0} in a container', `${rel}/${project.program}`);
  }
  const write = vscode.l10n.t('Write and Debug');
  const answer = await vscode.window.showInformationMessage(
    vscode.l10n.t('Debug in Container: add this configuration to {0}/.vscode/launch.json and start debugging on {1}?', folder.name, engine.host),
    { modal: true, detail: JSON.stringify(config, null, 2) },
    write,
  );
  if (answer !== write) return;
  await writeLaunchConfig(folder, config);
  ctx.log.info(`Debug in Container: wrote "${config.name}" to ${folder.name}/.vscode/launch.json`);
  await vscode.debug.startDebugging(folder, { ...config, [ENGINE_KEY]: provider.handOver(engine) });
}

export async function attachDebugger(ctx: Ctx, provider: DockyardDebugProvider, engine: Engine, args: unknown[]): Promise<void> {
  const c = await pickContainer(engine, args, vscode.l10n.t('Attach Debugger'), (x) => x.state === 'running');
  if (!c) return;
  const target = await inspectForDebugger(engine, c.id);
  if (!target) {
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} runs no process that listens for a debugger (node --inspect, debugpy --listen) and exposes neither 9229 nor 5678. Start it with one, or set "runtime" and "port".', c.name));
    return;
  }
  const folder = await pickWorkspaceFolder(vscode.l10n.t('Attach Debugger'));
  await vscode.debug.startDebugging(folder, {
    type: DEBUG_TYPE,
    request: 'attach',
    name: vscode.l10n.t('Dockyard: Attach to {0}', c.name),
    container: c.id,
    runtime: target.debugger.runtime,
    port: target.debugger.port,
    localRoot: folder ? folder.uri.fsPath : '/',
    remoteRoot: target.workingDir,
    [ENGINE_KEY]: provider.handOver(engine),
  });
}

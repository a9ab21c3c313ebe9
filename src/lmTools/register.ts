// Language-model tools (the editor's agent mode and chat participants call them): Dockyard's
// engine as tools. Each name is declared in package.json under contributes.languageModelTools and
// written out here beside its handler. Read-only tools answer at once; tools that change something
// (start, stop, restart, remove, run) make the editor ask the user first, every time.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { LmTool, lmToolHandlers } from './tools';

/** The registered tools by name (returned for extension-host tests). */
export type LmTools = Record<string, LmTool>;

export function registerLmTools(ctx: Ctx): LmTools {
  const t = lmToolHandlers(ctx);
  const tools: LmTools = {
    'dockyard_list_containers': t.listContainers,
    'dockyard_list_images': t.listImages,
    'dockyard_list_volumes': t.listVolumes,
    'dockyard_list_networks': t.listNetworks,
    'dockyard_container_logs': t.containerLogs,
    'dockyard_inspect': t.inspect,
    'dockyard_image_layers': t.imageLayers,
    'dockyard_dockerfile_diagnostics': t.dockerfileDiagnostics,
    'dockyard_compose_diagnostics': t.composeDiagnostics,
    'dockyard_start_container': t.startContainer,
    'dockyard_stop_container': t.stopContainer,
    'dockyard_restart_container': t.restartContainer,
    'dockyard_remove_container': t.removeContainer,
    'dockyard_run_image': t.runImage,
  };
  for (const [name, tool] of Object.entries(tools)) ctx.own(vscode.lm.registerTool(name, tool));
  return tools;
}

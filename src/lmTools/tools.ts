// The language-model tools' handlers: read the input (input.ts), pick the engine from the user's
// engine set, ask the engine, and answer with bounded plain text that names the engine (format.ts).
// Tools that change something return confirmation messages from prepareInvocation, so the editor
// asks the user (Continue / Cancel) before invoke runs; they ask every time, whatever the input says.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeError } from '../shared/errors';
import type { Ctx } from '../ctx';
import { analyzeCompose } from '../compose/language/analyze';
import { readDotenv } from '../compose/language/dotenv';
import { analyze as analyzeDockerfile } from '../dockerfile/analyze';
import type { Severity } from '../dockerfile/types';
import type { Engine } from '../engine/engine';
import { EngineError } from '../engine/errors';
import { imageHistory } from '../engine/images';
import { createContainer } from '../engine/run';
import { Demuxer } from '../engine/streams';
import { openLogs } from '../engine/containerStreams';
import { chooseEngine } from './engines';
import { buildCreateSpec } from '../engine/runOptions';
import {
  containerActionConfirmation, containersText, diagnosticsText, EngineLabel, engineLine, FileDiagnostic, imagesText, inspectText,
  layersText, logsText, matchesName, networksText, runConfirmation, volumesText,
} from './format';
import {
  ContainerAction, MAX_FILE_BYTES, MAX_INSPECT_BYTES, MAX_LOG_BYTES, MAX_ROWS, readContainerActionInput, readFileInput,
  readImageInput, readInspectInput, readListInput, readLogsInput, readRunInput, ToolInputError,
} from './input';
import { l10n } from '../shared/l10n';

/** A tool as registered: the editor's interface, with input checked by hand. */
export type LmTool = vscode.LanguageModelTool<unknown>;

function answer(text: string): vscode.LanguageModelToolResult {
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(text)]);
}

/** Where a tool acts: the engine and how answers name it. */
interface Target {
  engine: Engine;
  label: EngineLabel;
}

/**
 * The engine a tool acts on: the active engine, or the one of the user's engine set (Dockyard's
 * views: the active engine and those pinned in the user's dockyard.engines) the input names.
 * Nothing in the workspace adds to that set (dockyard.engines is a machine setting and dockyard.host
 * from an untrusted workspace is ignored); in an untrusted workspace, tools that change something act
 * only on the active engine.
 */
export function targetEngine(ctx: Ctx, name: string | undefined, mutating: boolean): Target {
  const shown = ctx.engines.shown.map((s) => ({ name: s.spec.name, active: s.spec.active, shown: s }));
  const chosen = chooseEngine(shown, name, mutating, vscode.workspace.isTrusted).shown;
  const label = { name: chosen.spec.name, host: chosen.state.resolved?.host ?? chosen.spec.target };
  let engine: Engine;
  try {
    engine = chosen.engine;
  } catch (e) {
    throw new Error(`${engineLine(label)}\n${describeError(e)}`);
  }
  return { engine, label };
}

/** Runs fn against the engine; an engine error comes back naming the engine. */
async function onEngine<T>(t: Target, fn: (engine: Engine) => Promise<T>): Promise<T> {
  try {
    return await fn(t.engine);
  } catch (e) {
    if (e instanceof EngineError) throw new Error(`${engineLine(t.label)}\n${e.message}`);
    throw e;
  }
}

function cancelled(token: vscode.CancellationToken): void {
  if (token.isCancellationRequested) throw new vscode.CancellationError();
}

/** The workspace file a diagnostics tool reads: absolute, or relative to a workspace folder; never outside them. */
async function workspaceDocument(p: string): Promise<vscode.TextDocument> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const candidates = path.isAbsolute(p) ? [vscode.Uri.file(p)] : folders.map((f) => vscode.Uri.joinPath(f.uri, p));
  for (const uri of candidates) {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) return open;
    if (!vscode.workspace.getWorkspaceFolder(uri)) continue;
    let stat: vscode.FileStat;
    try { stat = await vscode.workspace.fs.stat(uri); } catch { continue; }
    if (stat.type & vscode.FileType.Directory) throw new ToolInputError(vscode.l10n.t('"path": {0} is a folder, not a file.', p));
    if (stat.size > MAX_FILE_BYTES) throw new ToolInputError(vscode.l10n.t('"path": {0} is larger than {1} bytes.', p, MAX_FILE_BYTES));
    return vscode.workspace.openTextDocument(uri);
  }
  if (path.isAbsolute(p) && !vscode.workspace.getWorkspaceFolder(vscode.Uri.file(p))) {
    throw new ToolInputError(vscode.l10n.t('"path": {0} is not inside an open workspace folder (nor an open editor).', p));
  }
  throw new ToolInputError(vscode.l10n.t('"path": {0} was not found in the workspace.', p));
}

function relativeName(doc: vscode.TextDocument): string {
  return vscode.workspace.asRelativePath(doc.uri, false);
}

function toFileDiagnostics(doc: vscode.TextDocument, list: readonly { start: number; severity: string; code: string; message: string }[]): FileDiagnostic[] {
  return list.map((d) => {
    const pos = doc.positionAt(d.start);
    return { line: pos.line + 1, column: pos.character + 1, severity: d.severity, code: d.code, message: d.message };
  });
}

const ACTIONS: Record<ContainerAction, (e: Engine, id: string, force: boolean) => Promise<void>> = {
  start: (e, id) => e.startContainer(id),
  stop: (e, id) => e.stopContainer(id),
  restart: (e, id) => e.restartContainer(id),
  remove: (e, id, force) => e.removeContainer(id, { force }),
};

function containerActionTool(ctx: Ctx, action: ContainerAction): LmTool {
  return {
    prepareInvocation(options) {
      const input = readContainerActionInput(action, options.input);
      const t = targetEngine(ctx, input.engine, true);
      const confirmation = containerActionConfirmation(action, t.label, input.container, input.force);
      return { invocationMessage: confirmation.title, confirmationMessages: confirmation };
    },
    async invoke(options, token) {
      const input = readContainerActionInput(action, options.input);
      const t = targetEngine(ctx, input.engine, true);
      cancelled(token);
      await onEngine(t, (e) => ACTIONS[action](e, input.container, input.force));
      const state = action === 'remove' ? undefined
        : await onEngine(t, async (e) => ((await e.inspectContainer(input.container)).State as { Status?: string } | undefined)?.Status);
      const done = {
        start: vscode.l10n.t('Started container {0}.', input.container),
        stop: vscode.l10n.t('Stopped container {0}.', input.container),
        restart: vscode.l10n.t('Restarted container {0}.', input.container),
        remove: vscode.l10n.t('Removed container {0}.', input.container),
      }[action];
      return answer([engineLine(t.label), done, ...(state ? [vscode.l10n.t('State now: {0}', state)] : [])].join('\n'));
    },
  };
}

/** Every tool, by the name package.json declares it under (register.ts writes the names out). */
export function lmToolHandlers(ctx: Ctx) {
  const read = (fn: (input: unknown, token: vscode.CancellationToken) => Promise<string>): LmTool => ({
    async invoke(options, token) {
      return answer(await fn(options.input, token));
    },
  });

  return {
    listContainers: read(async (raw) => {
      const input = readListInput('containers', raw);
      const t = targetEngine(ctx, input.engine, false);
      const list = (await onEngine(t, (e) => e.listContainers()))
        .filter((c) => (input.all || c.state === 'running') && matchesName([c.name, c.id], input.name))
        .sort((a, b) => a.name.localeCompare(b.name));
      return containersText(t.label, list, input.limit);
    }),

    listImages: read(async (raw) => {
      const input = readListInput('images', raw);
      const t = targetEngine(ctx, input.engine, false);
      const list = (await onEngine(t, (e) => e.listImages()))
        .filter((i) => matchesName([...i.repoTags, i.id.replace(/^sha256:/, '')], input.name))
        .sort((a, b) => b.created - a.created);
      return imagesText(t.label, list, input.limit);
    }),

    listVolumes: read(async (raw) => {
      const input = readListInput('volumes', raw);
      const t = targetEngine(ctx, input.engine, false);
      const list = (await onEngine(t, (e) => e.listVolumes())).filter((v) => matchesName([v.name], input.name)).sort((a, b) => a.name.localeCompare(b.name));
      return volumesText(t.label, list, input.limit);
    }),

    listNetworks: read(async (raw) => {
      const input = readListInput('networks', raw);
      const t = targetEngine(ctx, input.engine, false);
      const list = (await onEngine(t, (e) => e.listNetworks())).filter((n) => matchesName([n.name, n.id], input.name)).sort((a, b) => a.name.localeCompare(b.name));
      return networksText(t.label, list, input.limit);
    }),

    containerLogs: read(async (raw, token) => {
      const input = readLogsInput(raw);
      const t = targetEngine(ctx, input.engine, false);
      const stream = await onEngine(t, (e) => openLogs(e, input.container, { follow: false, tail: input.tail, since: input.since }, l10n.t('Container {0}', input.container)));
      // Not followed: the engine sends what it has and ends. Stdout and stderr stay in order; the
      // text is kept bounded while it arrives (twice the cap, then cut to the cap when done).
      const pieces: Buffer[] = [];
      let held = 0;
      let dropped = 0;
      const demux = new Demuxer((_kind, payload) => {
        pieces.push(Buffer.from(payload));
        held += payload.length;
        while (held > 2 * MAX_LOG_BYTES && pieces.length > 1) {
          const first = pieces.shift()!.length;
          held -= first;
          dropped += first;
        }
      });
      for await (const chunk of stream) {
        cancelled(token);
        demux.push(chunk as Buffer);
      }
      return logsText(t.label, input.container, Buffer.concat(pieces).toString('utf8'), { tail: input.tail, sinceText: input.sinceText, maxBytes: MAX_LOG_BYTES, alreadyCut: dropped });
    }),

    inspect: read(async (raw) => {
      const input = readInspectInput(raw);
      const t = targetEngine(ctx, input.engine, false);
      const data = await onEngine(t, (e) => input.kind === 'container' ? e.inspectContainer(input.target)
        : input.kind === 'image' ? e.inspectImage(input.target)
          : input.kind === 'volume' ? e.inspectVolume(input.target) : e.inspectNetwork(input.target));
      return inspectText(t.label, input.kind, input.target, data, MAX_INSPECT_BYTES);
    }),

    imageLayers: read(async (raw) => {
      const input = readImageInput(raw);
      const t = targetEngine(ctx, input.engine, false);
      const history = await onEngine(t, (e) => imageHistory(e, input.image));
      return layersText(t.label, input.image, history, MAX_ROWS);
    }),

    dockerfileDiagnostics: read(async (raw) => {
      const input = readFileInput(raw);
      const doc = await workspaceDocument(input.path);
      const cfg = vscode.workspace.getConfiguration('dockyard.dockerfile', doc.uri);
      const analysis = analyzeDockerfile(doc.getText(), {
        rules: cfg.get<Record<string, Severity | 'off'>>('rules', {}),
        experimental: cfg.get<boolean>('experimentalChecks', false),
      });
      return diagnosticsText(relativeName(doc), vscode.l10n.t('Dockerfile'), toFileDiagnostics(doc, analysis.diagnostics), MAX_ROWS);
    }),

    composeDiagnostics: read(async (raw) => {
      const input = readFileInput(raw);
      const doc = await workspaceDocument(input.path);
      const file = doc.uri.scheme === 'file' ? doc.uri.fsPath : undefined;
      const analysis = analyzeCompose(doc.getText(), {
        file,
        environment: process.env as Record<string, string | undefined>,
        dotenv: file ? readDotenv(path.dirname(file)) : undefined,
        home: os.homedir(),
      });
      return diagnosticsText(relativeName(doc), vscode.l10n.t('Compose file'), toFileDiagnostics(doc, analysis.diagnostics), MAX_ROWS);
    }),

    startContainer: containerActionTool(ctx, 'start'),
    stopContainer: containerActionTool(ctx, 'stop'),
    restartContainer: containerActionTool(ctx, 'restart'),
    removeContainer: containerActionTool(ctx, 'remove'),

    runImage: {
      prepareInvocation(options) {
        const input = readRunInput(options.input);
        const t = targetEngine(ctx, input.engine, true);
        return {
          invocationMessage: vscode.l10n.t('Running {0} on {1}', input.image, t.label.name),
          confirmationMessages: runConfirmation(t.label, input),
        };
      },
      async invoke(options, token) {
        const input = readRunInput(options.input);
        const t = targetEngine(ctx, input.engine, true);
        const built = buildCreateSpec({
          image: input.image, name: input.name, detached: true, remove: false, ports: input.ports, publishAll: false,
          volumes: [], volumesFrom: [], env: input.env,
        });
        if (!built.ok) throw new ToolInputError(built.reason);
        const spec = built.value;
        if (input.command) spec.Cmd = input.command;
        cancelled(token);
        const created = await onEngine(t, (e) => createContainer(e, spec));
        await onEngine(t, (e) => e.startContainer(created.id));
        return answer([
          engineLine(t.label),
          vscode.l10n.t('Started container {0} ({1}) from image {2}.', created.name, created.id.slice(0, 12), input.image),
        ].join('\n'));
      },
    } satisfies LmTool,
  };
}

export type LmToolHandlers = ReturnType<typeof lmToolHandlers>;

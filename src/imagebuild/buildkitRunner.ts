// The BuildKit half of runBuild: the session's inputs (registry logins, secrets, ssh-agent),
// the network a RUN step gets on engines without a bridge, the build itself, its progress as
// buildx-style text, and the outcome with the failure and warnings placed in the Dockerfile.
// No vscode.
import * as path from 'node:path';
import type { Engine } from '../engine/engine';
import { isEngineError } from '../engine/errors';
import { buildWithBuildKit, explainBuildKitError, hasBridgeNetwork } from '../engine/buildkit/build';
import { BuildTrace } from '../engine/buildkit/trace';
import { EngineError } from '../engine/errors';
import { BuildKitOutput, instructionForVertex } from './buildkitOutput';
import { ContextError, ContextPlan, packContext } from './context';
import type { DockerfileInfo } from './dockerfileInfo';
import type { BuildFailure, Step } from './output';
import type { BuildWarning } from './buildkitOutput';
import type { RegistryLogin, SecretSource } from '../engine/buildkit/session';
import { l10n } from '../shared/l10n';
import { describeError } from '../shared/errors';
import { DIM, RESET } from '../shared/ansi';
import type { StepTiming } from '../engine/models';

/** A build's options; runner.ts's BuildJob adds the Dockerfile and the builder choice (classic builds ignore the BuildKit-only ones). */
export interface BuildKitJob {
  contextDir: string;
  tag?: string;
  target?: string;
  buildArgs?: Record<string, string>;
  noCache?: boolean;
  pull?: boolean;
  labels?: Record<string, string>;
  /** BuildKit only: --platform, --network, --cache-from, secrets, ssh-agent, registry logins. */
  platform?: string;
  networkMode?: string;
  cacheFrom?: string[];
  secrets?: SecretSource[];
  sshAgentSocket?: string;
  credentials?: (host: string) => Promise<RegistryLogin | undefined>;
}

export interface BuildKitHooks {
  onText?: (text: string) => void;
  onStep?: (step: Step) => void;
}

interface Facts { builder: 'buildkit'; warnings?: BuildWarning[]; summary?: string }
/** How long each Dockerfile instruction took in the build (from BuildKit's trace), or that it came from the cache. */
export type BuildKitResult =
  | { outcome: 'succeeded'; imageId?: string; tags: string[]; plan: ContextPlan; ms: number; steps?: StepTiming[] } & Facts
  | { outcome: 'failed'; failure: BuildFailure; plan?: ContextPlan; ms: number } & Facts
  | { outcome: 'cancelled'; plan?: ContextPlan; ms: number } & Facts;


export async function runBuildKit(
  engine: Engine,
  job: BuildKitJob,
  plan: ContextPlan,
  dockerfile: { info: DockerfileInfo; text: string },
  hooks: BuildKitHooks,
  signal: AbortSignal | undefined,
  ms: () => number,
): Promise<BuildKitResult> {
  const say = (line: string) => hooks.onText?.(`${DIM}${line}${RESET}\r\n`);
  let networkMode = job.networkMode;
  if (!networkMode) {
    const bridge = await hasBridgeNetwork(engine).catch(() => true);
    if (!bridge) {
      networkMode = 'none';
      say(l10n.t('This engine has no bridge network: RUN steps run with --network=none (set dockyard.build.networkMode to "host" for network access).'));
    }
  }
  const trace = new BuildTrace();
  const out = new BuildKitOutput(trace);
  let lastProgress = '';
  try {
    const r = await buildWithBuildKit(engine, packContext(plan), {
      dockerfile: plan.dockerfile,
      tags: job.tag ? [job.tag] : undefined,
      target: job.target,
      buildArgs: job.buildArgs,
      noCache: job.noCache,
      pull: job.pull,
      labels: job.labels,
      platform: job.platform,
      networkMode,
      cacheFrom: job.cacheFrom,
      secrets: job.secrets,
      sshAgentSocket: job.sshAgentSocket,
      credentials: job.credentials,
      sessionName: path.basename(job.contextDir),
      signal,
    }, trace, (e) => {
      let text = '';
      if (e.type === 'trace') text = out.render(e.events);
      else if (e.type === 'error') text = out.renderError(explainBuildKitError(e.message));
      else if (e.type === 'image') out.imageId = e.id;
      else if (e.type === 'text') text = `${DIM}${e.text.replace(/\r?\n/g, '\r\n')}${RESET}`;
      if (text) hooks.onText?.(text);
      const p = out.progress();
      const key = `${p.done}/${p.total}/${p.current ?? ''}`;
      if (key !== lastProgress && p.total) {
        lastProgress = key;
        hooks.onStep?.({ n: p.done, total: p.total, text: p.current ?? '' });
      }
    });
    out.imageId = r.imageId ?? out.imageId;
    if (r.activity.secretsMissing.length) {
      say(l10n.t('Secrets the build asked for but were not given: {0}.', [...new Set(r.activity.secretsMissing)].join(', ')));
    }
  } catch (e) {
    if (isEngineError(e, 'cancelled')) return { outcome: 'cancelled', plan, ms: ms(), builder: 'buildkit' };
    if (e instanceof ContextError) return { outcome: 'failed', failure: { message: e.message, detail: e.message }, plan, ms: ms(), builder: 'buildkit' };
    if (e instanceof EngineError && (e.kind === 'badRequest' || e.kind === 'unknown' || e.kind === 'notFound')) {
      hooks.onText?.(out.renderError(explainBuildKitError(e.message)));
    } else {
      // The engine went away (or anything else broke the stream): a failed outcome with a message a
      // person can act on, so that the caller still ends its terminal.
      const message = describeError(e);
      return { outcome: 'failed', failure: { message, detail: message }, plan, ms: ms(), builder: 'buildkit' };
    }
  }
  const warnings = out.warnings(dockerfile.info, dockerfile.text);
  const summary = out.summary();
  const failure = out.failure(dockerfile.info, dockerfile.text);
  if (failure) return { outcome: 'failed', failure, plan, ms: ms(), builder: 'buildkit', warnings, summary };
  if (!out.imageId) {
    const message = l10n.t('The engine closed the connection during the build ({0}) without producing an image.', engine.host);
    return { outcome: 'failed', failure: { message, detail: message }, plan, ms: ms(), builder: 'buildkit', warnings, summary };
  }
  hooks.onText?.(`\r\n${DIM}${summary}${RESET}\r\n`);
  const steps: StepTiming[] = [];
  for (const s of trace.ordered) {
    const ins = instructionForVertex(dockerfile.info, dockerfile.text, s.name);
    if (!ins) continue;
    steps.push({ startLine: ins.range.startLine, cached: s.cached, ms: s.started !== undefined && s.completed !== undefined ? Math.max(0, s.completed - s.started) : undefined });
  }
  return { outcome: 'succeeded', imageId: out.imageId, tags: job.tag ? [job.tag] : [], plan, ms: ms(), builder: 'buildkit', warnings, summary, steps };
}

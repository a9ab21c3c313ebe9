// One build from start to end: plan the context, let the caller confirm its size, send it,
// follow the output, and say how it ended (image, or a failure placed in the Dockerfile).
// No vscode: the commands and the engine tests both drive it.
import * as fs from 'node:fs';
import { l10n } from '../shared/l10n';
import type { Engine } from '../engine/engine';
import { buildImage } from '../engine/build';
import { isEngineError } from '../engine/errors';
import { EngineError } from '../engine/errors';
import { ContextError, ContextPlan, packContext, planContext } from './context';
import { DockerfileInfo, analyzeDockerfile } from './dockerfileInfo';
import { BuildFailure, BuildOutput, Step } from './output';
import { BuilderSetting, chooseBuilder, probeBuilder } from '../engine/buildkit/detect';
import type { BuildWarning } from './buildkitOutput';
import { BuildKitJob, runBuildKit } from './buildkitRunner';
import type { StepTiming } from '../engine/models';
import { fromRegistryHosts } from './registryHosts';
import { describeError } from '../shared/errors';
import { DIM, RESET } from '../shared/ansi';

/** One build for either builder: what the BuildKit runner takes, plus the Dockerfile and the builder choice. */
export interface BuildJob extends BuildKitJob {
  dockerfilePath: string;
  /** `dockyard.build.builder`: auto (BuildKit when the engine offers it), buildkit, classic. */
  builder?: BuilderSetting;
}

export interface BuildHooks {
  /** Called once the context is known; return false to stop before anything is sent. */
  confirmContext?: (plan: ContextPlan) => boolean | Promise<boolean>;
  /** Terminal text (CRLF line ends). */
  onText?: (text: string) => void;
  onStep?: (step: Step) => void;
}

/** Which builder ran, BuildKit's warnings (placed in the Dockerfile) and its "9 steps, 3 cached". */
interface BuildFacts { builder?: 'buildkit' | 'classic'; warnings?: BuildWarning[]; summary?: string }

export type BuildResult =
  | { outcome: 'succeeded'; imageId?: string; tags: string[]; plan: ContextPlan; ms: number; steps?: StepTiming[] } & BuildFacts
  | { outcome: 'failed'; failure: BuildFailure; plan?: ContextPlan; ms: number } & BuildFacts
  | { outcome: 'cancelled'; plan?: ContextPlan; ms: number } & BuildFacts;

export async function runBuild(engine: Engine, job: BuildJob, hooks: BuildHooks = {}, signal?: AbortSignal): Promise<BuildResult> {
  const started = Date.now();
  const ms = () => Date.now() - started;
  let info: DockerfileInfo | undefined;
  let text: string;
  try {
    text = await fs.promises.readFile(job.dockerfilePath, 'utf8');
    info = analyzeDockerfile(text);
  } catch (e) {
    return { outcome: 'failed', failure: { message: l10n.t('Cannot read {0}: {1}', job.dockerfilePath, (e as Error).message), detail: (e as Error).message }, ms: ms() };
  }
  let plan: ContextPlan;
  try {
    plan = await planContext(job.contextDir, job.dockerfilePath);
  } catch (e) {
    if (e instanceof ContextError) return { outcome: 'failed', failure: { message: e.message, detail: e.message }, ms: ms() };
    throw e;
  }
  if (hooks.confirmContext && !(await hooks.confirmContext(plan))) return { outcome: 'cancelled', plan, ms: ms() };
  if (signal?.aborted) return { outcome: 'cancelled', plan, ms: ms() };

  const choice = chooseBuilder(job.builder ?? 'auto', await probeBuilder(engine).catch(() => ({})));
  if (choice.reason) hooks.onText?.(`${DIM}${choice.reason}${RESET}\r\n`);
  if (choice.builder === 'buildkit') return runBuildKit(engine, job, plan, { info, text }, hooks, signal, ms);
  if (job.platform || job.cacheFrom?.length || job.secrets?.length) {
    hooks.onText?.(`${DIM}${l10n.t('--platform, --cache-from and secrets need BuildKit: the classic builder ignores them.')}${RESET}\r\n`);
  }

  // The classic builder takes every login up front: those of the registries the FROM lines name.
  const registryConfig: Record<string, { username: string; password: string }> = {};
  if (job.credentials) {
    for (const host of fromRegistryHosts(text, job.buildArgs)) {
      const login = await job.credentials(host).catch(() => undefined);
      if (login) registryConfig[host === 'docker.io' ? 'https://index.docker.io/v1/' : host] = { username: login.username, password: login.password };
    }
  }

  const out = new BuildOutput();
  let lastStep: Step | undefined;
  try {
    await buildImage(engine, packContext(plan), {
      registryConfig,
      dockerfile: plan.dockerfile,
      tags: job.tag ? [job.tag] : undefined,
      target: job.target,
      buildArgs: job.buildArgs,
      noCache: job.noCache,
      pull: job.pull,
      labels: job.labels,
      signal,
    }, (m) => {
      const text = out.add(m);
      if (text) hooks.onText?.(text);
      if (out.step && out.step !== lastStep) {
        lastStep = out.step;
        hooks.onStep?.(out.step);
      }
    });
  } catch (e) {
    if (isEngineError(e, 'cancelled')) return { outcome: 'cancelled', plan, ms: ms() };
    if (e instanceof ContextError) return { outcome: 'failed', failure: { message: e.message, detail: e.message }, plan, ms: ms() };
    // A 400/500 before any output: the engine rejected the Dockerfile or the options.
    if (e instanceof EngineError && (e.kind === 'badRequest' || e.kind === 'unknown' || e.kind === 'notFound')) out.refused(e.message);
    else {
      // The engine went away (or anything else broke the stream): the build failed, with a message
      // a person can act on, and the caller still gets an outcome to end its terminal with.
      const message = describeError(e);
      return { outcome: 'failed', failure: { message, detail: [...out.lastLines(5), message].join('\n') }, plan, ms: ms() };
    }
  }
  const failure = out.failure(info);
  if (failure) return { outcome: 'failed', failure, plan, ms: ms() };
  if (!out.imageId) {
    // The stream ended without an image or an error: the connection dropped mid-build.
    return { outcome: 'failed', failure: { message: l10n.t('The engine closed the connection during the build ({0}) without producing an image.', engine.host), detail: out.lastLines(5).join('\n') }, plan, ms: ms() };
  }
  return { outcome: 'succeeded', imageId: out.imageId, tags: out.tags, plan, ms: ms() };
}

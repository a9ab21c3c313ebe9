// One build from start to end: plan the context, let the caller confirm its size, send it,
// follow the output, and say how it ended (image, or a failure placed in the Dockerfile).
// No vscode: the commands and the engine tests both drive it.
import * as fs from 'node:fs';
import type { Engine } from '../engine/engine';
import { BuildCancelledError, buildImage } from '../engine/build';
import { EngineError } from '../engine/errors';
import { ContextError, ContextPlan, packContext, planContext } from './context';
import { DockerfileInfo, analyzeDockerfile } from './dockerfileInfo';
import { BuildFailure, BuildOutput, Step } from './output';

export interface BuildJob {
  dockerfilePath: string;
  contextDir: string;
  tag?: string;
  target?: string;
  buildArgs?: Record<string, string>;
  noCache?: boolean;
  pull?: boolean;
  labels?: Record<string, string>;
}

export interface BuildHooks {
  /** Called once the context is known; return false to stop before anything is sent. */
  confirmContext?: (plan: ContextPlan) => boolean | Promise<boolean>;
  /** Terminal text (CRLF line ends). */
  onText?: (text: string) => void;
  onStep?: (step: Step) => void;
}

export type BuildResult =
  | { outcome: 'succeeded'; imageId?: string; tags: string[]; plan: ContextPlan; ms: number }
  | { outcome: 'failed'; failure: BuildFailure; plan?: ContextPlan; ms: number }
  | { outcome: 'cancelled'; plan?: ContextPlan; ms: number };

export async function runBuild(engine: Engine, job: BuildJob, hooks: BuildHooks = {}, signal?: AbortSignal): Promise<BuildResult> {
  const started = Date.now();
  const ms = () => Date.now() - started;
  let info: DockerfileInfo | undefined;
  try {
    info = analyzeDockerfile(await fs.promises.readFile(job.dockerfilePath, 'utf8'));
  } catch (e) {
    return { outcome: 'failed', failure: { message: `Cannot read ${job.dockerfilePath}: ${(e as Error).message}`, detail: (e as Error).message }, ms: ms() };
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

  const out = new BuildOutput();
  let lastStep: Step | undefined;
  try {
    await buildImage(engine, packContext(plan), {
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
    if (e instanceof BuildCancelledError) return { outcome: 'cancelled', plan, ms: ms() };
    if (e instanceof ContextError) return { outcome: 'failed', failure: { message: e.message, detail: e.message }, plan, ms: ms() };
    // A 400/500 before any output: the engine rejected the Dockerfile or the options.
    if (e instanceof EngineError && (e.kind === 'badRequest' || e.kind === 'unknown' || e.kind === 'notFound')) out.refused(e.message);
    else {
      // The engine went away (or anything else broke the stream): the build failed, with a message
      // a person can act on, and the caller still gets an outcome to end its terminal with.
      const message = e instanceof Error ? e.message : String(e);
      return { outcome: 'failed', failure: { message, detail: [...out.lastLines(5), message].join('\n') }, plan, ms: ms() };
    }
  }
  const failure = out.failure(info);
  if (failure) return { outcome: 'failed', failure, plan, ms: ms() };
  if (!out.imageId) {
    // The stream ended without an image or an error: the connection dropped mid-build.
    return { outcome: 'failed', failure: { message: `The engine closed the connection during the build (${engine.host}) without producing an image.`, detail: out.lastLines(5).join('\n') }, plan, ms: ms() };
  }
  return { outcome: 'succeeded', imageId: out.imageId, tags: out.tags, plan, ms: ms() };
}

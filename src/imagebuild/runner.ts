// One build from start to end, for either builder: read the Dockerfile once, plan the context,
// let the caller confirm its size, pick the builder, send it, and say how it ended (image, or a
// failure placed in the Dockerfile). No vscode: the commands and the engine tests both drive it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { l10n } from '../shared/l10n';
import type { Engine } from '../engine/engine';
import { EngineError, isEngineError } from '../engine/errors';
import type { BuildKitRequest } from '../engine/buildkit/build';
import { chooseBuilder, probeBuilder } from '../engine/buildkit/detect';
import { describeError } from '../shared/errors';
import { DIM, RESET } from '../shared/ansi';
import { BuildInput, readBuildInput } from './buildInput';
import { ContextError, ContextPlan, planContext } from './context';
import { classicBuilder } from './classicBuilder';
import { buildKitBuilder } from './buildkitBuilder';
import type { BuildFailure, BuildHooks, BuildJob, BuildResult } from './job';

/** Errors with which the engine refuses a build request before any output (the Dockerfile or the options). */
const REFUSED = new Set(['badRequest', 'unknown', 'notFound']);

export async function runBuild(engine: Engine, job: BuildJob, hooks: BuildHooks = {}, signal?: AbortSignal): Promise<BuildResult> {
  const started = Date.now();
  const ms = () => Date.now() - started;
  const failed = (message: string, detail: string, more: Omit<Extract<BuildResult, { outcome: 'failed' }>, 'outcome' | 'failure' | 'ms'> = {}): BuildResult => ({ outcome: 'failed', failure: { message, detail } satisfies BuildFailure, ms: ms(), ...more });

  let input: BuildInput;
  try {
    input = job.input ?? readBuildInput(await fs.promises.readFile(job.dockerfilePath, 'utf8'));
  } catch (e) {
    return failed(l10n.t('Cannot read {0}: {1}', job.dockerfilePath, describeError(e)), describeError(e));
  }
  let plan: ContextPlan;
  try {
    plan = await planContext(job.contextDir, job.dockerfilePath, { dockerfileText: input.text });
  } catch (e) {
    if (e instanceof ContextError) return failed(e.message, e.message);
    throw e;
  }
  if (hooks.confirmContext && !(await hooks.confirmContext(plan))) return { outcome: 'cancelled', plan, ms: ms() };
  if (signal?.aborted) return { outcome: 'cancelled', plan, ms: ms() };

  const choice = chooseBuilder(job.builder ?? 'auto', await probeBuilder(engine).catch(() => ({})));
  if (choice.reason) hooks.onText?.(`${DIM}${choice.reason}${RESET}\r\n`);
  const { dockerfilePath: _path, input: _input, contextDir, tag, builder: _setting, ...options } = job;
  const request: BuildKitRequest = { ...options, dockerfile: plan.dockerfile, tags: tag ? [tag] : undefined, sessionName: path.basename(contextDir), signal };
  const builder = (choice.builder === 'buildkit' ? buildKitBuilder : classicBuilder)(engine, request, input, hooks);
  const facts = { plan, builder: builder.name };

  try {
    await builder.run(plan);
  } catch (e) {
    if (isEngineError(e, 'cancelled')) return { outcome: 'cancelled', ms: ms(), ...facts };
    if (e instanceof ContextError) return failed(e.message, e.message, facts);
    if (e instanceof EngineError && REFUSED.has(e.kind)) builder.refused(e.message);
    else {
      // The engine went away (or anything else broke the stream): the build failed, with a message
      // a person can act on, and the caller still gets an outcome to end its terminal with.
      const message = describeError(e);
      return failed(message, [...builder.lastLines(5), message].join('\n'), facts);
    }
  }
  const end = builder.end();
  const more = { ...facts, warnings: end.warnings, summary: end.summary };
  if (end.failure) return { outcome: 'failed', failure: end.failure, ms: ms(), ...more };
  if (!end.imageId) {
    // The stream ended without an image or an error: the connection dropped mid-build.
    const message = l10n.t('The engine closed the connection during the build ({0}) without producing an image.', engine.host);
    return failed(message, [...builder.lastLines(5), message].join('\n'), more);
  }
  if (end.summary) hooks.onText?.(`\r\n${DIM}${end.summary}${RESET}\r\n`);
  return { outcome: 'succeeded', imageId: end.imageId, tags: end.tags, steps: end.steps, ms: ms(), ...more };
}

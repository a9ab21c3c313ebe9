// One build, whichever builder runs it: the job, the hooks that follow it, how it ended, and
// the small part each builder (classicBuilder.ts, buildkitBuilder.ts) adds. runner.ts runs it.
// No vscode.
import type { BuildKitRequest } from '../engine/buildkit/build';
import type { BuilderSetting } from '../engine/buildkit/detect';
import type { StepTiming } from '../engine/models';
import type { BuildInput, LineRange } from './buildInput';
import type { ContextPlan } from './context';

/** The engine request's options a job passes on as they are (the classic builder ignores the BuildKit-only ones). */
export type BuildOptions = Omit<BuildKitRequest, 'dockerfile' | 'tags' | 'registryConfig' | 'sessionName' | 'signal'>;

export interface BuildJob extends BuildOptions {
  dockerfilePath: string;
  /** The Dockerfile as read and parsed once for this build; read from dockerfilePath when absent. */
  input?: BuildInput;
  contextDir: string;
  tag?: string;
  /** `dockyard.build.builder`: auto (BuildKit when the engine offers it), buildkit, classic. */
  builder?: BuilderSetting;
}

export interface Step {
  n: number;
  total: number;
  /** "RUN make" */
  text: string;
}

export interface BuildFailure {
  message: string;
  /** Where it belongs, when it can be placed. */
  range?: LineRange;
  /** The step that failed, if the builder got that far. */
  step?: Step;
  /** The error and the last lines the step printed, for the diagnostic. */
  detail: string;
}

export interface BuildWarning {
  message: string;
  range?: LineRange;
  /** The check's name when BuildKit links to its documentation (e.g. JSONArgsRecommended). */
  code?: string;
  url?: string;
}

export interface BuildHooks {
  /** Called once the context is known; return false to stop before anything is sent. */
  confirmContext?: (plan: ContextPlan) => boolean | Promise<boolean>;
  /** Terminal text (CRLF line ends). */
  onText?: (text: string) => void;
  onStep?: (step: Step) => void;
}

export type BuilderName = 'classic' | 'buildkit';

/** Which builder ran, BuildKit's warnings (placed in the Dockerfile) and its "9 steps, 3 cached". */
interface BuildFacts { builder?: BuilderName; warnings?: BuildWarning[]; summary?: string }

export type BuildResult =
  | { outcome: 'succeeded'; imageId?: string; tags: string[]; plan: ContextPlan; ms: number; steps?: StepTiming[] } & BuildFacts
  | { outcome: 'failed'; failure: BuildFailure; plan?: ContextPlan; ms: number } & BuildFacts
  | { outcome: 'cancelled'; plan?: ContextPlan; ms: number } & BuildFacts;

/** What a builder's output says about how the build ended. */
export interface BuildEnd {
  /** The failure, placed in the Dockerfile where it can be. */
  failure?: BuildFailure;
  imageId?: string;
  tags: string[];
  warnings?: BuildWarning[];
  summary?: string;
  /** How long each instruction took (or that it came from the cache). */
  steps?: StepTiming[];
}

/**
 * The part of a build that depends on the builder: sending it and reading its output. Reading
 * the Dockerfile, the context, the errors a call ends with and the outcome are runner.ts's.
 */
export interface Builder {
  readonly name: BuilderName;
  /** Sends the build (packing the planned context) and follows its output to the end; throws what the engine call throws. */
  run(plan: ContextPlan): Promise<void>;
  /** The engine refused the request before any output (a 400/500): keep its words as the build's error. */
  refused(message: string): void;
  /** The last lines the build printed (for the detail of a broken stream). */
  lastLines(n: number): string[];
  end(): BuildEnd;
}

// What the compose commands share with the handler files that run the CLI (profiles, watch):
// the CLI found once, the engine's environment for it, the trust gate, and running it on a
// project's files (checked against the workspace like every project command). Types only.
import type { ComposeProjectItem } from '../explorer/items';
import type { OutputTerminal } from '../terminals/outputTerminal';
import type { ComposeAction, ComposeCli, ComposeTarget } from './cli';

export interface ComposeRunner {
  cli(): Promise<ComposeCli>;
  /** The environment that points the CLI at the command's engine. */
  composeEnv(): NodeJS.ProcessEnv;
  /** Throws in an untrusted workspace. */
  requireTrust(): void;
  runInTerminal(title: string, target: ComposeTarget, action: ComposeAction, cwd: string | undefined): Promise<OutputTerminal>;
  /** Runs the CLI on the files the project's containers name (refused outside the workspace); false when they are not here. */
  projectCli(item: ComposeProjectItem, verb: string, action: ComposeAction, extra?: Partial<ComposeTarget>): Promise<boolean>;
}

// The shape of a UI journey (test/e2e/journeys/*.ts) and what it gets to work with.
import type { Page } from 'playwright-core';
import type { TestDocker } from './docker';
import type { Workbench } from './workbench';

/** Stops and starts the e2e tier's private engine (never the engine other tests use). */
export interface EngineControl {
  /** DOCKER_HOST of the e2e engine (what `dockyard.host` is set to). */
  readonly host: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export interface JourneyContext {
  page: Page;
  wb: Workbench;
  /** Creates labelled objects on the e2e engine; everything it made is removed after the journey. */
  docker: TestDocker;
  engine: EngineControl;
  /** host:port of the tier's local registry (push and pull work against it, no login). */
  registry: string;
  /** code-server's DOCKER_CONFIG folder: contexts e2e-blue and e2e-green (both the e2e engine), no currentContext at first. */
  dockerConfig: string;
  /** Absolute path of the workspace folder open in VS Code (test/fixtures/workspace). */
  workspace: string;
  /** A name with a random suffix, e.g. unique('web') -> "dockyard-e2e-web-3fa2c1". */
  unique(prefix: string): string;
  /** Saves a screenshot of what the user sees as test-results/<journey>-<name>.png. */
  screenshot(name: string): Promise<string>;
  log(message: string): void;
}

export interface Journey {
  /** Short, file-name friendly: used in screenshots and the summary. */
  name: string;
  /** What a user does and sees, one line. */
  description: string;
  timeoutMs?: number;
  /**
   * A display language (e.g. 'zh-cn'): the journey runs after the others, on a code-server of its
   * own started with `--locale <locale>` and a test-only language pack (see test/e2e/README.md).
   */
  locale?: string;
  run(t: JourneyContext): Promise<void>;
}

/**
 * Waits until the Images view no longer shows images under `prefix` (removed by the journey),
 * so that the next journey does not click into a view that is still refreshing.
 */
export async function waitForImagesGone(t: JourneyContext, prefix: string): Promise<void> {
  await t.wb.openActivity('Dockyard');
  await t.wb.section('Images').waitForNoRow(prefix, { timeoutMs: 30_000 });
}

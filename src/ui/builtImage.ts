// What a build from Dockyard made, for the features that look at it (the image's layers beside the
// Dockerfile): the build feature fires it, extension.ts hands the event to whoever listens.
import type * as vscode from 'vscode';
import type { Engine } from '../engine/engine';
import type { StepTiming } from '../engine/models';

export interface BuiltImage {
  dockerfile: vscode.Uri;
  /** The engine that built it (the image is read from there). */
  engine: Engine;
  imageId: string;
  tag: string;
  target?: string;
  /** Per instruction: build time and cache hits (BuildKit builds only). */
  steps?: StepTiming[];
}

// Shapes shared by the compose language modules. Offsets are into the file's text. Pure.
import type { Span } from './tree';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface Edit extends Span { newText: string }

export interface Fix { title: string; edits: Edit[]; preferred?: boolean }

export interface ComposeDiagnostic extends Span {
  message: string;
  severity: Severity;
  /** yaml, schema, undefined-service, undefined-network, undefined-volume, undefined-secret, undefined-config,
   *  undefined-model, self-dependency, dependency-cycle, missing-path, port, duration, duplicate-port, unset-variable, required-variable,
   *  interpolation, obsolete-version, top-level-services. */
  code: string;
  fixes: Fix[];
  unnecessary?: boolean;
  deprecated?: boolean;
}

/** What the checks may ask of the file system (absolute paths). */
export interface FileSystemView {
  stat(path: string): 'file' | 'dir' | undefined;
}

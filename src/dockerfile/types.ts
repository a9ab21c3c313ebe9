// Plain data exchanged between the pure analysis and its users (editor adapters, the CLI, tests).
import type { Severity } from './rules/meta';
export type { Severity } from './rules/meta';

/** Offsets are UTF-16 indexes into the document text. */
export interface Edit { start: number; end: number; newText: string }

export interface Fix {
  title: string;
  edits: Edit[];
  preferred?: boolean;
}

export interface Diagnostic {
  code: string;
  message: string;
  severity: Severity;
  start: number;
  end: number;
  source: 'buildkit' | 'hadolint' | 'dockyard' | 'shellcheck';
  fixes: Fix[];
  unnecessary?: boolean;
  deprecated?: boolean;
}

export type LabelType = 'text' | 'url' | 'spdx' | 'rfc3339' | 'hash' | 'semver' | 'email';

export interface ContextEntry { name: string; dir: boolean }

/** The build context as the rules see it; paths are relative to its root, with forward slashes. */
export interface BuildContext {
  /** 'file' | 'dir' | undefined when the path does not exist. */
  stat(rel: string): 'file' | 'dir' | undefined;
  /** Entries of a directory, undefined when it does not exist. */
  list(relDir: string): ContextEntry[] | undefined;
  /** Excluded by .dockerignore (or <Dockerfile>.dockerignore). */
  isIgnored(rel: string): boolean;
  /** How many listings were asked for but are still being read (asynchronous contexts): findings that depend
   * on them wait for the next run. */
  unknown?(): number;
}

export interface LintOptions {
  context?: BuildContext;
  /** Per-rule severity, or 'off'. */
  rules?: Record<string, Severity | 'off'>;
  /** Turn on BuildKit's experimental checks (as `# check=experimental=all`). */
  experimental?: boolean;
  /** os/arch[/variant] of a local image, when the engine knows it. */
  imagePlatform?: (ref: string) => string | undefined;
  /** Environment variable names a local image defines, when the engine knows it. */
  imageEnv?: (ref: string) => string[] | undefined;
  /** The platform builds target when FROM has no --platform (the engine's), e.g. linux/amd64. */
  defaultPlatform?: string;
  /** hadolint's `trustedRegistries` (DL3026); `*` matches any part of a name (`*.gcr.io`). */
  trustedRegistries?: string[];
  /** hadolint's `label-schema` (DL3049-DL3058): label name → text, url, spdx, rfc3339, hash, semver or email. */
  labelSchema?: Record<string, LabelType>;
  /** hadolint's `strict-labels` (DL3050): no labels outside the schema. */
  strictLabels?: boolean;
}

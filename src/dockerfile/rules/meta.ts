// Every rule the analysis knows: its code, where it comes from, default severity and documentation.

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type RuleSource = 'buildkit' | 'hadolint' | 'dockyard';

export interface RuleMeta {
  code: string;
  source: RuleSource;
  severity: Severity;
  summary: string;
  /** BuildKit: experimental checks are off unless `# check=experimental=...` or the setting enables them. */
  experimental?: boolean;
  /**
   * A BuildKit check that says the same thing on the same spot: when both fire, only that check
   * is reported (it is what `docker build` warns about); when it is skipped or off, this rule shows.
   */
  sameAs?: string;
  /** The `sameAs` check reports another spot of the same problem (e.g. the first of two CMDs, where this rule
   * reports the second): drop this rule when the check fired anywhere in the file. */
  sameAsAnywhere?: boolean;
  /** Off unless turned on (a severity in the rules setting), as hadolint ships it. */
  defaultOff?: boolean;
  /** hadolint's own default severity, when Dockyard's differs (a file that builds never gets an error). */
  hadolintSeverity?: 'error' | 'warning' | 'info' | 'style';
}

const BK = 'buildkit';
const HL = 'hadolint';
const DY = 'dockyard';

const list: RuleMeta[] = [
  // BuildKit build checks (https://docs.docker.com/reference/build-checks/)
  { code: 'StageNameCasing', source: BK, severity: 'warning', summary: 'Stage names should be lowercase' },
  { code: 'FromAsCasing', source: BK, severity: 'warning', summary: 'The AS keyword should match the case of the FROM keyword' },
  { code: 'NoEmptyContinuation', source: BK, severity: 'warning', summary: 'Empty continuation lines will become errors in a future release' },
  { code: 'ConsistentInstructionCasing', source: BK, severity: 'warning', summary: 'All commands within the Dockerfile should use the same casing (either upper or lower)' },
  { code: 'DuplicateStageName', source: BK, severity: 'warning', summary: 'Stage names should be unique' },
  { code: 'ReservedStageName', source: BK, severity: 'warning', summary: 'Reserved words should not be used as stage names' },
  { code: 'JSONArgsRecommended', source: BK, severity: 'warning', summary: 'JSON arguments recommended for ENTRYPOINT/CMD to prevent unintended behavior related to OS signals' },
  { code: 'MaintainerDeprecated', source: BK, severity: 'warning', summary: 'The MAINTAINER instruction is deprecated, use a label instead to define an image author' },
  { code: 'UndefinedArgInFrom', source: BK, severity: 'warning', summary: 'FROM command must use declared ARGs' },
  { code: 'WorkdirRelativePath', source: BK, severity: 'warning', summary: 'Relative workdir without an absolute workdir declared within the build can have unexpected results if the base image changes' },
  { code: 'UndefinedVar', source: BK, severity: 'warning', summary: 'Variables should be defined before their use' },
  { code: 'MultipleInstructionsDisallowed', source: BK, severity: 'warning', summary: 'Multiple instructions of the same type should not be used in the same stage' },
  { code: 'LegacyKeyValueFormat', source: BK, severity: 'warning', summary: 'Legacy key/value format with whitespace separator should not be used' },
  { code: 'InvalidBaseImagePlatform', source: BK, severity: 'warning', summary: 'Base image platform does not match expected target platform' },
  { code: 'RedundantTargetPlatform', source: BK, severity: 'warning', summary: 'Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior' },
  { code: 'SecretsUsedInArgOrEnv', source: BK, severity: 'warning', summary: 'Sensitive data should not be used in the ARG or ENV commands' },
  { code: 'InvalidDefaultArgInFrom', source: BK, severity: 'warning', summary: 'Default value for global ARG results in an empty or invalid base image name' },
  { code: 'FromPlatformFlagConstDisallowed', source: BK, severity: 'warning', summary: 'FROM --platform flag should not use a constant value' },
  { code: 'CopyIgnoredFile', source: BK, severity: 'warning', summary: 'Attempting to Copy file that is excluded by .dockerignore' },
  { code: 'InvalidDefinitionDescription', source: BK, severity: 'warning', summary: 'Comment for build stage or argument should follow the format: `# <arg/stage name> <description>`', experimental: true },
  { code: 'ExposeProtoCasing', source: BK, severity: 'warning', summary: 'Protocol in EXPOSE instruction should be lowercase' },
  { code: 'ExposeInvalidFormat', source: BK, severity: 'warning', summary: 'IP address and host-port mapping should not be used in EXPOSE instruction. This will become an error in a future release' },
  // hadolint
  { code: 'DL3000', source: HL, severity: 'warning', hadolintSeverity: 'error', summary: 'Use absolute WORKDIR', sameAs: 'WorkdirRelativePath' },
  { code: 'DL3001', source: HL, severity: 'info', summary: 'For some bash commands it makes no sense running them in a Docker container like ssh, vim, shutdown, service, ps, free, top, kill, mount' },
  { code: 'DL1001', source: HL, severity: 'info', summary: 'Please refrain from using inline ignore pragmas `# hadolint ignore=DLxxxx`', defaultOff: true },
  { code: 'DL3002', source: HL, severity: 'warning', summary: 'Last USER should not be root' },
  { code: 'DL3003', source: HL, severity: 'warning', summary: 'Use WORKDIR to switch to a directory' },
  { code: 'DL3004', source: HL, severity: 'warning', hadolintSeverity: 'error', summary: 'Do not use sudo as it leads to unpredictable behavior. Use a tool like gosu to enforce root' },
  { code: 'DL3006', source: HL, severity: 'warning', summary: 'Always tag the version of an image explicitly' },
  { code: 'DL3007', source: HL, severity: 'warning', summary: 'Using latest is prone to errors if the image will ever update. Pin the version explicitly to a release tag' },
  { code: 'DL3008', source: HL, severity: 'warning', summary: 'Pin versions in apt-get install' },
  { code: 'DL3009', source: HL, severity: 'info', summary: 'Delete the apt lists (/var/lib/apt/lists) after installing something' },
  { code: 'DL3010', source: HL, severity: 'info', summary: 'Use ADD for extracting archives into an image' },
  { code: 'DL3011', source: HL, severity: 'error', summary: 'Valid UNIX ports range from 0 to 65535' },
  { code: 'DL3012', source: HL, severity: 'warning', hadolintSeverity: 'error', summary: 'Multiple HEALTHCHECK instructions', sameAs: 'MultipleInstructionsDisallowed', sameAsAnywhere: true },
  { code: 'DL3013', source: HL, severity: 'warning', summary: 'Pin versions in pip' },
  { code: 'DL3014', source: HL, severity: 'warning', summary: 'Use the -y switch to avoid manual input' },
  { code: 'DL3015', source: HL, severity: 'info', summary: 'Avoid additional packages by specifying --no-install-recommends' },
  { code: 'DL3016', source: HL, severity: 'warning', summary: 'Pin versions in npm' },
  { code: 'DL3018', source: HL, severity: 'warning', summary: 'Pin versions in apk add' },
  { code: 'DL3019', source: HL, severity: 'info', summary: 'Use the --no-cache switch to avoid the need to use --update and remove /var/cache/apk/* when done installing packages' },
  { code: 'DL3020', source: HL, severity: 'warning', hadolintSeverity: 'error', summary: 'Use COPY instead of ADD for files and folders' },
  { code: 'DL3021', source: HL, severity: 'warning', hadolintSeverity: 'error', summary: 'COPY with more than 2 arguments requires the last argument to end with /' },
  { code: 'DL3022', source: HL, severity: 'warning', summary: 'COPY --from should reference a previously defined FROM alias' },
  { code: 'DL3023', source: HL, severity: 'error', summary: 'COPY --from cannot reference its own FROM alias' },
  { code: 'DL3024', source: HL, severity: 'warning', hadolintSeverity: 'error', summary: 'FROM aliases (stage names) must be unique' },
  { code: 'DL3025', source: HL, severity: 'warning', summary: 'Use arguments JSON notation for CMD and ENTRYPOINT arguments', sameAs: 'JSONArgsRecommended' },
  { code: 'DL3026', source: HL, severity: 'error', summary: 'Use only an allowed registry in the FROM image (when trusted registries are configured)' },
  { code: 'DL3027', source: HL, severity: 'warning', summary: 'Do not use apt as it is meant to be an end-user tool, use apt-get or apt-cache instead' },
  { code: 'DL3028', source: HL, severity: 'warning', summary: 'Pin versions in gem install' },
  { code: 'DL3029', source: HL, severity: 'warning', summary: 'Do not use --platform flag with FROM', sameAs: 'FromPlatformFlagConstDisallowed' },
  { code: 'DL3030', source: HL, severity: 'warning', summary: 'Use the -y switch to avoid manual input `yum install -y <package>`' },
  { code: 'DL3032', source: HL, severity: 'warning', summary: '`yum clean all` missing after yum command' },
  { code: 'DL3033', source: HL, severity: 'warning', summary: 'Specify version with `yum install -y <package>-<version>`' },
  { code: 'DL3034', source: HL, severity: 'warning', summary: 'Non-interactive switch missing from `zypper` command: `zypper install -y`' },
  { code: 'DL3035', source: HL, severity: 'warning', summary: 'Do not use `zypper dist-upgrade`' },
  { code: 'DL3036', source: HL, severity: 'warning', summary: '`zypper clean` missing after zypper use' },
  { code: 'DL3037', source: HL, severity: 'warning', summary: 'Specify version with `zypper install -y <package>=<version>`' },
  { code: 'DL3038', source: HL, severity: 'warning', summary: 'Use the -y switch to avoid manual input `dnf install -y <package>`' },
  { code: 'DL3040', source: HL, severity: 'warning', summary: '`dnf clean all` missing after dnf command' },
  { code: 'DL3041', source: HL, severity: 'warning', summary: 'Specify version with `dnf install -y <package>-<version>`' },
  { code: 'DL3042', source: HL, severity: 'warning', summary: 'Avoid use of cache directory with pip. Use `pip install --no-cache-dir <package>`' },
  { code: 'DL3043', source: HL, severity: 'error', summary: 'ONBUILD, FROM or MAINTAINER triggered from within ONBUILD instruction' },
  { code: 'DL3044', source: HL, severity: 'warning', hadolintSeverity: 'error', summary: 'Do not refer to an environment variable within the same ENV statement where it is defined' },
  { code: 'DL3045', source: HL, severity: 'warning', summary: 'COPY to a relative destination without WORKDIR set' },
  { code: 'DL3046', source: HL, severity: 'warning', summary: 'useradd without flag -l and high UID will result in excessively large image' },
  { code: 'DL3047', source: HL, severity: 'info', summary: 'Avoid use of wget without progress bar. Use `wget --progress=dot:giga <url>`, or -q / -nv' },
  { code: 'DL3048', source: HL, severity: 'info', hadolintSeverity: 'style', summary: 'Invalid label key' },
  { code: 'DL3049', source: HL, severity: 'info', summary: 'A label the label schema requires is missing' },
  { code: 'DL3050', source: HL, severity: 'info', summary: 'Superfluous label(s) present (strict label schema)' },
  { code: 'DL3051', source: HL, severity: 'warning', summary: 'A label of the label schema is empty' },
  { code: 'DL3052', source: HL, severity: 'warning', summary: 'A url label of the label schema is not a valid URL' },
  { code: 'DL3053', source: HL, severity: 'warning', summary: 'An rfc3339 label of the label schema is not a valid RFC 3339 time' },
  { code: 'DL3054', source: HL, severity: 'warning', summary: 'An spdx label of the label schema is not a valid SPDX license identifier' },
  { code: 'DL3055', source: HL, severity: 'warning', summary: 'A hash label of the label schema is not a valid git hash' },
  { code: 'DL3056', source: HL, severity: 'warning', summary: 'A semver label of the label schema does not conform to semantic versioning' },
  { code: 'DL3057', source: HL, severity: 'info', summary: 'HEALTHCHECK instruction missing', defaultOff: true },
  { code: 'DL3058', source: HL, severity: 'warning', summary: 'An email label of the label schema is not a valid email address' },
  { code: 'DL3059', source: HL, severity: 'info', summary: 'Multiple consecutive RUN instructions. Consider consolidation.' },
  { code: 'DL3060', source: HL, severity: 'info', summary: '`yarn cache clean` missing after `yarn install` was run' },
  { code: 'DL3061', source: HL, severity: 'error', summary: 'Invalid instruction order. Dockerfile must begin with FROM, ARG or comment', sameAs: 'InstructionBeforeFrom' },
  { code: 'DL3062', source: HL, severity: 'warning', summary: 'Pin versions in go install' },
  { code: 'DL3063', source: HL, severity: 'warning', summary: 'Stage name should not be a reserved word', sameAs: 'ReservedStageName' },
  { code: 'DL3064', source: HL, severity: 'warning', summary: 'Potentially sensitive data should not be used in the ARG or ENV commands', sameAs: 'SecretsUsedInArgOrEnv' },
  { code: 'DL3065', source: HL, severity: 'warning', summary: 'Setting FROM --platform to predefined $TARGETPLATFORM is redundant as this is the default behavior', sameAs: 'RedundantTargetPlatform' },
  { code: 'DL3066', source: HL, severity: 'info', summary: 'Non-numeric user-id may not be resolvable by host system' },
  { code: 'DL3067', source: HL, severity: 'warning', summary: 'Do not copy an entire filesystem from another stage' },
  { code: 'DL4000', source: HL, severity: 'warning', hadolintSeverity: 'error', summary: 'MAINTAINER is deprecated', sameAs: 'MaintainerDeprecated' },
  { code: 'DL4001', source: HL, severity: 'warning', summary: 'Either use Wget or Curl but not both' },
  { code: 'DL4003', source: HL, severity: 'warning', summary: 'Multiple CMD instructions found', sameAs: 'MultipleInstructionsDisallowed', sameAsAnywhere: true },
  { code: 'DL4004', source: HL, severity: 'warning', hadolintSeverity: 'error', summary: 'Multiple ENTRYPOINT instructions found', sameAs: 'MultipleInstructionsDisallowed', sameAsAnywhere: true },
  { code: 'DL4005', source: HL, severity: 'warning', summary: 'Use SHELL to change the default shell' },
  { code: 'DL4006', source: HL, severity: 'warning', summary: 'Set the SHELL option -o pipefail before RUN with a pipe in it' },
  // syntax, flags and build context
  { code: 'UnknownInstruction', source: DY, severity: 'error', summary: 'Unknown instruction' },
  { code: 'MissingArguments', source: DY, severity: 'error', summary: 'The instruction needs arguments' },
  { code: 'InstructionBeforeFrom', source: DY, severity: 'error', summary: 'Only ARG may come before the first FROM' },
  { code: 'NoFromInstruction', source: DY, severity: 'error', summary: 'A Dockerfile needs a FROM instruction' },
  { code: 'UnknownFlag', source: DY, severity: 'error', summary: 'The instruction does not accept this flag' },
  { code: 'InvalidFlagValue', source: DY, severity: 'error', summary: 'The flag value has the wrong type or is not allowed' },
  { code: 'DuplicateFlag', source: DY, severity: 'error', summary: 'The flag is given more than once' },
  { code: 'FlagNeedsNewerSyntax', source: DY, severity: 'error', summary: 'The flag needs a newer Dockerfile syntax than the one pinned by `# syntax=`' },
  { code: 'InvalidMount', source: DY, severity: 'error', summary: 'RUN --mount: unknown type or key, or a missing required key' },
  { code: 'InvalidJSONForm', source: DY, severity: 'warning', summary: 'The arguments look like JSON (exec form) but are not a valid JSON array of double-quoted strings; they run as a shell command' },
  { code: 'UnterminatedHeredoc', source: DY, severity: 'error', summary: 'A heredoc is missing its terminator line' },
  { code: 'InvalidDirective', source: DY, severity: 'error', summary: 'Invalid parser directive' },
  { code: 'UnknownCheck', source: DY, severity: 'warning', summary: 'The check directive names a check that does not exist' },
  { code: 'CopySourceNotFound', source: DY, severity: 'warning', summary: 'A COPY/ADD source does not exist in the build context' },
  { code: 'InvalidInstruction', source: DY, severity: 'error', summary: 'The instruction arguments are malformed' },
];

export const RULES: ReadonlyMap<string, RuleMeta> = new Map(list.map((r) => [r.code, r]));
export const BUILDKIT_CHECKS: readonly string[] = list.filter((r) => r.source === BK).map((r) => r.code);
export const HADOLINT_RULES: readonly string[] = list.filter((r) => r.source === HL).map((r) => r.code);

function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/([A-Z])([A-Z][a-z])/g, '$1-$2').toLowerCase();
}

const REFERENCE = 'https://docs.docker.com/reference/dockerfile/';
const DY_DOCS: Record<string, string> = {
  UnknownInstruction: `${REFERENCE}#overview`,
  MissingArguments: `${REFERENCE}#format`,
  InstructionBeforeFrom: `${REFERENCE}#understand-how-arg-and-from-interact`,
  NoFromInstruction: `${REFERENCE}#from`,
  UnknownFlag: `${REFERENCE}#overview`,
  InvalidFlagValue: `${REFERENCE}#overview`,
  DuplicateFlag: `${REFERENCE}#overview`,
  FlagNeedsNewerSyntax: 'https://docs.docker.com/build/buildkit/frontend/',
  InvalidMount: `${REFERENCE}#run---mount`,
  InvalidJSONForm: `${REFERENCE}#shell-and-exec-form`,
  UnterminatedHeredoc: `${REFERENCE}#here-documents`,
  InvalidDirective: `${REFERENCE}#parser-directives`,
  UnknownCheck: `${REFERENCE}#check`,
  CopySourceNotFound: 'https://docs.docker.com/build/concepts/context/',
  InvalidInstruction: `${REFERENCE}#overview`,
};

/** The documentation page for a rule code. */
export function docsUrl(code: string): string {
  const r = RULES.get(code);
  if (/^SC\d{4}$/.test(code)) return `https://www.shellcheck.net/wiki/${code}`;
  if (!r) return REFERENCE;
  if (r.source === 'buildkit') return `https://docs.docker.com/go/dockerfile/rule/${kebab(code)}/`;
  if (r.source === 'hadolint') return `https://github.com/hadolint/hadolint/wiki/${code}`;
  return DY_DOCS[code] ?? REFERENCE;
}

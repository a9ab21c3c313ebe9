// What the Dockerfile language accepts: instructions, their flags and value types, --mount keys, parser
// directives. Shared by validation, completion and hover. Versions are Dockerfile frontend versions
// (`# syntax=docker/dockerfile:X`).

export type FlagType = 'string' | 'bool' | 'duration' | 'int' | 'chmod' | 'platform' | 'enum' | 'mount' | 'checksum' | 'stage';

export interface FlagSpec {
  name: string;
  type: FlagType;
  values?: string[];
  repeat?: boolean;
  /** Stable since this frontend version. */
  since?: string;
  /** Only in the labs channel (`docker/dockerfile:1-labs`). */
  labs?: boolean;
  doc: string;
  /** Snippet inserted by completion after `--name`. */
  snippet?: string;
}

export interface InstructionSpec {
  name: string;
  syntax: string;
  doc: string;
  snippet: string;
  anchor: string;
  flags: FlagSpec[];
}

const REF = 'https://docs.docker.com/reference/dockerfile/';

const chmod: FlagSpec = { name: 'chmod', type: 'chmod', since: '1.2', doc: 'Permission bits of the copied files, in octal (`--chmod=0755`) or, since 1.14, symbolic (`--chmod=u=rwx,go=rx`).', snippet: '=${1:0644}' };
const chown: FlagSpec = { name: 'chown', type: 'string', doc: 'Owner of the copied files: `user`, `user:group`, `uid` or `uid:gid` (names resolve through the image\'s /etc/passwd and /etc/group).', snippet: '=${1:user}:${2:group}' };
const link: FlagSpec = { name: 'link', type: 'bool', since: '1.4', doc: 'Copy into an independent layer, so the result does not depend on the layers below and stays cacheable when the base image changes.' };
const exclude: FlagSpec = { name: 'exclude', type: 'string', repeat: true, since: '1.19', doc: 'A path pattern (same syntax as .dockerignore) to leave out of the copy. Repeatable. Stable since 1.19 (labs before).', snippet: '=${1:pattern}' };

export const MOUNT_TYPES: Record<string, { doc: string; keys: Record<string, string>; required: string[] }> = {
  bind: {
    doc: 'Bind-mount a directory or file from the build context or another stage/image (read-only by default).',
    keys: {
      target: 'Mount path inside the build container.', dst: 'Alias of `target`.', destination: 'Alias of `target`.',
      source: 'Source path in `from` (default: its root).', src: 'Alias of `source`.',
      from: 'Stage, image or named context to mount from (default: the build context).',
      rw: 'Allow writes; they are discarded after the RUN.', readwrite: 'Alias of `rw`.',
    },
    required: ['target'],
  },
  cache: {
    doc: 'A persistent cache directory for compilers and package managers, kept between builds.',
    keys: {
      id: 'Cache id (default: the target path).', target: 'Mount path.', dst: 'Alias of `target`.', destination: 'Alias of `target`.',
      ro: 'Read-only.', readonly: 'Alias of `ro`.',
      sharing: '`shared` (default), `private` (new cache per concurrent writer) or `locked` (writers wait).',
      from: 'Stage or image whose directory seeds an empty cache.', source: 'Subpath in `from`.', src: 'Alias of `source`.',
      mode: 'File mode of a new cache directory (default 0755).', uid: 'User id of a new cache directory (default 0).', gid: 'Group id of a new cache directory (default 0).',
    },
    required: ['target'],
  },
  tmpfs: {
    doc: 'A tmpfs mount for the RUN.',
    keys: { target: 'Mount path.', dst: 'Alias of `target`.', destination: 'Alias of `target`.', size: 'Upper size limit in bytes.' },
    required: ['target'],
  },
  secret: {
    doc: 'Expose a build secret (`docker build --secret id=…`) as a file, or as an environment variable with `env`, without baking it into the image.',
    keys: {
      id: 'Secret id (default: the basename of target).', target: 'File path (default /run/secrets/<id>).', dst: 'Alias of `target`.', destination: 'Alias of `target`.',
      env: 'Expose the secret as this environment variable (1.10+).', required: 'Fail when the secret is not given (default false).',
      mode: 'File mode (default 0400).', uid: 'User id (default 0).', gid: 'Group id (default 0).',
    },
    required: [],
  },
  ssh: {
    doc: 'Forward an SSH agent socket or keys (`docker build --ssh default`).',
    keys: {
      id: 'SSH agent id (default `default`).', target: 'Socket path (default /run/buildkit/ssh_agent.${N}).', dst: 'Alias of `target`.', destination: 'Alias of `target`.',
      required: 'Fail when the key is not available (default false).',
      mode: 'Socket mode (default 0600).', uid: 'User id (default 0).', gid: 'Group id (default 0).',
    },
    required: [],
  },
};

export const MOUNT_TYPE_KEY_DOC = 'Mount type: `bind` (default), `cache`, `tmpfs`, `secret` or `ssh`.';

const list: InstructionSpec[] = [
  { name: 'FROM', syntax: 'FROM [--platform=<platform>] <image>[:<tag>|@<digest>] [AS <name>]', anchor: 'from', snippet: 'FROM ${1:image}:${2:tag}', doc: 'Starts a build stage from a base image (or `scratch`, or an earlier stage).',
    flags: [{ name: 'platform', type: 'platform', doc: 'Platform of the base image, e.g. `linux/amd64` or `$BUILDPLATFORM` (for cross-compilation).', snippet: '=${1|\\$BUILDPLATFORM,\\$TARGETPLATFORM,linux/amd64,linux/arm64|}' }] },
  { name: 'RUN', syntax: 'RUN [--mount=…] [--network=…] [--security=…] <command> | ["exe","arg"] | <<EOF', anchor: 'run', snippet: 'RUN ${1:command}', doc: 'Runs a command in a new layer on top of the current image.',
    flags: [
      { name: 'mount', type: 'mount', repeat: true, since: '1.2', doc: 'Mount a filesystem for this RUN only: `type=bind|cache|tmpfs|secret|ssh` with its keys.', snippet: '=type=${1|cache,bind,tmpfs,secret,ssh|},target=${2:/root/.cache}' },
      { name: 'network', type: 'enum', values: ['default', 'none', 'host'], since: '1.3', doc: 'Network for the command: `default`, `none` (no network), or `host` (needs the `network.host` entitlement).', snippet: '=${1|default,none,host|}' },
      { name: 'security', type: 'enum', values: ['sandbox', 'insecure'], labs: true, doc: '`insecure` runs without the sandbox (needs the `security.insecure` entitlement); labs channel only.', snippet: '=${1|sandbox,insecure|}' },
      { name: 'device', type: 'string', repeat: true, labs: true, doc: 'Expose a CDI device to the command (`--device=name[,required]`); labs channel only.', snippet: '=${1:vendor.com/device=name}' },
    ] },
  { name: 'CMD', syntax: 'CMD ["executable","param"] | CMD command param', anchor: 'cmd', snippet: 'CMD ["${1:executable}"]', doc: 'The default command of a container. Only the last CMD of a stage counts.', flags: [] },
  { name: 'LABEL', syntax: 'LABEL <key>=<value> [<key>=<value>…]', anchor: 'label', snippet: 'LABEL ${1:key}="${2:value}"', doc: 'Adds metadata to the image.', flags: [] },
  { name: 'MAINTAINER', syntax: 'MAINTAINER <name>', anchor: 'maintainer-deprecated', snippet: 'MAINTAINER ${1:name}', doc: 'Deprecated: use `LABEL org.opencontainers.image.authors=…`.', flags: [] },
  { name: 'EXPOSE', syntax: 'EXPOSE <port>[/<protocol>]…', anchor: 'expose', snippet: 'EXPOSE ${1:80}', doc: 'Documents the ports the container listens on (tcp by default; `udp` too). It publishes nothing.', flags: [] },
  { name: 'ENV', syntax: 'ENV <key>=<value> …', anchor: 'env', snippet: 'ENV ${1:key}=${2:value}', doc: 'Sets environment variables for the following instructions and for containers of the image.', flags: [] },
  { name: 'ADD', syntax: 'ADD [--chown=…] [--chmod=…] [--link] [--checksum=…] [--keep-git-dir] [--unpack] [--exclude=…] <src>… <dest>', anchor: 'add', snippet: 'ADD ${1:src} ${2:dest}', doc: 'Copies files, remote URLs or Git repositories into the image; unpacks local tar archives.',
    flags: [chown, chmod, link, exclude,
      { name: 'checksum', type: 'checksum', since: '1.6', doc: 'Verify a remote file: `sha256:<hex>` (or a Git commit for Git sources).', snippet: '=sha256:${1}' },
      { name: 'keep-git-dir', type: 'bool', since: '1.6', doc: 'Keep the `.git` directory when adding a Git repository.' },
      { name: 'unpack', type: 'bool', since: '1.17', doc: 'Unpack (or, with `=false`, keep) an archive; also applies to remote URLs. Since 1.17.' },
    ] },
  { name: 'COPY', syntax: 'COPY [--from=<stage|image>] [--chown=…] [--chmod=…] [--link] [--parents] [--exclude=…] <src>… <dest>', anchor: 'copy', snippet: 'COPY ${1:src} ${2:dest}', doc: 'Copies files from the build context, a stage or an image into the image.',
    flags: [
      { name: 'from', type: 'stage', doc: 'Copy from a build stage (name or index), an image, or a named context instead of the build context.', snippet: '=${1:stage}' },
      chown, chmod, link,
      { name: 'parents', type: 'bool', since: '1.20', doc: 'Keep the source\'s parent directories below the destination (labs channel before 1.20).' },
      exclude,
    ] },
  { name: 'ENTRYPOINT', syntax: 'ENTRYPOINT ["executable","param"] | ENTRYPOINT command param', anchor: 'entrypoint', snippet: 'ENTRYPOINT ["${1:executable}"]', doc: 'The executable a container runs; CMD supplies default arguments to it.', flags: [] },
  { name: 'VOLUME', syntax: 'VOLUME ["/data"] | VOLUME /data …', anchor: 'volume', snippet: 'VOLUME ${1:/data}', doc: 'Declares mount points for externally mounted volumes.', flags: [] },
  { name: 'USER', syntax: 'USER <user>[:<group>] | <uid>[:<gid>]', anchor: 'user', snippet: 'USER ${1:user}', doc: 'The user (and group) for the following RUN, CMD and ENTRYPOINT.', flags: [] },
  { name: 'WORKDIR', syntax: 'WORKDIR /path', anchor: 'workdir', snippet: 'WORKDIR ${1:/app}', doc: 'Sets (and creates) the working directory for the following instructions.', flags: [] },
  { name: 'ARG', syntax: 'ARG <name>[=<default value>] …', anchor: 'arg', snippet: 'ARG ${1:name}', doc: 'Declares a build argument (`docker build --build-arg`). Before the first FROM it is global (usable in FROM); a stage must redeclare it to use it.', flags: [] },
  { name: 'ONBUILD', syntax: 'ONBUILD <INSTRUCTION>', anchor: 'onbuild', snippet: 'ONBUILD ${1:INSTRUCTION}', doc: 'A trigger that runs when the image is used as the base of another build.', flags: [] },
  { name: 'STOPSIGNAL', syntax: 'STOPSIGNAL signal', anchor: 'stopsignal', snippet: 'STOPSIGNAL ${1:SIGTERM}', doc: 'The signal sent to stop the container.', flags: [] },
  { name: 'HEALTHCHECK', syntax: 'HEALTHCHECK [--interval=…] [--timeout=…] [--start-period=…] [--start-interval=…] [--retries=…] CMD command | HEALTHCHECK NONE', anchor: 'healthcheck', snippet: 'HEALTHCHECK --interval=${1:30s} CMD ${2:command}', doc: 'How to test that the container still works.',
    flags: [
      { name: 'interval', type: 'duration', doc: 'Time between checks (default 30s).', snippet: '=${1:30s}' },
      { name: 'timeout', type: 'duration', doc: 'Time after which a check counts as failed (default 30s).', snippet: '=${1:30s}' },
      { name: 'start-period', type: 'duration', doc: 'Initialisation time during which failures do not count (default 0s).', snippet: '=${1:5s}' },
      { name: 'start-interval', type: 'duration', doc: 'Time between checks during the start period (default 5s; Docker Engine 25+).', snippet: '=${1:5s}' },
      { name: 'retries', type: 'int', doc: 'Consecutive failures needed to report unhealthy (default 3).', snippet: '=${1:3}' },
    ] },
  { name: 'SHELL', syntax: 'SHELL ["executable", "parameters"]', anchor: 'shell', snippet: 'SHELL ["${1:/bin/bash}", "-o", "pipefail", "-c"]', doc: 'The shell used by the shell form of RUN, CMD and ENTRYPOINT. JSON form only.', flags: [] },
];

export const INSTRUCTIONS: ReadonlyMap<string, InstructionSpec> = new Map(list.map((i) => [i.name, i]));

export function instructionDocsUrl(name: string): string {
  const spec = INSTRUCTIONS.get(name.toUpperCase());
  return spec ? `${REF}#${spec.anchor}` : REF;
}

export function flagSpec(keyword: string, flag: string): FlagSpec | undefined {
  return INSTRUCTIONS.get(keyword)?.flags.find((f) => f.name === flag);
}

export const DIRECTIVE_DOCS: Record<string, string> = {
  syntax: 'The Dockerfile frontend image for this file, e.g. `docker/dockerfile:1` (latest stable 1.x) or `docker/dockerfile:1-labs`.',
  escape: 'The escape character: `\\` (default) or `` ` `` (handy on Windows).',
  check: 'Build checks: `skip=<check>[,<check>…]` or `skip=all`, `error=true` to fail the build on violations, `experimental=<check>|all`.',
};

/** A parsed `# syntax=` value, when it names the official frontend. */
export interface SyntaxVersion { major: number; minor: number; patch: number; labs: boolean; exact: boolean }

export function parseSyntaxVersion(value: string | undefined): SyntaxVersion | undefined {
  if (!value) return undefined;
  const m = /^(?:[\w.-]+(?::\d+)?\/)?docker\/dockerfile(?:-upstream)?:(\d+)(?:\.(\d+))?(?:\.(\d+))?(-labs)?(?:@sha256:[0-9a-f]+)?$/i.exec(value.trim());
  if (!m) return undefined;
  return {
    major: Number(m[1]), minor: m[2] === undefined ? Infinity : Number(m[2]), patch: m[3] === undefined ? Infinity : Number(m[3]),
    labs: !!m[4], exact: m[2] !== undefined,
  };
}

export function versionAtLeast(v: SyntaxVersion, since: string): boolean {
  const [maj, min = 0] = since.split('.').map(Number);
  if (v.major !== maj) return v.major > maj;
  return v.minor >= min;
}

export const DURATION_RE = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;

// The rest of hadolint's DL rules (https://github.com/hadolint/hadolint/wiki), under their codes, written
// from the rules' documentation and checked side by side with hadolint 2.15 on the same files. The rules that
// need a hadolint configuration (DL3026 trusted registries, DL3049-DL3058 label schemas) and the ones that are
// off by default there (DL1001, DL3057) are not here.
import { Instruction, Span } from '../parser';
import { Stage, keyValues } from '../model';
import { ShWord, unwrap } from '../shell';
import { Fix } from '../types';
import { RuleContext, ShellPart } from './context';

interface Cmd { name: string; args: ShWord[]; words: ShWord[]; part: ShellPart; start: number; end: number }

function commands(ctx: RuleContext, ins: Instruction): Cmd[] {
  const out: Cmd[] = [];
  for (const part of ctx.shellOf(ins)) {
    for (const c of part.script.commands) {
      const u = unwrap(c);
      out.push({ name: u.name, args: u.args, words: c.words, part, start: c.start, end: c.end });
    }
  }
  return out;
}

function docSpan(c: Cmd, s: { start: number; end: number }): Span {
  return { start: c.part.toDoc(s.start), end: c.part.toDoc(Math.max(s.start, s.end - 1)) + 1 };
}

/** The subcommand (first word that is no option) and the words after it. */
function sub(args: ShWord[], names: readonly string[], optsWithValue: ReadonlySet<string> = new Set()): { word: ShWord; rest: ShWord[] } | undefined {
  for (let i = 0; i < args.length; i++) {
    const v = args[i].value;
    if (v.startsWith('-')) { if (optsWithValue.has(v)) i++; continue; }
    return names.includes(v) ? { word: args[i], rest: args.slice(i + 1) } : undefined;
  }
  return undefined;
}

function operands(words: ShWord[], optsWithValue: ReadonlySet<string>): ShWord[] {
  const out: ShWord[] = [];
  for (let i = 0; i < words.length; i++) {
    const v = words[i].value;
    if (v === '--') { out.push(...words.slice(i + 1)); break; }
    if (v.startsWith('-')) { if (!v.includes('=') && optsWithValue.has(v)) i++; continue; }
    out.push(words[i]);
  }
  return out;
}

function hasOpt(words: ShWord[], long: readonly string[], shortLetters = ''): boolean {
  return words.some((w) => {
    const v = w.value;
    if (long.some((l) => v === l || v.startsWith(l + '='))) return true;
    return shortLetters !== '' && /^-[A-Za-z]+$/.test(v) && [...shortLetters].some((ch) => v.slice(1).includes(ch));
  });
}

function cacheMountTargets(ins: Instruction): string[] {
  return ins.flags.filter((f) => f.name === 'mount').map((f) => f.options())
    .filter((o) => o.some((x) => x.key === 'type' && x.value === 'cache'))
    .map((o) => o.find((x) => ['target', 'dst', 'destination'].includes(x.key))?.value ?? '');
}

const USELESS_IN_CONTAINER = new Set(['free', 'kill', 'mount', 'ps', 'service', 'shutdown', 'ssh', 'top', 'vim']);
const YUM_OPTS = new Set(['-c', '--config', '--installroot', '--enablerepo', '--disablerepo', '-x', '--exclude', '--releasever', '--setopt', '-d', '-e']);
const ZYPPER_OPTS = new Set(['-r', '--repo', '-t', '--type', '--from', '-R', '--root', '-D', '--reposd-dir', '-C', '--cache-dir']);
const GEM_OPTS = new Set(['-v', '--version', '-i', '--install-dir', '-n', '--bindir', '-s', '--source', '-P', '--trust-policy', '--platform', '-g', '--file']);
const ARCHIVE_RE = /\.(tar|tar\.(gz|bz2|xz|zst|lz|lzma)|tgz|tbz2?|txz|tzst)$/i;
const LABEL_KEY_RE = /^[a-z][a-z0-9._/-]*$/;
/** hadolint's DL3064: names known to hold secrets, and words that make a name look like one. */
const SECRET_NAMES = new Set(['VAULT_TOKEN', 'VAULT_CLIENT_KEY', 'TRAVIS_SUDO', 'TRAVIS_SECURE_ENV_VARS', 'STRIPE_API_KEY', 'SLACK_TOKEN',
  'POSTGRES_PASSWORD', 'OS_USERNAME', 'OS_PASSWORD', 'OPENAI_API_KEY', 'OKTA_OAUTH2_CLIENTSECRET', 'OKTA_OAUTH2_CLIENTID', 'OKTA_CLIENT_TOKEN',
  'NPM_TOKEN', 'NPM_AUTH_TOKEN', 'HEROKU_API_USER', 'HEROKU_API_KEY', 'GITHUB_TOKEN', 'GITHUB_ENTERPRISE_TOKEN', 'GH_TOKEN',
  'GH_ENTERPRISE_TOKEN', 'FOSSA_API_KEY', 'FIREBASE_TOKEN', 'FIREBASE_API_TOKEN', 'FACEBOOK_APP_SECRET', 'FACEBOOK_ACCESS_TOKEN',
  'DOCKER_USERNAME', 'DOCKER_PASSWORD', 'DOCKERHUB_PASSWORD', 'CI_DEPLOY_USER', 'CI_DEPLOY_PASSWORD', 'CIRCLE_TOKEN', 'CF_USERNAME',
  'CF_PASSWORD', 'BITTREX_API_SECRET', 'BITTREX_API_KEY', 'AWS_SECRET_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'AUTH_TOKEN', 'APP_SECRET',
  'APPLICATION_KEY', 'ACCESS_TOKEN']);
const SECRET_WORDS = ['username', 'token', 'secret', 'private', 'password', 'client_key', 'api_key'];

export function hadolintMoreRules(ctx: RuleContext): void {
  const { model, escape: esc } = ctx;
  const kvCache = new Map<Instruction, ReturnType<typeof keyValues>>();
  const keyValuesOf = (ins: Instruction): ReturnType<typeof keyValues> => {
    let r = kvCache.get(ins);
    if (!r) kvCache.set(ins, r = keyValues(ins, esc));
    return r;
  };
  const df = model.df;

  // DL3061: only ARG (and comments) before the first FROM
  for (const ins of model.beforeFrom) {
    ctx.report('DL3061', ins.keywordSpan, 'Invalid instruction order. Dockerfile must begin with `FROM`, `ARG` or comment.');
  }

  // DL3064: ARG/ENV names that look like secrets (anywhere, global ARGs included)
  for (const ins of [...model.globalArgs, ...model.stages.flatMap((st) => st.instructions)]) {
    if (ins.keyword !== 'ARG' && ins.keyword !== 'ENV') continue;
    for (const kv of keyValuesOf(ins)) {
      const lower = kv.name.toLowerCase();
      if (SECRET_NAMES.has(kv.name) || SECRET_WORDS.some((w) => lower.includes(w))) {
        ctx.report('DL3064', kv.nameSpan, 'Potentially sensitive data should not be used in the `ARG` or `ENV` commands');
      }
    }
  }

  const hasWorkdir = new Map<Stage, boolean>();
  const stageValues = new Map<Stage, Map<string, string | null>>();
  const globalDefaults = new Map<string, string | null>();
  for (const a of model.globalArgs) for (const kv of keyValues(a, esc)) globalDefaults.set(kv.name, kv.value);
  const lastStage = model.stages[model.stages.length - 1];
  for (const stage of model.stages) {
    // DL3010 and DL3060 concern what the image ships: the last stage only (as hadolint)
    const final = stage === lastStage;
    // DL3063: a reserved word as stage name
    if (stage.nameWord && ['scratch', 'context'].includes(stage.nameWord.value.toLowerCase())) {
      ctx.report('DL3063', stage.nameWord, 'stage name should not be a reserved word');
    }
    // DL3029: FROM --platform; DL3065: --platform=$TARGETPLATFORM is the default
    const platform = stage.from.flags.find((f) => f.name === 'platform');
    if (platform && /^\$(\{TARGETPLATFORM\}|TARGETPLATFORM)$/.test(platform.value ?? '')) {
      ctx.report('DL3065', platform, 'Setting `FROM --platform` to predefined `$TARGETPLATFORM` is redundant as this is the default behavior');
    }
    if (platform && platform.value && !platform.value.includes('$')) {
      ctx.report('DL3029', platform, 'Do not use --platform flag with FROM');
    }
    let workdir = stage.base ? hasWorkdir.get(stage.base) ?? false : false;
    const values = new Map<string, string | null>(stage.base ? stageValues.get(stage.base) ?? [] : []);
    stageValues.set(stage, values);
    const seen = new Map<string, number>();
    let fetchTool: 'curl' | 'wget' | undefined;
    const copiedArchives: { base: string; ins: Instruction }[] = [];
    for (const ins0 of stage.instructions) {
      const kw0 = ins0.keyword;
      // DL3043: ONBUILD with FROM, ONBUILD or MAINTAINER
      if (kw0 === 'ONBUILD' && ins0.trigger && ['FROM', 'ONBUILD', 'MAINTAINER'].includes(ins0.trigger.keyword)) {
        ctx.report('DL3043', ins0.trigger.keywordSpan, '`ONBUILD`, `FROM` or `MAINTAINER` triggered from within `ONBUILD` instruction.');
      }
      const ins = ins0;
      const kw = ins.keyword;
      if (kw === 'WORKDIR') workdir = true;
      if (kw === 'ENV' || kw === 'ARG') {
        for (const kv of keyValuesOf(ins)) {
          values.set(kv.name, kv.value ?? (kw === 'ARG' ? globalDefaults.get(kv.name) ?? values.get(kv.name) ?? null : null));
        }
      }
      // DL3012 / DL4003 / DL4004: repeated HEALTHCHECK, CMD, ENTRYPOINT in a stage
      if (kw === 'HEALTHCHECK' || kw === 'CMD' || kw === 'ENTRYPOINT') {
        const n = (seen.get(kw) ?? 0) + 1;
        seen.set(kw, n);
        if (n > 1) {
          if (kw === 'HEALTHCHECK') ctx.report('DL3012', ins.keywordSpan, 'Multiple `HEALTHCHECK` instructions');
          if (kw === 'CMD') ctx.report('DL4003', ins.keywordSpan, 'Multiple `CMD` instructions found. If you list more than one `CMD` then only the last `CMD` will take effect');
          if (kw === 'ENTRYPOINT') ctx.report('DL4004', ins.keywordSpan, 'Multiple `ENTRYPOINT` instructions found. If you list more than one `ENTRYPOINT` then only the last `ENTRYPOINT` will take effect');
        }
      }
      // DL4000
      if (kw === 'MAINTAINER') ctx.report('DL4000', ins.keywordSpan, 'MAINTAINER is deprecated');
      // DL3066: USER with a name rather than a numeric id
      if (kw === 'USER' && ins.args[0]) {
        const user = ins.args[0].value.split(':')[0];
        // a variable: its value when the file sets it; one from the base image may well hold a numeric id
        const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))$/.exec(user);
        const resolved = m ? values.get(m[1] ?? m[2]) ?? undefined : user;
        if (resolved !== undefined && !resolved.includes('$') && !/^\d+$/.test(resolved)) ctx.report('DL3066', ins.args[0], 'Non-numeric user-id may not be resolvable by host system');
      }
      // DL3044: ENV referring to a variable the same statement defines earlier
      if (kw === 'ENV') {
        const kvs = keyValuesOf(ins);
        if (kvs.length > 1) {
          const earlier = new Set<string>();
          for (const kv of kvs) {
            if (kv.valueSpan && !kv.legacy) {
              const raw = df.text.slice(kv.valueSpan.start, kv.valueSpan.end);
              for (const m of raw.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) {
                if (earlier.has(m[1]) && m[1] !== kv.name) {
                  ctx.report('DL3044', kv.valueSpan, 'Do not refer to an environment variable within the same `ENV` statement where it is defined.');
                  break;
                }
              }
            }
            earlier.add(kv.name);
          }
        }
      }
      // DL3048: label keys
      if (kw === 'LABEL') {
        for (const kv of keyValuesOf(ins)) {
          const k = kv.name;
          const bad = !LABEL_KEY_RE.test(k) || /[._/-]{2}/.test(k) || /[._/-]$/.test(k)
            || /^(com\.docker\.|io\.docker\.|org\.dockerproject\.)/.test(k);
          if (bad) ctx.report('DL3048', kv.nameSpan, 'Invalid label key.');
        }
      }
      if (kw === 'COPY') {
        const count = ins.json ? ins.json.values.length : ins.args.length;
        const values = ins.json ? ins.json.values : ins.args.map((w) => w.value);
        const dest = values[count - 1];
        const destSpan = ins.json ? ins.json.spans[count - 1] : ins.args[count - 1];
        // DL3045: relative destination without a WORKDIR in this stage (or the stages it builds on)
        if (count >= 2 && !workdir && ins.heredocs.length === 0 && dest && !dest.startsWith('/') && !dest.startsWith('$')
          && !/^[A-Za-z]:[\\/]/.test(dest) && !dest.startsWith('\\')) {
          ctx.report('DL3045', destSpan, '`COPY` to a relative destination without `WORKDIR` set.');
        }
        // DL3067: the whole file system of another stage
        const from = ins.flags.find((f) => f.name === 'from');
        if (from && count === 2 && values[0] === '/' && dest === '/') {
          ctx.report('DL3067', { start: ins.keywordSpan.start, end: ins.end }, 'Do not copy an entire filesystem from another stage');
        }
        // DL3010 (remembered): a local archive copied in, extracted by a later RUN
        if (!from && count >= 2) {
          for (let i = 0; i < count - 1; i++) {
            if (ARCHIVE_RE.test(values[i]) && !values[i].includes('$')) copiedArchives.push({ base: values[i].split('/').pop() ?? '', ins });
          }
        }
      }
      if (kw !== 'RUN') continue;
      const cmds = commands(ctx, ins);
      if (!cmds.length) continue;
      // computed on demand: most RUNs use none of these package managers
      let caches: string[] | undefined;
      const cacheTargets = (): string[] => (caches ??= cacheMountTargets(ins));
      let lines: string[] | undefined;
      const cleans = (re: RegExp): boolean => (lines ??= cmds.map((c) => [c.name, ...c.args.map((a) => a.value)].join(' '))).some((l) => re.test(l));
      const yumClean = (): boolean => cleans(/^(yum clean all|rm .*\/var\/cache\/yum)/) || cacheTargets().some((t) => t.startsWith('/var/cache/yum'));
      const dnfClean = (): boolean => cleans(/^((micro)?dnf clean all|rm .*\/var\/cache\/(yum|dnf))/) || cacheTargets().some((t) => /^\/var\/cache\/(dnf|yum|libdnf5)/.test(t));
      const zypperClean = (): boolean => cleans(/^(zypper( -\S+)* (clean|cc)\b|rm .*\/var\/cache\/zypp)/) || cacheTargets().some((t) => t.startsWith('/var/cache/zypp'));
      const yarnClean = (): boolean => cleans(/^yarn cache clean/) || cacheTargets().some((t) => /yarn/.test(t));
      for (const c of cmds) {
        const span = docSpan(c, c);
        // DL3001
        if (USELESS_IN_CONTAINER.has(c.name)) {
          ctx.report('DL3001', span, 'For some bash commands it makes no sense running them in a Docker container like `ssh`, `vim`, `shutdown`, `service`, `ps`, `free`, `top`, `kill`, `mount`, `ifconfig`');
        }
        // DL4005: replacing /bin/sh with ln
        if (c.name === 'ln' && c.args.some((a) => a.value === '/bin/sh')) ctx.report('DL4005', span, 'Use SHELL to change the default shell');
        // DL4001: both wget and curl in a stage
        if (c.name === 'wget' || c.name === 'curl') {
          if (fetchTool && fetchTool !== c.name) ctx.report('DL4001', span, 'Either use Wget or Curl but not both');
          fetchTool ??= c.name;
        }
        // DL3047: wget without a progress setting
        if (c.name === 'wget') {
          // quiet, no verbose output, or the log written to a file (-o); `-O-` alone still prints the bar
          const quiet = hasOpt(c.args, ['--progress', '--quiet', '--no-verbose', '--output-file', '--append-output'], 'qo')
            || c.args.some((a) => a.value === '-nv');
          if (!quiet) {
            const fix: Fix = { title: 'Add --progress=dot:giga', edits: [{ start: docSpan(c, c.words[0]).end, end: docSpan(c, c.words[0]).end, newText: ' --progress=dot:giga' }], preferred: true };
            ctx.report('DL3047', span, 'Avoid use of wget without progress bar. Use `wget --progress=dot:giga <url>`. Or consider using `-q` or `-nv` (shorthands for `--quiet` or `--no-verbose`).',
              c.words[0] && unwrapHead(c) ? [fix] : []);
          }
        }
        // DL3019: apk add without --no-cache
        if (c.name === 'apk' && sub(c.args, ['add'])) {
          if (!hasOpt(c.args, ['--no-cache']) && !cacheTargets().some((t) => t.startsWith('/var/cache/apk') || t.startsWith('/etc/apk/cache'))) {
            const s = sub(c.args, ['add'])!;
            const at = docSpan(c, s.word).end;
            ctx.report('DL3019', span, 'Use the `--no-cache` switch to avoid the need to use `--update` and remove `/var/cache/apk/*` when done installing packages',
              [{ title: 'Add --no-cache', edits: [{ start: at, end: at, newText: ' --no-cache' }], preferred: true }]);
          }
        }
        // DL3028: gem install without versions
        if (c.name === 'gem') {
          const s = sub(c.args, ['install', 'i']);
          if (s && !hasOpt(s.rest, ['--version', '-v'])) {
            for (const p of operands(s.rest, GEM_OPTS)) {
              if (p.dynamic || p.value.includes(':') || /\.gem$/.test(p.value)) continue;
              ctx.report('DL3028', docSpan(c, p), `Pin versions in gem install. Instead of \`gem install ${p.value}\` use \`gem install ${p.value}:<version>\``);
            }
          }
        }
        // DL3062: go install/get/run without @version
        if (c.name === 'go') {
          const s = sub(c.args, ['install', 'get', 'run']);
          if (s) {
            for (const p of operands(s.rest, new Set(['-o', '-C', '-tags', '-ldflags', '-gcflags', '-modfile', '-mod', '-p']))) {
              const v = p.value;
              if (p.dynamic || v.includes('@') || v.startsWith('.') || v.startsWith('/') || /\.go$/.test(v) || !v.includes('/')) continue;
              ctx.report('DL3062', docSpan(c, p), `Pin versions in go. Instead of \`go ${s.word.value} ${v}\` use \`go ${s.word.value} ${v}@<version>\``);
            }
          }
        }
        // DL3060: yarn install without yarn cache clean
        if (final && c.name === 'yarn' && (c.args.length === 0 || sub(c.args, ['install'])) && !yarnClean()) {
          ctx.report('DL3060', span, '`yarn cache clean` missing after `yarn install` was run.', appendFix(ins, ' && yarn cache clean', 'Add yarn cache clean at the end of this RUN'));
        }
        // DL3046: useradd with a high UID and without -l
        if (c.name === 'useradd') {
          let uid = '';
          c.args.forEach((a, i) => {
            if (a.value === '-u' || a.value === '--uid') uid = c.args[i + 1]?.value ?? '';
            else if (/^-u\d+$/.test(a.value)) uid = a.value.slice(2);
            else if (a.value.startsWith('--uid=')) uid = a.value.slice(6);
          });
          if (/^\d{6,}$/.test(uid) && !hasOpt(c.args, ['--no-log-init'], 'l')) {
            ctx.report('DL3046', span, '`useradd` without flag `-l` and high UID will result in excessively large Image.',
              unwrapHead(c) ? [insertAfter(c, c.words[0], ' -l', 'Add -l (--no-log-init)')] : []);
          }
        }
        // yum / dnf / zypper
        if (c.name === 'yum') {
          const s = sub(c.args, ['install', 'groupinstall', 'localinstall'], YUM_OPTS);
          if (s) {
            if (!hasOpt(c.args, ['--assumeyes'], 'y')) ctx.report('DL3030', span, 'Use the -y switch to avoid manual input `yum install -y <package>`', [insertAfter(c, s.word, ' -y', 'Add -y')]);
            if (!yumClean()) ctx.report('DL3032', span, '`yum clean all` missing after yum command.', appendFix(ins, ' && yum clean all', 'Add yum clean all at the end of this RUN'));
            if (s.word.value === 'install') {
              for (const p of operands(s.rest, YUM_OPTS)) {
                if (p.dynamic || /-\d/.test(p.value) || /\.rpm$/.test(p.value) || p.value.includes('/')) continue;
                ctx.report('DL3033', docSpan(c, p), 'Specify version with `yum install -y <package>-<version>`.');
              }
            }
          }
        }
        if (c.name === 'dnf' || c.name === 'microdnf') {
          const s = sub(c.args, ['install', 'groupinstall', 'localinstall'], YUM_OPTS);
          if (s) {
            if (!hasOpt(c.args, ['--assumeyes'], 'y')) ctx.report('DL3038', span, 'Use the -y switch to avoid manual input `dnf install -y <package>`', [insertAfter(c, s.word, ' -y', 'Add -y')]);
            if (c.name === 'dnf') {
              if (!dnfClean()) ctx.report('DL3040', span, '`dnf clean all` missing after dnf command.', appendFix(ins, ' && dnf clean all', 'Add dnf clean all at the end of this RUN'));
              if (s.word.value === 'install') {
                for (const p of operands(s.rest, YUM_OPTS)) {
                  if (p.dynamic || /-\d/.test(p.value) || /\.rpm$/.test(p.value) || p.value.includes('/') || p.value.startsWith('@')) continue;
                  ctx.report('DL3041', docSpan(c, p), 'Specify version with `dnf install -y <package>-<version>`.');
                }
              }
            }
          }
        }
        if (c.name === 'zypper') {
          if (sub(c.args, ['dist-upgrade', 'dup'], ZYPPER_OPTS)) ctx.report('DL3035', span, 'Do not use `zypper dist-upgrade`.');
          const s = sub(c.args, ['install', 'in', 'remove', 'rm', 'source-install', 'si', 'patch'], ZYPPER_OPTS);
          if (s) {
            if (!hasOpt(c.args, ['--non-interactive', '--no-confirm'], 'ny')) ctx.report('DL3034', span, 'Non-interactive switch missing from `zypper` command: `zypper install -y`', [insertAfter(c, s.word, ' -y', 'Add -y')]);
            if (s.word.value === 'install' || s.word.value === 'in') {
              if (!zypperClean()) ctx.report('DL3036', span, '`zypper clean` missing after zypper use.', appendFix(ins, ' && zypper clean', 'Add zypper clean at the end of this RUN'));
              for (const p of operands(s.rest, ZYPPER_OPTS)) {
                if (p.dynamic || /[=<>]/.test(p.value) || /\.rpm$/.test(p.value) || p.value.includes('/')) continue;
                ctx.report('DL3037', docSpan(c, p), 'Specify version with `zypper install -y <package>=<version>`.');
              }
            }
          }
        }
        // DL3010: tar extracting an archive that a COPY of this stage brought in
        if (final && c.name === 'tar' && copiedArchives.length && c.args.some((a) => /^-[A-Za-z]*x/.test(a.value) || a.value === '--extract' || a.value === '--get')) {
          const removed = cmds.some((o) => o.name === 'rm');
          for (const a of c.args) {
            const base = a.value.split('/').pop() ?? '';
            const hit = copiedArchives.find((x) => x.base === base);
            if (hit && !removed) ctx.report('DL3010', hit.ins.keywordSpan, 'Use `ADD` for extracting archives into an image');
          }
        }
      }
    }
    hasWorkdir.set(stage, workdir);
  }
}

function insertAfter(c: Cmd, w: ShWord, text: string, title: string): Fix {
  const at = docSpan(c, w).end;
  return { title, edits: [{ start: at, end: at, newText: text }], preferred: true };
}

/** Appends a command at the end of a shell-form RUN without heredocs. */
function appendFix(ins: Instruction, text: string, title: string): Fix[] {
  if (ins.json || ins.heredocs.length || !ins.logical.length) return [];
  const at = ins.toDoc(ins.logical.length - 1) + 1;
  return [{ title, edits: [{ start: at, end: at, newText: text }], preferred: true }];
}

/** The command word is the first word (no `sudo`/`env` wrapper before it): the fix inserts after it. */
function unwrapHead(c: Cmd): boolean {
  return c.words[0]?.value === c.name || c.words[0]?.value.endsWith('/' + c.name);
}

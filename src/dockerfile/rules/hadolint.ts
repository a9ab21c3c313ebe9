// hadolint's most valuable rules, under their DL codes (https://github.com/hadolint/hadolint).
import { Instruction } from '../parser';
import { Stage, keyValues } from '../model';
import { ShCommand, ShWord, unwrap } from '../shell';
import { Fix } from '../types';
import { RuleContext, ShellPart } from './context';
import { jsonFormFix } from './util';
import { l10n } from '../../shared/l10n';

interface Found { cmd: ShCommand; name: string; args: ShWord[]; part: ShellPart; ins: Instruction }

function commandsOf(ctx: RuleContext, ins: Instruction): Found[] {
  const out: Found[] = [];
  for (const part of ctx.shellOf(ins)) {
    for (const cmd of part.script.commands) {
      const u = unwrap(cmd);
      out.push({ cmd, name: u.name, args: u.args, part, ins });
    }
  }
  return out;
}

function span(f: Found, w: { start: number; end: number }): { start: number; end: number } {
  return { start: f.part.toDoc(w.start), end: f.part.toDoc(w.end - 1) + 1 };
}

function cmdSpan(f: Found): { start: number; end: number } {
  return span(f, { start: f.cmd.start, end: f.cmd.end });
}

/** Words after a subcommand (e.g. `install`), and the subcommand word. */
function subcommand(args: ShWord[], names: string[]): { sub: ShWord; rest: ShWord[] } | undefined {
  for (let i = 0; i < args.length; i++) {
    const v = args[i].value;
    if (names.includes(v)) return { sub: args[i], rest: args.slice(i + 1) };
    if (!v.startsWith('-')) return undefined; // another subcommand
  }
  return undefined;
}

/** Non-option words, skipping the values of options that take one. */
function packages(words: ShWord[], optsWithValue: Set<string>): ShWord[] {
  const out: ShWord[] = [];
  for (let i = 0; i < words.length; i++) {
    const v = words[i].value;
    if (v.startsWith('-')) {
      if (!v.includes('=') && optsWithValue.has(v)) i++;
      continue;
    }
    out.push(words[i]);
  }
  return out;
}

const APT_OPTS_WITH_VALUE = new Set(['-o', '-c', '-t', '--target-release', '--default-release', '--option', '--config-file']);
const PIP_OPTS_WITH_VALUE = new Set(['-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-t', '--target',
  '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '--trusted-host', '--prefix', '--root', '--platform',
  '--python-version', '--implementation', '--abi', '--src', '--upgrade-strategy', '--progress-bar', '--log', '--proxy',
  '--retries', '--timeout', '--cache-dir', '--exists-action', '--cert', '--client-cert', '--global-option', '--install-option',
  '--no-binary', '--only-binary', '--config-settings', '-C', '--report', '--python']);
const NPM_OPTS_WITH_VALUE = new Set(['--prefix', '--registry', '--cache', '--tag', '--userconfig', '-w', '--workspace', '--omit', '--include']);
const APK_OPTS_WITH_VALUE = new Set(['-t', '--virtual', '-X', '--repository', '-p', '--root', '--arch', '--cache-dir', '--keys-dir', '--repositories-file']);

function isApt(name: string): boolean { return name === 'apt-get' || name === 'apt'; }

/** `apt` → `apt-get` (same subcommands for install/update/remove/upgrade). */
function aptGetFix(f: Found): Fix[] {
  const w = f.cmd.words.find((x) => x.value === 'apt' || x.value.endsWith('/apt'));
  if (!w || !['install', 'update', 'upgrade', 'remove', 'purge', 'autoremove', 'clean', 'dist-upgrade'].some((s) => f.args.some((a) => a.value === s))) return [];
  const s = span(f, w);
  return [{ title: l10n.t('Use apt-get'), edits: [{ start: s.end, end: s.end, newText: '-get' }], preferred: true }];
}

/** Variables a RUN assigns (`deps='a b'; …`, `export DEPS="a b"`) with their literal values. */
export function assignedVariables(found: Found[]): Map<string, string> {
  const vars = new Map<string, string>();
  for (const f of found) {
    const list = f.cmd.words.length === 0 ? f.cmd.assigns
      : ['export', 'local', 'readonly', 'declare', 'typeset'].includes(f.cmd.words[0].value) ? f.cmd.words.slice(1) : [];
    for (const a of list) {
      const eq = a.value.indexOf('=');
      if (eq <= 0 || a.dynamic || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(a.value.slice(0, eq))) continue;
      vars.set(a.value.slice(0, eq), a.value.slice(eq + 1));
    }
  }
  return vars;
}

interface Item { value: string; word: ShWord; dynamic: boolean }

/** Words, with `$VAR` / `${VAR}` replaced by the items of a list the same RUN assigned to VAR. */
function expand(words: ShWord[], vars: Map<string, string>): Item[] {
  const out: Item[] = [];
  for (const w of words) {
    const m = w.dynamic ? /^\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)\})$/.exec(w.value) : null;
    const v = m ? vars.get(m[1] ?? m[2]) : undefined;
    if (v !== undefined) {
      for (const item of v.split(/\s+/).filter(Boolean)) out.push({ value: item, word: w, dynamic: item.includes('$') });
    } else out.push({ value: w.value, word: w, dynamic: w.dynamic });
  }
  return out;
}

function isPip(f: Found): { installAt: ShWord; rest: ShWord[] } | undefined {
  let args = f.args;
  if (/^python[0-9.]*$/.test(f.name)) {
    const m = args.findIndex((w) => w.value === '-m');
    if (m === -1 || !/^pip[0-9.]*$/.test(args[m + 1]?.value ?? '')) return undefined;
    args = args.slice(m + 2);
  } else if (!/^pip[0-9.]*$/.test(f.name)) return undefined;
  const s = subcommand(args, ['install']);
  return s ? { installAt: s.sub, rest: s.rest } : undefined;
}

function insertAfter(f: Found, w: ShWord, text: string, title: string): Fix {
  const at = f.part.toDoc(w.end - 1) + 1;
  return { title, edits: [{ start: at, end: at, newText: text }], preferred: true };
}

function shellFormOnly(ins: Instruction): boolean {
  return !ins.json && ins.heredocs.length === 0;
}

const ROOT_USER = /^(root|0)(:.*)?$/;

export function hadolintRules(ctx: RuleContext): void {
  const { model, escape } = ctx;
  const df = model.df;
  const stageNames = new Map<string, Stage>();
  // the rules about what an image ships (DL3009) look at the last stage, as hadolint does
  const lastStage = model.stages[model.stages.length - 1];

  for (const stage of model.stages) {
    // DL3006 / DL3007 / DL3024
    const img = stage.image;
    if (img && !stage.base) {
      const v = img.value;
      const lower = v.toLowerCase();
      const lastSlash = v.lastIndexOf('/');
      const tagColon = v.indexOf(':', lastSlash + 1);
      const hasDigest = v.includes('@');
      if (lower !== 'scratch' && !v.startsWith('$') && !hasDigest) {
        if (tagColon === -1 && !v.includes('$')) {
          ctx.report('DL3006', img, l10n.t('Always tag the version of an image explicitly'));
        } else if (tagColon !== -1 && v.slice(tagColon + 1) === 'latest') {
          ctx.report('DL3007', img, l10n.t('Using latest is prone to errors if the image will ever update. Pin the version explicitly to a release tag'));
        }
      }
    }
    if (stage.name) {
      if (stageNames.has(stage.name) && stage.nameWord) ctx.report('DL3024', stage.nameWord, l10n.t('FROM aliases (stage names) must be unique'));
      else stageNames.set(stage.name, stage);
    }

    let pipefail = false;
    let pipNoCache = false;
    let prevRun: Instruction | undefined;
    let lastUser: Instruction | undefined;
    const isAlpine = /alpine|busybox/i.test(img?.value ?? '');
    for (const ins of stage.instructions) {
      const kw = ins.keyword;
      if (kw === 'SHELL' && ins.json) {
        const vals = ins.json.values;
        // `-o pipefail`, also inside grouped short options (`-eo pipefail`, `-exo pipefail`)
        pipefail = vals.some((v, i) => /^-[A-Za-z]*o$/.test(v) && vals[i + 1] === 'pipefail');
        if (/pwsh|powershell|cmd(\.exe)?$/i.test(vals[0] ?? '')) pipefail = true; // not a POSIX shell
      }
      if (kw === 'ENV') for (const kv of keyValues(ins, escape)) if (kv.name === 'PIP_NO_CACHE_DIR') pipNoCache = true;
      if (kw === 'USER') lastUser = ins;
      if (kw === 'WORKDIR') {
        const dir = ins.args[0]?.value ?? '';
        if (dir && !dir.startsWith('/') && !dir.startsWith('$') && !/^[A-Za-z]:[\\/]/.test(dir) && !dir.startsWith('"/')) {
          ctx.report('DL3000', ins.args[0], l10n.t('Use absolute WORKDIR'));
        }
      }
      if (kw === 'EXPOSE') {
        for (const w of ins.args) {
          if (w.value.includes('$')) continue;
          const port = w.value.split('/')[0].split(':').pop() ?? '';
          for (const p of port.split('-')) {
            if (/^\d+$/.test(p) && Number(p) > 65535) ctx.report('DL3011', w, l10n.t('Valid UNIX ports range from 0 to 65535'));
          }
        }
      }
      // hadolint reads `HEALTHCHECK CMD <shell form>` as a CMD too
      const hcShell = kw === 'HEALTHCHECK' && ins.args[0]?.value.toUpperCase() === 'CMD' && !/^\s*\S+\s*\[/.test(ins.argsText);
      if (hcShell && ins.args.length > 1) {
        ctx.report('DL3025', { start: ins.keywordSpan.start, end: ins.end }, l10n.t('Use arguments JSON notation for CMD and ENTRYPOINT arguments'));
      }
      if (kw === 'CMD' || kw === 'ENTRYPOINT') {
        if (!ins.json && ins.argsText.trim()) {
          const fix = jsonFormFix(ins);
          ctx.report('DL3025', { start: ins.keywordSpan.start, end: ins.end }, l10n.t('Use arguments JSON notation for CMD and ENTRYPOINT arguments'), fix ? [fix] : []);
        }
      }
      if (kw === 'COPY' || kw === 'ADD') copyAddRules(ctx, stage, ins, model.stageByName);
      if (kw === 'RUN') {
        // DL3059: consecutive RUN with the same flags, each a single command (a RUN that already chains
        // commands is a deliberate split, as in hadolint)
        if (prevRun && sameFlags(prevRun, ins) && shellFormOnly(prevRun) && shellFormOnly(ins)
          && commandCount(ctx, prevRun) <= 1 && commandCount(ctx, ins) <= 1) {
          const prevText = prevRun.argsText.trim();
          const curText = ins.argsText.trim();
          const fixes: Fix[] = [];
          if (prevText && curText) {
            const indent = '    ';
            fixes.push({
              title: l10n.t('Merge into the previous RUN with &&'),
              edits: [{ start: prevRun.toDoc(prevRun.logical.length - 1) + 1, end: ins.end, newText: ` && ${escape}\n${indent}${df.text.slice(ins.toDoc(ins.argsAt + (ins.argsText.length - ins.argsText.trimStart().length)), ins.end)}` }],
            });
          }
          ctx.report('DL3059', ins.keywordSpan, l10n.t('Multiple consecutive `RUN` instructions. Consider consolidation.'), fixes);
        }
        prevRun = ins;
        runRules(ctx, stage, ins, { pipefail, pipNoCache, isAlpine, final: stage === lastStage });
      } else prevRun = undefined;
    }
    // DL3002: last USER of the final stage is root
    if (stage === lastStage && lastUser) {
      const u = lastUser.args[0]?.value ?? '';
      if (ROOT_USER.test(u)) ctx.report('DL3002', { start: lastUser.keywordSpan.start, end: lastUser.end }, l10n.t('Last USER should not be root'));
    }
  }
}

/** Commands of a RUN at its top level (commands inside substitutions and subshells not counted). */
function commandCount(ctx: RuleContext, ins: Instruction): number {
  if (ins.json) return 1;
  let n = 0;
  for (const part of ctx.shellOf(ins)) {
    for (const c of part.script.commands) if (c.before !== '$(' && c.before !== '`' && c.before !== '(') n++;
  }
  return n;
}

function sameFlags(a: Instruction, b: Instruction): boolean {
  if (a.flags.length !== b.flags.length) return false;
  return a.flags.every((f, i) => b.flags[i].name === f.name && b.flags[i].value === f.value);
}

function copyAddRules(ctx: RuleContext, stage: Stage, ins: Instruction, byName: Map<string, Stage>): void {
  const from = ins.flags.find((f) => f.name === 'from');
  if (ins.keyword === 'COPY' && from && from.value !== null) {
    const v = from.value.toLowerCase();
    const target = byName.get(v);
    if (stage.name && v === stage.name && from.valueSpan) {
      ctx.report('DL3023', from, l10n.t('COPY --from cannot reference its own FROM alias'));
    } else if (!/^\d+$/.test(v) && !v.includes(':') && !v.includes('/') && !v.includes('$') && !v.includes('@')
      && (!target || target.index >= stage.index)) {
      ctx.report('DL3022', from.valueSpan ?? from, l10n.t('COPY --from should reference a previously defined FROM alias'));
    } else if (/^\d+$/.test(v) && Number(v) >= stage.index) {
      ctx.report('DL3022', from.valueSpan ?? from, l10n.t('COPY --from should reference a previously defined FROM alias'));
    }
  }
  const words = ins.json ? null : ins.args;
  const count = ins.json ? ins.json.values.length : ins.args.length;
  if (ins.keyword === 'COPY' && count > 2 && ins.heredocs.length === 0) {
    const lastVal = ins.json ? ins.json.values[count - 1] : ins.args[count - 1].value;
    if (!lastVal.endsWith('/') && !lastVal.includes('$')) {
      const fixes: Fix[] = [];
      if (words) {
        const w = words[count - 1];
        fixes.push({ title: l10n.t('Add a trailing / to {0}', w.value), edits: [{ start: w.end, end: w.end, newText: '/' }], preferred: true });
      } else if (ins.json) {
        const s = ins.json.spans[count - 1];
        fixes.push({ title: l10n.t('Add a trailing / to the destination'), edits: [{ start: s.end - 1, end: s.end - 1, newText: '/' }], preferred: true });
      }
      ctx.report('DL3021', words ? words[count - 1] : (ins.json ? ins.json.spans[count - 1] : ins), l10n.t('COPY with more than 2 arguments requires the last argument to end with /'), fixes);
    }
  }
  if (ins.keyword === 'ADD' && count >= 2 && ins.heredocs.length === 0) {
    const sources = ins.json ? ins.json.values.slice(0, -1) : ins.args.slice(0, -1).map((w) => w.value);
    const remoteOrArchive = sources.some((s) => /^(https?|ftp|git):\/\/|^git@|\.git(#.*)?$/.test(s) || /\.(tar|tar\.\w+|tgz|tbz2?|txz|tzst|gz|bz2|xz|zst|lz|lzma|zip)$/i.test(s) || s.includes('$'));
    const addOnlyFlags = ins.flags.some((f) => ['checksum', 'keep-git-dir', 'unpack'].includes(f.name));
    if (!remoteOrArchive && !addOnlyFlags) {
      ctx.report('DL3020', ins.keywordSpan, l10n.t('Use COPY instead of ADD for files and folders'),
        [{ title: l10n.t('Replace ADD with COPY'), edits: [{ start: ins.keywordSpan.start, end: ins.keywordSpan.end, newText: ins.keywordText === 'add' ? 'copy' : 'COPY' }], preferred: true }]);
    }
  }
}

interface RunState { pipefail: boolean; pipNoCache: boolean; isAlpine: boolean; final: boolean }

function runRules(ctx: RuleContext, stage: Stage, ins: Instruction, st: RunState): void {
  const found = commandsOf(ctx, ins);
  if (!found.length) return;
  const df = ctx.model.df;
  const mounts = ins.flags.filter((f) => f.name === 'mount').map((f) => f.options());
  const cacheTargets = mounts.filter((o) => o.some((x) => x.key === 'type' && x.value === 'cache'))
    .map((o) => o.find((x) => ['target', 'dst', 'destination'].includes(x.key))?.value ?? '');

  let aptUpdate: Found | undefined;
  let removesLists = false;
  const vars = assignedVariables(found);
  for (const f of found) {
    const all = f.cmd.words;
    // DL3004
    if (all[0] && (all[0].value === 'sudo' || all[0].value.endsWith('/sudo'))) {
      ctx.report('DL3004', span(f, all[0]), l10n.t('Do not use sudo as it leads to unpredictable behavior. Use a tool like gosu to enforce root'));
    }
    // DL3003
    if (f.name === 'cd') ctx.report('DL3003', cmdSpan(f), l10n.t('Use WORKDIR to switch to a directory'));
    if (f.name === 'rm' && f.args.some((w) => /^\/var\/lib\/apt\/lists\/?\*?$/.test(w.value) || w.value.startsWith('/var/lib/apt/lists'))) removesLists = true;
    // `apt-get dist-clean` (apt 2.7+) removes the lists too
    if (isApt(f.name) && subcommand(f.args, ['dist-clean'])) removesLists = true;
    if (isApt(f.name) && subcommand(f.args, ['update'])) aptUpdate ??= f;
    if (f.name === 'apt') {
      // hadolint's DL3027 covers `apt` (an end-user tool); the apt-get rules below are for apt-get
      ctx.report('DL3027', cmdSpan(f), l10n.t('Do not use apt as it is meant to be an end-user tool, use apt-get or apt-cache instead'),
        aptGetFix(f));
    }
    if (f.name === 'apt-get') {
      const s = subcommand(f.args, ['install']);
      if (s) {
        const opts = f.args.filter((w) => w.value.startsWith('-'));
        const yes = opts.some((w) => /^(-[a-z]*y[a-z]*|--yes|--assume-yes|-qq|-q=2|--quiet=2|-[a-z]*qq[a-z]*)$/.test(w.value));
        if (!yes) ctx.report('DL3014', cmdSpan(f), l10n.t('Use the `-y` switch to avoid manual input `apt-get -y install <package>`'), [insertAfter(f, s.sub, ' -y', 'Add -y')]);
        const noRec = opts.some((w) => w.value === '--no-install-recommends') || f.args.some((w, i) => w.value === '-o' && /APT::Install-Recommends=(false|0)/i.test(f.args[i + 1]?.value ?? ''))
          || f.args.some((w) => /^-oAPT::Install-Recommends=(false|0)$/i.test(w.value));
        if (!noRec) ctx.report('DL3015', cmdSpan(f), l10n.t('Avoid additional packages by specifying `--no-install-recommends`'), [insertAfter(f, s.sub, ' --no-install-recommends', 'Add --no-install-recommends')]);
        for (const p of expand(packages(s.rest, APT_OPTS_WITH_VALUE), vars)) {
          if (p.value.includes('=') || /\.deb$/.test(p.value) || p.value.startsWith('/') || p.value.startsWith('./') || p.dynamic) continue;
          ctx.report('DL3008', span(f, p.word), l10n.t('Pin versions in apt get install. Instead of `apt-get install {0}` use `apt-get install {0}=<version>`', p.value));
        }
      }
    }
    const pip = isPip(f);
    if (pip) {
      const rest = pip.rest;
      for (const p of expand(packages(rest, PIP_OPTS_WITH_VALUE), vars)) {
        let v = p.value;
        if (p.dynamic) {
          // `"tensorflow${X}"`: a literal name, then an expansion without a version operator before it
          const m = /^([A-Za-z0-9][A-Za-z0-9._-]*(?:\[[^\]]*\])?)\$/.exec(v);
          if (!m) continue;
          v = m[1];
        }
        if (/[=<>~!@]/.test(v) || v.startsWith('.') || v.startsWith('/') || /\.(whl|tar\.gz|zip)$/.test(v) || /^(git\+|https?:)/.test(v)) continue;
        ctx.report('DL3013', span(f, p.word), l10n.t('Pin versions in pip. Instead of `pip install {0}` use `pip install {0}==<version>` or `pip install --requirement <requirements file>`', v));
      }
      const noCache = rest.some((w) => w.value === '--no-cache-dir' || w.value === '--no-cache-dir=true') || st.pipNoCache
        || f.cmd.assigns.some((a) => a.value.startsWith('PIP_NO_CACHE_DIR='))
        || cacheTargets.some((t) => /\.cache(\/pip)?\/?$/.test(t));
      if (!noCache) ctx.report('DL3042', cmdSpan(f), l10n.t('Avoid use of cache directory with pip. Use `pip install --no-cache-dir <package>`'), [insertAfter(f, pip.installAt, ' --no-cache-dir', 'Add --no-cache-dir')]);
    }
    if (f.name === 'npm') {
      const s = subcommand(f.args, ['install', 'i', 'add', 'isntall', 'in']);
      if (s) {
        for (const p of packages(s.rest, NPM_OPTS_WITH_VALUE)) {
          const v = p.value;
          if (p.dynamic || v.startsWith('.') || v.startsWith('/') || /^(git|https?|file):|^git\+|\.t(ar\.)?gz$|^[\w-]+\/[\w.-]+(#.*)?$/.test(v)) continue;
          const at = v.startsWith('@') ? v.indexOf('@', 1) : v.indexOf('@');
          if (at === -1) ctx.report('DL3016', span(f, p), l10n.t('Pin versions in npm. Instead of `npm install {0}` use `npm install {0}@<version>`', v));
        }
      }
    }
    if (f.name === 'apk') {
      const s = subcommand(f.args, ['add']);
      if (s) {
        for (const p of expand(packages(s.rest, APK_OPTS_WITH_VALUE), vars)) {
          if (p.value.includes('=') || p.dynamic || /\.apk$/.test(p.value)) continue;
          ctx.report('DL3018', span(f, p.word), l10n.t('Pin versions in apk add. Instead of `apk add {0}` use `apk add {0}=<version>`', p.value));
        }
      }
    }
  }
  // DL3009: apt lists (fetched by `apt-get update`) left in a final image
  if (aptUpdate && !removesLists && st.final && !cacheTargets.some((t) => t.startsWith('/var/lib/apt'))) {
    const fixes: Fix[] = [];
    if (shellFormOnly(ins)) {
      const at = ins.toDoc(ins.logical.length - 1) + 1;
      fixes.push({ title: l10n.t('Remove /var/lib/apt/lists/* at the end of this RUN'), edits: [{ start: at, end: at, newText: ' && rm -rf /var/lib/apt/lists/*' }], preferred: true });
    }
    ctx.report('DL3009', cmdSpan(aptUpdate), l10n.t('Delete the apt lists (/var/lib/apt/lists) after installing something'), fixes);
  }
  // DL4006: pipes without pipefail
  if (!st.pipefail) {
    for (const part of ctx.shellOf(ins)) {
      if (!part.script.hasPipe) continue;
      const setsPipefail = part.script.commands.some((c) => c.words[0]?.value === 'set' && c.words.some((w, i) => (w.value === '-o' && c.words[i + 1]?.value === 'pipefail') || /^-[a-z]*o$/.test(w.value) && c.words[i + 1]?.value === 'pipefail'));
      if (setsPipefail) continue;
      const fromIns = stage.from;
      const at = df.lineStarts[Math.min(fromIns.endLine + 1, df.lineStarts.length - 1)];
      const atEnd = fromIns.endLine + 1 >= df.lineStarts.length;
      const shell = st.isAlpine ? '/bin/ash' : '/bin/bash';
      ctx.report('DL4006', ins.keywordSpan, l10n.t('Set the SHELL option -o pipefail before RUN with a pipe in it. If you are using /bin/sh in an alpine image or if your shell is symlinked to busybox then consider explicitly setting your SHELL to /bin/ash, or disable this check'),
        [{ title: l10n.t('Add SHELL ["{0}", "-o", "pipefail", "-c"] to this stage', shell), edits: [{ start: atEnd ? df.text.length : at, end: atEnd ? df.text.length : at, newText: `${atEnd ? '\n' : ''}SHELL ["${shell}", "-o", "pipefail", "-c"]\n` }], preferred: true }]);
      break;
    }
  }
}

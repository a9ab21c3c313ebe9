// The secret and ssh mounts a Dockerfile's RUN steps ask for (`--mount=type=secret,id=X`,
// `--mount=type=ssh`), so that the build form can offer a source for each secret and the
// session forwards the ssh-agent only when a step wants it. Pure.
import * as path from 'node:path';

export interface SecretMount {
  id: string;
  required: boolean;
  /** Zero-based line of the RUN instruction. */
  line: number;
}

export interface BuildKitMounts {
  secrets: SecretMount[];
  /** ssh ids (`default` when none is given). */
  ssh: string[];
}

/** Splits `type=secret,id=x,required` into keys and values (a bare key is "true"). */
function mountOptions(spec: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of spec.split(',')) {
    const eq = part.indexOf('=');
    const key = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    if (key) out[key] = eq < 0 ? 'true' : part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
  }
  return out;
}

/** RUN instructions: their first line and their text with continuations joined (comment lines inside dropped). */
function runInstructions(lines: string[]): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*RUN\s/i.test(lines[i])) continue;
    const start = i;
    let text = lines[i];
    while (/\\\s*$/.test(text) && i + 1 < lines.length) {
      text = text.replace(/\\\s*$/, ' ');
      i++;
      if (/^\s*#/.test(lines[i])) { text += '\\'; continue; }
      text += lines[i];
    }
    out.push({ line: start, text });
  }
  return out;
}

/** The flags before the command: `RUN --mount=a --network=none cmd` → ['--mount=a', '--network=none']. */
function runFlags(text: string): string[] {
  const flags: string[] = [];
  const re = /\s*(--[\w-]+(?:=(?:"[^"]*"|\S+))?)/y;
  re.lastIndex = /^\s*RUN/i.exec(text)![0].length;
  for (let m = re.exec(text); m; m = re.exec(text)) flags.push(m[1]);
  return flags;
}

export function findBuildKitMounts(dockerfileText: string): BuildKitMounts {
  const secrets = new Map<string, SecretMount>();
  const ssh = new Set<string>();
  for (const run of runInstructions(dockerfileText.split(/\r?\n/))) {
    for (const flag of runFlags(run.text)) {
      const m = /^--mount=(?:"(.*)"|(.*))$/.exec(flag);
      if (!m) continue;
      const o = mountOptions(m[1] ?? m[2]);
      if (o.type === 'secret') {
        const target = o.target || o.dst || o.destination;
        const id = o.id || (target ? path.posix.basename(target) : '');
        if (id && !secrets.has(id)) secrets.set(id, { id, required: o.required === 'true', line: run.line });
      } else if (o.type === 'ssh') {
        ssh.add(o.id || 'default');
      }
    }
  }
  return { secrets: [...secrets.values()], ssh: [...ssh] };
}

/** What to do about the ssh-agent of a build, before asking anyone (the prompt is in sshAgent.ts). */
export function sshAgentDecision(o: { wanted: boolean; socket: string | undefined; setting: string; remembered: boolean }): 'none' | 'noSocket' | 'forward' | 'withoutAgent' | 'ask' {
  if (!o.wanted) return 'none';
  if (o.setting === 'never') return 'withoutAgent';
  if (!o.socket) return 'noSocket';
  if (o.setting === 'always' || o.remembered) return 'forward';
  return 'ask';
}

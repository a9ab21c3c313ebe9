// A small POSIX/bash shell reader for RUN instructions and heredoc bodies: it splits the script into simple
// commands (words with quotes and escapes resolved, assignments and redirections set apart) and records the
// operators between them. It recurses into $( ), backticks, subshells and groups, and skips here-documents.
//
// Why not sh-syntax (mvdan/sh compiled to wasm): its JSON AST exposes only statement positions (a command
// node carries `Pos`/`End`, no words), each call starts a new Go runtime (~15 ms here, ~8 ms at best),
// reusing an instance crashes with "memory access out of bounds", and it is async only. The rules need
// command names and arguments in a synchronous, linear pass; this reader gives exactly that and is
// exercised by the rule tests and the fuzz run.

export interface ShWord {
  value: string;   // quotes removed, escapes resolved; expansions kept verbatim
  start: number;   // offsets in the text given to parseShell
  end: number;
  /** Contains an unquoted or double-quoted expansion ($VAR, $(...), `...`). */
  dynamic: boolean;
}

export interface ShCommand {
  assigns: ShWord[];
  /** words[0] is the command name. */
  words: ShWord[];
  /** Operator before this command: '' (start), ';', '&&', '||', '|', '&', '\n', '(' , '$(' ... */
  before: string;
  start: number;
  end: number;
}

export interface ShScript {
  commands: ShCommand[];
  /** A pipe operator appears somewhere (outside quotes). */
  hasPipe: boolean;
  pipes: number[];
}

const RESERVED_PREFIX = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', 'time']);
const RESERVED_END = new Set(['fi', 'done', 'esac', '}']);

const ASSIGN_RE = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/;

class Reader {
  i = 0;
  readonly commands: ShCommand[] = [];
  readonly pipes: number[] = [];
  private pendingHeredocs: { name: string; strip: boolean }[] = [];
  private depth = 0;
  private backticks = 0;
  /** Open `case` statements: true while reading the patterns of the next clause (up to its `)`). */
  private readonly cases: boolean[] = [];

  constructor(private readonly text: string) {}

  /** Reads a list of commands until `stop` (')' or '`') at this level, or the end. */
  list(stop: string, before: string): void {
    const t = this.text;
    let op = before;
    let cur: ShCommand | null = null;
    let expectRedirTarget = false;
    const finish = (): void => {
      if (cur && (cur.words.length || cur.assigns.length)) this.commands.push(cur);
      cur = null;
    };
    if (++this.depth > 200) { this.i = t.length; this.depth--; return; }
    while (this.i < t.length) {
      const c = t[this.i];
      if (stop && c === stop) { finish(); this.depth--; return; }
      if (c === ' ' || c === '\t' || c === '\r') { this.i++; continue; }
      if (c === '\\' && t[this.i + 1] === '\n') { this.i += 2; continue; }
      if (c === '\n') {
        finish(); op = '\n'; this.i++;
        if (this.pendingHeredocs.length) this.skipHeredocBodies();
        continue;
      }
      if (c === '#' && !cur) { this.skipComment(); continue; }
      if (c === '#' && cur && this.i > 0 && /\s/.test(t[this.i - 1])) { this.skipComment(); continue; }
      // `case WORD in PATTERN|PATTERN) LIST ;; ... esac`: the patterns are no pipes nor commands
      if (!cur && this.cases.length && this.cases[this.cases.length - 1]) {
        if (this.patternClause()) continue;
      }
      if (c === ';' && t[this.i + 1] === ';' && this.cases.length) {
        finish(); op = ';'; this.i += t[this.i + 2] === '&' ? 3 : 2; this.cases[this.cases.length - 1] = true; continue;
      }
      if (c === ';' && t[this.i + 1] === '&' && this.cases.length) {
        finish(); op = ';'; this.i += 2; this.cases[this.cases.length - 1] = true; continue;
      }
      // operators
      if (c === '&' && t[this.i + 1] === '&') { finish(); op = '&&'; this.i += 2; continue; }
      if (c === '|' && t[this.i + 1] === '|') { finish(); op = '||'; this.i += 2; continue; }
      if (c === '|') { this.pipes.push(this.i); finish(); op = '|'; this.i += t[this.i + 1] === '&' ? 2 : 1; continue; }
      if (c === ';') { finish(); op = ';'; this.i += t[this.i + 1] === ';' ? 2 : 1; continue; }
      if (c === '&' && t[this.i + 1] !== '>') { finish(); op = '&'; this.i++; continue; }
      if (c === '(' && !cur) {
        this.i++;
        if (t[this.i] === '(') { this.skipArith(); continue; }
        this.list(')', '(');
        if (t[this.i] === ')') this.i++;
        op = ')';
        continue;
      }
      if (c === ')') { finish(); this.i++; op = ')'; continue; }
      // redirections
      const redir = /^(\d*|&)(>>|>&|>\||<<<|<<-|<<|<&|<>|>|<)/.exec(t.slice(this.i, this.i + 6));
      if (redir) {
        const opText = redir[2];
        this.i += redir[0].length;
        if (opText === '<<' || opText === '<<-') {
          while (t[this.i] === ' ' || t[this.i] === '\t') this.i++;
          const w = this.word();
          if (w) this.pendingHeredocs.push({ name: w.value, strip: opText === '<<-' });
          continue;
        }
        expectRedirTarget = true;
        continue;
      }
      const w = this.word();
      if (!w) { this.i++; continue; }
      if (expectRedirTarget) { expectRedirTarget = false; continue; }
      if (!cur) {
        if (RESERVED_PREFIX.has(w.value) && !w.dynamic && w.end - w.start === w.value.length) continue;
        if (w.value === 'esac' && !w.dynamic && this.cases.length) { this.cases.pop(); continue; }
        if (RESERVED_END.has(w.value) && !w.dynamic) continue;
        if (w.value === 'case' && !w.dynamic) {
          // `case WORD in`: skip to `in`, then read pattern clauses
          this.caseHead();
          continue;
        }
        cur = { assigns: [], words: [], before: op, start: w.start, end: w.end };
      }
      const c0: ShCommand = cur;
      if (c0.words.length === 0 && ASSIGN_RE.test(w.value)) c0.assigns.push(w);
      else c0.words.push(w);
      c0.end = w.end;
    }
    finish();
    this.depth--;
  }

  /** After `case`: reads the subject word and `in`. */
  private caseHead(): void {
    const t = this.text;
    for (let guard = 0; guard < 4 && this.i < t.length; guard++) {
      while (this.i < t.length && /[ \t\r\n]/.test(t[this.i])) this.i++;
      if (t[this.i] === '\\' && t[this.i + 1] === '\n') { this.i += 2; continue; }
      const w = this.word();
      if (!w) return;
      if (w.value === 'in' && !w.dynamic) { this.cases.push(true); return; }
    }
  }

  /** At the start of a case clause: skips `(PATTERN|PATTERN)` or reads `esac`. False when nothing was consumed. */
  private patternClause(): boolean {
    const t = this.text;
    const start = this.i;
    while (this.i < t.length && /[ \t\r\n;]/.test(t[this.i])) this.i++;
    if (t[this.i] === '\\' && t[this.i + 1] === '\n') { this.i += 2; return true; }
    if (t.startsWith('esac', this.i) && !/[A-Za-z0-9_]/.test(t[this.i + 4] ?? '')) {
      this.i += 4;
      this.cases.pop();
      return true;
    }
    if (t[this.i] === '(') this.i++;
    let quote = '';
    while (this.i < t.length) {
      const ch = t[this.i];
      if (quote) { if (ch === quote) quote = ''; else if (ch === '\\' && quote === '"') this.i++; this.i++; continue; }
      if (ch === '\'' || ch === '"') { quote = ch; this.i++; continue; }
      if (ch === '\\') { this.i += 2; continue; }
      if (ch === ')') { this.i++; this.cases[this.cases.length - 1] = false; return true; }
      if (ch === '\n' && this.i > start && !/\S/.test(t.slice(start, this.i))) { this.i++; continue; }
      this.i++;
    }
    this.cases[this.cases.length - 1] = false;
    return this.i > start;
  }

  private skipComment(): void {
    const nl = this.text.indexOf('\n', this.i);
    this.i = nl === -1 ? this.text.length : nl;
  }

  private skipArith(): void {
    // (( ... )) arithmetic: skip to the matching '))'
    let depth = 1;
    this.i++;
    while (this.i < this.text.length && depth > 0) {
      const c = this.text[this.i];
      if (c === '(') depth++;
      else if (c === ')') depth--;
      this.i++;
    }
    if (this.text[this.i] === ')') this.i++;
  }

  private skipHeredocBodies(): void {
    const t = this.text;
    for (const h of this.pendingHeredocs) {
      while (this.i < t.length) {
        let nl = t.indexOf('\n', this.i);
        if (nl === -1) nl = t.length;
        let line = t.slice(this.i, nl);
        if (line.endsWith('\r')) line = line.slice(0, -1);
        if (h.strip) line = line.replace(/^\t+/, '');
        this.i = Math.min(nl + 1, t.length);
        if (line === h.name) break;
      }
    }
    this.pendingHeredocs = [];
  }

  /** Reads one word at the current position; recurses into command substitutions. */
  private word(): ShWord | null {
    const t = this.text;
    const start = this.i;
    let value = '';
    let dynamic = false;
    while (this.i < t.length) {
      const c = t[this.i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ';' || c === '&' || c === '|' || c === ')' || c === '<' || c === '>') break;
      if (c === '(' ) {
        // e.g. arr=(a b) or extglob: keep verbatim to the matching ')'
        const end = this.matchParen(this.i);
        value += t.slice(this.i, end);
        this.i = end;
        continue;
      }
      if (c === '\\') {
        if (t[this.i + 1] === '\n') { this.i += 2; continue; }
        if (this.i + 1 < t.length) value += t[this.i + 1];
        this.i += 2;
        continue;
      }
      if (c === '\'') {
        const end = t.indexOf('\'', this.i + 1);
        const e = end === -1 ? t.length : end;
        value += t.slice(this.i + 1, e);
        this.i = Math.min(e + 1, t.length);
        continue;
      }
      if (c === '"') {
        this.i++;
        while (this.i < t.length && t[this.i] !== '"') {
          const d = t[this.i];
          if (d === '\\' && this.i + 1 < t.length) {
            const n = t[this.i + 1];
            if (n === '\n') { this.i += 2; continue; }
            value += '$`"\\'.includes(n) ? n : d + n;
            this.i += 2;
            continue;
          }
          if (d === '$' || d === '`') {
            dynamic = true;
            value += this.expansion();
            continue;
          }
          value += d;
          this.i++;
        }
        this.i++;
        continue;
      }
      if (c === '`' && this.backticks > 0) break;
      if (c === '$' || c === '`') {
        if (c === '$' && t[this.i + 1] === '\'') {
          // $'...' ANSI-C string
          let j = this.i + 2;
          while (j < t.length && t[j] !== '\'') j += t[j] === '\\' ? 2 : 1;
          value += t.slice(this.i + 2, Math.min(j, t.length));
          this.i = Math.min(j + 1, t.length);
          continue;
        }
        dynamic = true;
        value += this.expansion();
        continue;
      }
      value += c;
      this.i++;
    }
    if (this.i > t.length) this.i = t.length;
    if (this.i === start) return null;
    return { value, start, end: this.i, dynamic };
  }

  /** Reads $VAR, ${...}, $(...), $((...)) or `...` at the current position; returns its text. */
  private expansion(): string {
    const t = this.text;
    const start = this.i;
    if (t[this.i] === '`') {
      this.i++;
      this.backticks++;
      this.list('`', '`');
      this.backticks--;
      if (t[this.i] === '`') this.i++;
      if (this.i > t.length) this.i = t.length;
      return t.slice(start, this.i);
    }
    // '$'
    const n = t[this.i + 1];
    if (n === '(') {
      if (t[this.i + 2] === '(') {
        this.i += 2;
        this.skipArith();
        return t.slice(start, this.i);
      }
      this.i += 2;
      this.list(')', '$(');
      if (t[this.i] === ')') this.i++;
      return t.slice(start, this.i);
    }
    if (n === '{') {
      let depth = 0;
      let j = this.i + 1;
      for (; j < t.length; j++) {
        if (t[j] === '{') depth++;
        else if (t[j] === '}') { depth--; if (depth === 0) { j++; break; } }
        else if (t[j] === '\\') j++;
      }
      this.i = Math.min(j, t.length);
      return t.slice(start, this.i);
    }
    let j = this.i + 1;
    if (j < t.length && /[A-Za-z_]/.test(t[j])) {
      while (j < t.length && /[A-Za-z0-9_]/.test(t[j])) j++;
    } else if (j < t.length && /[0-9@*#?$!-]/.test(t[j])) j++;
    this.i = j;
    return t.slice(start, j);
  }

  private matchParen(from: number): number {
    const t = this.text;
    let depth = 0;
    for (let j = from; j < t.length; j++) {
      const c = t[j];
      if (c === '(') depth++;
      else if (c === ')') { depth--; if (depth === 0) return j + 1; }
      else if (c === '\\') j++;
      else if (c === '\'' || c === '"') {
        const e = t.indexOf(c, j + 1);
        if (e === -1) return t.length;
        j = e;
      }
    }
    return t.length;
  }
}

const cache = new Map<string, ShScript>();
const CACHE_MAX = 5000;

/** Forgets cached shell parses (benchmarks measure cold runs). */
export function clearShellCache(): void {
  cache.clear();
}

/** Parses shell text into simple commands. Results are cached per text (instructions repeat a lot). */
export function parseShell(text: string): ShScript {
  const hit = cache.get(text);
  if (hit) return hit;
  const r = new Reader(text);
  r.list('', '');
  const script: ShScript = { commands: r.commands, hasPipe: r.pipes.length > 0, pipes: r.pipes };
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(text, script);
  return script;
}

/** Command name without a path: /usr/bin/apt-get -> apt-get. */
export function commandName(cmd: ShCommand): string {
  const w = cmd.words[0];
  if (!w) return '';
  const v = w.value;
  const slash = v.lastIndexOf('/');
  return slash === -1 ? v : v.slice(slash + 1);
}

/**
 * The effective command after wrappers like `sudo`, `env X=1`, `nice`, `xargs`? — only `sudo` and `env`
 * are unwrapped (their options are skipped).
 */
export function unwrap(cmd: ShCommand): { name: string; args: ShWord[]; nameWord: ShWord | undefined } {
  let words = cmd.words;
  for (let guard = 0; guard < 4; guard++) {
    const name = words[0] ? basename(words[0].value) : '';
    if (name === 'sudo' || name === 'env' || name === 'command' || name === 'exec' || name === 'nohup') {
      let k = 1;
      while (k < words.length && (words[k].value.startsWith('-') || (name === 'env' && ASSIGN_RE.test(words[k].value)))) {
        const flag = words[k].value;
        k++;
        if (name === 'sudo' && /^-[ugpCDhrtTU]$/.test(flag)) k++;
      }
      words = words.slice(k);
      continue;
    }
    break;
  }
  return { name: words[0] ? basename(words[0].value) : '', args: words.slice(1), nameWord: words[0] };
}

function basename(v: string): string {
  const slash = v.lastIndexOf('/');
  return slash === -1 ? v : v.slice(slash + 1);
}

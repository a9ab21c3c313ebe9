// Real Dockerfiles from public repositories (see fixtures/dockerfile/corpus/SOURCES.md): no errors, the same DL
// findings as hadolint 2.15.1 per instruction (recorded in the fixture folder; hadolint is not needed here), and
// the formatter leaves their meaning alone and is idempotent on them.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../src/dockerfile/analyze';
import { format } from '../../../src/dockerfile/format';
import { instructionAt, parse } from '../../../src/dockerfile/parser';

const root = path.join(__dirname, '..', '..', 'fixtures', 'dockerfile');
const corpus = path.join(root, 'corpus');
const recorded = JSON.parse(fs.readFileSync(path.join(corpus, 'hadolint-2.15.1.json'), 'utf8')) as { findings: Record<string, string[]> };

/** hadolint findings Dockyard does not report, on purpose (instruction line and code). */
const NOT_REPORTED: Record<string, Record<string, string>> = {
  'docker-library-python--3.13__slim-trixie.Dockerfile': { '13 DL3009': '`apt-get dist-clean` removes /var/lib/apt/lists' },
  // `USER ${NB_UID}`: NB_UID comes from the base image (a numeric id there); the file does not say
  'jupyter-docker-stacks--images__base-notebook.Dockerfile': { '34 DL3066': 'base image variable', '82 DL3066': 'base image variable' },
  'jupyter-docker-stacks--images__minimal-notebook.Dockerfile': { '47 DL3066': 'base image variable' },
  'jupyter-docker-stacks--images__pyspark-notebook.Dockerfile': { '70 DL3066': 'base image variable' },
};

const TWINS_OFF = {
  MultipleInstructionsDisallowed: 'off', MaintainerDeprecated: 'off', JSONArgsRecommended: 'off',
  WorkdirRelativePath: 'off', FromPlatformFlagConstDisallowed: 'off', InstructionBeforeFrom: 'off',
  ReservedStageName: 'off', SecretsUsedInArgOrEnv: 'off', RedundantTargetPlatform: 'off',
} as const;

/** What an instruction means to BuildKit: keyword, flags, words, exec form, heredoc bodies. */
function meaning(text: string): string {
  return JSON.stringify(parse(text).instructions.map((i) => {
    const t = i.trigger ?? i;
    // exec form: its JSON values are what counts (the words between the brackets do not)
    return [i.keyword, t.keyword, t.flags.map((f) => [f.name, f.value]), t.json ? null : t.args.map((w, k) => (i.keyword === 'FROM' && k === 1 && /^as$/i.test(w.value) ? 'AS' : w.value)), t.json?.values ?? null,
      t.heredocs.map((h) => h.text), i.keyword === 'RUN' || t.keyword === 'RUN' ? t.argsText.trim().split(/\s+/) : null];
  }));
}

describe('dockerfile: corpus of real Dockerfiles', () => {
  const files = fs.readdirSync(corpus).filter((f) => f.endsWith('.Dockerfile'));

  it('holds at least 15 files', () => assert.ok(files.length >= 15, String(files.length)));

  for (const f of files) {
    it(`${f}: no errors; hadolint's DL findings per instruction`, () => {
      const text = fs.readFileSync(path.join(corpus, f), 'utf8');
      const { diagnostics } = analyze(text, { rules: { ...TWINS_OFF } });
      assert.deepEqual(diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`), []);
      const df = parse(text);
      const got = new Set(diagnostics.filter((d) => d.code.startsWith('DL')).map((d) => `${instructionAt(df, d.start)!.startLine + 1} ${d.code}`));
      const skip = NOT_REPORTED[f] ?? {};
      const want = new Set((recorded.findings[f] ?? []).filter((x) => / DL\d+$/.test(x) && !(x in skip)));
      assert.deepEqual([...got].filter((x) => !want.has(x)), [], 'reported by Dockyard only');
      assert.deepEqual([...want].filter((x) => !got.has(x)), [], 'reported by hadolint only');
    });
  }

  const all = [...files.map((f) => path.join(corpus, f)),
    ...fs.readdirSync(path.join(root, 'hadolint')).filter((f) => f.endsWith('.Dockerfile')).map((f) => path.join(root, 'hadolint', f)),
    ...fs.readdirSync(root).filter((f) => /dockerfile$/i.test(f)).map((f) => path.join(root, f))];
  it(`the formatter keeps the meaning and is idempotent on ${all.length} files`, () => {
    for (const file of all) {
      const text = fs.readFileSync(file, 'utf8');
      const once = format(text);
      assert.equal(meaning(once), meaning(text), `meaning changed: ${path.basename(file)}`);
      assert.equal(format(once), once, `not idempotent: ${path.basename(file)}`);
    }
  });
});

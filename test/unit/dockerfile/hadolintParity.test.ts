// Agreement with hadolint on fixtures written for it. The expectations in the JSON file were recorded from the
// real hadolint 2.15.1 binary (`hadolint -f json FILE`); this test needs no hadolint. Where Dockyard differs
// on purpose, the difference is listed below with its reason.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../../src/dockerfile/analyze';
import { computeLineStarts, positionAt } from '../../../src/dockerfile/parser';
import { HADOLINT_RULES } from '../../../src/dockerfile/rules/meta';

const dir = path.join(__dirname, '..', '..', 'fixtures', 'dockerfile', 'hadolint');
const recorded = JSON.parse(fs.readFileSync(path.join(dir, 'hadolint-2.15.1.json'), 'utf8')) as { findings: Record<string, string[]> };

/** hadolint findings Dockyard does not report, on purpose. */
const NOT_REPORTED: Record<string, Record<string, string>> = {
  'rules-2.Dockerfile': { '22 DL3009': '`apt-get dist-clean` removes /var/lib/apt/lists (apt 2.7+)' },
};

// The BuildKit checks that say the same as a DL rule are turned off, so that the DL rule shows.
const TWINS_OFF = {
  MultipleInstructionsDisallowed: 'off', MaintainerDeprecated: 'off', JSONArgsRecommended: 'off',
  WorkdirRelativePath: 'off', FromPlatformFlagConstDisallowed: 'off', InstructionBeforeFrom: 'off',
  ReservedStageName: 'off', SecretsUsedInArgOrEnv: 'off', RedundantTargetPlatform: 'off',
} as const;

describe('dockerfile: agreement with hadolint 2.15.1 (recorded)', () => {
  for (const [file, list] of Object.entries(recorded.findings)) {
    it(`${file}: the same DL findings per line`, () => {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      const ls = computeLineStarts(text);
      const got = new Set(analyze(text, { rules: { ...TWINS_OFF } }).diagnostics.filter((d) => d.code.startsWith('DL'))
        .map((d) => `${positionAt(ls, d.start).line + 1} ${d.code}`));
      const skip = NOT_REPORTED[file] ?? {};
      const want = new Set(list.filter((x) => / DL\d+$/.test(x) && !(x in skip)));
      assert.deepEqual([...got].filter((x) => !want.has(x)), [], 'reported by Dockyard only');
      assert.deepEqual([...want].filter((x) => !got.has(x)), [], 'reported by hadolint only');
      for (const x of Object.keys(skip)) assert.ok(!got.has(x), `${x} should stay quiet: ${skip[x]}`);
    });
  }

  it('the fixtures exercise most DL rules', () => {
    const seen = new Set(Object.values(recorded.findings).flat().map((x) => x.split(' ')[1]));
    const implemented = HADOLINT_RULES.filter((c) => seen.has(c));
    assert.ok(implemented.length >= 50, `${implemented.length}: ${implemented.join()}`);
  });
});

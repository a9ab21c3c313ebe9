// ShellCheck through the real Debian binary (scripts/install-deps.sh installs it).
import { strict as assert } from 'node:assert';
import { analyze, finishDiagnostics } from '../../../src/dockerfile/analyze';
import { ShellChecker, dialectOf, shellcheckJobs } from '../../../src/dockerfile/shellcheck';
import { Diagnostic } from '../../../src/dockerfile/types';
import { applyEdits, lineOf } from './helpers';

async function sc(text: string, checker = new ShellChecker('shellcheck')): Promise<Diagnostic[]> {
  const a = analyze(text);
  const found = await checker.check(a.model);
  assert.ok(found, 'shellcheck must be installed (scripts/install-deps.sh)');
  return finishDiagnostics(a.model.df, found, {});
}

describe('dockerfile: ShellCheck on RUN', function () {
  this.timeout(20000);

  it('reports SC codes at the Dockerfile line and column, across continuation lines', async () => {
    const text = 'FROM debian:12\nRUN echo start && \\\n    for f in $(ls /etc); do echo $f; done\n';
    const d = await sc(text);
    const sc2045 = d.find((x) => x.code === 'SC2045')!;
    assert.ok(sc2045, JSON.stringify(d.map((x) => x.code)));
    assert.equal(lineOf(text, sc2045.start), 3);
    assert.equal(text.slice(sc2045.start, sc2045.end), '$(ls /etc)');
    const sc2086 = d.find((x) => x.code === 'SC2086')!;
    assert.equal(text.slice(sc2086.start, sc2086.end), '$f');
    assert.equal(sc2086.source, 'shellcheck');
    assert.equal(sc2086.severity, 'info');
  });

  it('offers ShellCheck\'s own fix', async () => {
    const text = 'FROM debian:12\nRUN echo $HOME\n';
    const d = (await sc(text)).find((x) => x.code === 'SC2086')!;
    const f = d.fixes.find((x) => x.title.startsWith('Apply ShellCheck'))!;
    assert.ok(!f.preferred, 'Fix All leaves the shell alone');
    assert.equal(applyEdits(text, f.edits), 'FROM debian:12\nRUN echo "$HOME"\n');
  });

  it('checks heredoc bodies with the stage SHELL, and knows ARG and ENV names', async () => {
    const text = 'FROM debian:12\nARG version\nSHELL ["/bin/bash", "-c"]\nRUN <<EOF\nset -e\n[[ -n $version ]] && echo "$undefined_lower"\nEOF\n';
    const d = await sc(text);
    assert.ok(!d.some((x) => x.code === 'SC3010'), 'bash allows [[ ]]');
    assert.ok(!d.some((x) => x.code === 'SC2154'), 'names from ARG/ENV or the base image are not flagged');
    const sh = await sc('FROM debian:12\nRUN <<EOF\n[[ -n "$x" ]] && echo hi\nEOF\n');
    const sc3010 = sh.find((x) => x.code === 'SC3010');
    assert.ok(sc3010, 'sh does not have [[ ]]: ' + JSON.stringify(sh.map((x) => x.code)));
    assert.equal(lineOf('FROM debian:12\nRUN <<EOF\n[[ -n "$x" ]] && echo hi\nEOF\n', sc3010.start), 3);
  });

  it('honours # hadolint ignore=SC… and # shellcheck disable=… above the RUN', async () => {
    assert.ok(!(await sc('FROM debian:12\n# hadolint ignore=SC2086\nRUN echo $HOME\n')).some((x) => x.code === 'SC2086'));
    assert.ok(!(await sc('FROM debian:12\n# shellcheck disable=SC2086\nRUN echo $HOME\n')).some((x) => x.code === 'SC2086'));
    assert.ok(!(await sc('FROM debian:12\n# shellcheck disable=2086\nRUN echo $HOME\n')).some((x) => x.code === 'SC2086'));
    assert.ok((await sc('FROM debian:12\n# shellcheck disable=SC2046\nRUN echo $HOME\n')).some((x) => x.code === 'SC2086'));
    const inside = await sc('FROM debian:12\nRUN true && \\\n  # shellcheck disable=SC2086\n  echo $HOME && \\\n  echo $PATH\n');
    assert.equal(inside.filter((x) => x.code === 'SC2086').length, 0, 'a directive inside the continuation covers the lines below it');
  });

  it('skips exec form, PowerShell and Windows images', () => {
    const jobs = shellcheckJobs(analyze('FROM debian:12\nRUN ["echo", "$x"]\nSHELL ["pwsh", "-c"]\nRUN echo $x\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir %x%\n').model);
    assert.equal(jobs.length, 0);
    assert.equal(dialectOf(['/bin/ash', '-c']), 'sh');
    assert.equal(shellcheckJobs(analyze('# hadolint shell=powershell\nFROM debian:12\nRUN Write-Host $x\n').model).length, 0, 'the shell pragma');
    assert.equal(shellcheckJobs(analyze('# hadolint shell=bash\nFROM debian:12\nRUN [[ -n x ]]\n').model)[0].dialect, 'bash');
    assert.equal(dialectOf(['cmd', '/S', '/C']), undefined);
  });

  it('checks a file\'s new scripts in one process and caches by script text', async () => {
    const checker = new ShellChecker('shellcheck');
    const text = 'FROM debian:12\nRUN echo $HOME\nRUN echo $HOME\nRUN ls $HOME\n';
    const first = await sc(text, checker);
    assert.equal(checker.spawned, 1);
    assert.equal(first.filter((x) => x.code === 'SC2086').length, 3, 'each RUN gets its findings back');
    const again = await sc(text + 'RUN echo $PATH\n', checker);
    assert.equal(checker.spawned, 2, 'only the new script is checked again');
    assert.equal(again.filter((x) => x.code === 'SC2086').length, 4);
    const many = Array.from({ length: 90 }, (_, i) => `RUN echo $V${i}`).join('\n');
    const d = await sc(`FROM debian:12\n${many}\n`, checker);
    assert.equal(d.filter((x) => x.code === 'SC2086').length, 90);
    assert.equal(checker.spawned, 5, '90 new scripts: three processes of at most 40');
  });

  it('says null (no error) when the binary is absent', async () => {
    const checker = new ShellChecker('/nonexistent/shellcheck');
    assert.equal(await checker.check(analyze('FROM debian:12\nRUN echo $x\n').model), null);
    assert.equal(checker.available, false);
  });
});

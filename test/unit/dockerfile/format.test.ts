import { strict as assert } from 'node:assert';
import { format, formatEdits } from '../../../src/dockerfile/format';

describe('dockerfile: formatter', () => {
  it('upper-cases keywords (and AS), one space after them, no indent before them', () => {
    assert.equal(format('  from   debian:12 as build\nrun\techo hi\nonbuild   run  true\n'),
      'FROM debian:12 AS build\nRUN echo hi\nONBUILD RUN true\n');
  });
  it('indents continuation lines the same way, comments inside them too', () => {
    assert.equal(format('RUN apt-get update && \\\n  apt-get install -y curl \\\n# why\n        && echo done\n'),
      'RUN apt-get update && \\\n    apt-get install -y curl \\\n    # why\n    && echo done\n');
    assert.equal(format('RUN a \\\n  b\n', { indent: '\t' }), 'RUN a \\\n\tb\n');
  });
  it('leaves a continuation that joins a word, and whitespace inside quotes, alone', () => {
    const joined = 'RUN echo foo\\\nbar\n';
    assert.equal(format(joined), joined);
    const quoted = 'RUN echo "a \\\n  b   " \\\n  && true\n';
    assert.equal(format(quoted), 'RUN echo "a \\\n  b   " \\\n    && true\n');
  });
  it('spaces exec form and drops trailing whitespace; heredoc bodies stay as written', () => {
    assert.equal(format('CMD ["a","b",   "c"]   \n# note   \n\t\nRUN <<EOF\n   body   \nEOF\n'),
      'CMD ["a", "b", "c"]\n# note\n\nRUN <<EOF\n   body   \nEOF\n');
  });
  it('is idempotent and formats only the selected lines when asked', () => {
    const t = 'from a:1\nrun  x\nrun  y\n';
    assert.equal(format(format(t)), format(t));
    const edits = formatEdits(t, { lines: { from: 1, to: 1 } });
    assert.ok(edits.length > 0 && edits.every((e) => e.start >= 9 && e.end <= 16), JSON.stringify(edits));
  });
  it('a line that is only the escape keeps the blank before the one above (found by the fuzz tier)', () => {
    // `install \` + `\` + `-y`: the words stay apart, so the last line may be indented; twice the same.
    const t = 'RUN yum install \\\n\\\n-y curl\n';
    assert.equal(format(t), 'RUN yum install \\\n    \\\n    -y curl\n');
    assert.equal(format(format(t)), format(t));
  });
  it('keeps the backtick escape directive working', () => {
    const t = '# escape=`\nfrom mcr.microsoft.com/windows/servercore:ltsc2022\nrun dir c:\\ `\n  && echo done\n';
    assert.equal(format(t), '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir c:\\ `\n    && echo done\n');
  });
});

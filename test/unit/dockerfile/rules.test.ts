import { strict as assert } from 'node:assert';
import { BUILDKIT_CHECKS, HADOLINT_RULES, RULES, docsUrl } from '../../../src/dockerfile/rules/meta';
import { codes, diags, fix } from './helpers';

interface Case {
  code: string;
  bad: string;
  good: string;
  /** The preferred fix removes the diagnostic. */
  fixes?: boolean;
  /** Expected text after the fix (optional). */
  fixed?: string;
  opts?: Parameters<typeof codes>[1];
}

const F = 'FROM debian:12\n';

const cases: Case[] = [
  // BuildKit checks
  { code: 'StageNameCasing', bad: 'FROM debian:12 AS Builder\nFROM debian:12\nCOPY --from=Builder /a /b\n', good: 'FROM debian:12 AS builder\n', fixes: true,
    fixed: 'FROM debian:12 AS builder\nFROM debian:12\nCOPY --from=builder /a /b\n' },
  { code: 'FromAsCasing', bad: 'FROM debian:12 as build\n', good: 'FROM debian:12 AS build\nfrom debian:12 as b2\n', fixes: true, fixed: 'FROM debian:12 AS build\n' },
  { code: 'NoEmptyContinuation', bad: F + 'RUN echo a && \\\n\n    echo b\n', good: F + 'RUN echo a && \\\n    echo b\n', fixes: true },
  { code: 'ConsistentInstructionCasing', bad: F + 'run echo a\nRUN echo b\n', good: F + 'RUN echo a\n', fixes: true, fixed: F + 'RUN echo a\nRUN echo b\n' },
  { code: 'DuplicateStageName', bad: 'FROM debian:12 AS a\nFROM debian:12 AS a\n', good: 'FROM debian:12 AS a\nFROM debian:12 AS b\n' },
  { code: 'ReservedStageName', bad: 'FROM debian:12 AS scratch\n', good: 'FROM scratch\n' },
  { code: 'JSONArgsRecommended', bad: F + 'CMD node server.js\n', good: F + 'CMD ["node", "server.js"]\n', fixes: true, fixed: F + 'CMD ["node", "server.js"]\n' },
  { code: 'MaintainerDeprecated', bad: F + 'MAINTAINER Jane <jane@example.com>\n', good: F + 'LABEL org.opencontainers.image.authors="jane"\n', fixes: true },
  { code: 'UndefinedArgInFrom', bad: 'ARG VERSION=12\nFROM debian:${VERSON}\n', good: 'ARG VERSION=12\nFROM debian:${VERSION}\n', fixes: true, fixed: 'ARG VERSION=12\nFROM debian:${VERSION}\n' },
  { code: 'WorkdirRelativePath', bad: F + 'WORKDIR app\n', good: F + 'WORKDIR /srv\nWORKDIR app\n' },
  { code: 'UndefinedVar', bad: F + 'ARG FOO=1\nCOPY $FOOO /x\n', good: F + 'ARG FOO=1\nCOPY $FOO /x\nENV PATH=$PATH:/x\n', fixes: true, fixed: F + 'ARG FOO=1\nCOPY $FOO /x\n' },
  { code: 'MultipleInstructionsDisallowed', bad: F + 'CMD ["a"]\nCMD ["b"]\n', good: F + 'CMD ["a"]\nENTRYPOINT ["b"]\n', fixes: true, fixed: F + 'CMD ["b"]\n' },
  { code: 'LegacyKeyValueFormat', bad: F + 'ENV GREETING hello world\n', good: F + 'ENV GREETING="hello world"\n', fixes: true, fixed: F + 'ENV GREETING="hello world"\n' },
  { code: 'RedundantTargetPlatform', bad: 'FROM --platform=$TARGETPLATFORM debian:12\n', good: 'FROM --platform=$BUILDPLATFORM debian:12\n', fixes: true, fixed: 'FROM debian:12\n' },
  { code: 'SecretsUsedInArgOrEnv', bad: F + 'ARG GITHUB_TOKEN\n', good: F + 'ARG PUBLIC_KEY\nARG TOKENIZER\n' },
  { code: 'InvalidDefaultArgInFrom', bad: 'ARG TAG\nFROM busybox:${TAG}\n', good: 'ARG TAG=1.36\nFROM busybox:${TAG}\n' },
  { code: 'FromPlatformFlagConstDisallowed', bad: 'FROM --platform=linux/amd64 debian:12 AS build\n', good: 'FROM --platform=linux/amd64 debian:12 AS build-amd64\n' },
  { code: 'InvalidDefinitionDescription', bad: '# check=experimental=all\n\n# the base image\nARG BASE=debian:12\nFROM ${BASE}\n', good: '# check=experimental=all\n\n# BASE the base image\nARG BASE=debian:12\nFROM ${BASE}\n' },
  { code: 'ExposeProtoCasing', bad: F + 'EXPOSE 80/TCP\n', good: F + 'EXPOSE 80/tcp\n', fixes: true, fixed: F + 'EXPOSE 80/tcp\n' },
  { code: 'ExposeInvalidFormat', bad: F + 'EXPOSE 127.0.0.1:8080:80\n', good: F + 'EXPOSE 80\n', fixes: true, fixed: F + 'EXPOSE 80\n' },
  { code: 'InvalidBaseImagePlatform', bad: 'FROM --platform=linux/arm64 alpine:3.20 AS arm64\n', good: 'FROM alpine:3.20\n',
    opts: { imagePlatform: () => 'linux/amd64', defaultPlatform: 'linux/amd64' } },
  // hadolint
  // DL3000 and DL3025 say what a BuildKit check says; shown only when that check is off (see 'duplicates').
  { code: 'DL3000', bad: F + 'WORKDIR app\n', good: F + 'WORKDIR /app\nWORKDIR $HOME\n', opts: { rules: { WorkdirRelativePath: 'off' } } },
  { code: 'DL3002', bad: F + 'USER root\n', good: F + 'USER root\nRUN true\nUSER app\n' },
  { code: 'DL3003', bad: F + 'RUN cd /tmp && make\n', good: F + 'WORKDIR /tmp\nRUN make\n' },
  { code: 'DL3004', bad: F + 'RUN sudo apt-get -y update\n', good: F + 'RUN apt-get -y update\n' },
  { code: 'DL3006', bad: 'FROM debian\n', good: 'FROM debian:12\nFROM scratch\nFROM debian@sha256:0000000000000000000000000000000000000000000000000000000000000000\n' },
  { code: 'DL3007', bad: 'FROM debian:latest\n', good: 'FROM debian:12\n' },
  { code: 'DL3008', bad: F + 'RUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n', good: F + 'RUN apt-get install -y --no-install-recommends curl=7.88.1-10 && rm -rf /var/lib/apt/lists/*\n' },
  { code: 'DL3009', bad: F + 'RUN apt-get update && apt-get install -y --no-install-recommends curl=1\n', good: F + 'RUN apt-get update && apt-get install -y --no-install-recommends curl=1 && rm -rf /var/lib/apt/lists/*\n', fixes: true },
  { code: 'DL3011', bad: F + 'EXPOSE 80000\n', good: F + 'EXPOSE 8000-8010\n' },
  { code: 'DL3013', bad: F + 'RUN pip install --no-cache-dir flask\n', good: F + 'RUN pip install --no-cache-dir flask==3.0.0 -r requirements.txt .\n' },
  { code: 'DL3014', bad: F + 'RUN apt-get install --no-install-recommends curl=1 && rm -rf /var/lib/apt/lists/*\n', good: F + 'RUN apt-get -qq install --no-install-recommends curl=1 && rm -rf /var/lib/apt/lists/*\n', fixes: true },
  { code: 'DL3015', bad: F + 'RUN apt-get install -y curl=1 && rm -rf /var/lib/apt/lists/*\n', good: F + 'RUN apt-get install -y --no-install-recommends curl=1 && rm -rf /var/lib/apt/lists/*\n', fixes: true,
    fixed: F + 'RUN apt-get install --no-install-recommends -y curl=1 && rm -rf /var/lib/apt/lists/*\n' },
  { code: 'DL3016', bad: F + 'RUN npm install express\n', good: F + 'RUN npm install express@4.19.2 @types/node@20 && npm ci\n' },
  { code: 'DL3018', bad: F + 'RUN apk add --no-cache curl\n', good: F + 'RUN apk add --no-cache --virtual .deps curl=8.5.0-r0\n' },
  { code: 'DL3020', bad: F + 'ADD app.py /app/\n', good: F + 'ADD https://example.com/a.tar.gz /tmp/\nADD rootfs.tar.xz /\n', fixes: true, fixed: F + 'COPY app.py /app/\n' },
  { code: 'DL3021', bad: F + 'COPY a b /dest\n', good: F + 'COPY a b /dest/\n', fixes: true, fixed: F + 'COPY a b /dest/\n' },
  { code: 'DL3022', bad: F + 'COPY --from=build /a /b\n', good: 'FROM debian:12 AS build\nFROM debian:12\nCOPY --from=build /a /b\nCOPY --from=nginx:1.27 /a /b\nCOPY --from=0 /a /b\n' },
  { code: 'DL3023', bad: 'FROM debian:12 AS app\nCOPY --from=app /a /b\n', good: 'FROM debian:12 AS base\nFROM debian:12 AS app\nCOPY --from=base /a /b\n' },
  { code: 'DL3024', bad: 'FROM debian:12 AS a\nFROM debian:12 AS a\n', good: 'FROM debian:12 AS a\nFROM debian:12 AS b\n' },
  { code: 'DL3025', bad: F + 'ENTRYPOINT /bin/app --serve\n', good: F + 'ENTRYPOINT ["/bin/app", "--serve"]\n', fixes: true, fixed: F + 'ENTRYPOINT ["/bin/app", "--serve"]\n', opts: { rules: { JSONArgsRecommended: 'off' } } },
  { code: 'DL3042', bad: F + 'RUN pip install flask==3.0.0\n', good: F + 'RUN --mount=type=cache,target=/root/.cache/pip pip install flask==3.0.0\nENV PIP_NO_CACHE_DIR=1\nRUN pip install x==1\n', fixes: true,
    fixed: F + 'RUN pip install --no-cache-dir flask==3.0.0\n' },
  { code: 'DL3059', bad: F + 'RUN echo a\nRUN echo b\n', good: F + 'RUN echo a && echo b\nRUN --mount=type=cache,target=/x echo c\n', fixes: true, fixed: F + 'RUN echo a && \\\n    echo b\n' },
  { code: 'DL4006', bad: F + 'RUN curl -s https://example.com | sh\n', good: F + 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -s https://example.com | sh\n', fixes: true },
  // syntax and flags
  { code: 'UnknownInstruction', bad: F + 'RUNN echo\n', good: F + 'RUN echo\n', fixes: true, fixed: F + 'RUN echo\n' },
  { code: 'MissingArguments', bad: F + 'WORKDIR\n', good: F + 'WORKDIR /a\n' },
  { code: 'InstructionBeforeFrom', bad: 'RUN echo\nFROM debian:12\n', good: 'ARG A=1\nFROM debian:12\n' },
  { code: 'NoFromInstruction', bad: 'RUN echo\n', good: F },
  { code: 'UnknownFlag', bad: F + 'COPY --chmode=755 a /b\n', good: F + 'COPY --chmod=755 a /b\n', fixes: true, fixed: F + 'COPY --chmod=755 a /b\n' },
  { code: 'InvalidFlagValue', bad: 'FROM debian:12\nHEALTHCHECK --interval=5 CMD true\n', good: 'FROM debian:12\nHEALTHCHECK --interval=5s --retries=3 CMD true\n' },
  { code: 'DuplicateFlag', bad: F + 'COPY --chown=a --chown=b a /b\n', good: F + 'COPY --exclude=*.md --exclude=*.txt . /b\n' },
  { code: 'FlagNeedsNewerSyntax', bad: '# syntax=docker/dockerfile:1.3\nFROM debian:12\nCOPY --link a /b\n', good: '# syntax=docker/dockerfile:1.4\nFROM debian:12\nCOPY --link a /b\n' },
  { code: 'InvalidMount', bad: F + 'RUN --mount=type=cahce,target=/x true\n', good: F + 'RUN --mount=type=cache,target=/x,sharing=locked --mount=type=secret,id=npm --mount=type=ssh true\n', fixes: true },
  { code: 'InvalidJSONForm', bad: F + "CMD ['node', 'a.js']\n", good: F + 'CMD ["node", "a.js"]\n', fixes: true, fixed: F + 'CMD ["node", "a.js"]\n' },
  { code: 'UnterminatedHeredoc', bad: F + 'RUN <<EOF\necho hi\n', good: F + 'RUN <<EOF\necho hi\nEOF\n' },
  { code: 'InvalidDirective', bad: '# escape=x\nFROM debian:12\n', good: '# escape=`\nFROM debian:12\n' },
  { code: 'UnknownCheck', bad: '# check=skip=JSONArgRecommended\nFROM debian:12\n', good: '# check=skip=JSONArgsRecommended\nFROM debian:12\n', fixes: true },
];

describe('dockerfile rules', () => {
  it('covers all 22 BuildKit checks and the required DL rules', () => {
    assert.equal(BUILDKIT_CHECKS.length, 22);
    const tested = new Set(cases.map((c) => c.code));
    for (const c of BUILDKIT_CHECKS) if (c !== 'CopyIgnoredFile') assert.ok(tested.has(c), `no test for ${c}`);
    for (const c of ['DL3000', 'DL3002', 'DL3003', 'DL3004', 'DL3006', 'DL3007', 'DL3008', 'DL3009', 'DL3011', 'DL3013', 'DL3014', 'DL3015',
      'DL3016', 'DL3018', 'DL3020', 'DL3021', 'DL3022', 'DL3023', 'DL3024', 'DL3025', 'DL3042', 'DL3059', 'DL4006']) {
      assert.ok(HADOLINT_RULES.includes(c), c);
      assert.ok(tested.has(c), `no test for ${c}`);
    }
  });

  for (const c of cases) {
    describe(c.code, () => {
      it('reports the bad case', () => {
        assert.ok(codes(c.bad, c.opts).includes(c.code), `${c.code} missing in ${JSON.stringify(codes(c.bad, c.opts))} for:\n${c.bad}`);
      });
      it('stays quiet on the good case', () => {
        assert.ok(!codes(c.good, c.opts).includes(c.code), `${c.code} unexpectedly in:\n${c.good}\n${JSON.stringify(diags(c.good, c.opts).filter((d) => d.code === c.code))}`);
      });
      if (c.fixes) {
        it('fix removes it', () => {
          const after = fix(c.bad, c.code, c.opts);
          if (c.fixed !== undefined) assert.equal(after, c.fixed);
          const left = diags(after, c.opts).filter((d) => d.code === c.code);
          assert.equal(left.length, diags(c.bad, c.opts).filter((d) => d.code === c.code).length - 1, `after fix:\n${after}`);
        });
      }
      it('has a documentation link and metadata', () => {
        assert.ok(RULES.get(c.code));
        assert.match(docsUrl(c.code), /^https:\/\//);
      });
    });
  }

  it('links BuildKit checks to their docs pages', () => {
    assert.equal(docsUrl('JSONArgsRecommended'), 'https://docs.docker.com/go/dockerfile/rule/json-args-recommended/');
    assert.equal(docsUrl('DL3008'), 'https://github.com/hadolint/hadolint/wiki/DL3008');
  });

  describe('duplicates', () => {
    it('a hadolint rule that repeats a BuildKit check on the same spot is dropped', () => {
      const c = codes(F + 'WORKDIR app\nCMD node a.js\n');
      assert.ok(c.includes('JSONArgsRecommended') && c.includes('WorkdirRelativePath'), c.join());
      assert.ok(!c.includes('DL3025') && !c.includes('DL3000'), c.join());
    });
    it('but stays when the BuildKit check is off', () => {
      const c = codes(F + 'WORKDIR app\nCMD node a.js\n', { rules: { JSONArgsRecommended: 'off', WorkdirRelativePath: 'off' } });
      assert.ok(c.includes('DL3025') && c.includes('DL3000'), c.join());
    });
    it('DL3000 still reports a relative WORKDIR that BuildKit lets pass (after an absolute one)', () => {
      assert.ok(codes(F + 'WORKDIR /srv\nWORKDIR app\n').includes('DL3000'));
    });
  });

  describe('switches', () => {
    const bad = '# check=skip=JSONArgsRecommended\nFROM debian:12\nCMD node a.js\n';
    it('honours # check=skip', () => {
      assert.ok(!codes(bad).includes('JSONArgsRecommended'));
      assert.ok(codes(bad).includes('DL3025'));
    });
    it('honours # check=skip=all and error=true', () => {
      assert.ok(!codes('# check=skip=all\nFROM debian:12 as a\n').some((c) => c === 'FromAsCasing'));
      const d = diags('# check=error=true\nFROM debian:12 as a\n').find((x) => x.code === 'FromAsCasing');
      assert.equal(d?.severity, 'error');
    });
    it('honours # hadolint ignore and # dockyard ignore on the line above', () => {
      const t = 'FROM debian:12\n# hadolint ignore=DL3008,DL3015\nRUN apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n# dockyard ignore=JSONArgsRecommended\nCMD node a\n';
      const c = codes(t);
      assert.ok(!c.includes('DL3008') && !c.includes('DL3015') && !c.includes('JSONArgsRecommended'), c.join());
      assert.ok(c.includes('DL3025'));
    });
    it('honours # hadolint global ignore', () => {
      assert.ok(!codes('# hadolint global ignore=DL3007\nFROM debian:latest\n').includes('DL3007'));
    });
    it('applies per-rule severity and off from settings', () => {
      const t = 'FROM debian:latest\n';
      assert.equal(diags(t, { rules: { DL3007: 'error' } })[0].severity, 'error');
      assert.ok(!codes(t, { rules: { DL3007: 'off' } }).includes('DL3007'));
    });
    it('offers an ignore fix that works', () => {
      const t = 'FROM debian:12\nRUN cd /x\n';
      const d = diags(t).find((x) => x.code === 'DL3003')!;
      const ig = d.fixes.find((f) => f.title.startsWith('Ignore'))!;
      const after = ig.edits.reduce((s, e) => s.slice(0, e.start) + e.newText + s.slice(e.end), t);
      assert.equal(after, 'FROM debian:12\n# hadolint ignore=DL3003\nRUN cd /x\n');
      assert.ok(!codes(after).includes('DL3003'));
      const d2 = diags('FROM debian:12 as b\n').find((x) => x.code === 'FromAsCasing')!;
      const skip = d2.fixes.find((f) => f.title.startsWith('Skip'))!;
      const after2 = skip.edits.reduce((s, e) => s.slice(0, e.start) + e.newText + s.slice(e.end), 'FROM debian:12 as b\n');
      assert.ok(!codes(after2).includes('FromAsCasing'), after2);
    });
  });

  describe('details', () => {
    it('UndefinedVar suggests the closest name', () => {
      const d = diags(F + 'ENV APP_HOME=/app\nWORKDIR $APP_HOM\n').find((x) => x.code === 'UndefinedVar');
      assert.match(d!.message, /did you mean \$APP_HOME\?/);
    });
    it('does not flag variables with defaults or ENV from a base stage', () => {
      const t = 'FROM debian:12 AS base\nENV TOOL=/opt/tool\nFROM base\nCOPY ${MISSING:-x} $TOOL/\n';
      assert.ok(!codes(t).includes('UndefinedVar'));
    });
    it('checks heredoc RUN bodies as shell', () => {
      const t = F + 'RUN <<EOF\napt-get update\napt-get install -y --no-install-recommends curl\nrm -rf /var/lib/apt/lists/*\nEOF\n';
      const c = codes(t);
      assert.ok(c.includes('DL3008'), c.join());
      assert.ok(!c.includes('DL3014') && !c.includes('DL3009'), c.join());
    });
    it('does not read python heredocs as shell', () => {
      assert.ok(!codes(F + 'RUN python3 <<EOF\nimport os\nos.system("cd /x")\nEOF\n').includes('DL3003'));
    });
    it('accepts ADD --unpack (1.17) and warns on EXPOSE mappings (not errors)', () => {
      const c = diags(F + 'ADD --unpack=true https://example.com/a.tgz /x\nEXPOSE 127.0.0.1:8080:80\n');
      assert.ok(!c.some((d) => d.code === 'UnknownFlag'));
      assert.equal(c.find((d) => d.code === 'ExposeInvalidFormat')?.severity, 'warning');
    });
    it('gates --unpack by the pinned syntax', () => {
      assert.ok(codes('# syntax=docker/dockerfile:1.16\n' + F + 'ADD --unpack a.tgz /x\n').includes('FlagNeedsNewerSyntax'));
      assert.ok(!codes('# syntax=docker/dockerfile:1\n' + F + 'ADD --unpack a.tgz /x\n').includes('FlagNeedsNewerSyntax'));
    });
    it('labs-only flags need the labs channel', () => {
      assert.ok(codes(F + 'RUN --security=insecure true\n').includes('FlagNeedsNewerSyntax'));
      assert.ok(!codes('# syntax=docker/dockerfile:1-labs\n' + F + 'RUN --security=insecure true\n').includes('FlagNeedsNewerSyntax'));
    });
    it('validates RUN --mount keys per type', () => {
      const d = diags(F + 'RUN --mount=type=tmpfs,target=/t,size=abc --mount=type=bind,source=/x true\n').filter((x) => x.code === 'InvalidMount');
      assert.equal(d.length, 2, JSON.stringify(d.map((x) => x.message)));
    });
    it('handles the backtick escape directive', () => {
      const t = '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir c:\\ `\n    && echo done\n';
      const c = codes(t);
      assert.ok(!c.includes('UnknownInstruction'), c.join());
    });
    it('reads ONBUILD triggers', () => {
      const c = codes(F + 'ONBUILD RUNN echo\nONBUILD MAINTAINER me\n');
      assert.ok(c.includes('UnknownInstruction') && c.includes('MaintainerDeprecated'), c.join());
    });
  });
});

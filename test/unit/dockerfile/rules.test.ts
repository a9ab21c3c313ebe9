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
  // the rest of hadolint's rules (cases written from its documentation)
  { code: 'DL3001', bad: F + 'RUN service nginx start\n', good: F + 'RUN nginx -t\n' },
  { code: 'DL3010', bad: F + 'COPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt\n', good: F + 'ADD app.tar.gz /opt/\n' },
  { code: 'DL3012', bad: F + 'HEALTHCHECK CMD ["a"]\nHEALTHCHECK CMD ["b"]\n', good: F + 'HEALTHCHECK CMD ["a"]\n', opts: { rules: { MultipleInstructionsDisallowed: 'off' } } },
  { code: 'DL3019', bad: 'FROM alpine:3.20\nRUN apk add --update curl=8.5.0-r0\n', good: 'FROM alpine:3.20\nRUN apk add --no-cache curl=8.5.0-r0\n', fixes: true },
  { code: 'DL3027', bad: F + 'RUN apt install -y curl\n', good: F + 'RUN apt-get install -y --no-install-recommends curl=1 && rm -rf /var/lib/apt/lists/*\nRUN apt-cache policy curl\n', fixes: true,
    fixed: F + 'RUN apt-get install -y curl\n' },
  { code: 'DL3028', bad: F + 'RUN gem install rails\n', good: F + 'RUN gem install rails:7.1.0 && gem install puma -v 6.4\n' },
  { code: 'DL3029', bad: 'FROM --platform=linux/amd64 debian:12\n', good: 'FROM --platform=$BUILDPLATFORM debian:12\n', opts: { rules: { FromPlatformFlagConstDisallowed: 'off' } } },
  { code: 'DL3030', bad: 'FROM rockylinux:9\nRUN yum install httpd-2.4 && yum clean all\n', good: 'FROM rockylinux:9\nRUN yum install -y httpd-2.4 && yum clean all\n' , fixes: true },
  { code: 'DL3032', bad: 'FROM rockylinux:9\nRUN yum install -y httpd-2.4\n', good: 'FROM rockylinux:9\nRUN yum install -y httpd-2.4 && yum clean all\n' , fixes: true },
  { code: 'DL3033', bad: 'FROM rockylinux:9\nRUN yum install -y httpd && yum clean all\n', good: 'FROM rockylinux:9\nRUN yum install -y httpd-2.4.57 && yum clean all\n' },
  { code: 'DL3034', bad: 'FROM opensuse/leap:15\nRUN zypper install vim=9 && zypper clean\n', good: 'FROM opensuse/leap:15\nRUN zypper -n install vim=9 && zypper clean\n' , fixes: true },
  { code: 'DL3035', bad: 'FROM opensuse/leap:15\nRUN zypper dist-upgrade -y\n', good: 'FROM opensuse/leap:15\nRUN zypper -n update\n' },
  { code: 'DL3036', bad: 'FROM opensuse/leap:15\nRUN zypper -n install vim=9\n', good: 'FROM opensuse/leap:15\nRUN zypper -n install vim=9 && zypper clean -a\n' , fixes: true },
  { code: 'DL3037', bad: 'FROM opensuse/leap:15\nRUN zypper -n install vim && zypper clean\n', good: 'FROM opensuse/leap:15\nRUN zypper -n install vim=9.0 && zypper clean\n' },
  { code: 'DL3038', bad: 'FROM fedora:40\nRUN dnf install nginx-1.24 && dnf clean all\n', good: 'FROM fedora:40\nRUN dnf install -y nginx-1.24 && dnf clean all\n' , fixes: true },
  { code: 'DL3040', bad: 'FROM fedora:40\nRUN dnf install -y nginx-1.24\n', good: 'FROM fedora:40\nRUN dnf install -y nginx-1.24 && dnf clean all\n' , fixes: true },
  { code: 'DL3041', bad: 'FROM fedora:40\nRUN dnf install -y nginx && dnf clean all\n', good: 'FROM fedora:40\nRUN dnf install -y nginx-1.24.0 && dnf clean all\n' },
  { code: 'DL3043', bad: F + 'ONBUILD FROM debian:12\n', good: F + 'ONBUILD RUN true\n' },
  { code: 'DL3044', bad: F + 'ENV A=1 B=$A\n', good: F + 'ENV A=1\nENV B=$A PATH=/x:$PATH\n' },
  { code: 'DL3045', bad: F + 'COPY app.py .\n', good: F + 'WORKDIR /app\nCOPY app.py .\nCOPY b /x\n' },
  { code: 'DL3046', bad: F + 'RUN useradd -u 1000000 app\n', good: F + 'RUN useradd -l -u 1000000 app && useradd -u 1000 b\n' , fixes: true },
  { code: 'DL3047', bad: F + 'RUN wget https://example.com/a\n', good: F + 'RUN wget -q https://example.com/a && wget -nv https://example.com/b && wget --progress=dot:giga https://example.com/c\n', fixes: true },
  { code: 'DL3048', bad: F + 'LABEL Maintainer=me\n', good: F + 'LABEL org.opencontainers.image.title=demo a_b=1\n' },
  { code: 'DL3060', bad: 'FROM node:20\nRUN yarn install\n', good: 'FROM node:20\nRUN yarn install && yarn cache clean\n' , fixes: true },
  { code: 'DL3061', bad: 'LABEL a=b\nFROM debian:12\n', good: 'ARG X=1\nFROM debian:12\n', opts: { rules: { InstructionBeforeFrom: 'off' } } },
  { code: 'DL3062', bad: 'FROM golang:1.22\nRUN go install golang.org/x/tools/cmd/goimports\n', good: 'FROM golang:1.22\nRUN go install golang.org/x/tools/cmd/goimports@v0.20.0 && go install ./...\n' },
  { code: 'DL3063', bad: 'FROM debian:12 AS scratch\n', good: 'FROM debian:12 AS build\n', opts: { rules: { ReservedStageName: 'off' } } },
  { code: 'DL3064', bad: F + 'ARG NPM_TOKEN\nENV DB_PASSWORD=x\n', good: F + 'ARG PUBLIC_KEY\nENV APP_HOME=/app\n', opts: { rules: { SecretsUsedInArgOrEnv: 'off' } } },
  { code: 'DL3065', bad: 'FROM --platform=$TARGETPLATFORM debian:12\n', good: 'FROM --platform=$BUILDPLATFORM debian:12\n', opts: { rules: { RedundantTargetPlatform: 'off' } } },
  { code: 'DL3066', bad: F + 'USER app\n', good: F + 'USER 1000:app\n' },
  { code: 'DL3067', bad: 'FROM debian:12 AS a\nFROM debian:12\nCOPY --from=a / /\n', good: 'FROM debian:12 AS a\nFROM debian:12\nCOPY --from=a /app /app\n' },
  { code: 'DL4000', bad: F + 'MAINTAINER me\n', good: F + 'LABEL maintainer=me\n', opts: { rules: { MaintainerDeprecated: 'off' } } },
  { code: 'DL4001', bad: F + 'RUN wget -q https://example.com/a\nRUN curl -fsSO https://example.com/b\n', good: F + 'RUN curl -fsSO https://example.com/a\nFROM debian:12\nRUN wget -q https://example.com/b\n' },
  { code: 'DL4003', bad: F + 'CMD ["a"]\nCMD ["b"]\n', good: F + 'CMD ["a"]\n', opts: { rules: { MultipleInstructionsDisallowed: 'off' } } },
  { code: 'DL4004', bad: F + 'ENTRYPOINT ["a"]\nENTRYPOINT ["b"]\n', good: F + 'ENTRYPOINT ["a"]\n', opts: { rules: { MultipleInstructionsDisallowed: 'off' } } },
  { code: 'DL4005', bad: F + 'RUN ln -sf /bin/bash /bin/sh\n', good: F + 'SHELL ["/bin/bash", "-c"]\n' },
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
    it('no false alarms that hadolint does not raise either, or that are wrong', () => {
      // DL3059 only between single-command RUNs
      assert.ok(!codes(F + 'RUN a && b && c\nRUN d\n').includes('DL3059'));
      assert.ok(codes(F + 'RUN a\nRUN d\n').includes('DL3059'));
      // apt-get dist-clean removes the lists
      assert.ok(!codes(F + 'RUN apt-get update && apt-get install -y --no-install-recommends x=1 && apt-get dist-clean\n').includes('DL3009'));
      // case patterns are no pipes; -exo pipefail sets pipefail
      assert.ok(!codes(F + 'RUN case "$(uname -m)" in x86_64|aarch64) echo ok ;; esac\n').includes('DL4006'));
      assert.ok(!codes(F + 'SHELL ["/bin/bash", "-exo", "pipefail", "-c"]\nRUN a | b\n').includes('DL4006'));
      // `apt install` is DL3027, not the apt-get rules
      const apt = codes(F + 'RUN apt install curl\n');
      assert.ok(apt.includes('DL3027') && !apt.some((c) => ['DL3008', 'DL3014', 'DL3015'].includes(c)), apt.join());
      // a variable from an unknown base image; a typo is still found
      assert.ok(!codes('FROM jupyter/base-notebook:2024-01-01\nUSER ${NB_UID}\n').includes('UndefinedVar'));
      assert.ok(codes('FROM jupyter/base-notebook:2024-01-01\nENV APP_HOME=/a\nWORKDIR $APP_HOM\n').includes('UndefinedVar'));
      assert.ok(codes('FROM scratch\nUSER ${NB_UID}\n').includes('UndefinedVar'), 'scratch defines nothing');
      assert.ok(!codes('FROM jupyter/base-notebook:2024-01-01\nUSER ${NB_UID}\n', { imageEnv: () => ['NB_UID'] }).includes('UndefinedVar'));
      assert.ok(codes('FROM jupyter/base-notebook:2024-01-01\nUSER ${NB_UID}\n', { imageEnv: () => ['PATH'] }).includes('UndefinedVar'), 'the engine knows the image');
      // ARG defaults built from earlier ARGs
      assert.ok(!codes('ARG REGISTRY=docker.io\nARG OWNER=library\nARG BASE=$REGISTRY/$OWNER/debian:12\nFROM $BASE\n').includes('InvalidDefaultArgInFrom'));
    });
    it('reads package lists held in a variable of the same RUN', () => {
      const d = diags(F + "RUN buildDeps='gcc make=4.3' && apt-get install -y --no-install-recommends $buildDeps && rm -rf /var/lib/apt/lists/*\n").filter((x) => x.code === 'DL3008');
      assert.equal(d.length, 1);
      assert.match(d[0].message, /apt-get install gcc`/);
      assert.ok(codes('FROM alpine:3.20\nRUN deps="a b=1"; apk add --no-cache $deps\n').includes('DL3018'));
      assert.ok(codes(F + 'RUN pip install --no-cache-dir "tensorflow${X}"\n').includes('DL3013'));
      assert.ok(!codes(F + 'RUN pip install --no-cache-dir "tensorflow==${X}" $UNKNOWN\n').includes('DL3013'));
    });
    it('style rules are never errors', () => {
      for (const c of ['DL3000', 'DL3004', 'DL3020', 'DL3021', 'DL3024', 'DL3044', 'DL4000', 'DL4004', 'DL3012']) {
        assert.notEqual(RULES.get(c)?.severity, 'error', c);
      }
    });
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
    it('reads a --mount value quoted as a whole, as BuildKit does', () => {
      assert.deepEqual(diags(F + 'RUN --mount="type=secret,id=npm" --mount=\'type=cache,target=/c\' true\n').filter((x) => x.code === 'InvalidMount'), []);
      assert.equal(diags(F + 'RUN --mount="type=cahce,target=/c" true\n').filter((x) => x.code === 'InvalidMount').length, 1);
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

// "Add Docker Files to Workspace…": finds a folder's stack (Node.js, Python, Go, Java with Maven
// or Gradle, .NET, a static site) and writes a Dockerfile (multi-stage, non-root user, BuildKit
// cache mounts), a .dockerignore and a compose.yaml for it. Pure (no vscode): the folder's
// files are handed in. The Dockerfiles are kept free of Dockyard's own Dockerfile warnings
// (a unit test runs the analysis on each).

export type StackKind = 'node' | 'python' | 'go' | 'maven' | 'gradle' | 'dotnet' | 'static';

export interface Stack {
  kind: StackKind;
  label: string;
  /** The port the app listens on. */
  port: number;
  /** Stack facts the templates use. */
  facts: Record<string, string>;
}

export interface FolderView {
  /** File names at the top of the folder. */
  names: string[];
  read(name: string): string | undefined;
}

export const STACK_LABELS: Record<StackKind, string> = {
  node: 'Node.js', python: 'Python', go: 'Go', maven: 'Java (Maven)', gradle: 'Java (Gradle)', dotnet: '.NET', static: 'Static site (nginx)',
};

const DEFAULT_PORTS: Record<StackKind, number> = { node: 3000, python: 8000, go: 8080, maven: 8080, gradle: 8080, dotnet: 8080, static: 8080 };

/** Every stack the folder looks like, the most specific first. */
export function detectStacks(folder: FolderView): Stack[] {
  const has = (n: string) => folder.names.includes(n);
  const out: Stack[] = [];
  const make = (kind: StackKind, facts: Record<string, string> = {}): Stack => ({ kind, label: STACK_LABELS[kind], port: DEFAULT_PORTS[kind], facts });
  if (has('package.json')) {
    let pkg: { scripts?: Record<string, string>; main?: string; engines?: { node?: string } } = {};
    try { pkg = JSON.parse(folder.read('package.json') ?? '{}') as typeof pkg; } catch { /* keep defaults */ }
    const manager = has('pnpm-lock.yaml') ? 'pnpm' : has('yarn.lock') ? 'yarn' : 'npm';
    const major = /(\d{2})/.exec(pkg.engines?.node ?? '')?.[1] ?? '22';
    out.push(make('node', {
      manager, node: major, build: pkg.scripts?.build ? 'yes' : '', start: pkg.scripts?.start ? 'start' : '', main: pkg.main ?? 'index.js',
      lock: has('package-lock.json') ? 'package-lock.json' : has('yarn.lock') ? 'yarn.lock' : has('pnpm-lock.yaml') ? 'pnpm-lock.yaml' : '',
    }));
  }
  if (has('requirements.txt') || has('pyproject.toml')) {
    const django = has('manage.py');
    const entry = ['app.py', 'main.py', 'server.py'].find(has) ?? 'app.py';
    out.push(make('python', { requirements: has('requirements.txt') ? 'requirements.txt' : '', django: django ? 'yes' : '', entry }));
  }
  if (has('go.mod')) out.push(make('go'));
  if (has('pom.xml')) out.push(make('maven', { wrapper: has('mvnw') ? 'yes' : '' }));
  if (has('build.gradle') || has('build.gradle.kts')) out.push(make('gradle', { wrapper: has('gradlew') ? 'yes' : '' }));
  const csproj = folder.names.find((n) => n.endsWith('.csproj'));
  if (csproj) out.push(make('dotnet', { project: csproj.replace(/\.csproj$/, '') }));
  if (has('index.html')) out.push(make('static'));
  return out;
}

/** A stack picked by hand (not detected): the templates' defaults. */
export function defaultStack(kind: StackKind, folderName: string): Stack {
  const facts: Record<string, string> = kind === 'node' ? { manager: 'npm', node: '22', main: 'index.js', lock: '', start: '', build: '' }
    : kind === 'python' ? { requirements: 'requirements.txt', entry: 'app.py', django: '' }
      : kind === 'dotnet' ? { project: folderName } : {};
  return { kind, label: STACK_LABELS[kind], port: DEFAULT_PORTS[kind], facts };
}

/** A name fit for an image and a compose service. */
export function serviceName(folderName: string): string {
  const n = folderName.toLowerCase().replace(/[^a-z0-9_.-]+/g, '-').replace(/^[^a-z0-9]+/, '').replace(/[-_.]+$/, '');
  return n || 'app';
}

export interface StarterFiles { dockerfile: string; dockerignore: string; compose: string }

const HEADER = '# syntax=docker/dockerfile:1\n';

function nodeDockerfile(s: Stack): string {
  const f = s.facts;
  const install = f.manager === 'pnpm' ? 'corepack enable && pnpm install --frozen-lockfile'
    : f.manager === 'yarn' ? 'corepack enable && yarn install --frozen-lockfile'
      : f.lock ? 'npm ci' : 'npm install';
  const cache = f.manager === 'pnpm' ? '/root/.local/share/pnpm/store' : f.manager === 'yarn' ? '/usr/local/share/.cache/yarn' : '/root/.npm';
  const prune = f.manager === 'npm' ? (f.lock ? 'npm ci --omit=dev' : 'npm install --omit=dev') : f.manager === 'yarn' ? 'yarn install --frozen-lockfile --production' : 'pnpm install --frozen-lockfile --prod';
  const manifests = ['package.json', f.lock].filter(Boolean).join(' ');
  const cmd = f.start ? `["${f.manager === 'npm' ? 'npm' : f.manager}", "start"]` : `["node", "${f.main}"]`;
  return `${HEADER}
# Dependencies and build, with the package manager's cache kept between builds.
FROM node:${f.node}-alpine AS build
WORKDIR /app
COPY ${manifests} ./
RUN --mount=type=cache,target=${cache} ${install}
COPY . .
${f.build ? `RUN ${f.manager === 'npm' ? 'npm' : f.manager} run build\n` : ''}
# Production dependencies only.
FROM node:${f.node}-alpine AS deps
WORKDIR /app
COPY ${manifests} ./
RUN --mount=type=cache,target=${cache} ${f.manager === 'npm' ? prune : `corepack enable && ${prune}`}

# The runtime: the app and its production dependencies, run as the image's non-root user.
FROM node:${f.node}-alpine
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app .
USER 1000
EXPOSE ${s.port}
CMD ${cmd}
`;
}

function pythonDockerfile(s: Stack): string {
  const f = s.facts;
  const install = f.requirements ? 'pip install -r requirements.txt' : 'pip install .';
  const copyDeps = f.requirements ? 'COPY requirements.txt ./' : 'COPY . .';
  const cmd = f.django ? `["python", "manage.py", "runserver", "0.0.0.0:${s.port}"]` : `["python", "${f.entry}"]`;
  return `${HEADER}
# Dependencies into a virtual environment, with pip's cache kept between builds.
FROM python:3.12-slim AS build
WORKDIR /app
RUN python -m venv /venv
ENV PATH=/venv/bin:$PATH
${copyDeps}
RUN --mount=type=cache,target=/root/.cache/pip ${install}

# The runtime: the virtual environment and the code, run as a non-root user.
FROM python:3.12-slim
RUN useradd --create-home --uid 10001 app
WORKDIR /app
COPY --from=build /venv /venv
COPY --chown=app:app . .
ENV PATH=/venv/bin:$PATH PYTHONUNBUFFERED=1
USER 10001
EXPOSE ${s.port}
CMD ${cmd}
`;
}

function goDockerfile(s: Stack): string {
  return `${HEADER}
# Build a static binary, with the module and build caches kept between builds.
FROM golang:1.23-alpine AS build
WORKDIR /src
COPY go.mod go.sum* ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \\
    CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app .

# The runtime: the binary alone, as a non-root user.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/app /app
USER 65532:65532
EXPOSE ${s.port}
ENTRYPOINT ["/app"]
`;
}

function javaDockerfile(s: Stack): string {
  const maven = s.kind === 'maven';
  const tool = maven ? (s.facts.wrapper ? './mvnw' : 'mvn') : (s.facts.wrapper ? './gradlew' : 'gradle');
  const image = maven ? (s.facts.wrapper ? 'eclipse-temurin:21-jdk' : 'maven:3.9-eclipse-temurin-21') : (s.facts.wrapper ? 'eclipse-temurin:21-jdk' : 'gradle:8.10-jdk21');
  const cache = maven ? '/root/.m2' : '/root/.gradle';
  const build = maven ? `${tool} -B package -DskipTests` : `${tool} --no-daemon bootJar -x test || ${tool} --no-daemon build -x test`;
  const jar = maven ? 'target/*.jar' : 'build/libs/*.jar';
  return `${HEADER}
# Build the jar, with the ${maven ? 'Maven' : 'Gradle'} cache kept between builds.
FROM ${image} AS build
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=${cache} ${build}
RUN mkdir -p /out && cp $(ls ${jar} | grep -v plain | head -n 1) /out/app.jar

# The runtime: a JRE and the jar, as a non-root user.
FROM eclipse-temurin:21-jre
RUN useradd --create-home --uid 10001 app
WORKDIR /app
COPY --from=build /out/app.jar ./app.jar
USER 10001
EXPOSE ${s.port}
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
`;
}

function dotnetDockerfile(s: Stack): string {
  const p = s.facts.project;
  return `${HEADER}
# Restore and publish, with the NuGet cache kept between builds.
FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
WORKDIR /src
COPY ${p}.csproj ./
RUN --mount=type=cache,target=/root/.nuget/packages dotnet restore
COPY . .
RUN --mount=type=cache,target=/root/.nuget/packages dotnet publish -c Release --no-restore -o /out

# The runtime: ASP.NET Core, as the image's non-root user.
FROM mcr.microsoft.com/dotnet/aspnet:8.0
WORKDIR /app
COPY --from=build /out .
ENV ASPNETCORE_HTTP_PORTS=${s.port}
USER $APP_UID
EXPOSE ${s.port}
ENTRYPOINT ["dotnet", "${p}.dll"]
`;
}

function staticDockerfile(s: Stack): string {
  return `${HEADER}
# The site served by nginx as a non-root user (port ${s.port}).
FROM nginxinc/nginx-unprivileged:1.27-alpine
COPY --chown=nginx:nginx . /usr/share/nginx/html
USER 101
EXPOSE ${s.port}
`;
}

const IGNORE_COMMON = ['.git', '.gitignore', '.vscode', '.idea', '*.log', 'Dockerfile*', '.dockerignore', 'compose*.y*ml', 'docker-compose*.y*ml', '.env', '.env.*'];
const IGNORE_BY_STACK: Record<StackKind, string[]> = {
  node: ['node_modules', 'dist', 'coverage', '.npm'],
  python: ['__pycache__', '*.pyc', '.venv', 'venv', '.pytest_cache', '.mypy_cache'],
  go: ['bin', 'vendor'],
  maven: ['target'],
  gradle: ['build', '.gradle'],
  dotnet: ['bin', 'obj'],
  static: ['node_modules'],
};

export function generateStarter(stack: Stack, name: string): StarterFiles {
  const dockerfile = stack.kind === 'node' ? nodeDockerfile(stack) : stack.kind === 'python' ? pythonDockerfile(stack) : stack.kind === 'go' ? goDockerfile(stack)
    : stack.kind === 'maven' || stack.kind === 'gradle' ? javaDockerfile(stack) : stack.kind === 'dotnet' ? dotnetDockerfile(stack) : staticDockerfile(stack);
  const dockerignore = `# Kept out of the build context (smaller, faster, no secrets).\n${[...IGNORE_BY_STACK[stack.kind], ...IGNORE_COMMON].join('\n')}\n`;
  const svc = serviceName(name);
  const compose = `services:
  ${svc}:
    build:
      context: .
    image: ${svc}:dev
    ports:
      - "${stack.port}:${stack.port}"
    restart: unless-stopped
`;
  return { dockerfile, dockerignore, compose };
}

// The BuildKit session: `POST /session` upgraded to h2c, on which the engine is the gRPC
// client and we serve what the build asks for (and grpc.health.v1 Check, which keeps it open):
//   moby.filesync.v1.Auth          registry credentials for every registry the build pulls from
//   moby.buildkit.secrets.v1.Secrets  `RUN --mount=type=secret,id=X` (read when asked, never kept)
//   moby.sshforward.v1.SSH         `RUN --mount=type=ssh` through the local ssh-agent
// Service definitions and messages are written out here (no .proto file is read at run time).
// Secret values and passwords are never logged and never leave this module except to the engine.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import type { Duplex } from 'node:stream';
import * as grpc from '@grpc/grpc-js';
import type { Engine } from '../engine';
import { fields, str, Writer } from './protobuf';

export interface RegistryLogin {
  username: string;
  password: string;
}

/** Where a build secret's value comes from; read only when the build asks for it. */
export type SecretSource =
  | { id: string; file: string }
  | { id: string; env: string }
  | { id: string; value: Uint8Array };

export interface SessionOptions {
  /** Credentials for a registry host as BuildKit names it (`127.0.0.1:5000`, `registry-1.docker.io`). */
  credentials?: (host: string) => Promise<RegistryLogin | undefined>;
  secrets?: SecretSource[];
  /** ssh-agent socket for `--mount=type=ssh` (usually SSH_AUTH_SOCK); none: no SSH service. */
  sshAgentSocket?: string;
  /** Shown by the engine as the session's name (the CLI uses the context folder's name). */
  name?: string;
  /** Environment for `env` secrets (default: process.env). */
  env?: Record<string, string | undefined>;
}

/** What the session served, without values: for tests and the build log. */
export interface SessionActivity {
  credentialHosts: string[];
  secretsServed: string[];
  secretsMissing: string[];
  sshForwards: number;
}

type Unary<Req, Res> = grpc.MethodDefinition<Req, Res>;

function unary<Req, Res>(path: string, decode: (b: Buffer) => Req, encode: (r: Res) => Buffer): Unary<Req, Res> {
  return {
    path,
    requestStream: false,
    responseStream: false,
    requestSerialize: () => { throw new Error('server only'); },
    requestDeserialize: decode,
    responseSerialize: encode,
    responseDeserialize: () => { throw new Error('server only'); },
  };
}

const firstString = (b: Buffer, no: number): string => {
  for (const f of fields(b)) if (f.no === no && f.wire === 2) return str(f);
  return '';
};

const AUTH = {
  Credentials: unary<{ host: string }, RegistryLogin | undefined>(
    '/moby.filesync.v1.Auth/Credentials',
    (b) => ({ host: firstString(b, 1) }),
    (r) => new Writer().string(1, r?.username).string(2, r?.password).finish()),
};

// BuildKit checks the session every second and drops it when a check fails (even as
// "unimplemented"): answer SERVING (HealthCheckResponse.status = 1).
const HEALTH = {
  Check: unary<Record<string, never>, number>(
    '/grpc.health.v1.Health/Check',
    () => ({}),
    (servingStatus) => new Writer().int(1, servingStatus).finish()),
};

const SECRETS = {
  GetSecret: unary<{ id: string }, Uint8Array>(
    '/moby.buildkit.secrets.v1.Secrets/GetSecret',
    (b) => ({ id: firstString(b, 1) }),
    (data) => new Writer().bytes(1, data).finish()),
};

const bytesMessage = {
  decode: (b: Buffer): Buffer => {
    for (const f of fields(b)) if (f.no === 1) return Buffer.from(f.bytes);
    return Buffer.alloc(0);
  },
  encode: (d: Buffer): Buffer => new Writer().bytes(1, d).finish(),
};

const SSH = {
  CheckAgent: unary<{ id: string }, Record<string, never>>(
    '/moby.sshforward.v1.SSH/CheckAgent',
    (b) => ({ id: firstString(b, 1) }),
    () => Buffer.alloc(0)),
  ForwardAgent: {
    path: '/moby.sshforward.v1.SSH/ForwardAgent',
    requestStream: true,
    responseStream: true,
    requestSerialize: () => { throw new Error('server only'); },
    requestDeserialize: bytesMessage.decode,
    responseSerialize: bytesMessage.encode,
    responseDeserialize: () => { throw new Error('server only'); },
  } as grpc.MethodDefinition<Buffer, Buffer>,
};

/** BuildKit names Docker Hub by its registry host; Dockyard stores it as docker.io. */
export function credentialHost(host: string): string {
  return /^(registry-1\.docker\.io|index\.docker\.io|docker\.io)$/i.test(host) ? 'docker.io' : host;
}

const status = (code: grpc.status, details: string): grpc.ServiceError =>
  Object.assign(new Error(details), { code, details, metadata: new grpc.Metadata() }) as grpc.ServiceError;

export class BuildSession {
  readonly id = crypto.randomUUID();
  readonly activity: SessionActivity = { credentialHosts: [], secretsServed: [], secretsMissing: [], sshForwards: 0 };
  private server: grpc.Server | undefined;
  private socket: Duplex | undefined;
  private readonly forwards = new Set<net.Socket>();

  constructor(private readonly engine: Engine, private readonly opts: SessionOptions = {}) {}

  /** The gRPC methods this session answers (sent as X-Docker-Expose-Session-Grpc-Method). */
  methods(): string[] {
    const m = [HEALTH.Check.path, AUTH.Credentials.path, SECRETS.GetSecret.path];
    if (this.opts.sshAgentSocket) m.push(SSH.CheckAgent.path, SSH.ForwardAgent.path);
    return m;
  }

  /** Opens the session on the engine; resolves once the engine has upgraded the connection. */
  async open(): Promise<void> {
    const server = new grpc.Server();
    server.addService(HEALTH as unknown as grpc.ServiceDefinition, {
      Check: (_call: grpc.ServerUnaryCall<Record<string, never>, number>, cb: grpc.sendUnaryData<number>) => cb(null, 1),
    });
    server.addService(AUTH as unknown as grpc.ServiceDefinition, {
      Credentials: (call: grpc.ServerUnaryCall<{ host: string }, RegistryLogin | undefined>, cb: grpc.sendUnaryData<RegistryLogin | undefined>) => {
        const host = call.request.host;
        const lookup = this.opts.credentials ? this.opts.credentials(credentialHost(host)) : Promise.resolve(undefined);
        lookup.then((login) => {
          if (login && !this.activity.credentialHosts.includes(host)) this.activity.credentialHosts.push(host);
          cb(null, login);
        }, () => cb(null, undefined));
      },
    });
    server.addService(SECRETS as unknown as grpc.ServiceDefinition, {
      GetSecret: (call: grpc.ServerUnaryCall<{ id: string }, Uint8Array>, cb: grpc.sendUnaryData<Uint8Array>) => {
        const id = call.request.id;
        this.readSecret(id).then((data) => {
          if (!data) {
            this.activity.secretsMissing.push(id);
            cb(status(grpc.status.NOT_FOUND, `secret ${id} not found`));
            return;
          }
          this.activity.secretsServed.push(id);
          cb(null, data);
        }, (e: Error) => {
          this.activity.secretsMissing.push(id);
          cb(status(grpc.status.NOT_FOUND, `secret ${id} cannot be read: ${(e as NodeJS.ErrnoException).code ?? 'error'}`));
        });
      },
    });
    const agent = this.opts.sshAgentSocket;
    if (agent) {
      server.addService(SSH as unknown as grpc.ServiceDefinition, {
        CheckAgent: (call: grpc.ServerUnaryCall<{ id: string }, Record<string, never>>, cb: grpc.sendUnaryData<Record<string, never>>) => {
          const id = call.request.id || 'default';
          if (id !== 'default') cb(status(grpc.status.NOT_FOUND, `no SSH agent for id ${id} (only "default" is forwarded)`));
          else cb(null, {});
        },
        ForwardAgent: (call: grpc.ServerDuplexStream<Buffer, Buffer>) => this.forward(agent, call),
      });
    }
    this.server = server;

    const headers: Record<string, string | string[]> = {
      Upgrade: 'h2c',
      Connection: 'Upgrade',
      'X-Docker-Expose-Session-Uuid': this.id,
      'X-Docker-Expose-Session-Name': this.opts.name || 'dockyard',
      'X-Docker-Expose-Session-Sharedkey': '',
      'X-Docker-Expose-Session-Grpc-Method': this.methods(),
    };
    const socket = await this.engine.call('BuildKit session', (d) => new Promise<Duplex>((resolve, reject) => {
      d.modem.dial({
        method: 'POST',
        path: '/session',
        hijack: true,
        headers,
        statusCodes: { 101: true, 200: true, 400: 'bad parameter', 500: 'server error' },
      } as never, (err: unknown, sock: unknown) => (err ? reject(err) : resolve(sock as Duplex)));
    }));
    this.socket = socket;
    socket.on('error', () => undefined);
    // Over TLS the upgraded socket is a TLSSocket whose ALPN said HTTP/1.1; Node's HTTP/2 server
    // refuses such a socket as an unknown protocol. What follows the 101 is HTTP/2: say so.
    const tls = socket as Duplex & { alpnProtocol?: string | false; encrypted?: boolean };
    if (tls.encrypted) tls.alpnProtocol = 'h2';
    server.createConnectionInjector(grpc.ServerCredentials.createInsecure()).injectConnection(socket);
    // Node's HTTP/2 session reads what the engine already sent on the next tick; closing before
    // that would crash the process (its handle is gone by then), so open() ends after it.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  private async readSecret(id: string): Promise<Uint8Array | undefined> {
    const src = this.opts.secrets?.find((s) => s.id === id);
    if (!src) return undefined;
    if ('value' in src) return src.value;
    if ('file' in src) return fs.promises.readFile(src.file);
    const v = (this.opts.env ?? process.env)[src.env];
    return v === undefined ? undefined : Buffer.from(v, 'utf8');
  }

  private forward(agentSocket: string, call: grpc.ServerDuplexStream<Buffer, Buffer>): void {
    this.activity.sshForwards++;
    const sock = net.connect(agentSocket);
    this.forwards.add(sock);
    sock.on('data', (d: Buffer) => call.write(d));
    sock.on('end', () => call.end());
    sock.on('error', (e) => { call.destroy(status(grpc.status.UNAVAILABLE, `ssh-agent: ${e.message}`)); });
    sock.on('close', () => this.forwards.delete(sock));
    call.on('data', (d: Buffer) => sock.write(d));
    call.on('end', () => sock.end());
    call.on('error', () => sock.destroy());
    call.on('cancelled', () => sock.destroy());
  }

  close(): void {
    for (const s of this.forwards) s.destroy();
    this.forwards.clear();
    try { this.server?.forceShutdown(); } catch { /* already down */ }
    this.socket?.destroy();
    this.server = undefined;
    this.socket = undefined;
  }
}

// The real hub and the real agent as child processes on 127.0.0.1, as the C# end-to-end specs
// run them (specs/Lumen.EndToEnd.Specs/Support): built dlls found from the repository root, a
// fresh temp folder and database, a port from Lumen.Web's range, every LUMEN_ variable of the
// caller's environment dropped, output kept for failure messages, SIGTERM then SIGKILL at the end.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(process.env.LUMEN_E2E_ROOT ?? join(dirname(fileURLToPath(import.meta.url)), '../../../..'));
const configuration = process.env.LUMEN_E2E_CONFIGURATION ?? 'Debug';

export function builtDll(project: 'Lumen.Hub' | 'Lumen.Agent'): string {
  const dll = join(root, project, 'bin', configuration, 'net10.0', `${project}.dll`);
  if (!existsSync(dll)) throw new Error(`${dll} not found: build the solution first (run-tests.sh does)`);
  return dll;
}

/** Lumen.Web's share of ports (18400–18499), from 18420 so a dev server on 18410 does not collide. */
async function freePort(): Promise<number> {
  for (let port = 18420 + Math.floor(Math.random() * 40); port < 18500; port++) {
    const free = await new Promise<boolean>((ok) => {
      const server = createServer();
      server.once('error', () => ok(false));
      server.listen(port, '127.0.0.1', () => server.close(() => ok(true)));
    });
    if (free) return port;
  }
  throw new Error('no free port in 18420–18499');
}

export class Child {
  output = '';
  private exited: Promise<number | null>;
  private hasExited = false;

  constructor(
    readonly name: string,
    private readonly process: ChildProcess,
  ) {
    process.stdout?.on('data', (d) => (this.output += d));
    process.stderr?.on('data', (d) => (this.output += d));
    this.exited = new Promise((ok) =>
      process.on('exit', (code) => {
        this.hasExited = true;
        ok(code);
      }),
    );
  }

  get running() {
    return !this.hasExited;
  }

  /** SIGTERM, as systemctl stop; SIGKILL if it has not exited within 15 s. */
  async stop(): Promise<void> {
    if (this.hasExited) return;
    this.process.kill('SIGTERM');
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(timer);
  }

  async waitForOutput(text: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.output.includes(text)) {
      if (this.hasExited) throw new Error(`${this.name} exited before printing '${text}':\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`${this.name} did not print '${text}' within ${timeoutMs} ms:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

function start(name: string, dll: string, args: string[], env: Record<string, string>, cwd: string): Child {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('LUMEN_'))) as Record<string, string>;
  const child = spawn('dotnet', [dll, ...args], { cwd, env: { ...clean, DOTNET_NOLOGO: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Child(name, child);
}

export interface RigOptions {
  agentInterval?: string;
  streamInterval?: string;
}

/** One homelab in a temp folder: the hub (started by start()) and any agents started against it. */
export class Rig {
  readonly folder = mkdtempSync(join(tmpdir(), 'lumen-web-e2e-'));
  port = 0;
  hub: Child | null = null;
  private readonly children: Child[] = [];

  constructor(private readonly options: RigOptions = {}) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.port = await freePort();
    await this.startHub();
    return this;
  }

  /** SIGTERM to the hub, then the same hub again: same port, database and session secret. */
  async restartHub(): Promise<void> {
    await this.hub?.stop();
    await this.startHub();
  }

  private async startHub(): Promise<void> {
    this.hub = this.track(
      start(
        `hub#${this.children.filter((c) => c.name.startsWith('hub')).length + 1}`,
        builtDll('Lumen.Hub'),
        [],
        {
          LUMEN_HUB_ADDR: `127.0.0.1:${this.port}`,
          LUMEN_HUB_DB_PATH: join(this.folder, 'hub.db'),
          LUMEN_HUB_AGENT_INTERVAL: this.options.agentInterval ?? '2s',
          LUMEN_HUB_STREAM_INTERVAL: this.options.streamInterval ?? '1s',
          // History reaches the database within a second, so a range change finds it.
          LUMEN_HUB_BATCH_FLUSH_EVERY: '1s',
        },
        this.folder,
      ),
    );
    const deadline = Date.now() + 45_000;
    for (;;) {
      if (!this.hub.running) throw new Error(`the hub exited while starting:\n${this.hub.output}`);
      try {
        const response = await fetch(`${this.url}/healthz`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`the hub did not answer /healthz within 45 s:\n${this.hub.output}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  /** The real agent with a token, collecting this machine's /proc and /sys; Docker pointed at nothing; `env` adds settings. */
  async startAgent(token: string, name = 'agent', env: Record<string, string> = {}): Promise<Child> {
    const agent = this.track(
      start(
        name,
        builtDll('Lumen.Agent'),
        ['--config', join(this.folder, 'agent.yaml')],
        {
          LUMEN_HUB_URL: this.url,
          LUMEN_AGENT_TOKEN: token,
          LUMEN_AGENT_HOST: 'e2e-host',
          LUMEN_AGENT_INTERVAL: this.options.agentInterval ?? '2s',
          LUMEN_AGENT_BUFFER_PATH: join(this.folder, `${name}-buffer.db`),
          LUMEN_AGENT_DOCKER_SOCKET: join(this.folder, 'no-docker.sock'),
          ...env,
        },
        this.folder,
      ),
    );
    await agent.waitForOutput('Application started', 45_000);
    return agent;
  }

  /** Every process's output, for a failure message. */
  diagnostics(): string {
    return this.children.map((c) => `----- ${c.name}\n${c.output.slice(-4000)}`).join('\n');
  }

  async dispose(): Promise<void> {
    // Agents first: a hub stopped first would make them buffer for nothing.
    for (const child of [...this.children].reverse()) await child.stop();
    rmSync(this.folder, { recursive: true, force: true });
  }

  private track(child: Child): Child {
    this.children.push(child);
    return child;
  }
}

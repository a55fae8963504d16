// A webhook receiver for the notification specs: a real node HTTP server on 127.0.0.1, on a
// port the system picks, recording every request (method, path, headers, raw body) and
// answering from a script (a status per request, then 200), as a user's own endpoint would.

import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body as sent (a push service gets encrypted bytes). */
  raw: Buffer;
  at: number;
  /** The status this request was answered with. */
  answered: number;
}

export class Receiver {
  readonly requests: Received[] = [];
  private readonly script: { status: number; body: string }[] = [];
  private server: Server | null = null;
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        const next = this.script.shift() ?? { status: 200, body: 'ok' };
        this.requests.push({
          method: request.method ?? '',
          path: request.url ?? '',
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          raw: Buffer.concat(chunks),
          at: Date.now(),
          answered: next.status,
        });
        response.writeHead(next.status, { 'Content-Type': 'text/plain' });
        response.end(next.body);
      });
    });
    await new Promise<void>((ok) => this.server?.listen(0, '127.0.0.1', ok));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** The next requests are answered with these statuses and body, in order; the ones after them with 200. */
  answer(statuses: number[], body = ''): void {
    for (const status of statuses) this.script.push({ status, body });
  }

  /** Requests to a path (the hook's) whose JSON body satisfies the test. */
  matching(path: string, test: (json: Record<string, unknown>) => boolean = () => true): Received[] {
    return this.requests.filter((r) => r.path === path && test(JSON.parse(r.body)));
  }

  /** Requests to a path, whatever their body. */
  at(path: string): Received[] {
    return this.requests.filter((r) => r.path === path);
  }

  async stop(): Promise<void> {
    await new Promise<void>((ok) => (this.server ? this.server.close(() => ok()) : ok()));
  }
}

/** What Lumen-Signature must be for this body and secret, as docs/notifications tells receivers to check it. */
export function expectedSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

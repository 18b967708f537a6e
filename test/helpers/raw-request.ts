/**
 * A GraphQL POST written on a raw TCP socket (node:net), so a test decides when the client goes
 * away (`socket.destroy()`) and sees exactly how the server ended the connection: a response, a
 * reset, or a close without a byte.
 */
import { connect, type Socket } from 'node:net';
import { once } from 'node:events';

export interface RawRequest {
  socket: Socket;
  /** Everything the server sent so far. */
  received(): string;
  /** How the connection ended: `end` (the server closed it), `error` (with its code, e.g. ECONNRESET), or `destroyed` (by us). */
  ended: Promise<{ how: 'end' | 'error' | 'destroyed'; code?: string; received: string }>;
}

export async function rawGraphqlPost(port: number, query: string, headers: Record<string, string> = {}, path = '/graphql'): Promise<RawRequest> {
  const socket = connect(port, '127.0.0.1');
  let received = '';
  let destroyedByUs = false;
  socket.setEncoding('utf8').on('data', (d: string) => (received += d));
  const ended = new Promise<{ how: 'end' | 'error' | 'destroyed'; code?: string; received: string }>((resolve) => {
    socket.once('error', (e: NodeJS.ErrnoException) => resolve({ how: 'error', code: e.code, received }));
    socket.once('end', () => resolve({ how: 'end', received }));
    socket.once('close', () => resolve({ how: destroyedByUs ? 'destroyed' : 'end', received }));
  });
  const destroy = socket.destroy.bind(socket);
  socket.destroy = (error?: Error) => {
    destroyedByUs = true;
    return destroy(error);
  };
  await once(socket, 'connect');
  const body = JSON.stringify({ query });
  const head = [
    `POST ${path} HTTP/1.1`,
    'Host: 127.0.0.1',
    'Content-Type: application/json',
    'Accept: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  socket.write(`${head.join('\r\n')}\r\n\r\n${body}`);
  return { socket, received: () => received, ended };
}

/** Polls `check` every 50 ms until it holds; fails with `what` after `ms`. */
export async function until(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

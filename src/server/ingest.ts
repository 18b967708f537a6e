/**
 * HTTP ingest on the GraphQL server, as a Yoga plugin: the same reader and pipeline as
 * `npm run import`, answering {"accepted","rejected","errors":[{line,message}],
 * "warnings":[{kind,name,count,line}]}. Every other
 * answer is JSON `{"error": one line, "code": …}` too: never a stack or a driver's message.
 */
import type { Plugin } from 'graphql-yoga';
import type { Caller } from '../db/keys.js';
import type { AnyStore } from '../graphql/context.js';
import { IngestFailure, type IngestFailureCode } from '../ingest/failure.js';
import { ingest, type RecordKind } from '../ingest/pipeline.js';
import { readRecords } from '../ingest/read.js';
import type { IngestReply, ReadPool } from './read-pool.js';

export const ROUTES: Record<string, readonly RecordKind[]> = {
  '/ingest/posthog/recordings': ['recording', 'person'],
  '/ingest/dynatrace/sessions': ['userSession'],
};

export interface IngestRouteOptions {
  store: AnyStore;
  maxBodyBytes: number;
  /** Who sent the request (none when auth is off: the default project). */
  callerOf: (request: Request) => Caller | undefined;
  /** With read workers, a body is read, validated and written on one of them, not on the main thread. */
  pool?: ReadPool;
}

/** The ingest on a worker: its summary, or its failure raised here as on the main thread. */
async function ingestOnWorker(pool: ReadPool, job: Parameters<ReadPool['ingest']>[0]): Promise<NonNullable<IngestReply['summary']>> {
  let reply: IngestReply;
  try {
    reply = await pool.ingest(job);
  } catch (e) {
    // The worker was stopped (deadline, crash, shutdown): batches it committed before stay.
    const why = e instanceof Error ? e.message : String(e);
    throw new IngestFailure('STORE_UNAVAILABLE', `the ingest did not finish (${why}); batches committed before it stopped are kept`, { accepted: 0, rejected: 0 });
  }
  if (reply.failure) throw new IngestFailure(reply.failure.code, reply.failure.message, reply.failure.committed, reply.failure.line);
  return reply.summary!;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });
}

/** 507 Insufficient Storage for a full disk; 503 for a store that cannot be written just now. */
const FAILURE_STATUS: Record<IngestFailureCode, number> = { STORE_FULL: 507, STORE_UNAVAILABLE: 503, STORE_BUSY: 503, INPUT_UNREADABLE: 400, INTERNAL: 500 };

function failureResponse(e: unknown): Response {
  if (!(e instanceof IngestFailure)) e = new IngestFailure('INTERNAL', 'an unexpected error stopped the ingest', { accepted: 0, rejected: 0 }, undefined, { cause: e });
  const failure = e as IngestFailure;
  // The operator's log gets the cause; the client gets one line.
  console.error(`ingest failed (${failure.code})${failure.line ? ` at line ${failure.line}` : ''}:`, failure.cause ?? failure);
  const kept = failure.committed.accepted;
  return json(FAILURE_STATUS[failure.code], {
    error: `${failure.line ? `line ${failure.line}: ` : ''}${failure.message}; ${kept} record${kept === 1 ? '' : 's'} of this body stored before ${kept === 1 ? 'is' : 'are'} kept, the rest was not stored`,
    code: failure.code,
    accepted: kept,
  });
}

/**
 * Reads the whole body, or reports that it passed the limit. Past the limit the rest is read and
 * dropped (up to a bound) rather than the stream cancelled: cancelling mid-upload would drop the
 * connection before the client could read the 413.
 */
async function readBody(request: Request, maxBytes: number): Promise<Uint8Array | 'too-large'> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxBytes) return 'too-large';
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size <= maxBytes) chunks.push(value);
    else if (size > maxBytes * 4) {
      await reader.cancel();
      break;
    }
  }
  return size > maxBytes ? 'too-large' : Buffer.concat(chunks);
}

export function useIngestRoutes(options: IngestRouteOptions): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      const accept = ROUTES[url.pathname];
      if (!accept) return;
      if (request.method !== 'POST') {
        endResponse(json(405, { error: `${url.pathname} accepts POST only`, code: 'METHOD_NOT_ALLOWED' }));
        return;
      }
      try {
        endResponse(await handle(request, accept));
      } catch (e) {
        endResponse(failureResponse(e));
      }
    },
  };

  async function handle(request: Request, accept: readonly RecordKind[]): Promise<Response> {
    const caller = options.callerOf(request);
    if (caller?.readOnly) return json(403, { error: 'This API key is read-only: ingest is not allowed', code: 'FORBIDDEN' });
    let body: Uint8Array | 'too-large';
    try {
      body = await readBody(request, options.maxBodyBytes);
    } catch {
      return json(400, { error: 'the request body could not be read (the upload was cut off)', code: 'BAD_REQUEST' });
    }
    if (body === 'too-large') {
      return json(413, { error: `request body exceeds the ingest limit of ${options.maxBodyBytes} bytes`, code: 'PAYLOAD_TOO_LARGE' });
    }
    const project = caller?.project ?? 'default';
    const { store } = options;
    // PostgreSQL does the work: the main thread only streams the body's records to it.
    const summary = options.pool
      ? await ingestOnWorker(options.pool, { body, accept, caller: { project } })
      : await ingest(store, readRecords([body]), { project, accept, commitOnYield: true });
    const result = { accepted: summary.accepted, rejected: summary.rejected, errors: summary.errors, warnings: summary.warnings };
    if (result.accepted === 0 && result.rejected === 0) result.errors = [{ line: 0, message: 'the body holds no records' }];
    if (result.accepted > 0) return json(200, result);
    return json(400, { ...result, error: 'no record of the body could be stored', code: 'NO_RECORD_STORED' });
  }
}

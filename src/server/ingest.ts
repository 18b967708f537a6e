/**
 * HTTP ingest on the GraphQL server, as a Yoga plugin: the same reader and pipeline as
 * `npm run import`, answering {"accepted","rejected","errors":[{line,message}]}.
 */
import type { Plugin } from 'graphql-yoga';
import type { Caller } from '../db/keys.js';
import type { Store } from '../db/open.js';
import { ingest, type RecordKind } from '../ingest/pipeline.js';
import { readRecords } from '../ingest/read.js';

export const ROUTES: Record<string, readonly RecordKind[]> = {
  '/ingest/posthog/recordings': ['recording', 'person'],
  '/ingest/dynatrace/sessions': ['userSession'],
};

export interface IngestRouteOptions {
  store: Store;
  maxBodyBytes: number;
  /** Who sent the request (none when auth is off: the default project). */
  callerOf: (request: Request) => Caller | undefined;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });
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
        endResponse(json(405, { error: `${url.pathname} accepts POST only` }));
        return;
      }
      const caller = options.callerOf(request);
      if (caller?.readOnly) {
        endResponse(json(403, { error: 'This API key is read-only: ingest is not allowed' }));
        return;
      }
      const body = await readBody(request, options.maxBodyBytes);
      if (body === 'too-large') {
        endResponse(json(413, { error: `request body exceeds the ingest limit of ${options.maxBodyBytes} bytes` }));
        return;
      }
      const summary = await ingest(options.store, readRecords([body]), {
        project: caller?.project ?? 'default',
        accept,
      });
      const result = { accepted: summary.accepted, rejected: summary.rejected, errors: summary.errors };
      if (result.accepted === 0 && result.rejected === 0) result.errors = [{ line: 0, message: 'the body holds no records' }];
      endResponse(json(result.accepted === 0 ? 400 : 200, result));
    },
  };
}

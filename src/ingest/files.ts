/** Importing files from disk: the CLI's wrapper around the ingest pipeline. */
import { createReadStream, statSync } from 'node:fs';
import type { Store } from '../db/open.js';
import { ingest, type IngestOptions, type IngestSummary } from './pipeline.js';
import { readRecords } from './read.js';

export interface FileProgress {
  start(file: string, bytes: number): void;
  update(bytesRead: number): void;
  stop(): void;
}

export async function importFile(
  store: Store,
  file: string,
  options: IngestOptions & { progress?: FileProgress } = {},
): Promise<IngestSummary> {
  const { progress, ...ingestOptions } = options;
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  progress?.start(file, statSync(file).size);
  stream.on('data', () => progress?.update(stream.bytesRead));
  try {
    return await ingest(store, readRecords(stream), ingestOptions);
  } finally {
    stream.destroy();
    progress?.stop();
  }
}

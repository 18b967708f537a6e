/** Loads a generated data set into a store through the ordinary ingest path. */
import type { AnyStore } from '../graphql/context.js';
import { ingest, type IngestSummary } from '../ingest/pipeline.js';
import type { RawRecord } from '../ingest/read.js';
import { generateDataset, type DatasetOptions } from './generate.js';

export function* datasetRecords(options: DatasetOptions): Generator<RawRecord> {
  let line = 0;
  for (const record of generateDataset(options)) yield { line: ++line, value: record.value };
}

export function seedStore(
  store: AnyStore,
  options: DatasetOptions & { project?: string; onRecord?: () => void },
): Promise<IngestSummary> {
  return ingest(store, datasetRecords(options), { project: options.project, onRecord: options.onRecord, batchSize: 2000 });
}

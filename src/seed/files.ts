/** Writes a generated data set to disk as NDJSON, one record per line, in constant memory. */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { generateDataset, type DatasetOptions } from './generate.js';

/** Lines are handed to the file in chunks of about this many characters. */
const CHUNK = 64 * 1024;

/**
 * Streams `generateDataset(options)` to `path` as NDJSON. The generator is only pulled when the
 * file stream wants more (pipeline backpressure), so memory stays flat however large the data set.
 */
export async function writeDatasetNdjson(
  path: string,
  options: DatasetOptions,
): Promise<{ records: number; bytes: number }> {
  let records = 0;
  let bytes = 0;
  function* chunks(): Generator<string> {
    let pending: string[] = [];
    let size = 0;
    for (const { value } of generateDataset(options)) {
      const line = `${JSON.stringify(value)}\n`;
      records++;
      bytes += Buffer.byteLength(line);
      pending.push(line);
      size += line.length;
      if (size >= CHUNK) {
        yield pending.join('');
        pending = [];
        size = 0;
      }
    }
    if (pending.length) yield pending.join('');
  }
  await pipeline(Readable.from(chunks(), { objectMode: false }), createWriteStream(path));
  return { records, bytes };
}

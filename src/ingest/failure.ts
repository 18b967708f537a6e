/**
 * Why an ingest stopped, when it is not one record's fault: the store is full, unreadable or held
 * by another writer, or something unexpected broke. Callers answer these with a code and one line
 * (HTTP JSON, the CLI's stderr), never with the driver's error or a stack.
 */

export type IngestFailureCode = 'STORE_FULL' | 'STORE_UNAVAILABLE' | 'STORE_BUSY' | 'INPUT_UNREADABLE' | 'INTERNAL';

export interface Committed {
  /** Records of this input stored for good before the failure (earlier batches). */
  accepted: number;
  rejected: number;
}

export class IngestFailure extends Error {
  constructor(
    readonly code: IngestFailureCode,
    message: string,
    readonly committed: Committed,
    /** The input line being written when it happened, when known. */
    readonly line?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'IngestFailure';
  }
}

/** The failure a driver or system error stands for; undefined when it is not a storage error. */
export function storageFailure(e: unknown): { code: IngestFailureCode; message: string } | undefined {
  const code = e && typeof e === 'object' && 'code' in e && typeof e.code === 'string' ? e.code : '';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return { code: 'STORE_FULL', message: 'the database is full (no space left on its disk, or its size limit reached)' };
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return { code: 'STORE_BUSY', message: 'the database is busy: another process is writing to it' };
  }
  if (/^SQLITE_(IOERR|CANTOPEN|READONLY|CORRUPT|NOTADB|NOMEM|PROTOCOL)/.test(code) || code === 'EIO' || code === 'EROFS') {
    return { code: 'STORE_UNAVAILABLE', message: 'the database cannot be written (an I/O error on its disk)' };
  }
  return undefined;
}

/** A file that cannot be read (missing, a directory, no permission): its one-line reason. */
export function inputFailure(e: unknown): string | undefined {
  const code = e && typeof e === 'object' && 'code' in e && typeof e.code === 'string' ? e.code : '';
  if (!/^E[A-Z]+$/.test(code) || !(e instanceof Error)) return undefined;
  return `cannot read the input: ${e.message.split('\n', 1)[0]}`;
}

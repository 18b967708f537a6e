/**
 * API keys: `sgk_<id>_<secret>`. The id finds the row; the secret is never stored, only the
 * SHA-256 of the whole key, compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Store } from './open.js';
import type { AnyStore } from '../graphql/context.js';
import { apiKeys, type ApiKeyRow } from './schema.js';

export interface Caller {
  keyId: string;
  project: string;
  /** Who the key belongs to: its name, else its id. PostHog's "viewer" of recordings. */
  viewer: string;
  readOnly: boolean;
}

const KEY_PATTERN = /^sgk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/** A new key for `project`: the row to store, and the key to show once. */
function newKey(options: { project: string; name?: string; readOnly?: boolean }): { id: string; key: string; row: typeof apiKeys.$inferInsert } {
  const id = randomBytes(6).toString('hex');
  const key = `sgk_${id}_${randomBytes(32).toString('base64url')}`;
  const row = { id, project: options.project, name: options.name ?? null, hash: sha256(key).toString('hex'), readOnly: options.readOnly ?? false, createdAt: new Date() };
  return { id, key, row };
}

type KeyListing = Omit<ApiKeyRow, 'hash' | 'pk'>;

/*
 * Each statement is built once, from the description, for either store: SQLite runs it at once
 * (`.run()`, `.all()`), PostgreSQL when awaited (the CLI's async variants below).
 */
const keyListing = (store: AnyStore) =>
  store.db
    .select({ id: apiKeys.id, project: apiKeys.project, name: apiKeys.name, readOnly: apiKeys.readOnly, createdAt: apiKeys.createdAt, revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .orderBy(apiKeys.createdAt, apiKeys.id);
const revocation = (store: AnyStore, id: string) =>
  store.db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });

export function createKey(store: Store, options: { project: string; name?: string; readOnly?: boolean }): { id: string; key: string } {
  const { id, key, row } = newKey(options);
  store.db.insert(apiKeys).values(row).run();
  return { id, key };
}

export function listKeys(store: Store): KeyListing[] {
  return keyListing(store).all();
}

/** Revokes a key by id; false when there is no such active key. */
export function revokeKey(store: Store, id: string): boolean {
  return revocation(store, id).all().length > 0;
}

/** createKey on either store. */
export async function createKeyIn(store: AnyStore, options: { project: string; name?: string; readOnly?: boolean }): Promise<{ id: string; key: string }> {
  const { id, key, row } = newKey(options);
  await store.db.insert(apiKeys).values(row);
  return { id, key };
}

/** listKeys on either store. */
export async function listKeysIn(store: AnyStore): Promise<KeyListing[]> {
  return await keyListing(store);
}

/** revokeKey on either store. */
export async function revokeKeyIn(store: AnyStore, id: string): Promise<boolean> {
  return (await revocation(store, id)).length > 0;
}

/** The caller a presented key stands for, or null when it is malformed, unknown or revoked. */
export function verifyKey(store: Store, presented: string): Caller | null {
  const match = KEY_PATTERN.exec(presented);
  if (!match) return null;
  return callerOfRow(store.db.select().from(apiKeys).where(eq(apiKeys.id, match[1]!)).get(), presented);
}

/** verifyKey on either store (PostgreSQL answers asynchronously; api_keys has no project policy: the key says the project). */
export async function verifyKeyIn(store: AnyStore, presented: string): Promise<Caller | null> {
  if (store.kind === 'sqlite') return verifyKey(store, presented);
  const match = KEY_PATTERN.exec(presented);
  if (!match) return null;
  const [row] = await store.db.select().from(apiKeys).where(eq(apiKeys.id, match[1]!));
  return callerOfRow(row, presented);
}

function callerOfRow(row: ApiKeyRow | undefined, presented: string): Caller | null {
  if (!row || row.revokedAt) return null;
  const expected = Buffer.from(row.hash, 'hex');
  if (!timingSafeEqual(expected, sha256(presented))) return null;
  return { keyId: row.id, project: row.project, viewer: row.name ?? row.id, readOnly: row.readOnly };
}

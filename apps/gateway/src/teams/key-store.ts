import type { Database, Executor, Row } from './db.js';
import { hashKey, newKeyId, newKeySecret } from './key-format.js';
import type { KeyRecord } from './types.js';

export class KeyStoreError extends Error {
  override readonly name = 'KeyStoreError';
  constructor(
    readonly code: 'key_not_found' | 'key_name_taken' | 'key_invalid',
    message: string,
  ) {
    super(message);
  }
}

export interface NewKey {
  name: string;
  models?: string[] | null;
  rpm?: number | null;
  tpm?: number | null;
  tags?: Record<string, string>;
  expiresAt?: number | null;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
const TAG = /^[A-Za-z0-9._-]{1,64}$/;

function toRecord(row: Row): KeyRecord {
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    id: String(row.id),
    name: String(row.name),
    hash: String(row.hash),
    models: row.models ? (JSON.parse(String(row.models)) as string[]) : null,
    rpm: num(row.rpm),
    tpm: num(row.tpm),
    tags: JSON.parse(String(row.tags)) as Record<string, string>,
    createdAt: Number(row.created_at),
    expiresAt: num(row.expires_at),
    revokedAt: num(row.revoked_at),
    updatedAt: Number(row.updated_at),
  };
}

export function validateNewKey(input: NewKey): void {
  if (!NAME.test(input.name)) {
    throw new KeyStoreError(
      'key_invalid',
      `key name ${JSON.stringify(input.name)}: use 1-64 letters, digits, '.', '_', '@' or '-'`,
    );
  }
  for (const [k, v] of Object.entries(input.tags ?? {})) {
    if (!TAG.test(k) || !TAG.test(v)) {
      throw new KeyStoreError(
        'key_invalid',
        `tag ${JSON.stringify(`${k}=${v}`)}: use name=value of letters, digits, '.', '_', '-'`,
      );
    }
  }
  for (const [what, v] of [
    ['rpm', input.rpm],
    ['tpm', input.tpm],
  ] as const) {
    if (v !== undefined && v !== null && (!Number.isSafeInteger(v) || v <= 0)) {
      throw new KeyStoreError('key_invalid', `${what} must be a positive whole number`);
    }
  }
}

/** Virtual keys: created with a secret shown once, found by id, never by secret. */
export class KeyStore {
  constructor(
    private readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {}

  async create(input: NewKey): Promise<{ key: string; record: KeyRecord }> {
    validateNewKey(input);
    const id = newKeyId();
    const key = newKeySecret(id);
    const at = this.now();
    try {
      await this.db.run(
        `INSERT INTO outcrop_keys (id, name, hash, models, rpm, tpm, tags, created_at, expires_at, revoked_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)`,
        [
          id,
          input.name,
          hashKey(key),
          input.models && input.models.length > 0 ? JSON.stringify(input.models) : null,
          input.rpm ?? null,
          input.tpm ?? null,
          JSON.stringify(input.tags ?? {}),
          at,
          input.expiresAt ?? null,
          at,
        ],
      );
    } catch (err) {
      if (/unique|duplicate/i.test((err as Error).message)) {
        throw new KeyStoreError('key_name_taken', `a key named ${JSON.stringify(input.name)} already exists`);
      }
      throw err;
    }
    return { key, record: await this.get(id) };
  }

  async list(): Promise<KeyRecord[]> {
    return (await this.db.all('SELECT * FROM outcrop_keys ORDER BY created_at, id')).map(toRecord);
  }

  async findById(id: string, tx: Executor = this.db): Promise<KeyRecord | undefined> {
    const rows = await tx.all('SELECT * FROM outcrop_keys WHERE id = ?', [id]);
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  /** By id or by name. */
  async get(idOrName: string): Promise<KeyRecord> {
    const rows = await this.db.all('SELECT * FROM outcrop_keys WHERE id = ? OR name = ?', [
      idOrName,
      idOrName,
    ]);
    if (!rows[0])
      throw new KeyStoreError('key_not_found', `no key with id or name ${JSON.stringify(idOrName)}`);
    return toRecord(rows[0]);
  }

  /** Keys changed at or after `since` (for a gateway's cache of the keys another process edits). */
  async changedSince(since: number): Promise<KeyRecord[]> {
    return (await this.db.all('SELECT * FROM outcrop_keys WHERE updated_at >= ?', [since])).map(toRecord);
  }

  /** A new secret for the same key (its id, budgets and history stay); the old secret stops working. */
  async rotate(idOrName: string): Promise<{ key: string; record: KeyRecord }> {
    const record = await this.get(idOrName);
    if (record.revokedAt !== null) {
      throw new KeyStoreError('key_invalid', `key ${record.name} is revoked; create a new one`);
    }
    const key = newKeySecret(record.id);
    await this.db.run('UPDATE outcrop_keys SET hash = ?, updated_at = ? WHERE id = ?', [
      hashKey(key),
      this.bump(record),
      record.id,
    ]);
    return { key, record: await this.get(record.id) };
  }

  async revoke(idOrName: string): Promise<KeyRecord> {
    const record = await this.get(idOrName);
    const at = this.now();
    await this.db.run(
      'UPDATE outcrop_keys SET revoked_at = COALESCE(revoked_at, ?), updated_at = ? WHERE id = ?',
      [at, this.bump(record), record.id],
    );
    return this.get(record.id);
  }

  /** Expires the key at `at` (default now). */
  async expire(idOrName: string, at = this.now()): Promise<KeyRecord> {
    const record = await this.get(idOrName);
    await this.db.run('UPDATE outcrop_keys SET expires_at = ?, updated_at = ? WHERE id = ?', [
      at,
      this.bump(record),
      record.id,
    ]);
    return this.get(record.id);
  }

  /** updated_at always moves forward, so a poller that saw the old row sees the new one. */
  private bump(record: KeyRecord): number {
    return Math.max(this.now(), record.updatedAt + 1);
  }
}

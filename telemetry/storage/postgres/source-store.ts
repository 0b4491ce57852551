import {
  type NewWriteKey,
  type Source,
  SourceNameTaken,
  type SourceStore,
  type WriteKeyInfo,
} from '../interface.ts';
import { keyOf, sourceOf } from '../source-rows.ts';
import { type PostgresDatabase, type Row, violatesUnique } from './database.ts';

const KEY_COLUMNS = 'id, source_id, prefix, created_at, revoked_at';
/** Sources and their write keys on PostgreSQL: vendor-wide reference tables (migration 1). */
export class PostgresSourceStore implements SourceStore {
  constructor(private readonly database: PostgresDatabase) {}

  async createSource(input: { id: string; name: string; key: NewWriteKey }): Promise<Source> {
    try {
      await this.database.transaction(async (client) => {
        await client.query('INSERT INTO sources (id, name, created_at) VALUES ($1, $2, now())', [
          input.id,
          input.name,
        ]);
        await client.query(
          `INSERT INTO write_keys (id, source_id, key_hash, prefix, created_at, revoked_at)
           VALUES ($1, $2, $3, $4, now(), NULL)`,
          [input.key.id, input.id, input.key.hash, input.key.prefix],
        );
      });
    } catch (error) {
      if (violatesUnique(error, 'sources_name_key')) throw new SourceNameTaken(input.name);
      throw error;
    }
    return (await this.getSource(input.id)) as Source;
  }

  async listSources(): Promise<Source[]> {
    const sources = await this.database.query(
      'SELECT id, name, created_at FROM sources ORDER BY created_at, name',
    );
    const keys = await this.database.query(
      `SELECT ${KEY_COLUMNS} FROM write_keys ORDER BY created_at`,
    );
    return sources.map((row) => sourceOf(row, keys));
  }

  getSource(id: string): Promise<Source | null> {
    return this.oneSource('id = $1', id);
  }

  findSourceByName(name: string): Promise<Source | null> {
    return this.oneSource('name = $1', name);
  }

  async addKey(sourceId: string, key: NewWriteKey): Promise<WriteKeyInfo> {
    const [row] = await this.database.query(
      `INSERT INTO write_keys (id, source_id, key_hash, prefix, created_at, revoked_at)
       VALUES ($1, $2, $3, $4, now(), NULL) RETURNING ${KEY_COLUMNS}`,
      [key.id, sourceId, key.hash, key.prefix],
    );
    return keyOf(row as Row);
  }

  async revokeKey(sourceId: string, keyId: string): Promise<WriteKeyInfo | null> {
    await this.database.query(
      'UPDATE write_keys SET revoked_at = now() WHERE id = $1 AND source_id = $2 AND revoked_at IS NULL',
      [keyId, sourceId],
    );
    const [row] = await this.database.query(
      `SELECT ${KEY_COLUMNS} FROM write_keys WHERE id = $1 AND source_id = $2`,
      [keyId, sourceId],
    );
    return row ? keyOf(row) : null;
  }

  async sourceIdForKeyHash(keyHash: string): Promise<string | null> {
    const [row] = await this.database.query(
      'SELECT source_id FROM write_keys WHERE key_hash = $1 AND revoked_at IS NULL',
      [keyHash],
    );
    return row ? String(row.source_id) : null;
  }

  private async oneSource(where: 'id = $1' | 'name = $1', value: string): Promise<Source | null> {
    const [source] = await this.database.query(
      `SELECT id, name, created_at FROM sources WHERE ${where}`,
      [value],
    );
    if (!source) return null;
    const keys = await this.database.query(
      `SELECT ${KEY_COLUMNS} FROM write_keys WHERE source_id = $1 ORDER BY created_at`,
      [String(source.id)],
    );
    return sourceOf(source, keys);
  }
}

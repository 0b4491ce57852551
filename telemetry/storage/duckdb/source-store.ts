import type { NewWriteKey, Source, SourceStore, WriteKeyInfo } from '../interface.ts';
import { SourceNameTaken } from '../interface.ts';
import { keyOf, sourceOf } from '../source-rows.ts';
import { type Database, inTransaction, isoText, type Row } from './database.ts';

const KEY_COLUMNS = `id, source_id, prefix, ${isoText('created_at')} AS created_at, ${isoText('revoked_at')} AS revoked_at`;

export class DuckDbSourceStore implements SourceStore {
  constructor(private readonly database: Database) {}

  async createSource(input: { id: string; name: string; key: NewWriteKey }): Promise<Source> {
    if (await this.findSourceByName(input.name)) throw new SourceNameTaken(input.name);
    try {
      await this.database.withConnection((connection) =>
        inTransaction(connection, async () => {
          await connection.run('INSERT INTO sources VALUES ($1, $2, now())', [
            input.id,
            input.name,
          ]);
          await connection.run('INSERT INTO write_keys VALUES ($1, $2, $3, $4, now(), NULL)', [
            input.key.id,
            input.id,
            input.key.hash,
            input.key.prefix,
          ]);
        }),
      );
    } catch (error) {
      // Another request may have taken the name since the check above.
      if (String(error).includes('sources') && /unique|duplicate/i.test(String(error))) {
        throw new SourceNameTaken(input.name);
      }
      throw error;
    }
    return (await this.getSource(input.id)) as Source;
  }

  async listSources(): Promise<Source[]> {
    const sources = await this.database.query(
      `SELECT id, name, ${isoText('created_at')} AS created_at FROM sources ORDER BY created_at, name`,
    );
    const keys = await this.database.query(
      `SELECT ${KEY_COLUMNS} FROM write_keys ORDER BY created_at`,
    );
    return sources.map((row) => sourceOf(row, keys));
  }

  async getSource(id: string): Promise<Source | null> {
    return this.oneSource('id = $1', id);
  }

  async findSourceByName(name: string): Promise<Source | null> {
    return this.oneSource('name = $1', name);
  }

  async addKey(sourceId: string, key: NewWriteKey): Promise<WriteKeyInfo> {
    await this.database.query('INSERT INTO write_keys VALUES ($1, $2, $3, $4, now(), NULL)', [
      key.id,
      sourceId,
      key.hash,
      key.prefix,
    ]);
    const rows = await this.database.query(`SELECT ${KEY_COLUMNS} FROM write_keys WHERE id = $1`, [
      key.id,
    ]);
    return keyOf(rows[0] as Row);
  }

  async revokeKey(sourceId: string, keyId: string): Promise<WriteKeyInfo | null> {
    await this.database.query(
      'UPDATE write_keys SET revoked_at = now() WHERE id = $1 AND source_id = $2 AND revoked_at IS NULL',
      [keyId, sourceId],
    );
    const rows = await this.database.query(
      `SELECT ${KEY_COLUMNS} FROM write_keys WHERE id = $1 AND source_id = $2`,
      [keyId, sourceId],
    );
    return rows[0] ? keyOf(rows[0]) : null;
  }

  async sourceIdForKeyHash(keyHash: string): Promise<string | null> {
    const rows = await this.database.query(
      'SELECT source_id FROM write_keys WHERE key_hash = $1 AND revoked_at IS NULL',
      [keyHash],
    );
    return rows[0] ? String(rows[0].source_id) : null;
  }

  private async oneSource(where: string, value: string): Promise<Source | null> {
    const rows = await this.database.query(
      `SELECT id, name, ${isoText('created_at')} AS created_at FROM sources WHERE ${where}`,
      [value],
    );
    if (!rows[0]) return null;
    const keys = await this.database.query(
      `SELECT ${KEY_COLUMNS} FROM write_keys WHERE source_id = $1 ORDER BY created_at`,
      [String(rows[0].id)],
    );
    return sourceOf(rows[0], keys);
  }
}

import type { NewWriteKey, Source, SourceStore, WriteKeyInfo } from '../interface.ts';
import { SourceNameTaken } from '../interface.ts';
import type { MemoryKey, MemoryState } from './state.ts';

export class MemorySourceStore implements SourceStore {
  constructor(private readonly state: MemoryState) {}

  async createSource(input: { id: string; name: string; key: NewWriteKey }): Promise<Source> {
    if (await this.findSourceByName(input.name)) throw new SourceNameTaken(input.name);
    const createdAt = new Date().toISOString();
    this.state.sources.set(input.id, { id: input.id, name: input.name, createdAt });
    this.state.keys.push({ ...input.key, sourceId: input.id, createdAt, revokedAt: null });
    return (await this.getSource(input.id)) as Source;
  }

  async listSources(): Promise<Source[]> {
    return [...this.state.sources.values()]
      .sort((a, b) => compare(a.createdAt, b.createdAt) || compare(a.name, b.name))
      .map((source) => this.withKeys(source));
  }

  async getSource(id: string): Promise<Source | null> {
    const source = this.state.sources.get(id);
    return source ? this.withKeys(source) : null;
  }

  async findSourceByName(name: string): Promise<Source | null> {
    const source = [...this.state.sources.values()].find((candidate) => candidate.name === name);
    return source ? this.withKeys(source) : null;
  }

  async addKey(sourceId: string, key: NewWriteKey): Promise<WriteKeyInfo> {
    const stored: MemoryKey = {
      ...key,
      sourceId,
      createdAt: new Date().toISOString(),
      revokedAt: null,
    };
    this.state.keys.push(stored);
    return keyInfo(stored);
  }

  async revokeKey(sourceId: string, keyId: string): Promise<WriteKeyInfo | null> {
    const key = this.state.keys.find((k) => k.id === keyId && k.sourceId === sourceId);
    if (!key) return null;
    key.revokedAt ??= new Date().toISOString();
    return keyInfo(key);
  }

  async sourceIdForKeyHash(keyHash: string): Promise<string | null> {
    return (
      this.state.keys.find((k) => k.hash === keyHash && k.revokedAt === null)?.sourceId ?? null
    );
  }

  private withKeys(source: { id: string; name: string; createdAt: string }): Source {
    const keys = this.state.keys
      .filter((key) => key.sourceId === source.id)
      .sort((a, b) => compare(a.createdAt, b.createdAt))
      .map(keyInfo);
    return { ...source, keys };
  }
}

function keyInfo(key: MemoryKey): WriteKeyInfo {
  return { id: key.id, prefix: key.prefix, createdAt: key.createdAt, revokedAt: key.revokedAt };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

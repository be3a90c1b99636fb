// Nearest-neighbour search over chunk vectors. With pgvector (PGlite bundles it) the vectors live
// in a table with an HNSW cosine index created at run time; without it (a PostgreSQL server
// lacking the extension) search is exact and in-process. Both return the same ranking on
// small collections, where HNSW is exact.
import type { Db } from '../../db/client.ts';
import type { SearchHit } from '../../ml/text/bm25.ts';
import { createDenseIndex, type DenseIndex } from '../../ml/text/dense-index.ts';

export interface VectorStore {
  readonly backend: 'pgvector' | 'memory';
  /** Replaces the whole collection; ids are positions 0..n-1. */
  replace(vectors: readonly Float32Array[]): Promise<void>;
  search(query: Float32Array, k: number): Promise<SearchHit[]>;
}

export async function pgvectorAvailable(db: Db): Promise<boolean> {
  const { rows } = await db.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'vector'`);
  return rows.length > 0;
}

export function memoryVectorStore(): VectorStore {
  let index: DenseIndex | null = null;
  return {
    backend: 'memory',
    async replace(vectors) {
      index = createDenseIndex(vectors[0]?.length ?? 1, vectors);
    },
    async search(query, k) {
      return index && index.size > 0 ? index.search(query, k) : [];
    },
  };
}

const literal = (v: Float32Array) => `[${Array.from(v).join(',')}]`;

/** A pgvector table per dimension (`kb_chunk_vectors_<dims>`), holding one collection. */
export async function pgvectorStore(db: Db, name = 'kb_chunk_vectors'): Promise<VectorStore> {
  await db.query('CREATE EXTENSION IF NOT EXISTS vector');
  let table = '';
  return {
    backend: 'pgvector',
    async replace(vectors) {
      const dims = vectors[0]?.length ?? 1;
      table = `${name}_${dims}`;
      await db.transaction(async (tx) => {
        await tx.query(`CREATE TABLE IF NOT EXISTS ${table} (item integer PRIMARY KEY, embedding vector(${dims}) NOT NULL)`);
        await tx.query(`CREATE INDEX IF NOT EXISTS ${table}_hnsw ON ${table} USING hnsw (embedding vector_cosine_ops)`);
        await tx.query(`DELETE FROM ${table}`);
        for (let i = 0; i < vectors.length; i += 1000) {
          const part = vectors.slice(i, i + 1000);
          await tx.query(`INSERT INTO ${table} (item, embedding) SELECT i, v::vector FROM unnest($1::int[], $2::text[]) AS t(i, v)`, [
            part.map((_, j) => i + j),
            part.map(literal),
          ]);
        }
      });
    },
    async search(query, k) {
      if (!table) return [];
      const { rows } = await db.query<{ item: number; distance: number }>(
        `SELECT item, embedding <=> $1::vector AS distance FROM ${table} ORDER BY embedding <=> $1::vector, item LIMIT ${Math.max(1, Math.floor(k))}`,
        [literal(query)],
      );
      // A zero query vector has no direction: cosine distance is NaN, rank nothing.
      return rows.filter((r) => Number.isFinite(Number(r.distance))).map((r) => ({ id: Number(r.item), score: 1 - Number(r.distance) }));
    },
  };
}

/** pgvector where the extension exists, else exact in-process search. */
export async function createVectorStore(db: Db, prefer: 'auto' | 'memory' = 'auto'): Promise<VectorStore> {
  return prefer === 'auto' && (await pgvectorAvailable(db)) ? pgvectorStore(db) : memoryVectorStore();
}

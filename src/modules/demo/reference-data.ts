// The rows that do not depend on simulation: products, knowledge articles and the definitions
// of the custom attributes the demo writes (so exports and the API know their types).
import type { Db } from '../../db/client.ts';
import type { DemoRow } from './bulk.ts';
import { knowledgeArticles, PRODUCTS } from './catalog.ts';
import { demoUuid, externalId } from './ids.ts';
import type { Product } from './world.ts';

export function demoProducts(seed: number): Product[] {
  return PRODUCTS.map((p, i) => {
    const ext = externalId('product', i + 1, 2);
    return { ...p, id: demoUuid(seed, ext), externalId: ext };
  });
}

export function productRows(products: Product[], at: string): DemoRow[] {
  return products.map((p) => ({
    id: p.id, external_id: p.externalId, name: p.name, sku: p.sku, family: p.family, list_price: p.listPrice, description: p.description,
    attributes: { unit: p.unit }, created_at: at, updated_at: at,
  }));
}

export function knowledgeRows(seed: number, authorId: string, at: string): DemoRow[] {
  return knowledgeArticles().map((a) => {
    const ext = `demo-kb-${a.key}`;
    return { id: demoUuid(seed, ext), external_id: ext, title: a.title, body: a.body, tags: a.tags, language: a.language, author_id: authorId, attributes: {}, created_at: at, updated_at: at };
  });
}

type AttributeType = 'text' | 'number' | 'integer';

export const DEMO_FIELDS: readonly (readonly [entity: string, key: string, label: string, type: AttributeType])[] = [
  ['accounts', 'segment', 'Segment', 'text'],
  ['accounts', 'city', 'City', 'text'],
  ['accounts', 'language', 'Language', 'text'],
  ['contacts', 'source', 'Source', 'text'],
  ['products', 'unit', 'Unit', 'text'],
  ['leads', 'employees_band', 'Employees band', 'text'],
  ['leads', 'website_visits', 'Website visits', 'integer'],
  ['leads', 'pages_viewed', 'Pages viewed', 'integer'],
  ['leads', 'email_opens', 'E-mail opens', 'integer'],
  ['activities', 'stage', 'Stage when it happened', 'text'],
  ['activities', 'action', 'Action', 'text'],
  ['activities', 'policy_p', 'Probability the rep chose this action', 'number'],
  ['activities', 'days_since_last', 'Days since the previous touch', 'number'],
  ['activities', 'thread_id', 'E-mail thread', 'text'],
  ['activities', 'talk_ratio', 'Rep talk ratio', 'number'],
  ['activities', 'questions', 'Questions asked by the rep', 'integer'],
  ['activities', 'open_questions', 'Open questions asked by the rep', 'integer'],
  ['activities', 'language', 'Language', 'text'],
  ['orders', 'source', 'Order source', 'text'],
];

/** Adds the demo's attribute definitions; existing definitions (e.g. from an import) are kept. */
export async function defineDemoFields(db: Db): Promise<number> {
  const rows = DEMO_FIELDS.map(([entity, key, label, type]) => ({ entity, key, label, type }));
  const { rowCount } = await db.query(
    `INSERT INTO field_definitions (entity, key, label, type)
     SELECT entity, key, label, type FROM jsonb_to_recordset($1::jsonb) AS x(entity text, key text, label text, type text)
     ON CONFLICT (entity, key) DO NOTHING`,
    [JSON.stringify(rows)],
  );
  return rowCount;
}


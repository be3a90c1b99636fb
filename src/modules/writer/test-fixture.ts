// Test support: a small customer world (account, contact, products, an order, an open deal, a
// recorded call and a knowledge article) owned by the test server's repA1.
import type { TestServer } from '../../api/testing.ts';

export interface WriterWorld {
  accountId: string;
  contactId: string;
  opportunityId: string;
  leadId: string;
  productId: string;
  callId: string;
}

export async function seedWriterWorld(s: TestServer): Promise<WriterWorld> {
  const one = async (sql: string, params: unknown[]) => String((await s.db.query<{ id: string }>(sql, params)).rows[0].id);
  const rep = s.users.repA1.id;
  const hub = await one(`INSERT INTO products (name, sku, family, list_price, currency, description) VALUES ('Bloom Sensor Hub', 'BSH-100', 'Hardware', 1250, 'USD', 'Wireless hub for up to 64 vibration and temperature sensors.') RETURNING id`, []);
  const cloud = await one(`INSERT INTO products (name, sku, family, list_price, currency, description) VALUES ('Bloom Insight Cloud Standard', 'BIC-STD', 'Software', 480, 'USD', 'Dashboards, alerts and reports for operations teams.') RETURNING id`, []);
  await one(`INSERT INTO products (name, sku, family, list_price, currency, description) VALUES ('Bloom Edge Gateway', 'BEG-500', 'Hardware', 3400, 'USD', 'Industrial edge computer that runs models on site.') RETURNING id`, []);
  const account = await one(`INSERT INTO accounts (name, industry, employees, country, owner_id) VALUES ('Acme Tools', 'Manufacturing', 250, 'Germany', $1) RETURNING id`, [rep]);
  const contact = await one(`INSERT INTO contacts (account_id, name, email, title, language, owner_id) VALUES ($1, 'Lina Weber', 'lina.weber@acme-tools.example', 'Head of Operations', 'en', $2) RETURNING id`, [account, rep]);
  const order = await one(`INSERT INTO orders (account_id, owner_id, ordered_at, total) VALUES ($1, $2, '2026-03-02T09:00:00Z', 4800) RETURNING id`, [account, rep]);
  await one(`INSERT INTO order_lines (order_id, product_id, quantity, unit_price, amount) VALUES ($1, $2, 10, 480, 4800) RETURNING id`, [order, cloud]);
  const opp = await one(
    `INSERT INTO opportunities (name, account_id, contact_id, owner_id, product_id, amount, currency, stage, expected_close) VALUES ('Acme sensors rollout', $1, $2, $3, $4, 37500, 'USD', 'proposal', '2026-12-15') RETURNING id`,
    [account, contact, rep, hub],
  );
  const lead = await one(`INSERT INTO leads (name, email, company, industry, language, owner_id) VALUES ('王芳', 'wang.fang@example.cn', '华星制造', 'Manufacturing', 'zh', $1) RETURNING id`, [rep]);
  const transcript = [
    { speaker: 'Ana Rep', role: 'rep', start: 0, end: 8, text: 'Thanks for joining. What slows your maintenance team down today?' },
    { speaker: 'Lina Weber', role: 'customer', start: 8, end: 30, text: 'We lose about 12 hours a month to unplanned stops on the packaging line. The vibration alarms come too late to act on.' },
    { speaker: 'Ana Rep', role: 'rep', start: 30, end: 40, text: "I'll send you the sensor layout by Friday. Can you share the line drawings?" },
    { speaker: 'Lina Weber', role: 'customer', start: 40, end: 50, text: 'Sure, I will share the drawings tomorrow. Budget approval needs the proposal first.' },
  ];
  const call = await one(
    `INSERT INTO activities (type, status, subject, transcript, occurred_at, owner_id, account_id, contact_id, opportunity_id) VALUES ('call', 'done', 'Discovery call', $1, '2026-11-02T10:00:00Z', $2, $3, $4, $5) RETURNING id`,
    [JSON.stringify(transcript), rep, account, contact, opp],
  );
  await one(`INSERT INTO knowledge_articles (title, body, tags) VALUES ('Sensor Hub FAQ', 'The Bloom Sensor Hub pairs with sensors in under ten minutes. | table | row |', '{hardware}') RETURNING id`, []);
  return { accountId: account, contactId: contact, opportunityId: opp, leadId: lead, productId: hub, callId: call };
}

// PDF articles: text and headings extracted per page, imported from files and through the API,
// answered with a citation of the PDF's article; corrupt and encrypted files are refused by name.
import { render } from '../../core/i18n.ts';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startTestServer, type TestServer } from '../../api/testing.ts';
import { InputError } from '../../core/errors.ts';
import { importKnowledgeFiles } from './import-files.ts';
import { buildPdf } from './pdf-fixture.ts';
import { pdfToMarkdown } from './pdf.ts';
import { askKnowledge } from './service.ts';

let server: TestServer;
let travel: Uint8Array;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'salesbloom-kb-pdf-'));
  travel = await buildPdf([
    [
      { text: 'Travel Expense Policy', size: 20 },
      { text: 'Hotels', size: 14 },
      { text: 'Reps may book hotels up to 180 euros per night in capital cities.' },
      { text: 'Bookings above that amount need the regional manager approval.' },
    ],
    [
      { text: '差旅报销', size: 14 },
      { text: '出差期间每日餐费补贴为四十五欧元。' },
      { text: '报销单必须在出差结束后十天内提交。' },
      { text: 'Meals', size: 14 },
      { text: 'The daily meal allowance is 45 euros per travel day.' },
    ],
  ], { title: 'Travel Expense Policy' });
  server = await startTestServer();
  for (const [title, body] of [
    ['Discount policy', '## Approvals\n\nDiscounts above 15 percent need the regional manager\'s approval.'],
    ['Renewal process', '## Notice period\n\nCustomers must give 60 days notice before the renewal date to cancel a contract.'],
    ['退货政策', '## 退货\n\n客户可以在购买后三十天内申请退货。'],
  ]) assert.equal((await server.call(server.users.managerA, 'POST', '/api/v1/knowledge/articles', { title, body })).status, 201);
});
after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

test('text per page with headings from larger lines, English and Chinese', async () => {
  const pdf = await pdfToMarkdown(travel, 'travel.pdf');
  assert.equal(pdf.pages, 2);
  assert.equal(pdf.title, 'Travel Expense Policy');
  assert.ok(pdf.page_chars.every((n) => n > 0));
  const headings = [...pdf.text.matchAll(/^(#+) (.+)$/gm)].map((m) => [m[1].length, m[2]]);
  assert.deepEqual(headings, [[1, 'Travel Expense Policy'], [2, 'Hotels'], [2, '差旅报销'], [2, 'Meals']]);
  assert.match(pdf.text, /Reps may book hotels up to 180 euros per night in capital cities\.\nBookings above/);
  assert.match(pdf.text, /出差期间每日餐费补贴为四十五欧元。/);
});

test('corrupt, encrypted and image-only PDFs give an error naming the file; nothing is written', async () => {
  const corrupt = join(dir, 'broken.pdf');
  writeFileSync(corrupt, travel.slice(0, 600));
  const locked = join(dir, 'locked.pdf');
  writeFileSync(locked, await buildPdf([[{ text: 'Secret pricing' }]], { encrypted: true }));
  const empty = join(dir, 'scan.pdf');
  writeFileSync(empty, await buildPdf([[]]));
  const fine = join(dir, 'fine.md');
  writeFileSync(fine, '# Fine\n\nA fine article.');
  await assert.rejects(importKnowledgeFiles(server.db, [dir]), (error: unknown) => {
    assert.ok(error instanceof InputError);
    const byFile = new Map(error.issues.map((i) => [i.file, i.reason]));
    assert.match(byFile.get(corrupt) ?? '', /corrupt or truncated/);
    assert.match(byFile.get(locked) ?? '', /encrypted \(password-protected\)/);
    assert.match(byFile.get(empty) ?? '', /no text layer/);
    return true;
  });
  const { rows } = await server.db.query(`SELECT 1 FROM knowledge_articles WHERE title = 'Fine'`);
  assert.equal(rows.length, 0, 'a batch with a bad file writes nothing');

  const res = await server.call(server.users.repA1, 'POST', '/api/v1/knowledge/articles/upload', { file_name: 'locked.pdf', content_base64: Buffer.from(await buildPdf([[{ text: 'x' }]], { encrypted: true })).toString('base64') });
  assert.equal(res.status, 400);
  assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
  assert.match(res.body.detail, /locked\.pdf.*encrypted/);
  const notB64 = await server.call(server.users.repA1, 'POST', '/api/v1/knowledge/articles/upload', { file_name: 'x.pdf', content_base64: '***' });
  assert.equal(notB64.status, 400);
  const exe = await server.call(server.users.repA1, 'POST', '/api/v1/knowledge/articles/upload', { file_name: 'x.exe', content_base64: 'AAAA' });
  assert.equal(exe.status, 400);
  assert.match(exe.body.detail, /unsupported file type/);
});

test('a PDF uploaded through the API answers questions with a citation of its article (English and Chinese)', async () => {
  const up = await server.call(server.users.repA1, 'POST', '/api/v1/knowledge/articles/upload', { file_name: 'travel.pdf', content_base64: Buffer.from(travel).toString('base64'), tags: ['policy'] });
  assert.equal(up.status, 201, JSON.stringify(up.body));
  assert.equal(up.body.action, 'created');
  assert.equal(up.body.article.title, 'Travel Expense Policy');
  assert.equal(up.body.article.attributes.source, 'pdf');
  assert.equal(up.body.article.attributes.pages, 2);
  assert.deepEqual(up.body.article.tags, ['policy']);
  const id = up.body.article.id;

  const en = await server.call(server.users.repA1, 'POST', '/api/v1/knowledge/ask', { question: 'How much can reps spend on hotels per night in capital cities?' });
  assert.equal(en.body.confident, true, JSON.stringify(en.body));
  assert.equal(en.body.citations[0].article_id, id);
  assert.equal(en.body.citations[0].heading, 'Travel Expense Policy > Hotels');
  assert.match(en.body.answer, /180 euros per night in capital cities\. \[1\]/);

  const zh = await askKnowledge(server.db, null, '出差每日餐费补贴是多少？');
  assert.equal(zh.confident, true, JSON.stringify(zh));
  assert.equal(zh.citations[0].article_id, id);
  assert.equal(zh.citations[0].heading, 'Travel Expense Policy > 差旅报销');
  assert.match(render(zh.answer, 'en'), /四十五欧元/);

  const again = await server.call(server.users.repA1, 'POST', '/api/v1/knowledge/articles/upload', { file_name: 'travel.pdf', content_base64: Buffer.from(travel).toString('base64') });
  assert.equal(again.status, 200);
  assert.equal(again.body.action, 'unchanged');
});

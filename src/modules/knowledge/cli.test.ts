import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../cli/testing.ts';
import { cliDatabase } from '../providers/cli-testing.ts';
import { buildPdf } from './pdf-fixture.ts';

test('salesbloom kb import / search / ask / reindex and faq train / route', { timeout: 180_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'salesbloom-kb-cli-'));
  const target = await cliDatabase();
  try {
    mkdirSync(join(dir, 'docs', 'nested'), { recursive: true });
    writeFileSync(join(dir, 'docs', 'pricing.md'), '# Pricing tiers\n\n## Enterprise\n\nThe enterprise tier costs 90 dollars per seat per month, billed yearly.\n');
    writeFileSync(join(dir, 'docs', 'nested', 'security.html'), '<html><head><title>Security</title></head><body><h2>Encryption</h2><p>All data is encrypted at rest with AES-256 &amp; in transit with TLS 1.3.</p></body></html>');
    writeFileSync(join(dir, 'docs', 'nested', 'returns.txt'), '客户可以在购买后三十天内申请退货。');
    writeFileSync(join(dir, 'docs', 'image.png'), 'not text');
    writeFileSync(join(dir, 'manual.pdf'), '%PDF-1.4');
    writeFileSync(join(dir, 'docs', 'travel.pdf'), await buildPdf([
      [{ text: 'Travel Expense Policy', size: 20 }, { text: 'Hotels', size: 14 }, { text: 'Reps may book hotels up to 180 euros per night in capital cities.' }],
      [{ text: 'Meals', size: 14 }, { text: 'The daily meal allowance is 45 euros per travel day.' }],
    ]));
    writeFileSync(join(dir, 'faq.csv'), 'text,label\nhow do I reset my password,password\nforgot password,password\ncannot log in,password\nchange billing address,billing\nupdate my invoice address,billing\nwhere do invoices go,billing\n');

    const pdf = await runCli(['kb', 'import', join(dir, 'manual.pdf'), ...target.args]);
    assert.equal(pdf.code, 3);
    assert.match(pdf.err, /manual\.pdf.*corrupt or truncated/);

    const imported = await runCli(['kb', 'import', join(dir, 'docs'), '--tags', 'product', '--json', ...target.args]);
    assert.equal(imported.code, 0, imported.err);
    const summary = JSON.parse(imported.out);
    assert.equal(summary.created, 4);
    assert.equal(summary.skipped.length, 1);
    assert.deepEqual(summary.articles.map((a: any) => a.title).sort(), ['Pricing tiers', 'Security', 'Travel Expense Policy', 'returns']);

    const fromPdf = JSON.parse((await runCli(['kb', 'ask', 'What is the daily meal allowance when travelling?', '--json', ...target.args])).out);
    assert.equal(fromPdf.confident, true, JSON.stringify(fromPdf));
    assert.match(fromPdf.answer, /45 euros per travel day\. \[1\]/);
    assert.equal(fromPdf.citations[0].heading, 'Travel Expense Policy > Meals');

    const ask = await runCli(['kb', 'ask', 'How much does the enterprise tier cost per seat?', '--json', ...target.args]);
    assert.equal(ask.code, 0, ask.err);
    const answer = JSON.parse(ask.out);
    assert.match(answer.answer, /90 dollars per seat per month, billed yearly\. \[1\]/);
    assert.equal(answer.citations[0].heading, 'Pricing tiers > Enterprise');

    const search = await runCli(['kb', 'search', '退货', ...target.args]);
    assert.match(search.out, /^1\. returns/);

    const reindex = await runCli(['kb', 'reindex', '--json', ...target.args]);
    assert.equal(reindex.code, 0, reindex.err);
    assert.equal(JSON.parse(reindex.out).chunks, 5);

    const trained = await runCli(['faq', 'train', join(dir, 'faq.csv'), '--json', ...target.args]);
    assert.equal(trained.code, 0, trained.err);
    assert.equal(JSON.parse(trained.out).intents, 2);
    const routed = await runCli(['faq', 'route', 'I forgot my password', '--json', ...target.args]);
    assert.equal(JSON.parse(routed.out).intent, 'password');
  } finally {
    await target.cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
});

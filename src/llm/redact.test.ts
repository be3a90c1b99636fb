import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createStreamRestorer, redact, restore, restoreDeep, Redactor } from './redact.ts';
import { ibanValid, luhnValid } from './pii/checksums.ts';

/** Asserts every original is gone from the redacted text and each became a placeholder of the kind. */
function assertRedacted(text: string, originals: string[], kind: string, options = {}) {
  const r = redact(text, options);
  for (const o of originals) {
    assert.ok(!r.text.includes(o), `"${o}" survived in: ${r.text}`);
    const placeholder = Object.entries(r.mapping).find(([, v]) => v === o)?.[0];
    assert.ok(placeholder?.startsWith(`[${kind}_`), `"${o}" should map to a ${kind} placeholder, got ${placeholder} in ${JSON.stringify(r.mapping)}`);
  }
  assert.equal(r.counts[kind as keyof typeof r.counts], originals.length);
  return r;
}

function assertUntouched(text: string, options = {}) {
  const r = redact(text, options);
  assert.equal(r.text, text, `expected no redaction, got ${JSON.stringify(r.mapping)}`);
}

test('emails, including plus-addressing and subdomains', () => {
  assertRedacted('Mail ana.lopez+crm@acme.co.uk or BOB@Example.COM; cc ops@mail.beta-corp.io.', ['ana.lopez+crm@acme.co.uk', 'BOB@Example.COM', 'ops@mail.beta-corp.io'], 'EMAIL');
  assertUntouched('Reach us @acme on social, or at the @ sign.');
});

test('phone numbers in international, US, UK and Chinese formats', () => {
  const phones = ['+44 20 7946 0958', '(415) 555-0132', '+1-415-555-0132', '13812345678', '+86 138 1234 5678', '415.555.0199', '020 7946 0958', '010-12345678', '+49 (0)30 1234567'];
  assertRedacted(`Numbers: ${phones.join(', ')}. 请打电话。`, phones, 'PHONE');
  assertRedacted('手机号13912345678，明天联系', ['13912345678'], 'PHONE');
});

test('order numbers, dates, amounts and times are not phones', () => {
  assertUntouched('Order number 2024-000123, invoice INV-4532-1234, PO 415-555-0132, ticket #555-123-4567.');
  assertUntouched('Signed on 2024-03-15; 1,234,567 units at $12,345.67; call at 10:30; Q3 2024 revenue 2,500,000; 订单号 13812345678.');
  assertUntouched('Serial 1234 5678 9012 3456 and tracking 9400 1000 0000 0000 0000 00.');
});

test('payment cards are Luhn-checked, with spaces or dashes', () => {
  const cards = ['4111 1111 1111 1111', '5500-0055-5555-5559', '378282246310005', '3714 496353 98431', '6011111111111117'];
  assertRedacted(`Cards on file: ${cards.join('; ')}.`, cards, 'CARD');
  assert.ok(luhnValid('4539148803436467'));
  assert.ok(!luhnValid('4539148803436468'));
  // Sixteen digits that fail Luhn are an order number, not a card.
  assertUntouched('Order 4539 1488 0343 6468 shipped; ref 1234567890123456.');
});

test('IBANs are mod-97 checked and cut at the country length', () => {
  const ibans = ['GB82 WEST 1234 5698 7654 32', 'DE89370400440532013000', 'FR14 2004 1010 0505 0001 3M02 606', 'NL91ABNA0417164300'];
  assertRedacted(`Pay to ${ibans.join(' or ')} THANKS`, ibans, 'IBAN');
  assert.ok(ibanValid('GB82WEST12345698765432'));
  assert.ok(!ibanValid('GB82WEST12345698765433'));
  assertUntouched('Not an IBAN: GB82 WEST 1234 5698 7654 33, nor DE00 1234.');
});

test('street addresses in English and Chinese', () => {
  assertRedacted(
    'Ship to 1600 Pennsylvania Avenue NW, or 221B Baker Street, London NW1 6XE, or 500 Market St., Suite 300, San Francisco, CA 94105, or PO Box 4411.',
    ['1600 Pennsylvania Avenue NW', '221B Baker Street, London NW1 6XE', '500 Market St., Suite 300, San Francisco, CA 94105', 'PO Box 4411'],
    'ADDRESS',
  );
  assertRedacted(
    '我的地址是北京市朝阳区建国路88号，请寄到上海市浦东新区世纪大道100号。总部在广东省深圳市南山区科技园路1号3栋201室。',
    ['北京市朝阳区建国路88号', '上海市浦东新区世纪大道100号', '广东省深圳市南山区科技园路1号3栋201室'],
    'ADDRESS',
  );
  assertUntouched('We closed 3 big deals and 12 renewals; the team moved 40 licenses.');
});

test('known names: case-insensitive, word-bounded, longest first, Chinese too', () => {
  const options = { knownNames: ['Mary Ann Lee', 'Mary Ann', 'Tom Li', '张伟', '欧阳娜娜'], knownOrganizations: ['Acme Inc.', '北京星辰科技有限公司'] };
  const r = redact('MARY ANN LEE met mary ann and Tomlinson; Tom Li agreed. Acme will sign, Acme Inc. confirmed. 张伟和欧阳娜娜在北京星辰科技开会。', options);
  assert.equal(r.text, '[PERSON_1] met [PERSON_2] and Tomlinson; [PERSON_3] agreed. [ORG_1] will sign, [ORG_2] confirmed. [PERSON_4]和[PERSON_5]在[ORG_3]开会。');
  assert.equal(r.mapping['[PERSON_1]'], 'MARY ANN LEE');
  assert.equal(r.counts.PERSON, 5);
  assert.equal(r.counts.ORG, 3);
});

test('a first name alone is redacted only when capitalised', () => {
  const r = redact('Will Turner said Will will call; Turner agreed.', { knownNames: ['Will Turner'] });
  assert.equal(r.text, '[PERSON_1] said [PERSON_2] will call; [PERSON_3] agreed.');
});

test('placeholders are consistent within a call and across the texts of one Redactor', () => {
  const r = redact('Write to ana@acme.com. Again: ANA@acme.com. And bo@acme.com.');
  assert.equal(r.text, 'Write to [EMAIL_1]. Again: [EMAIL_1]. And [EMAIL_2].');
  const session = new Redactor({ knownNames: ['Ana Ruiz'] });
  assert.equal(session.redact('System: the contact is Ana Ruiz.'), 'System: the contact is [PERSON_1].');
  assert.equal(session.redact('User: draft a note to ana ruiz.'), 'User: draft a note to [PERSON_1].');
});

test('an email containing a known name is one EMAIL, not a name inside an email', () => {
  const r = redact('sarah.connor@acme.com', { knownNames: ['Sarah Connor', 'Connor'] });
  assert.equal(r.text, '[EMAIL_1]');
});

test('restore puts the originals back, even with spaces inside brackets; unknown placeholders stay', () => {
  const source = 'Ana Ruiz (ana@acme.com, +44 20 7946 0958) at 北京市朝阳区建国路88号 paid with 4111 1111 1111 1111.';
  const r = redact(source, { knownNames: ['Ana Ruiz'] });
  assert.equal(restore(r.text, r.mapping), source);
  assert.equal(restore('Dear [ PERSON_1 ], see [EMAIL_9].', r.mapping), 'Dear Ana Ruiz, see [EMAIL_9].');
  assert.deepEqual(restoreDeep({ to: '[EMAIL_1]', lines: ['Hi [PERSON_1]'] }, r.mapping), { to: 'ana@acme.com', lines: ['Hi Ana Ruiz'] });
});

test('streamed answers are restored even when a placeholder is split across deltas', () => {
  const mapping = { '[PERSON_1]': 'Ana Ruiz', '[EMAIL_1]': 'ana@acme.com' };
  const restorer = createStreamRestorer(mapping);
  const pieces = ['Hello [PER', 'SON', '_1], write to [', 'EMAIL_1] [sic] ok'];
  const out = pieces.map((p) => restorer.push(p)).join('') + restorer.flush();
  assert.equal(out, 'Hello Ana Ruiz, write to ana@acme.com [sic] ok');
});

test('kinds can be restricted', () => {
  const r = redact('ana@acme.com +44 20 7946 0958', { kinds: ['PHONE'] });
  assert.equal(r.text, 'ana@acme.com [PHONE_1]');
});

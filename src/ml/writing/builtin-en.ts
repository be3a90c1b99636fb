// Built-in English wording for emails and marketing copy. Rules for whoever edits it: no numbers,
// dates, prices or product names in the wording itself (they come only from variables, i.e. from
// the facts), and no claims the fact check would flag ("guaranteed", "the best", …).
import type { TemplateSet } from './compose.ts';

export const EN: TemplateSet = {
  defaultCta: 'set up a short call next week',
  subject: {
    follow_up: '[[Following up|Next steps]]{{#opportunity_name}}: {{opportunity_name}}{{/opportunity_name}}{{^opportunity_name}} [[from our conversation|on our call]]{{/opportunity_name}}',
    outreach: '{{#product}}[[{{product}} for {{company}}|An idea for {{company}}: {{product}}]]{{/product}}{{^product}}[[An idea for|A quick question for]] {{company}}{{/product}}',
    proposal: '[[Proposal|Our proposal]] for {{company}}{{#opportunity_name}}: {{opportunity_name}}{{/opportunity_name}}',
    re_engagement: '[[Checking in|Catching up]] with {{company}}',
    marketing_copy: '{{#product}}[[{{product}} for {{industry}} teams|How {{industry}} teams work with {{product}}|Built for {{industry}}: {{product}}]]{{/product}}{{^product}}[[For {{industry}} teams|Ideas for {{industry}} teams]]{{/product}}',
  },
  greeting: {
    formal: '{{#recipient_name}}Dear {{recipient_name}},{{/recipient_name}}{{^recipient_name}}Dear Sir or Madam,{{/recipient_name}}',
    friendly: '{{#recipient_name}}[[Hi|Hello]] {{recipient_name}},{{/recipient_name}}{{^recipient_name}}Hello,{{/recipient_name}}',
    direct: '{{#recipient_name}}{{recipient_name}},{{/recipient_name}}{{^recipient_name}}Hello,{{/recipient_name}}',
  },
  opener: {
    follow_up: {
      formal: 'Thank you for [[taking the time to speak with me|your time]]{{#last_activity_date}} on {{last_activity_date}}{{/last_activity_date}}. [[I would like to follow up on|I am writing to follow up on]] {{#opportunity_name}}{{opportunity_name}}{{/opportunity_name}}{{^opportunity_name}}our conversation{{/opportunity_name}}.',
      friendly: '[[Thanks again for|I really enjoyed]] our conversation{{#last_activity_date}} on {{last_activity_date}}{{/last_activity_date}}. [[Here is a quick follow-up.|I wanted to pick up where we left off.]]',
      direct: 'Following up on {{#opportunity_name}}{{opportunity_name}}{{/opportunity_name}}{{^opportunity_name}}our conversation{{/opportunity_name}}{{#last_activity_date}} from {{last_activity_date}}{{/last_activity_date}}.',
    },
    outreach: {
      formal: 'My name is {{sender_name}}, and I [[work with|support]] companies in {{industry}}. I am [[writing|reaching out]] because {{company}} [[may benefit from|could find value in]] what our team does.',
      friendly: "I'm {{sender_name}} — I [[work with|help]] teams in {{industry}}, and [[I thought|it seemed]] {{company}} might like a look at what we do.",
      direct: "I'm {{sender_name}}. I'll keep this short: we help {{industry}} teams, and {{company}} [[looks like|seems]] a good candidate.",
    },
    proposal: {
      formal: 'As discussed, [[please find below|here is]] a summary of our proposal for {{company}}{{#opportunity_name}} ({{opportunity_name}}){{/opportunity_name}}.',
      friendly: "[[As promised|As we discussed]], here's [[an overview of|a summary of]] what we're proposing for {{company}}{{#opportunity_name}} ({{opportunity_name}}){{/opportunity_name}}.",
      direct: 'Our proposal for {{company}}{{#opportunity_name}} ({{opportunity_name}}){{/opportunity_name}} in brief:',
    },
    re_engagement: {
      formal: 'It has been some time since we last spoke{{#last_activity_date}} ({{last_activity_date}}){{/last_activity_date}}, and I [[wanted to ask|would like to hear]] how things are going at {{company}}.',
      friendly: "It's been a while{{#last_activity_date}} since we talked on {{last_activity_date}}{{/last_activity_date}} — [[how are things at|I hope all is well at]] {{company}}?",
      direct: 'We last spoke{{#last_activity_date}} on {{last_activity_date}}{{/last_activity_date}}{{^last_activity_date}} some time ago{{/last_activity_date}}. Is this still a priority for {{company}}?',
    },
    marketing_copy: {
      formal: 'Teams in {{industry}}{{#segment}} ({{segment}}){{/segment}} [[need clear information to make decisions|depend on reliable information every day]].',
      friendly: '[[Working in {{industry}}?|Part of a team in {{industry}}?]] [[Here is something that can make the day easier.|This one is for you.]]',
      direct: '{{industry}} teams{{#segment}} ({{segment}}){{/segment}}: [[less busywork, more clarity.|better information, fewer spreadsheets.]]',
    },
  },
  context:
    '{{#key_sentence}}[[You mentioned|When we spoke, you said]]: “{{key_sentence}}” [[I have kept that in mind.|That is what this note is about.]]{{/key_sentence}}{{#products_bought}} [[Since|As]] {{company}} already uses {{products_bought}}, [[the next step can build on that.|this builds on what your team has in place.]]{{/products_bought}}',
  value:
    '{{#product}}[[I think|I believe]] {{product}} [[could be a good fit|would fit well]]{{#product_description}}: {{product_description}}{{/product_description}}{{^product_description}}.{{/product_description}}{{#product_price}} [[The list price is|It is listed at]] {{product_price}}.{{/product_price}}{{/product}}',
  copyValue:
    '{{#product}}[[Meet|Take a look at]] {{product}}{{#product_description}}: {{product_description}}{{/product_description}}{{^product_description}}.{{/product_description}}{{#product_price}} [[List price:|From]] {{product_price}}.{{/product_price}}{{/product}}',
  detail:
    '{{#opportunity_name}}[[For|Regarding]] {{opportunity_name}}{{#opportunity_amount}}, the proposal stands at {{opportunity_amount}}{{/opportunity_amount}}{{#expected_close}}, and we are working towards {{expected_close}}{{/expected_close}}.{{/opportunity_name}} {{#product_snippet}}From our product notes: {{product_snippet}}{{/product_snippet}}\n\n[[I am happy to walk your team through the details, answer questions from your colleagues, or prepare material for an internal discussion.|If it helps, I can prepare a short overview for your colleagues and answer any questions they have along the way.]]',
  copyDetail:
    '{{#product_snippet}}{{product_snippet}}{{/product_snippet}} [[Our team works with you from the first conversation to a working setup, and stays available for questions afterwards.|You get a team that helps with the set-up and stays available for your questions afterwards.]]',
  copyMore:
    '{{#customers}}[[Other {{industry}} teams already work with us.|You would not be the first {{industry}} team we work with.]] {{/customers}}[[Ask us for a walkthrough with your own data, and see for yourself whether it fits how your team works.|Bring your own questions and data: a walkthrough shows quickly whether it fits the way your team works.]]',
  cta: {
    formal: '[[Would it be possible to|Might we]] {{call_to_action}}? [[Please let me know what suits you.|I would be glad to arrange it at your convenience.]]',
    friendly: "[[Could we|How about we]] {{call_to_action}}? [[Just reply to this email and I'll set it up.|Let me know what works for you.]]",
    direct: 'Next step: can we {{call_to_action}}? Reply with a time that works.',
  },
  copyCta: {
    formal: '[[To learn more,|For details,]] {{call_to_action}}.',
    friendly: '[[Curious?|Want to see it?]] {{call_to_action}}.',
    direct: '{{call_to_action}}.',
  },
  closing: {
    formal: '[[Kind regards|Best regards|Yours sincerely]],\n{{sender_name}}',
    friendly: '[[Best|Cheers|Thanks]],\n{{sender_name}}',
    direct: 'Thanks,\n{{sender_name}}',
  },
  copyDefaultCta: 'reply to this message and we will get in touch',
};

// Customer analytics' words for people (segment descriptions, why a product is recommended) in
// English and Simplified Chinese; see src/core/i18n.ts.
import { defineMessages, type Text } from '../../core/i18n.ts';
import type { SegmentProfile } from '../../ml/customers/segments.ts';

export const msg = defineMessages(
  {
    'customers.segment': '{spend} {often} {when}',
    'customers.spend.low': 'Small spenders',
    'customers.spend.mid': 'Mid-range spenders',
    'customers.spend.high': 'Big spenders',
    'customers.often.once': 'who bought once',
    'customers.often.low': 'who buy rarely',
    'customers.often.mid': 'who buy now and then',
    'customers.often.high': 'who buy often',
    'customers.when.notSince.one': 'and have not bought in 1 month',
    'customers.when.notSince.many': 'and have not bought in {n} months',
    'customers.when.recentDays': 'and bought in the last {n} days',
    'customers.when.recentWeeks': 'and bought in the last {n} weeks',
    'customers.when.about.one': 'and last bought about 1 month ago',
    'customers.when.about.many': 'and last bought about {n} months ago',
    'customers.segment.numbered': 'Segment {id}',
    'customers.rec.alsoBought': 'Customers who bought {because} also bought {item}',
    'customers.rec.popular': '{item} is popular with customers right now',
    'customers.cli.churn': 'churn risk {pct}%',
  },
  {
    'customers.segment': '{spend}，{often}，{when}',
    'customers.spend.low': '小额客户',
    'customers.spend.mid': '中等消费客户',
    'customers.spend.high': '大客户',
    'customers.often.once': '只买过一次',
    'customers.often.low': '很少购买',
    'customers.often.mid': '偶尔购买',
    'customers.often.high': '经常购买',
    'customers.when.notSince.one': '已 1 个月没有购买',
    'customers.when.notSince.many': '已 {n} 个月没有购买',
    'customers.when.recentDays': '最近 {n} 天内购买过',
    'customers.when.recentWeeks': '最近 {n} 周内购买过',
    'customers.when.about.one': '上次购买约在 1 个月前',
    'customers.when.about.many': '上次购买约在 {n} 个月前',
    'customers.segment.numbered': '分群 {id}',
    'customers.rec.alsoBought': '买了 {because} 的客户也买了 {item}',
    'customers.rec.popular': '{item} 目前很受客户欢迎',
    'customers.cli.churn': '流失风险 {pct}%',
  },
);

function whenText(recency: SegmentProfile['recency']): Text {
  switch (recency.kind) {
    case 'lapsed':
      return recency.months === 1 ? msg('customers.when.notSince.one') : msg('customers.when.notSince.many', { n: recency.months });
    case 'days':
      return msg('customers.when.recentDays', { n: recency.days });
    case 'weeks':
      return msg('customers.when.recentWeeks', { n: recency.weeks });
    case 'about':
      return recency.months === 1 ? msg('customers.when.about.one') : msg('customers.when.about.many', { n: recency.months });
  }
}

/**
 * A segment's profile (src/ml/customers/segments.ts) in plain words, e.g. "Big spenders who buy
 * often and have not bought in 5 months".
 */
export function segmentText({ spend, often, recency }: SegmentProfile): Text {
  return msg('customers.segment', { spend: msg(`customers.spend.${spend}`), often: msg(`customers.often.${often}`), when: whenText(recency) });
}

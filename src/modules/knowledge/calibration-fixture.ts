// Test support: a seeded synthetic knowledge base in English and Chinese where articles share
// most of their wording (the same topics for many products), so telling "answered elsewhere"
// from "not in the knowledge base" depends on one or two terms — what calibration must learn.
import { Rng } from '../../ml/random.ts';
import type { ArticleInput } from './retrieval.ts';

export const EN_PRODUCTS = ['Atlas', 'Borealis', 'Cobalt', 'Delta', 'Ember', 'Fjord', 'Granite', 'Harbor'];
export const ZH_PRODUCTS = ['星辰', '极光', '海港', '雨林', '松柏'];
const CITIES = ['Rotterdam', 'Lyon', 'Gdansk', 'Porto', 'Leipzig', 'Turin'];
const ZH_CITIES = ['上海', '广州', '成都', '武汉', '西安'];

const EN_TOPICS: Record<string, (p: string, rng: Rng) => string> = {
  refunds: (p, r) => `## Refunds\n\n${p} customers can request a refund within ${10 + r.int(50)} days of purchase. Refunds are paid to the original payment method.`,
  shipping: (p, r) => `## Shipping\n\n${p} orders ship from the ${r.pick(CITIES)} warehouse within ${1 + r.int(9)} business days. Express delivery costs ${5 + r.int(40)} euros extra.`,
  warranty: (p, r) => `## Warranty\n\nThe ${p} hardware warranty lasts ${6 + r.int(30)} months from delivery. Damage from misuse is not covered by the warranty.`,
  training: (p, r) => `## Training\n\nNew ${p} administrators get ${2 + r.int(20)} hours of onboarding training. Sessions are booked through the customer portal.`,
  discounts: (p, r) => `## Discounts\n\nResellers of ${p} receive a ${5 + r.int(25)} percent discount on list prices. Larger discounts need approval from the channel manager.`,
};
const ZH_TOPICS: Record<string, (p: string, rng: Rng) => string> = {
  退款: (p, r) => `## 退款\n\n${p}客户可以在购买后${10 + r.int(50)}天内申请退款。退款将退回原支付方式。`,
  发货: (p, r) => `## 发货\n\n${p}订单在${1 + r.int(9)}个工作日内从${r.pick(ZH_CITIES)}仓库发货。加急配送需额外支付${5 + r.int(40)}元。`,
  保修: (p, r) => `## 保修\n\n${p}硬件的保修期为${6 + r.int(30)}个月，从交付之日起计算。人为损坏不在保修范围内。`,
};

/** Every product × topic article except those listed in `omit` (as "Product topic"). */
export function syntheticKb(omit: readonly string[] = [], seed = 11): ArticleInput[] {
  const rng = new Rng(seed);
  const out: ArticleInput[] = [];
  for (const p of EN_PRODUCTS) {
    for (const [topic, body] of Object.entries(EN_TOPICS)) {
      const text = body(p, rng); // drawn even when omitted: the other articles stay the same
      if (!omit.includes(`${p} ${topic}`)) out.push({ id: `${p} ${topic}`, title: `${p} ${topic}`, body: text, format: 'markdown' });
    }
  }
  for (const p of ZH_PRODUCTS) {
    for (const [topic, body] of Object.entries(ZH_TOPICS)) {
      const text = body(p, rng);
      if (!omit.includes(`${p} ${topic}`)) out.push({ id: `${p} ${topic}`, title: `${p}${topic}政策`, body: text, format: 'markdown' });
    }
  }
  return out;
}

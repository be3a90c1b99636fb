// What the demo company (BloomTech, industrial analytics: software, sensors and services) sells,
// and the knowledge articles its reps look things up in.
import type { Industry } from './vocabulary.ts';

export type Family = 'Software' | 'Hardware' | 'Services' | 'Support';

export interface ProductDef {
  key: string;
  name: string;
  sku: string;
  family: Family;
  listPrice: number;
  unit: string;
  description: string;
}

export const PRODUCTS: readonly ProductDef[] = [
  { key: 'insight-std', name: 'Bloom Insight Cloud Standard', sku: 'BIC-STD', family: 'Software', listPrice: 480, unit: 'seat / year', description: 'Dashboards, alerts and reports for operations teams.' },
  { key: 'insight-ent', name: 'Bloom Insight Cloud Enterprise', sku: 'BIC-ENT', family: 'Software', listPrice: 960, unit: 'seat / year', description: 'Standard plus SSO, audit trail, private cloud and a 99.9% SLA.' },
  { key: 'analytics', name: 'Bloom Predictive Analytics Add-on', sku: 'BPA-ADD', family: 'Software', listPrice: 240, unit: 'seat / year', description: 'Forecasts and anomaly detection on top of Insight Cloud.' },
  { key: 'mobile', name: 'Bloom Field Mobile App', sku: 'BFM-APP', family: 'Software', listPrice: 180, unit: 'seat / year', description: 'Offline-capable mobile app for field technicians.' },
  { key: 'sensor-hub', name: 'Bloom Sensor Hub', sku: 'BSH-100', family: 'Hardware', listPrice: 1250, unit: 'unit', description: 'Wireless hub for up to 64 vibration and temperature sensors.' },
  { key: 'edge-gateway', name: 'Bloom Edge Gateway', sku: 'BEG-500', family: 'Hardware', listPrice: 3400, unit: 'unit', description: 'Industrial edge computer that runs models on site.' },
  { key: 'vision-kit', name: 'Bloom Vision Camera Kit', sku: 'BVK-200', family: 'Hardware', listPrice: 2100, unit: 'kit', description: 'Camera kit for visual quality inspection.' },
  { key: 'implementation', name: 'Implementation Package', sku: 'SRV-IMP', family: 'Services', listPrice: 15000, unit: 'package', description: 'Six-week guided roll-out with a solution architect.' },
  { key: 'training', name: 'Training Day', sku: 'SRV-TRN', family: 'Services', listPrice: 2200, unit: 'day', description: 'On-site or remote training for up to 15 people.' },
  { key: 'integration', name: 'Custom Integration', sku: 'SRV-INT', family: 'Services', listPrice: 9500, unit: 'integration', description: 'Connector to an ERP, MES or WMS system.' },
  { key: 'migration', name: 'Data Migration', sku: 'SRV-MIG', family: 'Services', listPrice: 6000, unit: 'package', description: 'Moves historical data from a legacy system.' },
  { key: 'premium-support', name: 'Premium Support', sku: 'SUP-PRM', family: 'Support', listPrice: 12000, unit: 'year', description: '24/7 support with a one-hour response time.' },
];

/** Which product families each industry tends to buy (weights for Software, Hardware, Services, Support). */
export const FAMILY_AFFINITY: Record<Industry, Record<Family, number>> = {
  Manufacturing: { Software: 1, Hardware: 1.6, Services: 0.8, Support: 0.4 },
  Software: { Software: 2, Hardware: 0.1, Services: 0.6, Support: 0.5 },
  Healthcare: { Software: 1.4, Hardware: 0.5, Services: 0.8, Support: 0.6 },
  Retail: { Software: 1.5, Hardware: 0.7, Services: 0.5, Support: 0.3 },
  Finance: { Software: 2, Hardware: 0.1, Services: 0.8, Support: 0.7 },
  Logistics: { Software: 1.1, Hardware: 1.3, Services: 0.7, Support: 0.4 },
  Education: { Software: 1.6, Hardware: 0.3, Services: 0.9, Support: 0.2 },
  Energy: { Software: 1, Hardware: 1.5, Services: 0.9, Support: 0.5 },
};

export interface ArticleDef {
  key: string;
  title: string;
  language: 'en' | 'zh';
  tags: string[];
  body: string;
}

const money = (n: number) => `$${n.toLocaleString('en-US')}`;

function priceList(): string {
  return PRODUCTS.map((p) => `| ${p.name} | ${p.sku} | ${p.family} | ${money(p.listPrice)} per ${p.unit} |`).join('\n');
}

function priceListZh(): string {
  const unitZh: Record<string, string> = { 'seat / year': '每席位每年', unit: '每台', kit: '每套', package: '每个项目包', day: '每天', integration: '每个集成', year: '每年' };
  return PRODUCTS.map((p) => `| ${p.name} | ${p.sku} | ${money(p.listPrice)} ${unitZh[p.unit] ?? p.unit} |`).join('\n');
}

export function knowledgeArticles(): ArticleDef[] {
  return [
    {
      key: 'price-list', title: 'BloomTech price list', language: 'en', tags: ['pricing', 'product'],
      body: `# BloomTech price list\n\nList prices in USD. Discounts above 15% need manager approval; above 25% need the VP of Sales.\n\n| Product | SKU | Family | List price |\n|---|---|---|---|\n${priceList()}\n`,
    },
    {
      key: 'price-list-zh', title: 'BloomTech 产品价目表', language: 'zh', tags: ['pricing', 'product'],
      body: `# BloomTech 产品价目表\n\n以下为美元标价。折扣超过15%需经理审批，超过25%需销售副总裁审批。\n\n| 产品 | 编号 | 标价 |\n|---|---|---|\n${priceListZh()}\n`,
    },
    {
      key: 'product-overview', title: 'Bloom Insight Cloud: product facts', language: 'en', tags: ['product', 'faq'],
      body: '# Bloom Insight Cloud\n\n- Standard: dashboards, alerts, scheduled reports; data retention 2 years.\n- Enterprise: adds single sign-on (SAML/OIDC), audit trail, private cloud or on-premises deployment, 99.9% uptime SLA.\n- Predictive Analytics add-on: failure forecasts 7–30 days ahead and anomaly alerts.\n- Connects to the Sensor Hub (64 sensors each) and the Edge Gateway; typical roll-out takes six weeks with the Implementation Package.\n',
    },
    {
      key: 'objection-price', title: 'Objection handling: "It is too expensive"', language: 'en', tags: ['playbook', 'objection', 'pricing'],
      body: '# "It is too expensive"\n\n1. Ask what they compare against: another vendor, doing nothing, or their budget.\n2. Quantify downtime: one avoided line stoppage usually pays for a year of Standard seats.\n3. Offer a phased roll-out (one plant first) rather than a discount.\n4. Discounts: up to 15% on your own; bundle Training Days instead of cutting the licence price.\n',
    },
    {
      key: 'objection-competitor', title: 'Objection handling: "We are already talking to a competitor"', language: 'en', tags: ['playbook', 'objection', 'competitor'],
      body: '# Competitor in the deal\n\n- Ask which criteria matter most and who decides.\n- Our differentiators: runs offline at the edge, hardware and software from one vendor, Chinese and English interface.\n- Offer a side-by-side pilot on one line for 30 days.\n- Bring a reference customer from the same industry.\n',
    },
    {
      key: 'objection-timing-zh', title: '异议处理：“现在不是合适的时机”', language: 'zh', tags: ['playbook', 'objection'],
      body: '# “现在不是合适的时机”\n\n1. 先了解原因：预算周期、项目优先级，还是内部人员变动？\n2. 确认下一次预算评审的时间，并约定届时跟进。\n3. 建议先在一条产线上做30天试点，降低决策风险。\n4. 每两周保持一次有价值的联系，避免长时间失联。\n',
    },
    {
      key: 'faq-security', title: 'FAQ: data security and deployment', language: 'en', tags: ['faq', 'security'],
      body: '# Data security FAQ\n\n**Where is data stored?** In the customer\'s chosen region, or on premises with Enterprise.\n**Is data encrypted?** Yes, TLS 1.2+ in transit and AES-256 at rest.\n**Certifications?** ISO 27001; SOC 2 Type II report available under NDA.\n**How long does implementation take?** Six weeks on average with the Implementation Package.\n',
    },
    {
      key: 'faq-zh', title: '常见问题：部署与实施', language: 'zh', tags: ['faq'],
      body: '# 常见问题\n\n**数据存放在哪里？** 可选择本地部署（企业版），或存放在客户指定的区域。\n**实施需要多长时间？** 使用实施服务包平均六周。\n**是否支持中文界面？** 支持中文和英文界面。\n**试用政策？** 可在一条产线上免费试点30天。\n',
    },
    {
      key: 'playbook-discovery', title: 'Playbook: running a discovery call', language: 'en', tags: ['playbook', 'discovery'],
      body: '# Discovery call\n\n- Let the customer talk: aim for them to speak at least half the time.\n- Ask open questions: what, how, why. Examples: "How do you track downtime today?", "What happens when a machine fails?"\n- Confirm budget, authority, need and timeline before you propose a demo.\n- Book the next step before you hang up.\n',
    },
  ];
}

// Names, places and industries the demo company's world is drawn from (English and Chinese).

export const INDUSTRIES = ['Manufacturing', 'Software', 'Healthcare', 'Retail', 'Finance', 'Logistics', 'Education', 'Energy'] as const;
export type Industry = (typeof INDUSTRIES)[number];

export const INDUSTRY_ZH: Record<Industry, string> = {
  Manufacturing: '制造', Software: '软件', Healthcare: '医疗', Retail: '零售', Finance: '金融', Logistics: '物流', Education: '教育', Energy: '能源',
};

export const LEAD_SOURCES = ['Web', 'Referral', 'Event', 'Partner', 'Outbound', 'Paid Ads'] as const;
export type LeadSource = (typeof LEAD_SOURCES)[number];
/** How often each source produces a lead. */
export const SOURCE_WEIGHTS = [0.3, 0.1, 0.12, 0.1, 0.23, 0.15];

export interface Country {
  name: string;
  region: string;
  /** Share of this country's contacts who speak Chinese. */
  zh: number;
  cities: readonly string[];
  phone: string;
  weight: number;
}

export const COUNTRIES: readonly Country[] = [
  { name: 'United Kingdom', region: 'EMEA', zh: 0, cities: ['London', 'Manchester', 'Birmingham'], phone: '+44', weight: 3 },
  { name: 'Germany', region: 'EMEA', zh: 0, cities: ['Munich', 'Hamburg', 'Stuttgart', 'Berlin'], phone: '+49', weight: 3 },
  { name: 'France', region: 'EMEA', zh: 0, cities: ['Paris', 'Lyon', 'Toulouse'], phone: '+33', weight: 2 },
  { name: 'Netherlands', region: 'EMEA', zh: 0, cities: ['Amsterdam', 'Rotterdam', 'Eindhoven'], phone: '+31', weight: 1 },
  { name: 'Spain', region: 'EMEA', zh: 0, cities: ['Madrid', 'Barcelona', 'Valencia'], phone: '+34', weight: 1 },
  { name: 'Sweden', region: 'EMEA', zh: 0, cities: ['Stockholm', 'Gothenburg'], phone: '+46', weight: 1 },
  { name: 'United Arab Emirates', region: 'EMEA', zh: 0, cities: ['Dubai', 'Abu Dhabi'], phone: '+971', weight: 1 },
  { name: 'United States', region: 'Americas', zh: 0, cities: ['Chicago', 'Austin', 'Boston', 'Seattle', 'Atlanta', 'Denver'], phone: '+1', weight: 7 },
  { name: 'Canada', region: 'Americas', zh: 0, cities: ['Toronto', 'Vancouver', 'Montreal'], phone: '+1', weight: 2 },
  { name: 'Brazil', region: 'Americas', zh: 0, cities: ['São Paulo', 'Curitiba'], phone: '+55', weight: 1.5 },
  { name: 'Mexico', region: 'Americas', zh: 0, cities: ['Monterrey', 'Mexico City'], phone: '+52', weight: 1.5 },
  { name: 'Australia', region: 'APAC', zh: 0, cities: ['Sydney', 'Melbourne', 'Brisbane'], phone: '+61', weight: 2 },
  { name: 'Japan', region: 'APAC', zh: 0, cities: ['Tokyo', 'Osaka', 'Nagoya'], phone: '+81', weight: 2 },
  { name: 'Singapore', region: 'APAC', zh: 0.4, cities: ['Singapore'], phone: '+65', weight: 1.5 },
  { name: 'India', region: 'APAC', zh: 0, cities: ['Bengaluru', 'Pune', 'Mumbai'], phone: '+91', weight: 2 },
  { name: 'China', region: 'Greater China', zh: 1, cities: ['上海', '北京', '深圳', '广州', '杭州', '苏州'], phone: '+86', weight: 6 },
  { name: 'Taiwan', region: 'Greater China', zh: 1, cities: ['台北', '新竹', '台中'], phone: '+886', weight: 1.5 },
  { name: 'Hong Kong', region: 'Greater China', zh: 0.85, cities: ['香港'], phone: '+852', weight: 1 },
];

export const FIRST_NAMES = [
  'Emma', 'Liam', 'Olivia', 'Noah', 'Sophia', 'Lucas', 'Mia', 'Ethan', 'Hannah', 'Mateo', 'Chloe', 'Jonas', 'Amelia', 'Leon', 'Isabel',
  'Daniel', 'Sara', 'Omar', 'Priya', 'Arjun', 'Yuki', 'Kenji', 'Grace', 'Thomas', 'Julia', 'Marco', 'Elena', 'David', 'Aisha', 'Felix',
  'Laura', 'Samuel', 'Nora', 'Ravi', 'Carmen', 'Henrik', 'Ingrid', 'Pierre', 'Camille', 'James',
] as const;
export const LAST_NAMES = [
  'Smith', 'Müller', 'Garcia', 'Johnson', 'Martin', 'Rossi', 'Brown', 'Schmidt', 'Dubois', 'Silva', 'Patel', 'Tanaka', 'Kim', 'Wilson',
  'Andersson', 'Jansen', 'Lopez', 'Taylor', 'Weber', 'Moreau', 'Sato', 'Nguyen', 'Khan', 'Fischer', 'Clark', 'Novak', 'Santos', 'Evans',
  'Berg', 'Costa', 'Sharma', 'Walker', 'Bauer', 'Laurent', 'Hughes',
] as const;

/** [Chinese, pinyin] pairs, so Chinese contacts still get plausible e-mail addresses. */
export const ZH_SURNAMES: readonly (readonly [string, string])[] = [
  ['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'], ['黄', 'huang'], ['赵', 'zhao'], ['吴', 'wu'],
  ['周', 'zhou'], ['徐', 'xu'], ['孙', 'sun'], ['马', 'ma'], ['朱', 'zhu'], ['胡', 'hu'], ['郭', 'guo'], ['林', 'lin'], ['何', 'he'], ['高', 'gao'], ['罗', 'luo'],
];
export const ZH_GIVEN: readonly (readonly [string, string])[] = [
  ['伟', 'wei'], ['芳', 'fang'], ['娜', 'na'], ['敏', 'min'], ['静', 'jing'], ['丽', 'li'], ['强', 'qiang'], ['磊', 'lei'], ['军', 'jun'],
  ['洋', 'yang'], ['勇', 'yong'], ['艳', 'yan'], ['杰', 'jie'], ['涛', 'tao'], ['明', 'ming'], ['超', 'chao'], ['秀英', 'xiuying'], ['华', 'hua'],
  ['慧', 'hui'], ['建国', 'jianguo'], ['志强', 'zhiqiang'], ['晓燕', 'xiaoyan'], ['海', 'hai'], ['思远', 'siyuan'], ['雨婷', 'yuting'],
];

export const COMPANY_ROOTS = [
  'Northwind', 'Bluepeak', 'Ironbridge', 'Silverline', 'Greenfield', 'Redwood', 'Brightwater', 'Stonegate', 'Clearview', 'Highland',
  'Oakridge', 'Summit', 'Lakeshore', 'Pinecrest', 'Riverton', 'Evergreen', 'Blackrock', 'Westbrook', 'Falcon', 'Meridian', 'Horizon',
  'Atlas', 'Keystone', 'Crescent', 'Vanguard', 'Sterling', 'Cobalt', 'Aurora', 'Granite', 'Harbor', 'Nimbus', 'Orion', 'Polaris',
  'Quantum', 'Sequoia', 'Tidewater', 'Vertex', 'Willow', 'Zenith', 'Apex',
] as const;
export const COMPANY_WORDS: Record<Industry, readonly string[]> = {
  Manufacturing: ['Manufacturing', 'Industries', 'Precision', 'Components', 'Machining'],
  Software: ['Software', 'Systems', 'Labs', 'Digital', 'Cloud'],
  Healthcare: ['Health', 'Medical', 'Clinics', 'Diagnostics', 'Care'],
  Retail: ['Retail', 'Stores', 'Market', 'Outfitters', 'Brands'],
  Finance: ['Capital', 'Financial', 'Insurance', 'Bank', 'Partners'],
  Logistics: ['Logistics', 'Freight', 'Transport', 'Shipping', 'Supply'],
  Education: ['Academy', 'University', 'Learning', 'College', 'Schools'],
  Energy: ['Energy', 'Power', 'Utilities', 'Renewables', 'Solar'],
};
export const LEGAL_SUFFIX: Record<string, string> = {
  'United Kingdom': 'Ltd', Germany: 'GmbH', France: 'SA', Netherlands: 'B.V.', Spain: 'S.L.', Sweden: 'AB', 'United Arab Emirates': 'LLC',
  'United States': 'Inc.', Canada: 'Inc.', Brazil: 'Ltda.', Mexico: 'S.A. de C.V.', Australia: 'Pty Ltd', Japan: 'K.K.', Singapore: 'Pte Ltd', India: 'Pvt Ltd',
};
export const ZH_COMPANY_ROOTS: readonly (readonly [string, string])[] = [
  ['华创', 'huachuang'], ['金桥', 'jinqiao'], ['恒通', 'hengtong'], ['东方', 'dongfang'], ['远航', 'yuanhang'], ['宏达', 'hongda'], ['新宇', 'xinyu'],
  ['瑞丰', 'ruifeng'], ['天成', 'tiancheng'], ['博远', 'boyuan'], ['中科', 'zhongke'], ['联合', 'lianhe'], ['鼎盛', 'dingsheng'], ['海川', 'haichuan'],
  ['明德', 'mingde'], ['卓越', 'zhuoyue'], ['嘉禾', 'jiahe'], ['星辰', 'xingchen'], ['永安', 'yongan'], ['汇丰源', 'huifengyuan'],
];

export const TITLES = [
  'Head of Operations', 'IT Director', 'CFO', 'VP Sales', 'Procurement Manager', 'Plant Manager', 'CTO', 'Operations Manager',
  'Data Analyst', 'Project Manager', 'COO', 'Head of Digital',
] as const;
export const ZH_TITLES = ['运营总监', 'IT经理', '财务总监', '销售副总裁', '采购经理', '工厂经理', '技术总监', '项目经理', '数字化负责人', '总经理'] as const;
/** Titles that make a contact a decision maker (used by the hidden truth and by executive meetings). */
export const EXECUTIVE_TITLES = new Set(['CFO', 'CTO', 'COO', 'VP Sales', '财务总监', '技术总监', '销售副总裁', '总经理']);

export const LOST_REASONS = ['Price too high', 'Chose a competitor', 'No decision', 'Timing: project postponed', 'Budget cut', 'Missing feature'] as const;

// English and Simplified Chinese for every string of the web app. A typed dictionary: the Chinese
// table must have every key of the English one (the compiler checks), and formatting of dates,
// numbers and money goes through Intl with the chosen locale.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import * as shell from './messages/shell.ts';
import * as pipeline from './messages/pipeline.ts';
import * as admin from './messages/admin.ts';
import * as insights from './messages/insights.ts';
import * as work from './messages/work.ts';
import * as leadsMsg from './messages/leads.ts';
import * as manage from './messages/manage.ts';
import * as orchestrate from './messages/orchestrate.ts';
import * as teamMsg from './messages/team.ts';
import * as accountsMsg from './messages/accounts.ts';
import { setApiLocale } from './api.ts';

const core = {
  'app.name': 'SalesBloom',
  'app.skip': 'Skip to main content',
  'nav.label': 'Main navigation',
  'nav.monitor': 'Monitor',
  'nav.optimize': 'Optimize',
  'nav.orchestrate': 'Orchestrate',
  'nav.admin': 'Admin',
  'nav.home': 'Home',
  'nav.leads': 'Leads',
  'nav.import': 'Import data',
  'nav.users': 'Users',
  'nav.tokens': 'API tokens',
  'nav.audit': 'Audit log',
  'header.language': 'Language',
  'header.logout': 'Log out',
  'header.signedInAs': 'Signed in as {name} ({role})',
  'role.admin': 'admin',
  'role.manager': 'manager',
  'role.rep': 'rep',
  'state.loading': 'Loading…',
  'state.empty': 'Nothing here yet.',
  'state.error': 'Something went wrong',
  'state.retry': 'Try again',
  'state.notFound': 'Not found',
  'state.notFoundBody': 'This page does not exist, or you do not have access to it.',
  'state.backHome': 'Back to the dashboard',
  'state.forbidden': 'You do not have access to this page.',
  'login.title': 'Sign in to SalesBloom',
  'login.subtitle': 'AI for your sales team, on your own data.',
  'login.email': 'Email',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.submitting': 'Signing in…',
  'login.failed': 'Wrong email or password.',
  'home.title': 'Good to see you, {name}',
  'home.subtitle': 'Your numbers today',
  'home.kpi.openLeads': 'Open leads',
  'home.kpi.newLeads': 'New leads this month',
  'home.kpi.pipeline': 'Open pipeline',
  'home.kpi.wonQuarter': 'Won this quarter',
  'home.kpi.deals': '{count} deals',
  'home.topLeads': 'Leads to act on today',
  'home.topLeadsEmpty': 'No open leads. Well done.',
  'home.chart': 'Won amount by month',
  'home.chartEmpty': 'No won deals in the last 12 months.',
  'home.viewAll': 'View all leads',
  'leads.title': 'Leads',
  'leads.count': '{count} leads loaded',
  'leads.countMore': '{count}+ leads loaded',
  'leads.filters': 'Filters',
  'leads.search': 'Name contains',
  'leads.searchPlaceholder': 'Search by name',
  'leads.status': 'Status',
  'leads.source': 'Source',
  'leads.any': 'Any',
  'leads.clear': 'Clear filters',
  'leads.views': 'Saved views',
  'leads.viewNone': 'Choose a view',
  'leads.saveView': 'Save view',
  'leads.viewName': 'Name of the view',
  'leads.deleteView': 'Delete view',
  'leads.empty': 'No leads match these filters.',
  'leads.loadingMore': 'Loading more…',
  'leads.sortBy': 'Sort by {column}',
  'col.name': 'Name',
  'col.company': 'Company',
  'col.source': 'Source',
  'col.status': 'Status',
  'col.owner': 'Owner',
  'col.created': 'Created',
  'status.new': 'New',
  'status.working': 'Working',
  'status.nurturing': 'Nurturing',
  'status.qualified': 'Qualified',
  'status.converted': 'Converted',
  'status.disqualified': 'Disqualified',
  'lead.back': 'All leads',
  'lead.details': 'Details',
  'lead.attributes': 'Custom attributes',
  'lead.noAttributes': 'No custom attributes.',
  'lead.timeline': 'Activity timeline',
  'lead.noActivities': 'No activities yet.',
  'lead.unnamed': '(no name)',
  'field.email': 'Email',
  'field.phone': 'Phone',
  'field.title': 'Job title',
  'field.industry': 'Industry',
  'field.country': 'Country',
  'field.city': 'City',
  'field.language': 'Language',
  'field.notes': 'Notes',
  'field.external_id': 'External id',
  'field.updated': 'Updated',
  'activity.call': 'Call',
  'activity.email': 'Email',
  'activity.meeting': 'Meeting',
  'activity.note': 'Note',
  'activity.task': 'Task',
  'import.title': 'Import data',
  'import.subtitle': 'CSV files with a header row; any delimiter; UTF-8 (Chinese text welcome).',
  'import.step1': '1. Choose what to import',
  'import.step2': '2. Check the columns',
  'import.step3': '3. Validate and import',
  'import.entity': 'Import into',
  'import.file': 'CSV file',
  'import.preview': 'Preview of the first {count} rows',
  'import.column': 'Column',
  'import.mapsTo': 'Maps to',
  'import.customAttribute': 'custom attribute',
  'import.alias': 'a field, by a known alias',
  'import.serverDecides': 'a known alias or a custom attribute (the dry run tells)',
  'import.dryRun': 'Validate (dry run)',
  'import.validating': 'Validating…',
  'import.dryRunOk': 'All {rows} rows are valid: {inserted} new, {updated} updated, {unchanged} unchanged.',
  'import.dryRunErrors': 'Problems found: {count}. Nothing was written.',
  'import.row': 'Row',
  'import.field': 'Field',
  'import.value': 'Value',
  'import.reason': 'Problem',
  'import.run': 'Import',
  'import.runSkip': 'Import and skip bad rows',
  'import.importing': 'Importing…',
  'import.uploading': 'Uploading {percent}%',
  'import.done': 'Import finished',
  'import.summary.rows': 'Rows read',
  'import.summary.inserted': 'Inserted',
  'import.summary.updated': 'Updated',
  'import.summary.unchanged': 'Unchanged',
  'import.summary.rejected': 'Rejected',
  'import.summary.seconds': 'Seconds',
  'import.again': 'Import another file',
  'import.noRows': 'The file has no data rows.',
  'entity.leads': 'Leads',
  'entity.accounts': 'Accounts',
  'entity.contacts': 'Contacts',
  'entity.opportunities': 'Opportunities',
  'entity.activities': 'Activities',
  'entity.products': 'Products',
  'entity.orders': 'Orders',
  'entity.order-lines': 'Order lines',
  'entity.users': 'Users',
  'entity.teams': 'Teams',
  'entity.knowledge-articles': 'Knowledge articles',
  'users.title': 'Users',
  'users.email': 'Email',
  'users.role': 'Role',
  'users.team': 'Team',
  'users.active': 'Active',
  'users.locale': 'Language',
  'users.yes': 'yes',
  'users.no': 'no',
  'tokens.title': 'API tokens',
  'tokens.intro': 'Tokens let scripts and other systems use the API as a user: Authorization: Bearer <token>.',
  'tokens.name': 'Token name',
  'tokens.user': 'For user',
  'tokens.expires': 'Expires in (days, optional)',
  'tokens.create': 'Create token',
  'tokens.created': 'Copy this token now. It will not be shown again:',
  'tokens.copy': 'Copy',
  'tokens.copied': 'Copied',
  'tokens.prefix': 'Prefix',
  'tokens.createdAt': 'Created',
  'tokens.expiresAt': 'Expires',
  'tokens.lastUsed': 'Last used',
  'tokens.status': 'Status',
  'tokens.active': 'active',
  'tokens.revoked': 'revoked',
  'tokens.revoke': 'Revoke',
  'tokens.confirmRevoke': 'Revoke the token “{name}”? Programs using it will stop working.',
  'tokens.never': 'never',
  'audit.title': 'Audit log',
  'audit.entity': 'Entity',
  'audit.at': 'When',
  'audit.actor': 'Who',
  'audit.action': 'Action',
  'audit.row': 'Row',
  'audit.change': 'Change',
  'audit.more': 'Load older entries',
  'audit.allEntities': 'All entities',
  'audit.show': 'Show',
  'audit.before': 'Before',
  'audit.after': 'After',
  'common.none': '—',
} as const;

const zhCore: Record<keyof typeof core, string> = {
  'app.name': 'SalesBloom',
  'app.skip': '跳到主要内容',
  'nav.label': '主导航',
  'nav.monitor': '监控',
  'nav.optimize': '优化',
  'nav.orchestrate': '协同',
  'nav.admin': '管理',
  'nav.home': '首页',
  'nav.leads': '线索',
  'nav.import': '导入数据',
  'nav.users': '用户',
  'nav.tokens': 'API 令牌',
  'nav.audit': '审计日志',
  'header.language': '语言',
  'header.logout': '退出登录',
  'header.signedInAs': '当前用户 {name}（{role}）',
  'role.admin': '管理员',
  'role.manager': '经理',
  'role.rep': '销售代表',
  'state.loading': '加载中…',
  'state.empty': '暂无内容。',
  'state.error': '出错了',
  'state.retry': '重试',
  'state.notFound': '未找到',
  'state.notFoundBody': '该页面不存在，或您无权访问。',
  'state.backHome': '返回仪表盘',
  'state.forbidden': '您无权访问此页面。',
  'login.title': '登录 SalesBloom',
  'login.subtitle': '在您自己的数据上，为销售团队提供 AI。',
  'login.email': '邮箱',
  'login.password': '密码',
  'login.submit': '登录',
  'login.submitting': '登录中…',
  'login.failed': '邮箱或密码错误。',
  'home.title': '欢迎回来，{name}',
  'home.subtitle': '今天的数据',
  'home.kpi.openLeads': '未结线索',
  'home.kpi.newLeads': '本月新增线索',
  'home.kpi.pipeline': '在途商机金额',
  'home.kpi.wonQuarter': '本季度赢单',
  'home.kpi.deals': '{count} 笔交易',
  'home.topLeads': '今天要跟进的线索',
  'home.topLeadsEmpty': '没有未结线索，干得好。',
  'home.chart': '每月赢单金额',
  'home.chartEmpty': '过去 12 个月没有赢单。',
  'home.viewAll': '查看全部线索',
  'leads.title': '线索',
  'leads.count': '已加载 {count} 条线索',
  'leads.countMore': '已加载 {count}+ 条线索',
  'leads.filters': '筛选',
  'leads.search': '名称包含',
  'leads.searchPlaceholder': '按名称搜索',
  'leads.status': '状态',
  'leads.source': '来源',
  'leads.any': '全部',
  'leads.clear': '清除筛选',
  'leads.views': '已保存视图',
  'leads.viewNone': '选择视图',
  'leads.saveView': '保存视图',
  'leads.viewName': '视图名称',
  'leads.deleteView': '删除视图',
  'leads.empty': '没有符合筛选条件的线索。',
  'leads.loadingMore': '正在加载更多…',
  'leads.sortBy': '按{column}排序',
  'col.name': '名称',
  'col.company': '公司',
  'col.source': '来源',
  'col.status': '状态',
  'col.owner': '负责人',
  'col.created': '创建时间',
  'status.new': '新建',
  'status.working': '跟进中',
  'status.nurturing': '培育中',
  'status.qualified': '已确认',
  'status.converted': '已转化',
  'status.disqualified': '已排除',
  'lead.back': '全部线索',
  'lead.details': '详细信息',
  'lead.attributes': '自定义属性',
  'lead.noAttributes': '没有自定义属性。',
  'lead.timeline': '活动时间线',
  'lead.noActivities': '暂无活动。',
  'lead.unnamed': '（无名称）',
  'field.email': '邮箱',
  'field.phone': '电话',
  'field.title': '职位',
  'field.industry': '行业',
  'field.country': '国家/地区',
  'field.city': '城市',
  'field.language': '语言',
  'field.notes': '备注',
  'field.external_id': '外部 ID',
  'field.updated': '更新时间',
  'activity.call': '电话',
  'activity.email': '邮件',
  'activity.meeting': '会议',
  'activity.note': '备注',
  'activity.task': '任务',
  'import.title': '导入数据',
  'import.subtitle': '带表头的 CSV 文件；任意分隔符；UTF-8 编码（支持中文）。',
  'import.step1': '1. 选择导入内容',
  'import.step2': '2. 检查列映射',
  'import.step3': '3. 校验并导入',
  'import.entity': '导入到',
  'import.file': 'CSV 文件',
  'import.preview': '前 {count} 行预览',
  'import.column': '列',
  'import.mapsTo': '映射到',
  'import.customAttribute': '自定义属性',
  'import.alias': '字段（通过已知别名）',
  'import.serverDecides': '已知别名或自定义属性（试运行后确定）',
  'import.dryRun': '校验（试运行）',
  'import.validating': '校验中…',
  'import.dryRunOk': '全部 {rows} 行有效：新增 {inserted}，更新 {updated}，未变 {unchanged}。',
  'import.dryRunErrors': '发现 {count} 个问题，未写入任何数据。',
  'import.row': '行',
  'import.field': '字段',
  'import.value': '值',
  'import.reason': '问题',
  'import.run': '导入',
  'import.runSkip': '导入并跳过错误行',
  'import.importing': '导入中…',
  'import.uploading': '上传中 {percent}%',
  'import.done': '导入完成',
  'import.summary.rows': '读取行数',
  'import.summary.inserted': '新增',
  'import.summary.updated': '更新',
  'import.summary.unchanged': '未变',
  'import.summary.rejected': '拒绝',
  'import.summary.seconds': '耗时（秒）',
  'import.again': '导入另一个文件',
  'import.noRows': '文件中没有数据行。',
  'entity.leads': '线索',
  'entity.accounts': '客户',
  'entity.contacts': '联系人',
  'entity.opportunities': '商机',
  'entity.activities': '活动',
  'entity.products': '产品',
  'entity.orders': '订单',
  'entity.order-lines': '订单明细',
  'entity.users': '用户',
  'entity.teams': '团队',
  'entity.knowledge-articles': '知识文章',
  'users.title': '用户',
  'users.email': '邮箱',
  'users.role': '角色',
  'users.team': '团队',
  'users.active': '启用',
  'users.locale': '语言',
  'users.yes': '是',
  'users.no': '否',
  'tokens.title': 'API 令牌',
  'tokens.intro': '令牌让脚本和其他系统以用户身份调用 API：Authorization: Bearer <令牌>。',
  'tokens.name': '令牌名称',
  'tokens.user': '所属用户',
  'tokens.expires': '有效期（天，可选）',
  'tokens.create': '创建令牌',
  'tokens.created': '请立即复制此令牌，它不会再次显示：',
  'tokens.copy': '复制',
  'tokens.copied': '已复制',
  'tokens.prefix': '前缀',
  'tokens.createdAt': '创建时间',
  'tokens.expiresAt': '过期时间',
  'tokens.lastUsed': '最近使用',
  'tokens.status': '状态',
  'tokens.active': '有效',
  'tokens.revoked': '已撤销',
  'tokens.revoke': '撤销',
  'tokens.confirmRevoke': '撤销令牌“{name}”？使用它的程序将无法继续工作。',
  'tokens.never': '从未',
  'audit.title': '审计日志',
  'audit.entity': '实体',
  'audit.at': '时间',
  'audit.actor': '操作人',
  'audit.action': '操作',
  'audit.row': '记录',
  'audit.change': '变更',
  'audit.more': '加载更早的记录',
  'audit.allEntities': '全部实体',
  'audit.show': '查看',
  'audit.before': '变更前',
  'audit.after': '变更后',
  'common.none': '—',
};

// Each area of the app keeps its messages in web/src/messages/<area>.ts; the Chinese table of each
// must have every key of its English one.
const en = { ...core, ...shell.en, ...pipeline.en, ...admin.en, ...insights.en, ...work.en, ...leadsMsg.en, ...manage.en, ...orchestrate.en, ...teamMsg.en, ...accountsMsg.en };
export type MessageKey = keyof typeof en;
type Dictionary = Record<MessageKey, string>;
const zh: Dictionary = { ...zhCore, ...shell.zh, ...pipeline.zh, ...admin.zh, ...insights.zh, ...work.zh, ...leadsMsg.zh, ...manage.zh, ...orchestrate.zh, ...teamMsg.zh, ...accountsMsg.zh };

export type Locale = 'en' | 'zh';
export const LOCALES: { code: Locale; label: string }[] = [
  { code: 'en', label: 'English' },
  { code: 'zh', label: '简体中文' },
];
const DICTIONARIES: Record<Locale, Dictionary> = { en, zh };
const INTL_LOCALE: Record<Locale, string> = { en: 'en-US', zh: 'zh-CN' };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  t: Translate;
  formatNumber(value: number | null | undefined): string;
  formatMoney(value: number | null | undefined, currency?: string | null, compact?: boolean): string;
  formatDate(value: string | Date | null | undefined): string;
  formatDateTime(value: string | Date | null | undefined): string;
  formatMonth(value: Date): string;
  formatPercent(value: number | null | undefined, digits?: number): string;
  formatCompact(value: number | null | undefined): string;
  formatDecimal(value: number | null | undefined, digits?: number): string;
  /** A key that may not exist (labels of values from the API): its text, or the fallback. */
  tOr(key: string, fallback: string, params?: Record<string, string | number>): string;
}

const I18nContext = createContext<I18n | null>(null);

const STORAGE_KEY = 'sb.locale';
export const storedLocale = (userId?: string): Locale | null => {
  const v = localStorage.getItem(userId ? `${STORAGE_KEY}.${userId}` : STORAGE_KEY);
  return v === 'en' || v === 'zh' ? v : null;
};
export const rememberLocale = (locale: Locale, userId?: string): void => {
  localStorage.setItem(STORAGE_KEY, locale);
  if (userId) localStorage.setItem(`${STORAGE_KEY}.${userId}`, locale);
};
const browserLocale = (): Locale => (navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en');

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => storedLocale() ?? browserLocale());
  const setLocale = useCallback((next: Locale) => {
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
    setLocaleState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    document.documentElement.lang = locale === 'zh' ? 'zh-CN' : 'en';
    setApiLocale(locale);
    const dict = DICTIONARIES[locale];
    const tag = INTL_LOCALE[locale];
    const number = new Intl.NumberFormat(tag);
    const date = new Intl.DateTimeFormat(tag, { dateStyle: 'medium' });
    const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
    const month = new Intl.DateTimeFormat(tag, { year: '2-digit', month: 'short' });
    const money = new Map<string, Intl.NumberFormat>();
    const compact = new Intl.NumberFormat(tag, { notation: 'compact', maximumFractionDigits: 1 });
    const toDate = (v: string | Date | null | undefined) => (v == null || v === '' ? null : v instanceof Date ? v : new Date(v));
    return {
      locale,
      setLocale,
      t: (key, params) => {
        const text = dict[key] ?? en[key] ?? key;
        return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
      },
      formatNumber: (v) => (v == null || !Number.isFinite(v) ? '—' : number.format(v)),
      formatMoney: (v, currency = 'USD', compact = false) => {
        currency = currency || 'USD';
        const k = `${currency}:${compact}`;
        let f = money.get(k);
        if (v == null || !Number.isFinite(v)) return '—';
        if (!f) {
          try {
            f = new Intl.NumberFormat(tag, { style: 'currency', currency: currency || 'USD', maximumFractionDigits: compact ? 1 : 0, notation: compact ? 'compact' : 'standard' });
          } catch {
            f = new Intl.NumberFormat(tag, { style: 'currency', currency: 'USD', maximumFractionDigits: compact ? 1 : 0, notation: compact ? 'compact' : 'standard' });
          }
          money.set(k, f);
        }
        return f.format(v);
      },
      formatDate: (v) => {
        const d = toDate(v);
        return d && !Number.isNaN(d.getTime()) ? date.format(d) : '—';
      },
      formatDateTime: (v) => {
        const d = toDate(v);
        return d && !Number.isNaN(d.getTime()) ? dateTime.format(d) : '—';
      },
      formatMonth: (d) => month.format(d),
      formatPercent: (v, digits = 0) => (v == null || !Number.isFinite(v) ? '—' : new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: digits }).format(v)),
      formatCompact: (v) => (v == null || !Number.isFinite(v) ? '—' : compact.format(v)),
      formatDecimal: (v, digits = 2) => (v == null || !Number.isFinite(v) ? '—' : new Intl.NumberFormat(tag, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(v)),
      tOr: (key, fallback, params) => {
        const text = (dict as Record<string, string>)[key] ?? fallback;
        return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
      },
    };
  }, [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

// The reasons of input issues (import rows, API fields) in English and Simplified Chinese. Issues
// keep their English `reason` for logs, the CLI and rejects files; the API renders the code in the
// reader's language, so the import wizard shows a Chinese user why row 12 was rejected.
import type { InputIssue, IssueCode } from './errors.ts';
import { defineMessages, type Text } from './i18n.ts';

const en: Record<IssueCode, string> = {
  not_text: 'is not text',
  not_uuid: 'is not an id (UUID)',
  not_integer: 'is not a whole number',
  not_finite: 'is not a finite number',
  not_number: 'is not a number',
  not_boolean: 'is not yes/no (true/false)',
  not_date: 'is not a date',
  invalid_date: 'is not a valid date',
  bad_date: 'is not a valid date (use YYYY-MM-DD or ISO 8601)',
  bad_json: 'is not valid JSON',
  not_json: 'is not JSON',
  not_tags: 'is not a list of text',
  not_one_of: 'is not one of {values}',
  required: '{field} is required',
  field_count: 'has {fields} fields but the header has {expected}',
  not_utf8: 'has bytes that are not UTF-8 (save the file as UTF-8)',
  truncated_utf8: 'the file ends inside a multi-byte character',
  unbalanced_quotes: 'a quoted field is never closed (unbalanced quotes)',
  bad_jsonl: 'is not valid JSON ({detail})',
  not_object: 'is not a JSON object',
  attributes_object: 'must be a JSON object of custom attributes',
  no_match: 'matches no row of {entity} (by {lookup})',
  ambiguous: 'matches more than one of {entity}; use its external id',
  duplicate_column: 'duplicate column name',
};

const zh: Record<IssueCode, string> = {
  not_text: '不是文本',
  not_uuid: '不是有效的 ID（UUID）',
  not_integer: '不是整数',
  not_finite: '不是有限的数字',
  not_number: '不是数字',
  not_boolean: '不是是/否（true/false）',
  not_date: '不是日期',
  invalid_date: '不是有效日期',
  bad_date: '不是有效日期（请使用 YYYY-MM-DD 或 ISO 8601）',
  bad_json: '不是有效的 JSON',
  not_json: '不是 JSON',
  not_tags: '不是文本列表',
  not_one_of: '不是以下值之一：{values}',
  required: '{field} 为必填项',
  field_count: '有 {fields} 个字段，但表头有 {expected} 个',
  not_utf8: '含有非 UTF-8 字节（请将文件另存为 UTF-8）',
  truncated_utf8: '文件在多字节字符中间结束',
  unbalanced_quotes: '引号字段未闭合（引号不成对）',
  bad_jsonl: '不是有效的 JSON（{detail}）',
  not_object: '不是 JSON 对象',
  attributes_object: '必须是自定义属性的 JSON 对象',
  no_match: '在 {entity} 中找不到匹配的行（按 {lookup}）',
  ambiguous: '匹配到多条 {entity}；请使用其外部 ID',
  duplicate_column: '列名重复',
};

const prefixed = (table: Record<IssueCode, string>) =>
  Object.fromEntries(Object.entries(table).map(([code, text]) => [`issue.${code}`, text])) as Record<`issue.${IssueCode}`, string>;
const msg = defineMessages(prefixed(en), prefixed(zh));

/** The issue's reason as a Text when it has a code, else its English reason. */
export function issueReason(issue: InputIssue): Text | string {
  return issue.code ? msg(`issue.${issue.code}`, issue.params) : issue.reason;
}

/** The issue as the API sends it: the reason rendered later in the reader's language. */
export function localizedIssue(issue: InputIssue): Omit<InputIssue, 'reason'> & { reason: Text | string } {
  const { code: _code, params: _params, ...rest } = issue;
  return { ...rest, reason: issueReason(issue) };
}

// A small template language for emails: {{variable}}, {{#variable}}…{{/variable}} sections shown
// only when the variable has a value, and [[one|two|three]] wording choices picked by a seeded
// Rng so that several variants differ in wording but never in facts. Hand-written: Mustache-style
// libraries have no seeded variation and no way to restrict variables to a whitelist.
import { InputError, type InputIssue } from '../../core/errors.ts';
import { Rng } from '../random.ts';

export type TemplateVars = Record<string, string | undefined>;

const VARIABLE = /\{\{\s*([#/^]?)\s*([A-Za-z_][\w]*)\s*\}\}/g;

/** The variable names a template uses (sections included), in order of first use. */
export function templateVariables(source: string): string[] {
  const names: string[] = [];
  for (const m of source.matchAll(VARIABLE)) if (!names.includes(m[2])) names.push(m[2]);
  return names;
}

/** Throws an InputError naming every unknown variable and every unbalanced section. */
export function validateTemplate(parts: Record<string, string>, allowed: readonly string[], file = 'template'): string[] {
  const issues: InputIssue[] = [];
  const used: string[] = [];
  for (const [column, source] of Object.entries(parts)) {
    for (const name of templateVariables(source)) {
      if (!allowed.includes(name)) issues.push({ file, column, value: name, reason: `unknown variable {{${name}}}; use one of ${allowed.join(', ')}` });
      else if (!used.includes(name)) used.push(name);
    }
    const stack: string[] = [];
    for (const m of source.matchAll(VARIABLE)) {
      if (m[1] === '#' || m[1] === '^') stack.push(m[2]);
      else if (m[1] === '/' && stack.pop() !== m[2]) issues.push({ file, column, value: m[0], reason: 'closes a section that is not open' });
    }
    for (const open of stack) issues.push({ file, column, value: `{{#${open}}}`, reason: 'section is never closed' });
    if (/\[\[(?![^\]]*\]\])/.test(source)) issues.push({ file, column, value: '[[', reason: 'wording choice "[[a|b]]" is never closed' });
  }
  if (issues.length > 0) throw new InputError(`The ${file} has ${issues.length} problem(s): ${issues.map((i) => `${i.column} ${i.value}`).join(', ')}`, issues);
  return used;
}

const has = (v: string | undefined) => v !== undefined && v.trim() !== '';

function renderSections(source: string, vars: TemplateVars): string {
  // Innermost sections first, so nested ones resolve.
  const section = /\{\{\s*([#^])\s*(\w+)\s*\}\}((?:(?!\{\{\s*[#^])[\s\S])*?)\{\{\s*\/\s*\2\s*\}\}/;
  let out = source;
  for (let m = section.exec(out); m; m = section.exec(out)) {
    const show = m[1] === '#' ? has(vars[m[2]]) : !has(vars[m[2]]);
    out = out.slice(0, m.index) + (show ? m[3] : '') + out.slice(m.index + m[0].length);
  }
  return out;
}

function renderChoices(source: string, rng: Rng): string {
  return source.replace(/\[\[([^\]]*)\]\]/g, (_, options: string) => rng.pick(options.split('|')));
}

/** Renders a template; unknown or empty variables render as nothing. */
export function renderTemplate(source: string, vars: TemplateVars, rng: Rng): string {
  const text = renderChoices(renderSections(source, vars), rng).replace(VARIABLE, (_, _p, name: string) => vars[name] ?? '');
  return tidy(text);
}

/** Collapses the gaps empty variables leave behind. */
export function tidy(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t]{2,}/g, ' ').replace(/ +([,.!?;:，。！？；：])/g, '$1').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

// Texts the tasks module writes for people (notification titles), in English and Simplified
// Chinese. A task's own title and a comment's text are the user's words and stay as written.
import { defineMessages, isText, render, type Text } from '../../core/i18n.ts';

export const msg = defineMessages(
  {
    'tasks.notify.assigned': '{name} assigned you a task: {title}',
    'tasks.notify.mentioned': '{name} mentioned you on "{title}"',
    'tasks.notify.commented': '{name} commented on "{title}"',
  },
  {
    'tasks.notify.assigned': '{name} 给你分配了任务：{title}',
    'tasks.notify.mentioned': '{name} 在“{title}”中提到了你',
    'tasks.notify.commented': '{name} 评论了“{title}”',
  },
);

/** Where a task written by the server keeps its title and description as Texts. */
export const TITLE_TEXT = 'title_text';
export const DESCRIPTION_TEXT = 'description_text';

/**
 * A task row as readers get it: a title the server wrote as a Text renders in the reader's
 * language, as long as nobody has changed it since (then the user's words win).
 */
export function localizeTask<T>(row: T): T {
  const r = row as { title?: unknown; description?: unknown; attributes?: Record<string, unknown> | null };
  const title = r.attributes?.[TITLE_TEXT];
  const description = r.attributes?.[DESCRIPTION_TEXT];
  if (!isText(title) && !isText(description)) return row;
  const { [TITLE_TEXT]: _t, [DESCRIPTION_TEXT]: _d, ...attributes } = r.attributes!;
  const pick = (text: unknown, stored: unknown) => (isText(text) && stored === render(text, 'en') ? text : stored);
  return { ...row, title: pick(title, r.title), description: pick(description, r.description), attributes } as T;
}

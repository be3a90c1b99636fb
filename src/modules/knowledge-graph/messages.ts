// Texts the knowledge graph writes for people itself: the name of a node that has none (an
// opportunity without a name, a call without a subject), in English and Simplified Chinese.
// Names of records are data and stay as they are.
import { defineMessages, type Text } from '../../core/i18n.ts';

export const msg = defineMessages(
  {
    'graph.unnamed.opportunity': 'opportunity',
    'graph.unnamed.call': 'call',
    'graph.unnamed.other': '(no name)',
  },
  {
    'graph.unnamed.opportunity': '商机',
    'graph.unnamed.call': '通话',
    'graph.unnamed.other': '（无名称）',
  },
);

/** A node's label: its name, or for a node without one the word for its type. */
export function nodeName(type: string, label: string | null | undefined): Text | string {
  if (label) return label;
  return type === 'opportunity' || type === 'call' ? msg(`graph.unnamed.${type}`) : msg('graph.unnamed.other');
}

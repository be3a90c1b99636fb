// @mentions in comment text: `@email` or `@Full Name`. Written by hand: mention libraries (e.g. for
// editors) parse @handles without spaces; full names contain spaces, so no pattern knows where one
// ends. Instead each '@' is matched against the known users, longest name first.

export interface MentionableUser {
  id: string;
  name: string;
  email: string | null;
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;

/** Ids of the users mentioned in `text`, in order of first mention, without duplicates. */
export function parseMentions(text: string, users: readonly MentionableUser[]): string[] {
  const byLength = [...users].sort((a, b) => b.name.length - a.name.length);
  const lower = text.toLowerCase();
  const found: string[] = [];
  for (let at = lower.indexOf('@'); at >= 0; at = lower.indexOf('@', at + 1)) {
    // "ana@x.com" inside a word is an address, not a mention.
    if (at > 0 && WORD_CHAR.test(text[at - 1])) continue;
    const rest = lower.slice(at + 1);
    const match = matchUser(rest, byLength);
    if (match && !found.includes(match)) found.push(match);
  }
  return found;
}

function matchUser(rest: string, users: readonly MentionableUser[]): string | null {
  const endsAt = (length: number) => length >= rest.length || !WORD_CHAR.test(rest[length]);
  for (const u of users) {
    const email = u.email?.toLowerCase();
    if (email && rest.startsWith(email) && (endsAt(email.length) || rest[email.length] === '.')) return u.id;
  }
  for (const u of users) {
    const name = u.name.toLowerCase();
    if (name && rest.startsWith(name) && endsAt(name.length)) return u.id;
  }
  return null;
}

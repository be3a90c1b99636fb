// Saved views of the leads table (filters and sort), per user in localStorage.
export interface View { name: string; q: string; status: string; source: string; grade?: string; sort: string }
export const viewsKey = (userId: string) => `sb.leadViews.${userId}`;
export function readViews(userId: string): View[] {
  try {
    const v = JSON.parse(localStorage.getItem(viewsKey(userId)) ?? '[]');
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}
export function writeViews(userId: string, views: View[]): void {
  localStorage.setItem(viewsKey(userId), JSON.stringify(views));
}

// The account pages, checked as a demo rep (written by the account-page work).
import type { ScreenContext } from './context.ts';

export async function checkAccountScreens(_ctx: ScreenContext): Promise<void> {
  throw new Error('account screens: not written yet');
}

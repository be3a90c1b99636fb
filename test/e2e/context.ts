// What web.test.ts hands to the screen checks kept in their own files (orchestrate-screens.ts,
// admin-screens.ts): a logged-in page plus the suite's helpers, so each file owns its assertions
// while the demo company, server and browser are set up once.
import type { Page } from 'playwright-core';
import type { TestServer } from '../../src/api/testing.ts';

export interface ScreenContext {
  page: Page;
  server: TestServer;
  /** Demo logins (password demo1234) and their user ids. */
  demo: { rep: string; otherRep: string; manager: string; repId: string; otherRepId: string };
  /** Opens a path, waits for [data-page=name] to settle, records its first-render time and a screenshot. */
  visit(path: string, name: string, expect?: string | null): Promise<string>;
  /** Waits for [data-page=name][data-state=state]. */
  ready(name: string, state?: string): Promise<unknown>;
  /** Whether the server has a route (a capability may be absent). */
  has(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string): boolean;
  /** Saves a full-page screenshot as test-artifacts/web-<name>.png. */
  screenshot(name: string): Promise<void>;
}

// Client-side request rate limit (a sliding window), so a batch job stays under the server's quota
// instead of hammering it into 429s. Written by hand: a queue of start times is all it takes, and
// the npm limiters (bottleneck, p-limit) either add far more than this or limit concurrency, not rate.
import { sleep } from './retry.ts';

export class RateLimiter {
  private readonly starts: number[] = [];
  private chain: Promise<void> = Promise.resolve();

  /** `limit` requests per `windowMs` (default: per minute); a limit of 0 or less disables limiting. */
  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
  ) {}

  /** Resolves when one more request may start; callers are served in arrival order. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (!(this.limit > 0)) return Promise.resolve();
    const turn = this.chain.then(() => this.waitForSlot(signal));
    this.chain = turn.catch(() => undefined);
    return turn;
  }

  private async waitForSlot(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = Date.now();
      while (this.starts.length > 0 && now - this.starts[0] >= this.windowMs) this.starts.shift();
      if (this.starts.length < this.limit) {
        this.starts.push(now);
        return;
      }
      await sleep(this.starts[0] + this.windowMs - now, signal);
    }
  }
}

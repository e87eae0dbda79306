import { describe, expect, it } from 'vitest';
import { BACKLOG_MESSAGES, BACKLOG_QUIET_MS, BacklogWatch } from './backlog-watch';

describe('BacklogWatch', () => {
  it('marks a backlog when a read ends more than BACKLOG_MESSAGES short of the partition end, for BACKLOG_QUIET_MS', () => {
    let nowMs = 10_000;
    const watch = new BacklogWatch(() => nowMs);
    expect(watch.active()).toBe(false);
    // Offsets 0..99 read, the next to be written is 100 + BACKLOG_MESSAGES: exactly BACKLOG_MESSAGES behind, not more.
    watch.saw(99n, BigInt(100 + BACKLOG_MESSAGES));
    expect(watch.active()).toBe(false);
    watch.saw(99n, BigInt(101 + BACKLOG_MESSAGES));
    expect(watch.active()).toBe(true);
    // Reads at the end do not clear it: it lasts BACKLOG_QUIET_MS from the last read that was behind.
    nowMs += BACKLOG_QUIET_MS - 1;
    watch.saw(5_000n, 5_001n);
    expect(watch.active()).toBe(true);
    nowMs += 1;
    expect(watch.active()).toBe(false);
  });
});

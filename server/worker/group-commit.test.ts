import { afterEach, describe, expect, it, vi } from 'vitest';
import { GroupCommit } from './group-commit';

interface Item {
  readonly name: string;
  readonly weight: number;
}

/** A store that records each transaction's items and commits when told to. */
function controlledStore({ refuse = new Set<string>() }: { refuse?: ReadonlySet<string> } = {}) {
  const transactions: string[][] = [];
  const open: Array<() => void> = [];
  const run = (items: readonly Item[]) =>
    new Promise<string>((resolve, reject) => {
      const names = items.map((i) => i.name);
      transactions.push(names);
      open.push(() => (names.some((n) => refuse.has(n)) ? reject(new Error(`refused ${names.join('+')}`)) : resolve(names.join('+'))));
    });
  /** Commits (or fails) every open transaction, then lets the group commit start the next ones. */
  const finishOpen = async () => {
    for (const finish of open.splice(0)) finish();
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
  };
  return { run, transactions, finishOpen, open };
}

const item = (name: string, weight = 1): Item => ({ name, weight });
const turn = () => new Promise((r) => setImmediate(r));

describe('GroupCommit', () => {
  it('stores items handed in during one turn in one transaction, and each caller gets its result', async () => {
    const store = controlledStore();
    const commits = new GroupCommit(store.run, { concurrency: 1, maxWeight: 100, weight: (i: Item) => i.weight });
    const results = Promise.all(['a', 'b', 'c'].map((n) => commits.submit(item(n))));
    await turn();
    expect(store.transactions).toEqual([['a', 'b', 'c']]);
    await store.finishOpen();
    expect(await results).toEqual(['a+b+c', 'a+b+c', 'a+b+c']);
    expect(commits.stats).toEqual({ commits: 1, items: 3, splits: 0 });
  });

  it('gathers what arrives while the transactions run into the next one, up to maxWeight, oldest first', async () => {
    const store = controlledStore();
    const commits = new GroupCommit(store.run, { concurrency: 1, maxWeight: 10, weight: (i: Item) => i.weight });
    const first = commits.submit(item('a'));
    await turn();
    const later = [commits.submit(item('b', 4)), commits.submit(item('c', 5)), commits.submit(item('d', 2)), commits.submit(item('e', 20))];
    await turn();
    // One transaction at a time: b..e wait for a's.
    expect(store.transactions).toEqual([['a']]);
    await store.finishOpen();
    expect(store.transactions).toEqual([['a'], ['b', 'c']]);
    await store.finishOpen();
    await store.finishOpen();
    // An item heavier than maxWeight goes alone.
    expect(store.transactions).toEqual([['a'], ['b', 'c'], ['d'], ['e']]);
    await store.finishOpen();
    expect(await first).toBe('a');
    expect(await Promise.all(later)).toEqual(['b+c', 'b+c', 'd', 'e']);
  });

  it('runs up to `concurrency` transactions at once', async () => {
    const store = controlledStore();
    const commits = new GroupCommit(store.run, { concurrency: 2, maxWeight: 2, weight: (i: Item) => i.weight });
    const all = Promise.all(['a', 'b', 'c', 'd', 'e'].map((n) => commits.submit(item(n))));
    await turn();
    expect(store.transactions).toEqual([['a', 'b'], ['c', 'd']]);
    expect(store.open).toHaveLength(2);
    await store.finishOpen();
    expect(store.transactions.at(-1)).toEqual(['e']);
    await store.finishOpen();
    expect(await all).toEqual(['a+b', 'a+b', 'c+d', 'c+d', 'e']);
  });

  it('tries the items of a failed transaction again one by one: only the refused item fails, the others commit', async () => {
    const store = controlledStore({ refuse: new Set(['bad']) });
    const committed: string[][] = [];
    const commits = new GroupCommit(store.run, { concurrency: 1, maxWeight: 100, weight: (i: Item) => i.weight, committed: (items) => committed.push(items.map((i) => i.name)) });
    const outcomes = ['a', 'bad', 'c'].map((n) => commits.submit(item(n)).then((r) => `ok ${r}`, (e: Error) => `failed: ${e.message}`));
    await turn();
    for (let i = 0; i < 4; i++) await store.finishOpen();
    expect(store.transactions).toEqual([['a', 'bad', 'c'], ['a'], ['bad'], ['c']]);
    expect(await Promise.all(outcomes)).toEqual(['ok a', 'failed: refused bad', 'ok c']);
    // Counted once per committed transaction, the failed shared one not at all.
    expect(committed).toEqual([['a'], ['c']]);
    expect(commits.stats).toEqual({ commits: 2, items: 2, splits: 1 });
  });

  it('refuses a concurrency below 1, a maxWeight that is not positive and a negative or endless linger', () => {
    const run = async () => 'x';
    expect(() => new GroupCommit(run, { concurrency: 0, maxWeight: 1, weight: () => 1 })).toThrow(/concurrency/);
    expect(() => new GroupCommit(run, { concurrency: 1, maxWeight: 0, weight: () => 1 })).toThrow(/maxWeight/);
    expect(() => new GroupCommit(run, { concurrency: 1, maxWeight: 1, weight: () => 1, lingerMs: -1 })).toThrow(/lingerMs/);
    expect(() => new GroupCommit(run, { concurrency: 1, maxWeight: 1, weight: () => 1, lingerMs: Infinity })).toThrow(/lingerMs/);
  });
});

describe('GroupCommit with lingerMs', () => {
  // Only the linger timer and the clock are faked: the turns of the event loop (setImmediate) stay real.
  const useClock = () => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: 0 });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('holds a transaction that is not full until its oldest item has waited lingerMs, gathering what comes meanwhile', async () => {
    useClock();
    const store = controlledStore();
    const commits = new GroupCommit(store.run, { concurrency: 1, maxWeight: 100, weight: (i: Item) => i.weight, lingerMs: 200 });
    const a = commits.submit(item('a'));
    await turn();
    vi.advanceTimersByTime(120);
    const b = commits.submit(item('b'));
    await turn();
    vi.advanceTimersByTime(79);
    await turn();
    expect(store.transactions).toEqual([]);
    vi.advanceTimersByTime(1);
    await turn();
    // 200 ms after a: one transaction for a and b.
    expect(store.transactions).toEqual([['a', 'b']]);
    // c comes while it runs; it lingers from its own arrival (t = 210), not from the commit.
    vi.advanceTimersByTime(10);
    const c = commits.submit(item('c'));
    await store.finishOpen();
    expect(await Promise.all([a, b])).toEqual(['a+b', 'a+b']);
    vi.advanceTimersByTime(199);
    await turn();
    expect(store.transactions).toEqual([['a', 'b']]);
    vi.advanceTimersByTime(1);
    await turn();
    expect(store.transactions).toEqual([['a', 'b'], ['c']]);
    await store.finishOpen();
    expect(await c).toBe('c');
    expect(commits.stats).toEqual({ commits: 2, items: 3, splits: 0 });
  });

  it('starts at once for an urgent item, taking the lingering ones with it, and for a full transaction', async () => {
    useClock();
    const store = controlledStore();
    const commits = new GroupCommit(store.run, {
      concurrency: 1,
      maxWeight: 10,
      weight: (i: Item) => i.weight,
      lingerMs: 200,
      urgent: (i: Item) => i.name.startsWith('backlog'),
    });
    const first = [commits.submit(item('a')), commits.submit(item('b'))];
    await turn();
    vi.advanceTimersByTime(50);
    await turn();
    expect(store.transactions).toEqual([]);
    const urgent = commits.submit(item('backlog-1'));
    await turn();
    expect(store.transactions).toEqual([['a', 'b', 'backlog-1']]);
    await store.finishOpen();
    expect(await Promise.all([...first, urgent])).toEqual(['a+b+backlog-1', 'a+b+backlog-1', 'a+b+backlog-1']);
    // Items that fill a transaction (10 of maxWeight 10) do not wait either.
    const full = [commits.submit(item('c', 6)), commits.submit(item('d', 4))];
    await turn();
    expect(store.transactions.at(-1)).toEqual(['c', 'd']);
    await store.finishOpen();
    expect(await Promise.all(full)).toEqual(['c+d', 'c+d']);
    // The timer the lingering a and b had set finds nothing to start.
    vi.advanceTimersByTime(500);
    await turn();
    expect(store.transactions).toEqual([['a', 'b', 'backlog-1'], ['c', 'd']]);
  });
});

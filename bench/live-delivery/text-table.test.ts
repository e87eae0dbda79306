import { describe, expect, it } from 'vitest';
import { formatTable } from './text-table';

describe('Bench > formatTable', () => {
  it('pads the label column right and figure columns left', () => {
    expect(formatTable([['', 'perigee', 'bare'], ['p99 ms', '12', '3'], ['samples/s', '8,360', '10,002']])).toBe(
      ['           perigee    bare', 'p99 ms          12       3', 'samples/s    8,360  10,002'].join('\n'),
    );
  });
});

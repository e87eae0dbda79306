import { describe, expect, it } from 'vitest';
import { parseUsersArguments } from './users';

describe('Commands > users', () => {
  it('parses add <name> --role <role>', () => {
    expect(parseUsersArguments(['add', 'alice', '--role', 'operator'])).toEqual({ username: 'alice', role: 'operator' });
    expect(parseUsersArguments(['add', 'bob', '--role=viewer'])).toEqual({ username: 'bob', role: 'viewer' });
  });

  it('refuses a password on the command line, and anything else it does not know', () => {
    expect(() => parseUsersArguments(['add', 'alice', '--role', 'admin', '--password', 'x'])).toThrow('passwords are read from stdin, never from the command line');
    expect(() => parseUsersArguments(['add', 'alice'])).toThrow(/^expected "add <name> --role <role>"/);
    expect(() => parseUsersArguments(['remove', 'alice', '--role', 'admin'])).toThrow(/^expected "add <name> --role <role>"/);
  });
});

import { describe, expect, it } from 'vitest';
import { parseAuditQuery } from './audit-query';

const parse = (query: string) => parseAuditQuery(new URLSearchParams(query));

describe('Realtime > audit query', () => {
  it('reads every filter, with a default page of 50', () => {
    expect(parse('')).toEqual({ ok: true, query: { limit: 50 } });
    expect(parse('action=rule.threshold&actor=alice&target=alarm:42&kind=alarm&from=1000&to=2000&before=99&limit=20')).toEqual({
      ok: true,
      query: { action: 'rule.threshold', actor: 'alice', target: 'alarm:42', targetKind: 'alarm', fromMs: 1000, toMs: 2000, beforeId: 99, limit: 20 },
    });
    expect(parse('action=&actor=')).toEqual({ ok: true, query: { limit: 50 } });
  });

  it('refuses unknown parameters and bad values, naming them', () => {
    expect(parse('sort=asc')).toEqual({ ok: false, error: 'unknown parameter "sort": use action, actor, target, kind, from, to, before, limit' });
    expect(parse('limit=500')).toEqual({ ok: false, error: 'limit must be an integer 1..200, got "500"' });
    expect(parse('before=0')).toEqual({ ok: false, error: 'before must be an integer 1..9007199254740991, got "0"' });
    expect(parse("actor=x' OR 1=1")).toMatchObject({ ok: false, error: expect.stringMatching(/^actor must be a username/) });
    expect(parse('target=42')).toMatchObject({ ok: false, error: expect.stringMatching(/^target must be a target such as alarm:42/) });
    expect(parse('from=2000&to=1000')).toEqual({ ok: false, error: 'from must not be after to' });
  });
});

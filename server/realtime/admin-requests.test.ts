import { describe, expect, it } from 'vitest';
import { defaultMissionDatabase } from '../domain/mission/default-mission-database';
import { defaultRuleSet } from '../domain/stream/rules/load-rule-set';
import { tunableThresholds } from '../domain/stream/rules/rule-thresholds';
import { newUserSchema, parseAdminBody, parseRuleIdParam, parseUsernameParam, thresholdChangeSchema, userChangeSchema } from './admin-requests';
import { thresholdViews } from './threshold-view';

describe('Realtime > admin requests', () => {
  it('accepts a new user with a role and a 12+ character password, and nothing else', () => {
    expect(parseAdminBody(newUserSchema, { username: 'bob', role: 'viewer', password: 'twelve chars' })).toEqual({
      ok: true,
      value: { username: 'bob', role: 'viewer', password: 'twelve chars' },
    });
    expect(parseAdminBody(newUserSchema, { username: 'bob', role: 'viewer', password: 'eleven char' })).toEqual({ ok: false, error: 'password: must be at least 12 characters' });
    expect(parseAdminBody(newUserSchema, { username: 'bob', role: 'root', password: 'twelve chars' })).toMatchObject({ ok: false, error: expect.stringMatching(/^role: /) });
    expect(parseAdminBody(newUserSchema, { username: 'bob', role: 'viewer', password: 'twelve chars', admin: true })).toMatchObject({ ok: false, error: expect.stringMatching(/admin/) });
  });

  it('accepts a role change or a disabled flag, one at a time', () => {
    expect(parseAdminBody(userChangeSchema, { role: 'admin' })).toEqual({ ok: true, value: { role: 'admin' } });
    expect(parseAdminBody(userChangeSchema, { disabled: true })).toEqual({ ok: true, value: { disabled: true } });
    expect(parseAdminBody(userChangeSchema, { role: 'admin', disabled: true })).toMatchObject({ ok: false });
    expect(parseAdminBody(userChangeSchema, { disabled: 'yes' })).toMatchObject({ ok: false });
    expect(parseAdminBody(userChangeSchema, [])).toMatchObject({ ok: false });
  });

  it('accepts a finite number as a threshold', () => {
    expect(parseAdminBody(thresholdChangeSchema, { value: 80.5 })).toEqual({ ok: true, value: { value: 80.5 } });
    expect(parseAdminBody(thresholdChangeSchema, { value: '80' })).toMatchObject({ ok: false, error: expect.stringMatching(/^value: /) });
    expect(parseAdminBody(thresholdChangeSchema, { value: 80, unit: 'K' })).toMatchObject({ ok: false });
  });

  it('checks route parameters', () => {
    expect([parseUsernameParam('Alice'), parseUsernameParam('al'), parseUsernameParam('%E0%A4%A'), parseUsernameParam('a%2Fb')]).toEqual(['alice', undefined, undefined, undefined]);
    expect([parseRuleIdParam('thermal-overtemperature'), parseRuleIdParam('Thermal'), parseRuleIdParam('../x')]).toEqual(['thermal-overtemperature', undefined, undefined]);
  });

  it('shows each tunable rule with its stored value, or its default when none is stored', () => {
    const mdb = defaultMissionDatabase();
    const views = thresholdViews(tunableThresholds(defaultRuleSet(mdb), mdb), [{ ruleId: 'thermal-overtemperature', value: 80, updatedAtMs: 1000, updatedBy: 'alice' }]);
    expect(views.map((v) => [v.ruleId, v.value, v.defaultValue, v.updatedBy, v.updatedAtMs])).toEqual([
      ['attitude-deviation', 2, 2, null, null],
      ['thermal-overtemperature', 80, 85, 'alice', 1000],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { ACTIONS, ROLES, can, isRole } from './role';

describe('Auth > role', () => {
  it('grants exactly this table', () => {
    const table = Object.fromEntries(ROLES.map((role) => [role, ACTIONS.filter((action) => can(role, action))]));
    expect(table).toEqual({
      viewer: ['telemetry.read'],
      operator: ['telemetry.read', 'alarm.acknowledge', 'alarm.shelve', 'alarm.assign', 'ops.read', 'audit.read'],
      admin: ['telemetry.read', 'alarm.acknowledge', 'alarm.shelve', 'alarm.assign', 'ops.read', 'audit.read', 'user.manage', 'rule.edit'],
    });
  });

  it('denies a role or action outside the table', () => {
    expect(can('root' as never, 'telemetry.read')).toBe(false);
    expect(can('admin', 'satellite.deorbit' as never)).toBe(false);
    expect([isRole('operator'), isRole('Operator'), isRole(undefined)]).toEqual([true, false, false]);
  });
});

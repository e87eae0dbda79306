/**
 * Who may do what. Roles are cumulative: an operator can do everything a
 * viewer can, an admin everything an operator can. The table is data, so the
 * alarm and rule routes ask `can(role, action)` instead of comparing roles.
 *
 * @example
 *   can('operator', 'alarm.acknowledge'); // true
 *   can('operator', 'rule.edit');         // false
 */
export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = ['telemetry.read', 'alarm.acknowledge', 'alarm.shelve', 'alarm.assign', 'ops.read', 'audit.read', 'user.manage', 'rule.edit'] as const;
export type Action = (typeof ACTIONS)[number];

const VIEWER: readonly Action[] = ['telemetry.read'];
// The ops page (lag, quarantined raw bytes) is for the people who run the ground segment.
// So is the audit log: who did what from which address is not for read-only accounts.
const OPERATOR: readonly Action[] = [...VIEWER, 'alarm.acknowledge', 'alarm.shelve', 'alarm.assign', 'ops.read', 'audit.read'];
const ADMIN: readonly Action[] = [...OPERATOR, 'user.manage', 'rule.edit'];

const PERMISSIONS: Readonly<Record<Role, ReadonlySet<Action>>> = {
  viewer: new Set(VIEWER),
  operator: new Set(OPERATOR),
  admin: new Set(ADMIN),
};

/** True when `role` may perform `action`; false for anything outside the table. */
export function can(role: Role, action: Action): boolean {
  return PERMISSIONS[role]?.has(action) ?? false;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * GET /api/alarms/<id>/history response: the alarm as it is now and its
 * audit entries, newest first. Shared by the route and the console's detail view.
 */
import type { AuditRecord } from '../ports/audit-trail';
import type { AlarmRecord } from '../ports/telemetry-store';

export interface AlarmHistory {
  readonly alarm: AlarmRecord;
  readonly entries: readonly AuditRecord[];
}

/** GET /api/audit response: one page, newest first; `nextBefore` asks for the page after it (null on the last). */
export interface AuditPage {
  readonly entries: readonly AuditRecord[];
  readonly nextBefore: number | null;
}

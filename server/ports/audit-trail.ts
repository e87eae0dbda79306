/**
 * Reading the audit log back: the audit page and an alarm's history. Entries
 * are appended by the alarm desk and the auth service (audit_log is
 * append-only in the database); this port only reads.
 */

/** Actions audited besides alarm transitions (ALARM_ACTIONS): sign-in, accounts, rules. */
export const ACCESS_ACTIONS = ['login', 'login.failed', 'logout', 'user.create', 'user.role', 'user.disable', 'user.enable', 'rule.threshold'] as const;

/** One audit_log row as the console shows it. */
export interface AuditRecord {
  readonly id: number;
  /** When the action was taken, epoch ms. */
  readonly atMs: number;
  readonly actor: string;
  readonly actorRole: string;
  /** e.g. 'acknowledge', 'login', 'user.create', 'rule.threshold'. */
  readonly action: string;
  /** e.g. 'alarm:42', 'user:alice', 'rule:thermal-overtemperature'. */
  readonly target: string;
  readonly fromState: string | null;
  readonly toState: string | null;
  readonly comment: string | null;
  /** The console's address; null for the stream, the clock and the command line. */
  readonly clientAddress: string | null;
  readonly details: Readonly<Record<string, unknown>>;
}

export interface AuditQuery {
  /** Exact target, e.g. 'alarm:42'. */
  readonly target?: string;
  /** Target kind: the part before ':' ('alarm', 'user', 'rule'). */
  readonly targetKind?: string;
  readonly action?: string;
  readonly actor?: string;
  /** Window on `at`, epoch ms, both ends included. */
  readonly fromMs?: number;
  readonly toMs?: number;
  /** Keyset page: only entries with a smaller id (older). */
  readonly beforeId?: number;
  /** Most entries returned. */
  readonly limit: number;
}

export interface AuditTrail {
  /** Entries matching the query, newest first. */
  listAudit(query: AuditQuery): Promise<AuditRecord[]>;
}

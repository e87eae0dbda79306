/**
 * AuditTrail and RuleThresholdStore on PostgreSQL: one db/queries module per
 * operation; connection failures surface as StoreUnavailableError (retriable),
 * so routes answer 503 while the database is away and the processor keeps
 * its current thresholds.
 *
 * @example
 *   const audit = new PostgresAuditTrail(pool);
 *   await audit.listAudit({ target: 'alarm:42', limit: 100 });
 *   const thresholds = new PostgresRuleThresholds(pool);
 *   await thresholds.listThresholds();
 */
import { isIP } from 'node:net';
import { toStoreError } from '../../../db/database-errors';
import type { Queryable } from '../../../db/pool';
import { selectAuditEntries } from '../../../db/queries/select-audit-entries';
import { selectRuleThresholds } from '../../../db/queries/select-rule-thresholds';
import { setRuleThreshold } from '../../../db/queries/set-rule-threshold';
import type { AuditQuery, AuditRecord, AuditTrail } from '../../ports/audit-trail';
import type { RuleThresholdStore, StoredThreshold, ThresholdChange } from '../../ports/rule-threshold-store';

async function run<T>(during: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toStoreError(error, during);
  }
}

export class PostgresAuditTrail implements AuditTrail {
  readonly #q: Queryable;

  constructor(q: Queryable) {
    this.#q = q;
  }

  listAudit(query: AuditQuery): Promise<AuditRecord[]> {
    return run('reading the audit log', () => selectAuditEntries(this.#q, query));
  }
}

export class PostgresRuleThresholds implements RuleThresholdStore {
  readonly #q: Queryable;

  constructor(q: Queryable) {
    this.#q = q;
  }

  listThresholds(): Promise<StoredThreshold[]> {
    return run('reading rule thresholds', () => selectRuleThresholds(this.#q));
  }

  setThreshold(change: ThresholdChange): Promise<{ from: number; to: number; auditId: number }> {
    // The address comes from the socket; a stray value must not fail the change (the inet column would refuse it).
    const clientAddress = change.clientAddress !== null && isIP(change.clientAddress) !== 0 ? change.clientAddress : null;
    return run('storing a rule threshold', () => setRuleThreshold(this.#q, { ...change, clientAddress }));
  }
}

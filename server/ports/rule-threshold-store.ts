/**
 * Stored thresholds of the stream rules: written by an admin through the
 * console, read by the processor while it runs (server/worker/processor.ts).
 */
import type { Role } from '../auth/role';

export interface StoredThreshold {
  readonly ruleId: string;
  readonly value: number;
  readonly updatedAtMs: number;
  readonly updatedBy: string;
}

export interface ThresholdChange {
  readonly ruleId: string;
  readonly value: number;
  /** The value the rule ran with while nothing was stored (the rules file's); the audit's "from" then. */
  readonly defaultValue: number;
  readonly atMs: number;
  readonly actor: { readonly username: string; readonly role: Role };
  readonly clientAddress: string | null;
}

export interface RuleThresholdStore {
  listThresholds(): Promise<StoredThreshold[]>;
  /** Stores the value and appends the audit entry (from → to, who), both or neither; resolves with the previous value. */
  setThreshold(change: ThresholdChange): Promise<{ readonly from: number; readonly to: number; readonly auditId: number }>;
}

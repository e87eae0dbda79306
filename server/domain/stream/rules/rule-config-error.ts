/**
 * The rules configuration does not satisfy its schema or names something the
 * mission database does not define. Names the rule (when one is at fault) so
 * an operator can fix the file.
 */
import { MissionControlError, type MissionControlErrorOptions } from '../../../errors';

export class RuleConfigError extends MissionControlError {
  /** The offending rule's id, when the problem is in one rule. */
  readonly ruleId: string | undefined;

  constructor(message: string, ruleId?: string, options: MissionControlErrorOptions = {}) {
    super(ruleId === undefined ? message : `rule "${ruleId}": ${message}`, options);
    this.ruleId = ruleId;
  }
}

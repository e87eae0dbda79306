/**
 * Resolves the parameter names and selections of a rule against the mission
 * database, so a typo in the rules file fails at load time, naming the rule,
 * instead of silently watching nothing.
 *
 * @example
 *   selectParameters({ subsystem: 'thermal' }, mdb, 'thermal-overtemperature').length; // 208
 */
import type { MissionDatabase } from '../../mission/mission-database';
import type { ParameterDefinition } from '../../mission/schema';
import { RuleConfigError } from './rule-config-error';
import type { ParameterSelection } from './rule-set';

export function resolveParameterNames(names: readonly string[], mdb: MissionDatabase, ruleId: string): ParameterDefinition[] {
  return names.map((name) => {
    const parameter = mdb.parameter(name);
    if (!parameter) throw new RuleConfigError(`names unknown parameter "${name}"`, ruleId);
    return parameter;
  });
}

export function selectParameters(selection: ParameterSelection, mdb: MissionDatabase, ruleId: string): ParameterDefinition[] {
  if ('names' in selection) return resolveParameterNames(selection.names, mdb, ruleId);
  if (!mdb.subsystem(selection.subsystem)) throw new RuleConfigError(`names unknown subsystem "${selection.subsystem}"`, ruleId);
  return mdb.parametersOf(selection.subsystem);
}

/**
 * Loads the stream rules: the schema check, then the checks the schema cannot
 * make (unique ids, parameters the mission database knows). Pure: the caller
 * reads the file; the built-in rules ship as rules.json beside this folder.
 *
 * @example
 *   const rules = loadRuleSet(JSON.parse(text), mdb); // throws RuleConfigError naming the first problem
 *   const builtIn = defaultRuleSet(mdb);
 */
import type { MissionDatabase } from '../../mission/mission-database';
import file from '../rules.json' with { type: 'json' };
import { resolveParameterNames, selectParameters } from './parameter-selection';
import { RuleConfigError } from './rule-config-error';
import { ruleSetSchema, type RuleSet } from './rule-set';

export function loadRuleSet(json: unknown, mdb: MissionDatabase): RuleSet {
  const parsed = ruleSetSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new RuleConfigError(`rules invalid at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const ids = new Set<string>();
  for (const rule of parsed.data.rules) {
    if (ids.has(rule.id)) throw new RuleConfigError('id used twice', rule.id);
    ids.add(rule.id);
    switch (rule.kind) {
      case 'attitude-deviation':
        resolveParameterNames([...rule.estimated, ...rule.commanded], mdb, rule.id);
        break;
      case 'window-threshold':
        if (selectParameters(rule.parameters, mdb, rule.id).length === 0) throw new RuleConfigError('selects no parameters', rule.id);
        break;
      case 'limits':
        if (rule.parameters) selectParameters(rule.parameters, mdb, rule.id);
        break;
    }
  }
  return parsed.data;
}

/**
 * The built-in rules (server/domain/stream/rules.json) that apply to this
 * mission database. The attitude and thermal rules are written for the
 * demonstration fleet's parameters; a mission without them (e.g. an imported
 * one) runs the rules whose parameters it has — always the mission-database
 * limits. (A test holds the built-in mission database to every rule.)
 */
export function defaultRuleSet(mdb: MissionDatabase): RuleSet {
  const all = ruleSetSchema.parse(file);
  const applies = all.rules.filter((rule) => {
    try {
      loadRuleSet({ ...all, rules: [rule] }, mdb);
      return true;
    } catch (error) {
      if (error instanceof RuleConfigError) return false;
      throw error;
    }
  });
  return loadRuleSet({ ...all, rules: applies }, mdb);
}

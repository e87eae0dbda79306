/**
 * The compatibility gate of the event contracts: compares the working
 * schemas (as JSON Schema) with the released set kept in the repository
 * (server/contracts/released.json) and names every change that would break
 * a producer or consumer of messages already written:
 *
 * - a released version that is gone (stored and queued messages of it become unreadable);
 * - a field removed, or its type, enumeration or constant changed;
 * - a field that became required (old messages lack it) or optional (consumers rely on it);
 * - a variant of a union removed.
 *
 * Additive changes pass: a new optional field, a new enumeration value, a
 * new contract, a new version. A change that is not additive needs a new
 * version of the contract (with an upgrade from the previous one).
 *
 * @example
 *   checkContracts(released, currentShapes());
 *   // → { breaks: ['alert@1: field "subject" removed'], additions: ['alert@1: new optional field "origin"'], unreleased: [] }
 */
import { z } from 'zod';
import { EVENT_CONTRACTS, type EventContract } from './event-contracts';

/** JSON Schema of each version of each contract: `{ name: { version: schema } }`. */
export type ContractShapes = Record<string, Record<string, JsonSchema>>;

export interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly properties?: Record<string, JsonSchema>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly [key: string]: unknown;
}

export function shapeOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as JsonSchema;
}

/** The working contracts as JSON Schema. */
export function currentShapes(contracts: Record<string, EventContract> = EVENT_CONTRACTS): ContractShapes {
  const shapes: ContractShapes = {};
  for (const [name, contract] of Object.entries(contracts)) {
    shapes[name] = {};
    for (const v of contract.versions) shapes[name][String(v.version)] = shapeOf(v.schema);
  }
  return shapes;
}

export interface CompatibilityReport {
  /** Incompatible changes: the gate fails on any. */
  readonly breaks: readonly string[];
  /** Compatible changes to released versions. */
  readonly additions: readonly string[];
  /** Contracts or versions not released yet (`perigee contracts release` records them). */
  readonly unreleased: readonly string[];
}

export function checkContracts(released: ContractShapes, current: ContractShapes): CompatibilityReport {
  const breaks: string[] = [];
  const additions: string[] = [];
  const unreleased: string[] = [];
  for (const [name, versions] of Object.entries(released)) {
    for (const [version, shape] of Object.entries(versions)) {
      const now = current[name]?.[version];
      const label = `${name}@${version}`;
      if (!now) {
        breaks.push(`${label} was released and is gone: messages of it already written could no longer be read`);
        continue;
      }
      compare(shape, now, label, '', breaks, additions);
    }
  }
  for (const [name, versions] of Object.entries(current)) {
    for (const version of Object.keys(versions)) if (!released[name]?.[version]) unreleased.push(`${name}@${version}`);
  }
  return { breaks, additions, unreleased };
}

const field = (path: string) => `field "${path || '(root)'}"`;
const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
const typesOf = (s: JsonSchema) => (s.type === undefined ? [] : Array.isArray(s.type) ? [...s.type].sort() : [s.type as string]);

function compare(before: JsonSchema, after: JsonSchema, label: string, path: string, breaks: string[], additions: string[]): void {
  const bt = typesOf(before).join('|');
  const at = typesOf(after).join('|');
  if (bt !== at) breaks.push(`${label}: ${field(path)} changed type ${bt || 'any'} → ${at || 'any'}`);
  if ('const' in before || 'const' in after) {
    if (JSON.stringify(before.const) !== JSON.stringify(after.const)) breaks.push(`${label}: ${field(path)} changed constant ${JSON.stringify(before.const)} → ${JSON.stringify(after.const)}`);
  }
  if (before.enum || after.enum) {
    const was = new Set((before.enum ?? []).map((v) => JSON.stringify(v)));
    const now = new Set((after.enum ?? []).map((v) => JSON.stringify(v)));
    const removed = [...was].filter((v) => !now.has(v));
    if (!after.enum && before.enum) {
      // Widening to any value of the type is additive.
    } else if (removed.length > 0 || (after.enum && !before.enum)) {
      breaks.push(`${label}: ${field(path)} no longer accepts ${removed.length > 0 ? removed.join(', ') : 'every value it did'}`);
    }
    const added = [...now].filter((v) => !was.has(v));
    if (before.enum && added.length > 0) additions.push(`${label}: ${field(path)} accepts ${added.join(', ')}`);
  }
  const variantsBefore = before.oneOf ?? before.anyOf;
  const variantsAfter = after.oneOf ?? after.anyOf;
  if (variantsBefore || variantsAfter) {
    const b = variantsBefore ?? [before];
    const a = variantsAfter ?? [after];
    if (a.length < b.length) breaks.push(`${label}: ${field(path)} lost ${b.length - a.length} of its ${b.length} variants`);
    for (let i = 0; i < Math.min(a.length, b.length); i++) compare(b[i]!, a[i]!, label, `${path}[variant ${i}]`, breaks, additions);
    if (a.length > b.length) additions.push(`${label}: ${field(path)} gained ${a.length - b.length} variant(s)`);
  }
  if (before.items || after.items) {
    if (before.items && after.items) compare(before.items, after.items, label, `${path}[]`, breaks, additions);
  }
  if (before.properties || after.properties) {
    const bp = before.properties ?? {};
    const ap = after.properties ?? {};
    const requiredBefore = new Set(before.required ?? []);
    const requiredAfter = new Set(after.required ?? []);
    for (const key of Object.keys(bp)) {
      const p = join(path, key);
      if (!(key in ap)) {
        breaks.push(`${label}: ${field(p)} removed`);
        continue;
      }
      if (requiredBefore.has(key) && !requiredAfter.has(key)) breaks.push(`${label}: ${field(p)} became optional: consumers that rely on it would find it missing`);
      if (!requiredBefore.has(key) && requiredAfter.has(key)) breaks.push(`${label}: ${field(p)} became required: messages already written lack it`);
      compare(bp[key]!, ap[key]!, label, p, breaks, additions);
    }
    for (const key of Object.keys(ap)) {
      if (key in bp) continue;
      const p = join(path, key);
      if (requiredAfter.has(key)) breaks.push(`${label}: new required ${field(p)}: messages already written lack it`);
      else additions.push(`${label}: new optional ${field(p)}`);
    }
  }
}

/** The report as printed by `perigee contracts check`. */
export function formatCompatibility(report: CompatibilityReport): string {
  const lines: string[] = [];
  if (report.breaks.length === 0) lines.push('contracts are compatible with the released set');
  else lines.push(`${report.breaks.length} incompatible change(s) — ship them as a new version of the contract instead:`, ...report.breaks.map((b) => `  BREAK ${b}`));
  for (const a of report.additions) lines.push(`  additive ${a}`);
  for (const u of report.unreleased) lines.push(`  not released yet: ${u} (perigee contracts release records it)`);
  return `${lines.join('\n')}\n`;
}

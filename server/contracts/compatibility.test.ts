import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readReleasedContracts } from '../commands/contracts';
import { TOPICS } from '../topics';
import { checkContracts, currentShapes } from './compatibility';

const base = z.object({
  id: z.string(),
  count: z.number().int(),
  kind: z.enum(['raised', 'cleared']),
  tags: z.array(z.object({ name: z.string() })),
  note: z.string().optional(),
});

const shapes = (schema: z.ZodType, version = 1) => currentShapes({ event: { topic: TOPICS.alerts, versions: [{ version, schema }] } });
const released = shapes(base);
const breaksOf = (schema: z.ZodType) => checkContracts(released, shapes(schema)).breaks;

describe('contract compatibility gate', () => {
  it('passes the contracts as they are', () => {
    expect(checkContracts(released, shapes(base))).toEqual({ breaks: [], additions: [], unreleased: [] });
  });

  it('catches a removed field', () => {
    expect(breaksOf(base.omit({ count: true }))).toEqual(['event@1: field "count" removed']);
  });

  it('catches a retyped field, also inside arrays', () => {
    expect(breaksOf(base.extend({ count: z.string() }))).toEqual(['event@1: field "count" changed type integer → string']);
    expect(breaksOf(base.extend({ tags: z.array(z.object({ name: z.number() })) }))).toEqual(['event@1: field "tags[].name" changed type string → number']);
  });

  it('catches a new required field and a change of required-ness', () => {
    expect(breaksOf(base.extend({ source: z.string() }))).toEqual(['event@1: new required field "source": messages already written lack it']);
    expect(breaksOf(base.extend({ note: z.string() }))).toEqual(['event@1: field "note" became required: messages already written lack it']);
    expect(breaksOf(base.extend({ id: z.string().optional() }))).toEqual(['event@1: field "id" became optional: consumers that rely on it would find it missing']);
  });

  it('catches an enumeration value removed, a union variant removed, and a released version gone', () => {
    expect(breaksOf(base.extend({ kind: z.enum(['raised']) }))).toEqual(['event@1: field "kind" no longer accepts "cleared"']);
    const union = z.discriminatedUnion('type', [z.object({ type: z.literal('aos') }), z.object({ type: z.literal('los') })]);
    expect(checkContracts(shapes(union), shapes(z.discriminatedUnion('type', [z.object({ type: z.literal('aos') })]))).breaks).toContain('event@1: field "(root)" lost 1 of its 2 variants');
    expect(checkContracts(released, shapes(base, 2)).breaks).toEqual(['event@1 was released and is gone: messages of it already written could no longer be read']);
  });

  it('accepts additive changes: a new optional field, a new enumeration value, a new version', () => {
    const additive = checkContracts(released, shapes(base.extend({ origin: z.string().optional(), kind: z.enum(['raised', 'cleared', 'shelved']) })));
    expect(additive.breaks).toEqual([]);
    expect(additive.additions).toEqual(['event@1: field "kind" accepts "shelved"', 'event@1: new optional field "origin"']);
    const twoVersions = currentShapes({
      event: { topic: TOPICS.alerts, versions: [{ version: 1, schema: base }, { version: 2, schema: base.extend({ source: z.string() }) }] },
    });
    expect(checkContracts(released, twoVersions)).toEqual({ breaks: [], additions: [], unreleased: ['event@2'] });
  });

  it('the working contracts are compatible with the released set in the repository (the gate CI runs)', async () => {
    const report = checkContracts(await readReleasedContracts(), currentShapes());
    expect(report.breaks).toEqual([]);
    expect(report.unreleased).toEqual([]);
  });
});

/**
 * `GET /api/satellites/<id>/lineage?parameter=<id>&time=<epoch ms>`: which
 * packet a stored sample came from. Parses the query (with the parameter's
 * APIDs from the mission database) and shapes the answer: the sample, the
 * packet's log position and context, and the raw bytes as received with the
 * definition version their secondary header names.
 *
 * @example
 *   parseLineageQuery('101', new URLSearchParams('parameter=74&time=1795000000123.456'), mdb);
 *   // → { ok: true, query: { satelliteId: 101, parameterId: 74, timeMs: 1795000000123.456, apids: [272] } }
 */
import { PRIMARY_HEADER_BYTES, SECONDARY_HEADER_BYTES, readPrimaryHeader, readSecondaryHeader } from '../domain/codec/space-packet';
import type { MissionDatabase } from '../domain/mission/mission-database';
import type { SampleLineageQuery, SampleLineageRow } from '../ports/telemetry-store';
import { unknownParameterError } from './request-shape';

export type ParsedLineageQuery = { readonly ok: true; readonly query: SampleLineageQuery } | { readonly ok: false; readonly error: string };

/** Raw bytes shown per answer: every packet Perigee defines fits. */
const HEX_BYTES = 1024;

export function parseLineageQuery(id: string, search: URLSearchParams, mdb: MissionDatabase): ParsedLineageQuery {
  const unknown = unknownParameterError(search, ['parameter', 'time']);
  if (unknown) return { ok: false, error: unknown };
  if (!/^\d{1,5}$/.test(id) || Number(id) > 0xffff) return { ok: false, error: 'satellite id must be an integer in 0..65535' };
  const parameter = search.get('parameter');
  if (parameter === null || !/^\d{1,5}$/.test(parameter)) return { ok: false, error: 'parameter must be a parameter id, e.g. parameter=74' };
  const definition = mdb.parameterById(Number(parameter));
  if (!definition) return { ok: false, error: `unknown parameter id ${parameter}` };
  const time = search.get('time');
  if (time === null || !/^\d{1,15}(\.\d{1,6})?$/.test(time)) return { ok: false, error: 'time must be the sample\'s onboard time in epoch milliseconds' };
  const apids = mdb.layouts.filter((l) => l.parameters.some((p) => p.id === definition.id)).map((l) => l.apid);
  return { ok: true, query: { satelliteId: Number(id), parameterId: definition.id, timeMs: Number(time), apids: [...new Set(apids)] } };
}

export interface LineageResponse {
  readonly parameter: { readonly id: number; readonly name: string; readonly unit: string };
  readonly sample: SampleLineageRow['sample'];
  readonly packet: SampleLineageRow['packet'];
  /** The packet as received (bronze), when it is still stored. */
  readonly raw: { readonly bytes: number; readonly hex: string; readonly apid: number; readonly sequenceCount: number; readonly definitionVersion: number | null } | null;
}

export function lineageResponse(mdb: MissionDatabase, parameterId: number, row: SampleLineageRow): LineageResponse {
  const definition = mdb.parameterById(parameterId)!;
  let raw: LineageResponse['raw'] = null;
  if (row.rawPacket) {
    const bytes = Buffer.from(row.rawPacket);
    const primary = bytes.length >= PRIMARY_HEADER_BYTES ? readPrimaryHeader(bytes) : null;
    // Only Perigee headers carry a definition version; an imported mission's packet tells its layouts apart by field values.
    const perigee = primary !== null && (mdb.layoutsOf(primary.apid)[0]?.header ?? mdb.defaultHeader) === 'perigee';
    const secondary =
      perigee && bytes.length >= PRIMARY_HEADER_BYTES + SECONDARY_HEADER_BYTES ? readSecondaryHeader(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), mdb.epochMs) : null;
    raw = {
      bytes: bytes.length,
      hex: bytes.subarray(0, HEX_BYTES).toString('hex'),
      apid: primary?.apid ?? -1,
      sequenceCount: primary?.sequenceCount ?? -1,
      definitionVersion: secondary?.definitionVersion ?? null,
    };
  }
  return { parameter: { id: definition.id, name: definition.name, unit: definition.unit }, sample: row.sample, packet: row.packet, raw };
}

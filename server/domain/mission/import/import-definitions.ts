/**
 * Builds one mission database from a set of definition files: XTCE documents
 * (.xml), CCSDSPy packet CSVs (.csv, each with its APID), or a single
 * mission database in Perigee's own format (.json). Every error names the
 * file and line it comes from.
 *
 * @example
 *   const mdb = importDefinitions([
 *     { file: 'demosat.xtce.xml', text: xml },
 *     { file: 'adcs_hk.csv', text: csv, apid: 200 },
 *   ]);
 */
import { MissionDatabaseError } from '../../../errors';
import { MissionDatabase } from '../mission-database';
import { DefinitionBuilder } from './definition-builder';
import { importCsvPacket } from './csv-packet-import';
import { importXtce } from './xtce-import';

export interface DefinitionFile {
  readonly file: string;
  readonly text: string;
  /** APID of a CSV packet definition. */
  readonly apid?: number;
  /** Declared length of a CSV packet, in bytes. */
  readonly lengthBytes?: number;
}

export type DefinitionFormat = 'xtce' | 'csv' | 'json';

export function formatOf(file: string): DefinitionFormat {
  const lower = file.toLowerCase();
  if (lower.endsWith('.xml')) return 'xtce';
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.json')) return 'json';
  throw new MissionDatabaseError(`${file}: unknown definition format; expected .xml (XTCE), .csv (CCSDSPy) or .json (Perigee)`);
}

export function importDefinitions(files: readonly DefinitionFile[], { mission }: { mission?: string } = {}): MissionDatabase {
  if (files.length === 0) throw new MissionDatabaseError('no definition files given');
  const json = files.filter((f) => formatOf(f.file) === 'json');
  if (json.length > 0) {
    if (files.length > 1) throw new MissionDatabaseError(`${json[0]!.file}: a Perigee mission database (.json) is complete on its own; give it alone`);
    let document: unknown;
    try {
      document = JSON.parse(json[0]!.text);
    } catch (error) {
      throw new MissionDatabaseError(`${json[0]!.file}: not JSON: ${(error as Error).message}`, { cause: error });
    }
    return MissionDatabase.fromFile(document, { locate: () => json[0]!.file });
  }
  const xtce = files.find((f) => formatOf(f.file) === 'xtce');
  const name = mission ?? /<(?:\w+:)?SpaceSystem[^>]*\sname="([^"]+)"/.exec(xtce?.text ?? '')?.[1] ?? 'imported mission';
  const builder = new DefinitionBuilder(name);
  for (const f of files) {
    if (formatOf(f.file) === 'xtce') importXtce(builder, f);
    else {
      if (f.apid === undefined) throw new MissionDatabaseError(`${f.file}: a CSV packet definition needs its APID (--apid)`);
      importCsvPacket(builder, { file: f.file, text: f.text, apid: f.apid, ...(f.lengthBytes === undefined ? {} : { lengthBytes: f.lengthBytes }) });
    }
  }
  return builder.build();
}

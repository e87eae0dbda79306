/**
 * `perigee mdb import <files…> [--apid N]… [--length-bytes N]… [--mission name] [--out file.json]`:
 * loads packet definitions (XTCE .xml, CCSDSPy .csv — one packet per file,
 * its APID from the --apid options in the order the CSV files are given —
 * or Perigee's .json), validates them as one mission database, prints a
 * summary and, with --out, writes the database in Perigee's format. Exits 0
 * when the definitions are valid, 1 with the error (file and line) when not,
 * 2 when a file cannot be read.
 *
 * @example
 *   perigee mdb import demosat.xtce.xml adcs_hk.csv --apid 200 --out demosat.json
 */
import fs from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { MissionControlError } from '../errors';
import { importDefinitions, formatOf, type DefinitionFile } from '../domain/mission/import/import-definitions';
import { MissionDatabase } from '../domain/mission/mission-database';

export const MDB_USAGE = `usage: perigee mdb import <files…> [--apid N]… [--length-bytes N]… [--mission name]
                         [--spacecraft <parameter|id> --onboard-time <seconds[,subseconds]|arrival>] [--out file.json]

  files           XTCE (.xml), CCSDSPy packet CSV (.csv) or a Perigee mission database (.json)
  --apid N        APID of each CSV file, in the order the CSV files are given
  --length-bytes N  declared length of each CSV packet, in the same order (optional)
  --spacecraft    where packets with only a primary header carry the spacecraft id: a parameter
                  (subsystem.name) every such packet has, or one fixed id (a number)
  --onboard-time  their onboard time: a seconds parameter counted from the mission epoch, optionally
                  with a sub-second parameter (2^-bits s), or "arrival" for the gateway's arrival time
  --out file      write the validated mission database in Perigee's JSON format
`;

/** Thrown for a command line a user can fix. */
class UsageError extends MissionControlError {}

export interface DefinitionArgs {
  readonly files: readonly string[];
  readonly apids: readonly string[];
  readonly lengths: readonly string[];
  readonly mission?: string | undefined;
}

/** Reads and validates definition files; throws MissionDatabaseError (invalid) or a read error. */
export async function loadDefinitions({ files, apids, lengths, mission }: DefinitionArgs): Promise<MissionDatabase> {
  const csvCount = files.filter((f) => formatOf(f) === 'csv').length;
  if (apids.length !== csvCount) throw new UsageError(`${csvCount} CSV file(s) need ${csvCount} --apid value(s), got ${apids.length}`);
  if (lengths.length > 0 && lengths.length !== csvCount) throw new UsageError(`--length-bytes must be given for every CSV file or none`);
  const integer = (name: string, value: string, max: number) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0 || n > max) throw new UsageError(`${name} "${value}" must be an integer from 0 to ${max}`);
    return n;
  };
  let csvIndex = 0;
  const definitions: DefinitionFile[] = [];
  for (const file of files) {
    const text = await fs.readFile(file, 'utf8');
    if (formatOf(file) !== 'csv') {
      definitions.push({ file, text });
      continue;
    }
    const apid = integer('--apid', apids[csvIndex]!, 0x7fe);
    const lengthBytes = lengths.length > 0 ? integer('--length-bytes', lengths[csvIndex]!, 0x10006) : undefined;
    definitions.push({ file, text, apid, ...(lengthBytes === undefined ? {} : { lengthBytes }) });
    csvIndex++;
  }
  return importDefinitions(definitions, mission === undefined ? {} : { mission });
}

/**
 * The mission's `ccsdsPackets` from --spacecraft and --onboard-time (both or
 * neither), so a CSV set — which cannot say it — can run through the pipeline.
 */
export function withCcsdsIdentity(mdb: MissionDatabase, spacecraft: string | undefined, onboardTime: string | undefined): MissionDatabase {
  if (spacecraft === undefined && onboardTime === undefined) return mdb;
  if (spacecraft === undefined || onboardTime === undefined) throw new UsageError('--spacecraft and --onboard-time go together');
  const id = Number(spacecraft);
  const isId = /^\d+$/.test(spacecraft);
  if (isId && !(id >= 0 && id <= 0xffff)) throw new UsageError(`--spacecraft ${spacecraft}: a spacecraft id is from 0 to 65535`);
  const [seconds, subseconds, ...rest] = onboardTime.split(',');
  if (rest.length > 0 || seconds === '') throw new UsageError(`--onboard-time "${onboardTime}": expected seconds[,subseconds] or arrival`);
  const ccsdsPackets = {
    spacecraft: isId ? { source: 'fixed' as const, id } : { source: 'parameter' as const, parameter: spacecraft },
    onboardTime: onboardTime === 'arrival' ? { source: 'arrival' as const } : { source: 'parameter' as const, seconds: seconds!, ...(subseconds === undefined ? {} : { subseconds }) },
  };
  return MissionDatabase.fromFile({ ...mdb.file, ccsdsPackets }, { locate: (path) => (path[0] === 'ccsdsPackets' ? '--spacecraft/--onboard-time' : undefined) });
}

/** One line per subsystem and packet. */
export function summarize(mdb: MissionDatabase): string {
  const lines = [`${mdb.mission}: ${mdb.subsystems.length} subsystem(s), ${mdb.parameters.length} parameter(s), ${mdb.layouts.length} packet(s)`];
  for (const layout of mdb.layouts) {
    const selection = layout.selectors.map((s) => s.label).join(', ');
    const size = `${layout.variableLength ? '≥' : ''}${layout.totalBytes} bytes`;
    lines.push(`  ${layout.name.padEnd(20)} APID ${String(layout.apid).padEnd(5)} ${size.padEnd(11)} ${String(layout.fields.length).padStart(3)} fields${selection ? `  (${selection})` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Runs `perigee mdb …`; returns the exit code. */
export async function runMdb(args: readonly string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const [subcommand, ...rest] = args;
  if (subcommand !== 'import') {
    err.write(`perigee mdb: unknown subcommand "${subcommand ?? ''}"\n\n${MDB_USAGE}`);
    return 1;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: [...rest],
      allowPositionals: true,
      options: {
        apid: { type: 'string', multiple: true },
        'length-bytes': { type: 'string', multiple: true },
        out: { type: 'string' },
        mission: { type: 'string' },
        spacecraft: { type: 'string' },
        'onboard-time': { type: 'string' },
      },
    });
  } catch (error) {
    err.write(`perigee mdb import: ${(error as Error).message}\n\n${MDB_USAGE}`);
    return 1;
  }
  const { positionals: files, values } = parsed;
  if (files.length === 0) {
    err.write(`perigee mdb import: no definition files\n\n${MDB_USAGE}`);
    return 1;
  }
  let mdb: MissionDatabase;
  try {
    mdb = await loadDefinitions({ files, apids: values.apid ?? [], lengths: values['length-bytes'] ?? [], mission: values.mission });
    mdb = withCcsdsIdentity(mdb, values.spacecraft, values['onboard-time']);
  } catch (error) {
    if (!(error instanceof MissionControlError)) {
      err.write(`perigee mdb import: cannot read ${(error as Error).message}\n`);
      return 2;
    }
    err.write(`perigee mdb import: ${error.message}\n`);
    return 1;
  }
  out.write(summarize(mdb));
  if (values.out !== undefined) {
    await fs.writeFile(values.out, `${JSON.stringify(mdb.file, null, 2)}\n`);
    out.write(`wrote ${values.out}\n`);
  }
  return 0;
}

#!/usr/bin/env -S node --max-semi-space-size=64 --import tsx
/**
 * The `perigee` command.
 *
 *   perigee start              everything in one process, simulated fleet included; prints the URL
 *   perigee decode [file|-]    decode concatenated CCSDS packets to JSON lines
 *   perigee mdb import <files…> validate XTCE / CSV / JSON packet definitions, write Perigee's format
 *   perigee migrate            apply database migrations
 *   perigee users add <name> --role <role>   create a console account (password on stdin)
 *   perigee reprocess --from <ISO> --to <ISO> [--satellite <id>]   rebuild samples and aggregates from raw packets
 *   perigee worker|ingest|web  one role of a distributed deployment (needs KAFKA_BROKERS)
 *   perigee sim                the simulated fleet, sending to INGEST_HOST/INGEST_*_PORT
 *   perigee topology show|check|apply   the pipeline declared in server/topology.ts
 *   perigee contracts check|release     the compatibility gate of the event contracts
 *
 * Configuration comes from the environment (server/config.ts documents every variable);
 * every command runs on the mission database PERIGEE_MISSION_DB names, else the built-in one.
 */
import { loadConfig, type Config } from './config';
import { MissionControlError } from './errors';
import { createLogger, type Logger } from './log';
import { runDecode } from './commands/decode';
import { runMdb } from './commands/mdb';
import { openDatabase } from './commands/services';
import { openMissionDatabase } from './commands/mission-database';
import { startRole } from './commands/processes';
import { startSystem } from './commands/start';
import { runUsers } from './commands/users';
import { runTopology } from './commands/topology';
import { runContracts } from './commands/contracts';
import { runReprocess } from './commands/reprocess';

const USAGE = `usage: perigee <command>

  start              run everything with a simulated fleet and print the console URL
  decode [--mdb <definitions>]… [--apid N]… [file|-]
                     decode concatenated CCSDS space packets (default stdin) to JSON lines,
                     with the built-in or imported definitions
  mdb import <files…> [--apid N]… [--length-bytes N]… [--spacecraft <parameter|id>
             --onboard-time <seconds[,subseconds]|arrival>] [--out file.json]
                     validate packet definitions (XTCE .xml, CCSDSPy .csv, Perigee .json),
                     print a summary and write them in Perigee's format
  migrate            apply database migrations and exit
  users add <name> --role viewer|operator|admin
                     create a console account; the password is read from stdin
  reprocess --from <ISO-8601> --to <ISO-8601> [--satellite <id>]
                     rebuild samples and 1 s / 1 min aggregates of a range from the
                     stored raw packets with the current mission database
  worker             archive worker (needs KAFKA_BROKERS)
  ingest             ingest gateway (needs KAFKA_BROKERS)
  web                web console (needs KAFKA_BROKERS)
  sim                simulated fleet sending to the ingest gateway
  topology show [--format text|dot|json] | check | apply [--dry-run]
                     print, check or apply to KAFKA_BROKERS the declared topics and stages
  contracts check | release
                     compare the event contracts with the released set (exit 1 on a break), or record them
`;

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return command === undefined ? 1 : 0;
  }
  if (command === 'decode') return runDecode(() => openMissionDatabase(loadConfig()), args);
  if (command === 'mdb') return runMdb(args);
  if (command === 'contracts') return runContracts(args, { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) });
  const config = loadConfig();
  const log = createLogger({ level: config.logLevel });
  // Next.js reads NODE_ENV to pick its production or development runtime; set it before Next loads.
  (process.env as Record<string, string>).NODE_ENV ??= config.web.dev ? 'development' : 'production';
  switch (command) {
    case 'start': {
      const system = await startSystem(config, log);
      system.lifecycle.closeOnSignals();
      const { host, tcpPort, udpPort, eventsPort } = system.ingest;
      process.stdout.write(`Perigee ingest: tcp://${host}:${tcpPort} udp://${host}:${udpPort} events tcp://${host}:${eventsPort}\n`);
      process.stdout.write(`Perigee is running: ${system.url}\n`);
      return -1;
    }
    case 'migrate':
      return migrateOnly(config, log);
    case 'users':
      return runUsers(config, log, args);
    case 'topology':
      return runTopology(args, config.kafka, { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) });
    case 'reprocess':
      return runReprocess(config, log, args);
    case 'worker':
    case 'ingest':
    case 'web':
    case 'sim': {
      const lifecycle = await startRole(command, config, log);
      lifecycle.closeOnSignals();
      return -1;
    }
    default:
      process.stderr.write(`perigee: unknown command "${command}"\n\n${USAGE}`);
      return 1;
  }
}

async function migrateOnly(config: Config, log: Logger): Promise<number> {
  const db = await openDatabase(config, await openMissionDatabase(config), log);
  process.stdout.write(`database ready: ${db.description}\n`);
  await db.close();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    // -1: a long-running command; the process lives until a signal closes it.
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof MissionControlError) {
      process.stderr.write(`perigee: ${error.message}\n`);
      const cause = (error as Error & { cause?: unknown }).cause;
      if (cause instanceof Error && !error.message.includes(cause.message)) process.stderr.write(`  caused by: ${cause.message}\n`);
    } else {
      process.stderr.write(`perigee: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    process.exit(1);
  },
);

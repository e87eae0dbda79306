/**
 * The mission database file format (server/domain/mission/mission-database.json),
 * checked with zod when it is loaded. A parameter names its wire encoding,
 * calibration (raw → engineering), enumerated states and limits; a packet
 * lists its parameters in wire order, each at the next bit or at an explicit
 * bit offset; a subsystem names its raw topic and how the console shows it.
 * The XTCE and CSV importers (./import/) produce this same format.
 */
import { z } from 'zod';

export const RAW_TYPES = ['uint8', 'int8', 'uint16', 'int16', 'uint32', 'int32', 'float32', 'float64'] as const;
export type RawType = (typeof RAW_TYPES)[number];

export const ENCODING_KINDS = ['unsigned', 'signed', 'float', 'string', 'bytes'] as const;
export type EncodingKind = (typeof ENCODING_KINDS)[number];

/**
 * How a value sits on the wire. Bits are numbered from the most significant
 * bit of the first byte (CCSDS 133.0-B-2 §1.6). `byteOrder` applies to
 * whole-byte fields: 'big' (default), 'little', or the significance of each
 * wire byte in wire order, 0 = least significant (XTCE ByteOrderList), e.g.
 * [1, 0, 3, 2] for a 32-bit word sent as two little-endian halves.
 * `bits` omitted on a string or bytes field: it fills the rest of the packet.
 */
const encodingSchema = z
  .object({
    kind: z.enum(ENCODING_KINDS),
    bits: z.number().int().min(1).max(0x10000 * 8).optional(),
    byteOrder: z.union([z.enum(['big', 'little']), z.array(z.number().int().min(0).max(7)).min(2).max(8)]).optional(),
  })
  .strict();
export type EncodingDefinition = z.infer<typeof encodingSchema>;

const calibrationSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  /** eng = c0 + c1·raw + c2·raw² + … */
  z.object({ type: z.literal('polynomial'), coefficients: z.array(z.number()).min(1).max(8) }),
  /** Piecewise-linear interpolation between [raw, eng] points, raw strictly increasing. */
  z.object({ type: z.literal('table'), points: z.array(z.tuple([z.number(), z.number()])).min(2) }),
]);
export type Calibration = z.infer<typeof calibrationSchema>;

const limitsSchema = z
  .object({
    criticalLow: z.number().optional(),
    warningLow: z.number().optional(),
    warningHigh: z.number().optional(),
    criticalHigh: z.number().optional(),
  })
  .strict();
export type Limits = z.infer<typeof limitsSchema>;

export const parameterSchema = z
  .object({
    id: z.number().int().min(1).max(32767),
    name: z.string().regex(/^[a-z][a-z0-9_]*\.[a-z0-9_]+$/, 'expected subsystem.name in lower case'),
    subsystem: z.string().min(1),
    description: z.string(),
    unit: z.string(),
    /** Byte-aligned shorthand for an encoding; give this or `encoding`. */
    rawType: z.enum(RAW_TYPES).optional(),
    encoding: encodingSchema.optional(),
    /**
     * A fixed array of `arrayLength` elements of this encoding, each its own
     * parameter `name[i]` with id `id + i`; 'remaining' repeats the element to
     * the end of a variable-length packet (decoded, not archived as samples).
     */
    arrayLength: z.union([z.number().int().min(1).max(4096), z.literal('remaining')]).optional(),
    calibration: calibrationSchema,
    /** Enumerated states: raw value (as a decimal string) → state name. */
    states: z.record(z.string().regex(/^-?\d+$/), z.string().min(1)).optional(),
    /** Enumerated states over raw value ranges (inclusive), checked after `states`. */
    stateRanges: z.array(z.object({ min: z.number(), max: z.number(), state: z.string().min(1) }).strict()).optional(),
    limits: limitsSchema.optional(),
    /**
     * Physically possible engineering values. A value outside is a sensor or
     * decoding fault and is quarantined; limits, inside it, raise alarms.
     */
    validRange: z.object({ min: z.number(), max: z.number() }).strict().optional(),
    /** Free grouping used by views (e.g. the thermal zone a node sits in). */
    zone: z.string().optional(),
  })
  .strict();
export type ParameterDefinition = z.infer<typeof parameterSchema>;

/** A packet entry: a parameter at the next bit, a parameter at a bit offset from the packet start, or spare bits. */
const packetEntrySchema = z.union([
  z.string(),
  z.object({ name: z.string(), bitOffset: z.number().int().min(0).optional() }).strict(),
  z.object({ spare: z.number().int().min(1) }).strict(),
]);
export type PacketEntry = z.infer<typeof packetEntrySchema>;

export const PACKET_HEADERS = ['perigee', 'ccsds'] as const;
export type PacketHeaderKind = (typeof PACKET_HEADERS)[number];

export const packetSchema = z
  .object({
    name: z.string().min(1),
    apid: z.number().int().min(0).max(0x7fe), // 0x7FF is the CCSDS idle packet
    /**
     * 'perigee': primary header + Perigee secondary header (space-packet.ts), a
     * CRC at the end, layouts of one APID told apart by the definition version.
     * 'ccsds': only the 6-byte primary header is implied; layouts of one APID
     * are told apart by `select`, and bit offsets count from the packet start.
     */
    header: z.enum(PACKET_HEADERS).default('perigee'),
    version: z.number().int().min(1).max(255).default(1),
    subsystem: z.string().min(1),
    rateHz: z.number().positive().default(1),
    parameters: z.array(packetEntrySchema).min(1),
    /** Field values this layout requires, for APIDs that carry several layouts (e.g. a secondary-header packet id). */
    select: z.array(z.object({ parameter: z.string(), value: z.number().int() }).strict()).optional(),
    /** Declared packet length; fields must end inside it. */
    lengthBytes: z.number().int().min(7).max(0x10006).optional(),
  })
  .strict();
export type PacketDefinitionFile = z.infer<typeof packetSchema>;

const viewSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('plot'),
      title: z.string(),
      parameters: z.array(z.string()).min(1),
      /** A parameter whose non-zero value shades the time axis (e.g. eclipse). */
      shadeWhen: z.string().optional(),
    })
    .strict(),
  z.object({ kind: z.literal('values'), title: z.string(), parameters: z.array(z.string()).min(1) }).strict(),
  /** The spacecraft's body axes drawn from a quaternion, with the error to the commanded quaternion. */
  z
    .object({
      kind: z.literal('orientation'),
      title: z.string(),
      quaternion: z.tuple([z.string(), z.string(), z.string(), z.string()]),
      commanded: z.tuple([z.string(), z.string(), z.string(), z.string()]),
    })
    .strict(),
  /** Every parameter of the subsystem as a grid of cells, grouped by a parameter attribute. */
  z.object({ kind: z.literal('grid'), title: z.string(), groupBy: z.literal('zone') }).strict(),
]);
export type ViewDefinition = z.infer<typeof viewSchema>;

export const subsystemSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/),
    name: z.string(),
    /** Raw packet topic; absent for subsystems the ingest gateway does not route (e.g. imported for decoding only). */
    topic: z.string().optional(),
    views: z.array(viewSchema).default([]),
  })
  .strict();
export type SubsystemDefinition = z.infer<typeof subsystemSchema>;

/**
 * Where packets with only a CCSDS primary header (`header: 'ccsds'`) get what
 * Perigee's secondary header carries. The spacecraft: the raw value of a field
 * every such packet has (e.g. a secondary-header spacecraft id), or one fixed
 * id for a single-spacecraft mission. The onboard time: the engineering value
 * of a seconds field counted from `time.epoch`, plus an optional sub-second
 * field (raw count of 2^-bits s, CUC fine time); or, for a mission whose
 * packets carry no time, the gateway's arrival time, said explicitly
 * (`source: 'arrival'`), never assumed.
 */
const ccsdsPacketsSchema = z
  .object({
    spacecraft: z.discriminatedUnion('source', [
      z.object({ source: z.literal('parameter'), parameter: z.string() }).strict(),
      z.object({ source: z.literal('fixed'), id: z.number().int().min(0).max(0xffff) }).strict(),
    ]),
    onboardTime: z.discriminatedUnion('source', [
      z.object({ source: z.literal('parameter'), seconds: z.string(), subseconds: z.string().optional() }).strict(),
      z.object({ source: z.literal('arrival') }).strict(),
    ]),
  })
  .strict();
export type CcsdsPacketsDefinition = z.infer<typeof ccsdsPacketsSchema>;

export const missionDatabaseSchema = z
  .object({
    mission: z.string(),
    version: z.string().regex(/^\d+\.\d+\.\d+$/),
    /** Onboard time: CCSDS unsegmented time code (CUC, CCSDS 301.0-B-4 §3.2), implicit P-field. */
    time: z
      .object({
        code: z.literal('CUC'),
        coarseBytes: z.literal(4),
        fineBytes: z.literal(2),
        epoch: z.iso.datetime(),
      })
      .default({ code: 'CUC', coarseBytes: 4, fineBytes: 2, epoch: '1970-01-01T00:00:00Z' }),
    /** The enumerated parameter whose state is the spacecraft's mode (sample context, fleet overview); none when absent. */
    spacecraftMode: z.object({ parameter: z.string() }).strict().optional(),
    /** Required to run packets with only a primary header through the pipeline; decoding alone does without. */
    ccsdsPackets: ccsdsPacketsSchema.optional(),
    subsystems: z.array(subsystemSchema).min(1),
    parameters: z.array(parameterSchema).min(1),
    packets: z.array(packetSchema).min(1),
  })
  .strict();
export type MissionDatabaseFile = z.infer<typeof missionDatabaseSchema>;
/** The file as written (defaults not yet applied), e.g. by an importer. */
export type MissionDatabaseInput = z.input<typeof missionDatabaseSchema>;

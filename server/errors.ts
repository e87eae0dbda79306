/**
 * Perigee's error hierarchy. Every error is a MissionControlError carrying a
 * `retriable` flag and structured context, so retry loops read `retriable`
 * instead of guessing from messages, and programmer errors (TypeError,
 * RangeError ...) are never retried.
 */
export interface MissionControlErrorOptions {
  cause?: unknown;
  retriable?: boolean;
}

export class MissionControlError extends Error {
  readonly retriable: boolean;

  constructor(message: string, { cause, retriable = false }: MissionControlErrorOptions = {}) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = new.target.name;
    this.retriable = retriable;
  }
}

/** A configuration value is missing or invalid; names the variable. */
export class ConfigError extends MissionControlError {
  readonly variable: string;
  constructor(variable: string, message: string, options: MissionControlErrorOptions = {}) {
    super(`${variable}: ${message}`, options);
    this.variable = variable;
  }
}

/** The mission database file does not satisfy its schema or its own invariants. */
export class MissionDatabaseError extends MissionControlError {}

export const DECODE_ERROR_REASONS = [
  'truncated',
  'length-mismatch',
  'unsupported-version',
  'not-telemetry',
  'no-secondary-header',
  'unknown-apid',
  'unknown-definition-version',
  'crc-mismatch',
  'oversized',
] as const;
export type DecodeErrorReason = (typeof DECODE_ERROR_REASONS)[number];

/** Where a packet came from, when it came through the bus. */
export interface PacketOrigin {
  topic?: string;
  partition?: number;
  offset?: string;
}

/** A packet could not be decoded; `reason` is machine-readable, the message is for humans. */
export class DecodeError extends MissionControlError {
  readonly reason: DecodeErrorReason;
  readonly apid: number | undefined;
  readonly origin: PacketOrigin;

  constructor(
    reason: DecodeErrorReason,
    message: string,
    { apid, origin = {} }: { apid?: number; origin?: PacketOrigin } = {},
  ) {
    super(message);
    this.reason = reason;
    this.apid = apid;
    this.origin = origin;
  }
}

/** A topic name outside the declared topic map. */
export class UnknownTopicError extends MissionControlError {
  readonly topic: string;
  constructor(topic: string) {
    super(`unknown topic "${topic}"`);
    this.topic = topic;
  }
}

/** The database cannot be reached or refused the operation for a reason that may pass. */
export class StoreUnavailableError extends MissionControlError {
  constructor(message: string, options: MissionControlErrorOptions = {}) {
    super(message, { retriable: true, ...options });
  }
}

/** The database is reachable but not usable by Perigee (e.g. TimescaleDB missing). */
export class StoreSetupError extends MissionControlError {}

/** The message bus cannot be reached. */
export class BusUnavailableError extends MissionControlError {
  constructor(message: string, options: MissionControlErrorOptions = {}) {
    super(message, { retriable: true, ...options });
  }
}

/** A network port Perigee was told to listen on is taken or not permitted. */
export class PortUnavailableError extends MissionControlError {
  readonly port: number;
  constructor(port: number, variable: string, options: MissionControlErrorOptions = {}) {
    super(`port ${port} (${variable}) is already in use or not permitted; set ${variable} to a free port, or 0 to pick one`, options);
    this.port = port;
  }
}

/** No alarm has this id. */
export class AlarmNotFoundError extends MissionControlError {
  readonly alarmId: number;
  constructor(alarmId: number) {
    super(`alarm ${alarmId} does not exist`);
    this.alarmId = alarmId;
  }
}

/**
 * The alarm changed since the caller read it (another console acted, or the
 * stream raised or cleared it): the change was not made. Not retriable as is:
 * the caller must read the alarm again and decide anew, as the operator might.
 */
export class AlarmVersionConflictError extends MissionControlError {
  readonly alarmId: number;
  readonly expectedVersion: number;
  readonly actualVersion: number;
  constructor(alarmId: number, expectedVersion: number, actualVersion: number) {
    super(`alarm ${alarmId} was changed by someone else (version ${actualVersion}, expected ${expectedVersion}); reload it and try again`);
    this.alarmId = alarmId;
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }
}

/** A stored password hash is not one Perigee wrote (or its parameters are out of bounds): the account needs a new password. */
export class MalformedPasswordHashError extends MissionControlError {
  constructor() {
    super('stored password hash is not a recognised scrypt hash');
  }
}

/** A username or password does not meet the rules for a new account; the message says which rule. */
export class CredentialPolicyError extends MissionControlError {
  readonly field: 'username' | 'password' | 'role';
  constructor(field: 'username' | 'password' | 'role', message: string) {
    super(`${field}: ${message}`);
    this.field = field;
  }
}

/** An account with this username exists already. */
export class UserExistsError extends MissionControlError {
  readonly username: string;
  constructor(username: string) {
    super(`user "${username}" already exists`);
    this.username = username;
  }
}

/** No account has this username. */
export class UserNotFoundError extends MissionControlError {
  readonly username: string;
  constructor(username: string) {
    super(`user "${username}" does not exist`);
    this.username = username;
  }
}

/**
 * An admin asked for a change to their own account that would lock them
 * out (demoting or disabling themselves): another admin must make it.
 */
export class SelfLockoutError extends MissionControlError {
  constructor(what: string) {
    super(`you cannot ${what} your own account; ask another admin`);
  }
}

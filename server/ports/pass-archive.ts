/**
 * Passes as the archive saw them: AOS/LOS pairs from the stored
 * ground-station events, and what was received and raised during any pass
 * window (recorded or predicted).
 */

export interface PassFilter {
  readonly satelliteId?: number;
  readonly station?: string;
  /** Passes overlapping [from, to], epoch ms. */
  readonly fromMs: number;
  readonly toMs: number;
}

/** A pass reported by a ground station (AOS event, and the LOS event once it ended). */
export interface RecordedPass {
  readonly passId: string;
  readonly satelliteId: number;
  readonly station: string;
  readonly aosMs: number;
  /** null while the pass is under way (no LOS event yet). */
  readonly losMs: number | null;
  /** LOS predicted at AOS. */
  readonly predictedLosMs: number | null;
  /** From the LOS event; null before it. */
  readonly maxElevationDeg: number | null;
}

export interface PassWindow {
  readonly satelliteId: number;
  readonly station: string;
  readonly aosMs: number;
  readonly losMs: number;
}

export interface PassGap {
  readonly fromMs: number;
  readonly toMs: number;
}

/** What the archive holds for one pass window. */
export interface PassTelemetry {
  /** Raw packets received through the station during the pass. */
  readonly packets: number;
  readonly bytes: number;
  /** Stretches without a packet longer than the gap threshold (the pass's start and end included). */
  readonly gaps: readonly PassGap[];
  /** Alarms raised during the pass. */
  readonly alarmsRaised: number;
  readonly worstSeverity: 'warning' | 'critical' | null;
}

export interface PassArchive {
  listRecordedPasses(filter: PassFilter): Promise<RecordedPass[]>;
  /** One result per window, in order; a gap is a silence longer than `gapThresholdMs`. */
  passTelemetry(windows: readonly PassWindow[], gapThresholdMs: number): Promise<PassTelemetry[]>;
}

/**
 * S-band downlink budget of the demonstration fleet, used to give pass signal
 * reports an Eb/N0 that grows with elevation and shrinks with range:
 *
 *   Eb/N0 = EIRP + G/T − FSPL(range) − L_atm(elevation) − L_misc − k − 10·log10(Rb)
 *
 * with free-space path loss FSPL = 20·log10(4π·d·f/c) and an atmospheric loss
 * scaled by the air mass 1/sin(elevation) (ITU-R P.618 flat-Earth form, which
 * is adequate above 5°). Values are those of a typical 2 W smallsat
 * transmitter into a 7 m dish at 10 Mbit/s.
 *
 * @example
 *   downlinkEbN0Db(90, 550);  // ≈ 19.9 dB, overhead
 *   downlinkEbN0Db(5, 2300);  // ≈ 3.3 dB, near the horizon: below LOCK_THRESHOLD_DB
 */
const SPEED_OF_LIGHT_M_S = 299_792_458;
const BOLTZMANN_DBW_PER_K_HZ = -228.6;

export const DOWNLINK = {
  frequencyHz: 2.25e9,
  eirpDbw: 3,
  /** Station figure of merit, dB/K. */
  stationGOverTDbK: 15,
  bitRateBps: 10e6,
  /** Zenith attenuation of the atmosphere at S-band, dB. */
  zenithAtmosphericLossDb: 0.4,
  /** Pointing, polarisation and implementation losses, dB. */
  miscLossDb: 2,
} as const;

/** Eb/N0 the demodulator needs to hold lock (QPSK, rate-1/2 code, with margin), dB. */
export const LOCK_THRESHOLD_DB = 6;

export function freeSpacePathLossDb(rangeKm: number, frequencyHz: number = DOWNLINK.frequencyHz): number {
  return 20 * Math.log10((4 * Math.PI * rangeKm * 1000 * frequencyHz) / SPEED_OF_LIGHT_M_S);
}

export function downlinkEbN0Db(elevationDeg: number, rangeKm: number): number {
  const sinElevation = Math.max(Math.sin((Math.max(elevationDeg, 1) * Math.PI) / 180), 0.01);
  const atmosphericLossDb = DOWNLINK.zenithAtmosphericLossDb / sinElevation;
  return (
    DOWNLINK.eirpDbw +
    DOWNLINK.stationGOverTDbK -
    freeSpacePathLossDb(rangeKm) -
    atmosphericLossDb -
    DOWNLINK.miscLossDb -
    BOLTZMANN_DBW_PER_K_HZ -
    10 * Math.log10(DOWNLINK.bitRateBps)
  );
}

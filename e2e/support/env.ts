/** Where the system under test runs: set by e2e/global-setup.ts from what `perigee start` printed. */
export function baseUrl(): string {
  const url = process.env.PERIGEE_E2E_URL;
  if (!url) throw new Error('PERIGEE_E2E_URL is not set: run through playwright.config.ts (global setup starts Perigee)');
  return url;
}

/** host:port of the running system's ingest gateway (TCP stream). */
export function ingestAddress(): string {
  const address = process.env.PERIGEE_E2E_INGEST_TCP;
  if (!address) throw new Error('PERIGEE_E2E_INGEST_TCP is not set: perigee start printed no ingest line');
  return address;
}

/**
 * Starts Perigee the way a user does (`perigee start`, see
 * scripts/start-perigee.ts) with a throwaway data folder and free ports, and
 * hands its URL and ingest address to the specs through PERIGEE_E2E_URL and
 * PERIGEE_E2E_INGEST_TCP. Returns the teardown.
 */
import { startPerigee } from '../scripts/start-perigee';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const perigee = await startPerigee({ env: { WEB_NODE_ID: 'e2e' } });
  process.env.PERIGEE_E2E_URL = perigee.url;
  process.env.PERIGEE_E2E_INGEST_TCP = perigee.ingestTcp;
  return () => perigee.stop();
}

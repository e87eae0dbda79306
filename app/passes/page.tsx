import { PassesView } from '@/components/passes/PassesView';
import { getRuntime } from '@/server/runtime';

// Reads the running node's fleet and mission database: nothing to prerender at build time.
export const dynamic = 'force-dynamic';

export const metadata = { title: 'Passes · Perigee mission control' };

export default function PassesPage() {
  const { fleet, mdb } = getRuntime();
  return (
    <PassesView
      satellites={fleet.satellites.map((s) => ({ id: s.id, name: s.name }))}
      stations={fleet.groundStations.map((s) => ({ id: s.id, name: s.name }))}
      parameters={mdb.parameters.filter((p) => !p.states).map((p) => ({ id: p.id, name: p.name, unit: p.unit }))}
    />
  );
}

import { Suspense } from 'react';
import { AlarmsView } from '@/components/alarms/AlarmsView';

// Live alarms of the running node: nothing to prerender.
export const dynamic = 'force-dynamic';

export const metadata = { title: 'Alarms · Perigee mission control' };

export default function AlarmsPage() {
  // useSearchParams (filters in the URL) needs a Suspense boundary.
  return (
    <Suspense>
      <AlarmsView />
    </Suspense>
  );
}

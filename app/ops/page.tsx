import { OpsView } from '@/components/ops/OpsView';

// Live process state: nothing to prerender.
export const dynamic = 'force-dynamic';

export const metadata = { title: 'Ops · Perigee mission control' };

export default function OpsPage() {
  return <OpsView />;
}

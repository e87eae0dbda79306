import { forbidden } from 'next/navigation';
import { Suspense } from 'react';
import { AuditView } from '@/components/audit/AuditView';
import { can } from '@/server/auth/role';
import { pageUser } from '@/server/auth/page-user';

export const dynamic = 'force-dynamic';

export const metadata = { title: 'Audit · Perigee mission control' };

/** Operators and admins; everyone else gets 403 (app/forbidden.tsx), as GET /api/audit answers them. */
export default async function AuditPage() {
  const user = await pageUser();
  if (!user || !can(user.role, 'audit.read')) forbidden();
  return (
    <Suspense>
      <AuditView />
    </Suspense>
  );
}

import { Suspense } from 'react';
import { AuditView } from '@/components/audit/AuditView';
import { Forbidden } from '@/components/Forbidden';
import { can } from '@/server/auth/role';
import { pageUser } from '@/server/auth/page-user';

export const dynamic = 'force-dynamic';

export const metadata = { title: 'Audit · Perigee mission control' };

export default async function AuditPage() {
  const user = await pageUser();
  if (!user || !can(user.role, 'audit.read')) return <Forbidden what="The audit log" roles="operators and admins" />;
  return (
    <Suspense>
      <AuditView />
    </Suspense>
  );
}

import { forbidden } from 'next/navigation';
import { AdminView } from '@/components/admin/AdminView';
import { can } from '@/server/auth/role';
import { pageUser } from '@/server/auth/page-user';

export const dynamic = 'force-dynamic';

export const metadata = { title: 'Admin · Perigee mission control' };

/** Admins only; everyone else gets 403 (app/forbidden.tsx), as the admin API answers them. */
export default async function AdminPage() {
  const user = await pageUser();
  if (!user || !can(user.role, 'user.manage')) forbidden();
  return <AdminView self={user.username} />;
}

import { AdminView } from '@/components/admin/AdminView';
import { Forbidden } from '@/components/Forbidden';
import { can } from '@/server/auth/role';
import { pageUser } from '@/server/auth/page-user';

export const dynamic = 'force-dynamic';

export const metadata = { title: 'Admin · Perigee mission control' };

export default async function AdminPage() {
  const user = await pageUser();
  if (!user || !can(user.role, 'user.manage')) return <Forbidden what="Administration" roles="admins" />;
  return <AdminView self={user.username} />;
}

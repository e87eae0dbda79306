import { Forbidden } from '@/components/Forbidden';

/** Rendered with status 403 when a page calls forbidden() for a role it is not open to. */
export default function ForbiddenPage() {
  return <Forbidden />;
}

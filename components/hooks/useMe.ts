'use client';
/**
 * The signed-in user and what their role may do, for showing only the
 * actions the server would accept. The server checks every action again:
 * this only keeps buttons that would answer 403 off the page.
 */
import { useQuery } from '@tanstack/react-query';
import { can, type Action, type Role } from '@/server/auth/role';
import { queryKeys } from './queryKeys';

export interface Me {
  readonly user: { readonly username: string; readonly role: Role };
  readonly demo: boolean;
}

async function fetchMe(signal: AbortSignal): Promise<Me> {
  const response = await fetch('/api/auth/me', { signal, cache: 'no-store' });
  if (!response.ok) throw new Error(`not signed in (${response.status})`);
  return (await response.json()) as Me;
}

export function useMe(): { me: Me | undefined; may: (action: Action) => boolean } {
  const query = useQuery({ queryKey: queryKeys.me(), queryFn: ({ signal }) => fetchMe(signal), staleTime: 60_000 });
  const me = query.data;
  return { me, may: (action) => (me ? can(me.user.role, action) : false) };
}

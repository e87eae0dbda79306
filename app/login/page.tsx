import type { Metadata } from 'next';
import { LoginForm } from '@/components/LoginForm';
import { safeNextPath } from '@/server/realtime/page-gate';
import { getRuntime } from '@/server/runtime';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sign in · Perigee' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = (await searchParams).next;
  return <LoginForm nextPath={safeNextPath(typeof next === 'string' ? next : null)} demoLogin={getRuntime().demoLogin} />;
}

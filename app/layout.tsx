import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { Providers } from '@/components/Providers';
import { CriticalCue } from '@/components/alarms/CriticalCue';
import { NavAlarmSummary } from '@/components/alarms/NavAlarmSummary';
import { UserBadge } from '@/components/UserBadge';
import './globals.css';

export const metadata: Metadata = {
  title: 'Perigee mission control',
  description: 'Live attitude, thermal and power telemetry of the Perigee fleet',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-950 font-sans text-slate-200 antialiased">
        <Providers>
        <nav className="flex items-center gap-6 border-b border-slate-800 px-4 py-2">
          <Link href="/" className="font-semibold tracking-wide text-sky-300">
            PERIGEE
          </Link>
          <Link href="/" className="text-sm text-slate-400 hover:text-slate-200">
            Fleet
          </Link>
          <Link href="/passes" data-testid="nav-passes" className="text-sm text-slate-400 hover:text-slate-200">
            Passes
          </Link>
          <Link href="/alarms" data-testid="nav-alarms" className="text-sm text-slate-400 hover:text-slate-200">
            Alarms
          </Link>
          <NavAlarmSummary />
          <Link href="/ops" data-testid="nav-ops" className="text-sm text-slate-400 hover:text-slate-200">
            Ops
          </Link>
          <Link href="/audit" data-testid="nav-audit" className="text-sm text-slate-400 hover:text-slate-200">
            Audit
          </Link>
          <Link href="/admin" data-testid="nav-admin" className="text-sm text-slate-400 hover:text-slate-200">
            Admin
          </Link>
          <UserBadge />
        </nav>
        <main className="p-4">
          <CriticalCue />
          {children}
        </main>
        </Providers>
      </body>
    </html>
  );
}

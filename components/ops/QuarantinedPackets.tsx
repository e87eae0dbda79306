'use client';
/**
 * The newest quarantined messages, each expandable to a hex dump of its
 * first bytes, so an operator can see what a ground station actually sent.
 */
import type { QuarantinedMessage } from '@/server/ports/telemetry-store';
import { useQuarantineQuery } from '../hooks/useQuarantineQuery';
import { hexDumpRows } from './hex-dump';

const SHOWN = 20;

export function QuarantinedPackets() {
  const query = useQuarantineQuery(SHOWN);
  if (query.isError) return <p className="text-xs text-amber-300">quarantine unavailable: {query.error.message}</p>;
  const messages = query.data ?? [];
  if (messages.length === 0) {
    return (
      <p data-testid="ops-quarantined-packets" data-count={0} className="text-xs text-slate-500">
        {query.isPending ? 'loading…' : 'no quarantined messages stored'}
      </p>
    );
  }
  return (
    <ul data-testid="ops-quarantined-packets" data-count={messages.length} className="space-y-1">
      {messages.map((m) => (
        <QuarantinedPacket key={`${m.topic}-${m.partition}-${m.offset}-${m.receivedAtMs}`} message={m} />
      ))}
    </ul>
  );
}

function QuarantinedPacket({ message: m }: { message: QuarantinedMessage }) {
  const where = m.origin ?? m;
  const shownBytes = m.payloadHex.length / 2;
  return (
    <li data-testid="ops-quarantined-packet" data-reason={m.reason} data-stage={m.stage} className="rounded border border-slate-800 bg-slate-900/40 text-xs">
      <details>
        <summary className="flex cursor-pointer select-none flex-wrap items-baseline gap-x-3 px-2 py-1">
          <span className="font-mono tabular-nums text-slate-400">{new Date(m.receivedAtMs).toISOString().slice(11, 23)}Z</span>
          <span className="text-slate-400">{m.stage}</span>
          <span data-testid="ops-quarantined-reason" className="font-mono font-semibold text-amber-300">
            {m.reason}
          </span>
          <span className="text-slate-300">
            {m.satelliteId !== null ? `sat ${m.satelliteId}` : 'sat ?'} · {m.apid !== null ? `APID ${m.apid}` : 'APID ?'}
          </span>
          <span className="font-mono text-slate-500">
            {where.topic}[{where.partition}]@{where.offset}
          </span>
          <span className="text-slate-500">{m.payloadLength} bytes</span>
          <span className="basis-full truncate text-slate-500">{m.detail}</span>
        </summary>
        <pre data-testid="ops-hex-dump" className="overflow-x-auto border-t border-slate-800 px-2 py-1 font-mono text-[11px] leading-4 text-slate-300">
          {hexDumpRows(m.payloadHex).map((r) => (
            <div key={r.offset}>
              <span className="text-slate-500">{r.offset}</span>
              {'  '}
              <span>{r.hex.padEnd(48)}</span>
              {'  '}
              <span className="text-sky-300">|{r.ascii}|</span>
            </div>
          ))}
          {m.payloadLength > shownBytes && <div className="text-slate-500">… first {shownBytes} of {m.payloadLength} bytes</div>}
        </pre>
      </details>
    </li>
  );
}

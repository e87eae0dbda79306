'use client';
/**
 * The ops page: how the pipeline of the node serving the console keeps up —
 * each consumer group's lag with its trend, the state of each stage,
 * throughput, latency percentiles and what was quarantined, with the raw
 * bytes of recent refusals. Polls GET /api/ops every two seconds. Above it,
 * the ground segment's alarms (consumer lag beyond its thresholds) in the
 * same alarm strip as a satellite's, to acknowledge or shelve.
 */
import type { ReactNode } from 'react';
import { GROUND_SEGMENT_ID } from '@/server/domain/alarms/consumer-lag-rule';
import { AlarmStrip } from '../AlarmStrip';
import { useOpsQuery } from '../hooks/useOpsQuery';
import { GroupCard } from './GroupCard';
import { PipelineGraph } from './PipelineGraph';
import { LatencyTable } from './LatencyTable';
import { QuarantinedPackets } from './QuarantinedPackets';
import { QuarantineReasons } from './QuarantineReasons';
import { StateBadge } from './StateBadge';
import { ThroughputTable } from './ThroughputTable';

export function OpsView() {
  const query = useOpsQuery();
  const view = query.data;
  return (
    <div className="max-w-7xl space-y-4">
      <div className="flex items-baseline gap-4">
        <h1 className="text-xl font-semibold text-slate-100">Ops</h1>
        <span data-testid="ops-updated" data-at-ms={view?.snapshot.atMs} className="text-xs text-slate-400">
          {query.isError
            ? `ops unavailable: ${query.error.message}`
            : view
              ? `sampled ${new Date(view.snapshot.atMs).toISOString().slice(11, 19)}Z · lagging above ${view.snapshot.lagThresholdSeconds} s`
              : 'loading…'}
        </span>
      </div>
      <AlarmStrip satelliteId={GROUND_SEGMENT_ID} />
      {view && (
        <>
          <ul data-testid="ops-stages" className="flex flex-wrap gap-2">
            {view.snapshot.stages.map((s, i) => (
              <li key={`${s.stage}-${i}`} data-testid={`ops-stage-${s.stage}`} className="flex items-center gap-2 rounded border border-slate-800 bg-slate-900/40 px-2 py-1 text-xs">
                <span className="capitalize text-slate-300">{s.stage}</span>
                <StateBadge state={s.state} />
                <span className="text-slate-500">{s.detail}</span>
              </li>
            ))}
          </ul>
          <div data-testid="ops-groups" className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
            {view.snapshot.groups.map((g) => (
              <GroupCard key={g.group} group={g} lagHistory={view.history.groups[g.group]?.lagMessages ?? []} />
            ))}
          </div>
          <div className="grid gap-4 lg:grid-cols-2">
            <Panel title="Throughput">
              <ThroughputTable rows={view.snapshot.throughput} />
            </Panel>
            <div className="space-y-4">
              <Panel title="Latency since start">
                <LatencyTable rows={view.snapshot.latency} />
              </Panel>
              <Panel title="Quarantine reasons">
                <QuarantineReasons counts={view.snapshot.quarantine} />
              </Panel>
            </div>
          </div>
        </>
      )}
      <Panel title="Pipeline (server/topology.ts)">
        <div className="overflow-x-auto">
          <PipelineGraph groups={view?.snapshot.groups ?? []} />
        </div>
      </Panel>
      <Panel title="Recent quarantined messages">
        <QuarantinedPackets />
      </Panel>
    </div>
  );
}

function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-800 bg-slate-900/20 p-3">
      <h2 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-300">{title}</h2>
      {children}
    </section>
  );
}

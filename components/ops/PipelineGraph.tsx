'use client';
/**
 * The pipeline as declared in server/topology.ts, drawn left to right in the
 * order data flows: stages (boxes, coloured by their consumer group's state
 * on this node) and topics (rounded, with their partition count), with an
 * arrow for every read and write.
 */
import { useMemo } from 'react';
import type { GroupOps } from '@/server/observability/ops-snapshot';
import { TOPOLOGY, topologyLayers, type StageSpec } from '@/server/topology';

const COLUMN_PX = 190;
const ROW_PX = 44;
const NODE_W = 160;
const NODE_H = 30;
const STATE_FILL = { up: '#065f46', lagging: '#b45309', paused: '#b91c1c', idle: '#334155' } as const;

function groupOf(stage: StageSpec, groups: readonly GroupOps[]): GroupOps | undefined {
  if (stage.group === null) return undefined;
  const prefix = stage.group.replace('<node>', '');
  return groups.find((g) => (stage.group!.includes('<node>') ? g.group.startsWith(prefix) : g.group === stage.group));
}

export function PipelineGraph({ groups = [] }: { groups?: readonly GroupOps[] }) {
  const layout = useMemo(() => {
    const nodes = topologyLayers(TOPOLOGY);
    const rows = new Map<number, number>();
    const placed = new Map<string, { x: number; y: number; kind: 'stage' | 'topic'; id: string }>();
    for (const n of [...nodes].sort((a, b) => a.layer - b.layer || Number(a.kind === 'topic') - Number(b.kind === 'topic'))) {
      const row = rows.get(n.layer) ?? 0;
      rows.set(n.layer, row + 1);
      placed.set(`${n.kind}:${n.id}`, { x: 10 + n.layer * COLUMN_PX, y: 10 + row * ROW_PX, kind: n.kind, id: n.id });
    }
    const edges: { from: string; to: string }[] = [];
    for (const s of TOPOLOGY.stages) {
      for (const t of s.consumes) edges.push({ from: `topic:${t}`, to: `stage:${s.id}` });
      for (const t of s.produces) edges.push({ from: `stage:${s.id}`, to: `topic:${t}` });
    }
    const width = 20 + Math.max(...nodes.map((n) => n.layer)) * COLUMN_PX + NODE_W;
    const height = 20 + Math.max(...rows.values()) * ROW_PX;
    return { placed, edges, width, height };
  }, []);

  return (
    <svg data-testid="pipeline-graph" width={layout.width} height={layout.height} viewBox={`0 0 ${layout.width} ${layout.height}`} role="img" aria-label="Perigee pipeline" className="max-w-full">
      <defs>
        <marker id="pipeline-arrow" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="6" markerHeight="6" orient="auto">
          <path d="M0,0 L8,4 L0,8 z" fill="#64748b" />
        </marker>
      </defs>
      {layout.edges.map(({ from, to }) => {
        const a = layout.placed.get(from)!;
        const b = layout.placed.get(to)!;
        const x1 = a.x + NODE_W;
        const y1 = a.y + NODE_H / 2;
        const x2 = b.x;
        const y2 = b.y + NODE_H / 2;
        const bend = Math.max(30, (x2 - x1) / 2);
        return <path key={`${from}>${to}`} d={`M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`} fill="none" stroke="#475569" strokeWidth={1} markerEnd="url(#pipeline-arrow)" />;
      })}
      {[...layout.placed.entries()].map(([key, n]) => {
        if (n.kind === 'topic') {
          const spec = TOPOLOGY.topics.find((t) => t.name === n.id)!;
          return (
            <g key={key} data-testid={`pipeline-topic-${n.id}`}>
              <title>{`${spec.name}: ${spec.carries}; ${spec.partitions} partitions, key ${spec.key}`}</title>
              <rect x={n.x} y={n.y} width={NODE_W} height={NODE_H} rx={15} fill="#0f172a" stroke="#334155" />
              <text x={n.x + NODE_W / 2} y={n.y + 13} textAnchor="middle" fontSize={10} fill="#cbd5e1">
                {spec.name}
              </text>
              <text x={n.x + NODE_W / 2} y={n.y + 25} textAnchor="middle" fontSize={9} fill="#64748b">
                {spec.partitions} partitions
              </text>
            </g>
          );
        }
        const spec = TOPOLOGY.stages.find((s) => s.id === n.id)!;
        const group = groupOf(spec, groups);
        return (
          <g key={key} data-testid={`pipeline-stage-${n.id}`} data-state={group?.state ?? 'none'}>
            <title>{`${spec.id} (perigee ${spec.process}${spec.group ? `, group ${group?.group ?? spec.group}` : ''}): ${spec.description}`}</title>
            <rect x={n.x} y={n.y} width={NODE_W} height={NODE_H} rx={3} fill={group ? STATE_FILL[group.state] : '#1e293b'} stroke="#475569" />
            <text x={n.x + NODE_W / 2} y={n.y + 13} textAnchor="middle" fontSize={11} fontWeight={600} fill="#f1f5f9">
              {spec.id}
            </text>
            <text x={n.x + NODE_W / 2} y={n.y + 25} textAnchor="middle" fontSize={9} fill="#cbd5e1">
              {group ? `${group.state} · lag ${group.lagMessages}` : `perigee ${spec.process}`}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

'use client';
/**
 * The time conductor's controls: LIVE ↔ HISTORY in one click, the fixed
 * window, a scrub bar over it marking where the archive has no data, the
 * cursor's time, pause/step and replay at 1×, 10× and 60×.
 *
 * Keys (outside form fields): l switches LIVE ↔ HISTORY; in HISTORY, space
 * plays or pauses and ← → step.
 */
import { useEffect, useState } from 'react';
import { PLAYBACK_SPEEDS, type FixedState } from './conductor';
import { useTimeConductor } from './TimeConductor';
import type { AlarmMarker } from './alarm-replay';
import { formatUtc } from '../format-utc';

export interface ConductorBarProps {
  /** Browser time of this render, epoch ms; null before the clock has started. */
  readonly nowMs: number | null;
  /** Where the cursor is now; null in LIVE mode. */
  readonly cursorMs: number | null;
  /** The window HISTORY opens from LIVE: the live chart's span, ending now. */
  readonly liveSpanMs: number;
  /** Stretches of the fixed window without data, epoch ms. */
  readonly gaps?: readonly (readonly [number, number])[];
  /** Alarms raised inside the fixed window: marks on the scrub bar that move the cursor there. */
  readonly markers?: readonly AlarmMarker[];
  /** Archive state of the fixed window, shown beside the controls. */
  readonly status?: string;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `2026-11-25 12:00:05.250 UTC`: the conductor's instants, to the millisecond where asked. */
export const formatConductorTime = (ms: number, millis = false) => formatUtc(ms, { millis, zone: ' UTC' });

function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h} h ${pad(m)} min` : m > 0 ? `${m} min ${pad(s % 60)} s` : `${s} s`;
}

const BUTTON = 'rounded bg-slate-800 px-2 py-0.5 hover:bg-slate-700 disabled:opacity-40';

export function ConductorBar({ nowMs, cursorMs, liveSpanMs, gaps = [], markers = [], status }: ConductorBarProps) {
  const conductor = useTimeConductor();
  const { state } = conductor;
  const fixed = state.mode === 'fixed' ? state : null;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
      // Space on a focused button presses it; the button does what it says.
      if (event.key === ' ' && target?.tagName === 'BUTTON') return;
      if (event.key === 'l') {
        if (fixed) conductor.goLive();
        else if (nowMs !== null) conductor.showWindow(nowMs - liveSpanMs, nowMs, nowMs);
      } else if (fixed && event.key === ' ') {
        if (fixed.playing) conductor.pause();
        else conductor.play(fixed.speed);
      } else if (fixed && (event.key === 'ArrowLeft' || event.key === 'ArrowRight')) {
        conductor.step(event.key === 'ArrowRight' ? 1 : -1);
      } else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [conductor, fixed, nowMs, liveSpanMs]);

  return (
    <div data-testid="conductor" data-mode={state.mode} className="flex flex-wrap items-center gap-2 rounded-lg border border-slate-800 bg-slate-900/60 px-3 py-2 text-xs text-slate-300">
      <span className="flex overflow-hidden rounded" role="group" aria-label="time mode" title="key l">
        <button
          type="button"
          data-testid="conductor-live"
          aria-pressed={!fixed}
          onClick={() => conductor.goLive()}
          className={`px-2 py-0.5 ${!fixed ? 'bg-emerald-700 text-emerald-50' : 'bg-slate-800 hover:bg-slate-700'}`}
        >
          LIVE
        </button>
        <button
          type="button"
          data-testid="conductor-history"
          aria-pressed={Boolean(fixed)}
          disabled={nowMs === null}
          onClick={() => !fixed && nowMs !== null && conductor.showWindow(nowMs - liveSpanMs, nowMs, nowMs)}
          className={`px-2 py-0.5 ${fixed ? 'bg-sky-800 text-sky-50' : 'bg-slate-800 hover:bg-slate-700'}`}
        >
          HISTORY
        </button>
      </span>
      {fixed && cursorMs !== null ? (
        <FixedControls fixed={fixed} cursorMs={cursorMs} nowMs={nowMs} gaps={gaps} markers={markers} status={status} />
      ) : (
        <span className="text-slate-500">following live telemetry · HISTORY (key l) freezes the last {formatDuration(liveSpanMs)} to scrub and replay</span>
      )}
    </div>
  );
}

interface FixedControlsProps {
  readonly fixed: FixedState;
  readonly cursorMs: number;
  readonly nowMs: number | null;
  readonly gaps: readonly (readonly [number, number])[];
  readonly markers: readonly AlarmMarker[];
  readonly status?: string;
}

function FixedControls({ fixed, cursorMs, nowMs, gaps, markers, status }: FixedControlsProps) {
  const conductor = useTimeConductor();
  const span = fixed.toMs - fixed.fromMs;
  const percent = (t: number) => `${(((t - fixed.fromMs) / span) * 100).toFixed(3)}%`;
  return (
    <>
      <WindowInputs fixed={fixed} />
      <span className="flex items-center gap-1" role="group" aria-label="playback">
        <button type="button" data-testid="conductor-step-back" title="step back (←)" onClick={() => conductor.step(-1)} className={BUTTON}>
          ◀︎
        </button>
        {fixed.playing ? (
          <button type="button" data-testid="conductor-pause" title="pause (space)" onClick={() => conductor.pause()} className={BUTTON}>
            ❚❚
          </button>
        ) : null}
        {PLAYBACK_SPEEDS.map((speed) => (
          <button
            key={speed}
            type="button"
            data-testid={`conductor-play-${speed}`}
            aria-pressed={fixed.playing && fixed.speed === speed}
            title={`replay at ${speed}× (space plays or pauses)`}
            onClick={() => conductor.play(speed)}
            className={`${BUTTON} ${fixed.playing && fixed.speed === speed ? 'bg-sky-700 text-sky-50' : ''}`}
          >
            ▶︎ {speed}×
          </button>
        ))}
        <button type="button" data-testid="conductor-step-forward" title="step forward (→)" onClick={() => conductor.step(1)} className={BUTTON}>
          ▶︎|
        </button>
      </span>
      <span data-testid="conductor-cursor" data-cursor-ms={Math.round(cursorMs)} data-now-ms={nowMs ?? undefined} data-playing={fixed.playing} data-speed={fixed.speed} className="font-mono text-slate-100 tabular-nums">
        {formatConductorTime(cursorMs, true)}
      </span>
      {status && <span data-testid="conductor-status" className="text-slate-500">{status}</span>}
      <div className="relative h-7 w-full">
        {/* The pass timeline: grey where the archive holds data, red where it has none. */}
        <div className="absolute inset-x-0 top-2 h-1.5 rounded bg-slate-600" />
        {gaps.map(([a, b]) => (
          <div
            key={`${a}-${b}`}
            data-testid="conductor-gap"
            title={`no data ${formatConductorTime(a)} – ${formatConductorTime(b)}`}
            className="absolute top-2 h-1.5 bg-red-500/70"
            style={{ left: percent(a), width: `max(2px, calc(${percent(b)} - ${percent(a)}))` }}
          />
        ))}
        <input
          type="range"
          data-testid="conductor-scrub"
          aria-label="history cursor"
          min={fixed.fromMs}
          max={fixed.toMs}
          step={Math.max(1, Math.round(span / 2000))}
          value={Math.round(cursorMs)}
          onChange={(e) => conductor.seek(Number(e.target.value))}
          className="absolute inset-x-0 top-0 h-5 w-full cursor-pointer appearance-none bg-transparent accent-sky-400"
        />
        {markers.map((m) => (
          <button
            key={`${m.atMs}-${m.label}`}
            type="button"
            data-testid="conductor-alarm-marker"
            data-at-ms={m.atMs}
            data-severity={m.severity}
            title={`${formatConductorTime(m.atMs)} ${m.label}`}
            onClick={() => conductor.seek(m.atMs)}
            className={`absolute top-5 h-2 w-1.5 -translate-x-1/2 rounded-sm ${m.severity === 'critical' ? 'bg-red-500' : 'bg-amber-400'}`}
            style={{ left: percent(m.atMs) }}
          />
        ))}
      </div>
    </>
  );
}

const toInput = (ms: number) => new Date(ms).toISOString().slice(0, 19);
const fromInput = (text: string) => Date.parse(`${text}Z`);

/** From and to of the fixed window, in UTC, applied together. */
function WindowInputs({ fixed }: { fixed: FixedState }) {
  const conductor = useTimeConductor();
  const [from, setFrom] = useState(toInput(fixed.fromMs));
  const [to, setTo] = useState(toInput(fixed.toMs));
  useEffect(() => {
    setFrom(toInput(fixed.fromMs));
    setTo(toInput(fixed.toMs));
  }, [fixed.fromMs, fixed.toMs]);
  const fromMs = fromInput(from);
  const toMs = fromInput(to);
  const valid = Number.isFinite(fromMs) && Number.isFinite(toMs) && fromMs < toMs && toMs - fromMs <= 31 * 86_400_000;
  return (
    <form
      className="flex items-center gap-1"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) conductor.showWindow(fromMs, toMs);
      }}
    >
      <input data-testid="conductor-from" type="datetime-local" step={1} value={from} onChange={(e) => setFrom(e.target.value)} className="rounded bg-slate-800 px-1 text-slate-200" />
      <span>–</span>
      <input data-testid="conductor-to" type="datetime-local" step={1} value={to} onChange={(e) => setTo(e.target.value)} className="rounded bg-slate-800 px-1 text-slate-200" />
      <span className="text-slate-500">UTC · {formatDuration(fixed.toMs - fixed.fromMs)}</span>
      <button type="submit" disabled={!valid || (fromMs === fixed.fromMs && toMs === fixed.toMs)} className={BUTTON} title={valid ? 'show this window' : 'from must be before to, at most 31 days apart'}>
        show
      </button>
    </form>
  );
}

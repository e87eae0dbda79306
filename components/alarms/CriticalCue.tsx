'use client';
/**
 * Audible and visual cue for new critical alarms on every console page: a
 * short two-tone beep (WebAudio, no sound file) and a flashing banner naming
 * them until dismissed. Never for alarms already there when the page loaded
 * (critical-cue.ts). The sound can be muted; the choice is kept in
 * localStorage, so it survives reloads. Polls GET /api/alarms every two seconds.
 */
import { useEffect, useRef, useState } from 'react';
import type { AlarmRecord } from '@/server/ports/telemetry-store';
import { useFleetAlarms } from './useFleetAlarms';
import { newCriticalAlarms, SOUND_SETTING_KEY } from './critical-cue';


function beep(context: AudioContext): void {
  const start = context.currentTime;
  for (const [offset, hz] of [
    [0, 880],
    [0.18, 660],
  ] as const) {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = hz;
    gain.gain.setValueAtTime(0.15, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.001, start + offset + 0.16);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(start + offset);
    oscillator.stop(start + offset + 0.16);
  }
}

export function CriticalCue() {
  const [muted, setMuted] = useState(false);
  const [fresh, setFresh] = useState<AlarmRecord[]>([]);
  const seen = useRef<ReadonlySet<number> | null>(null);
  const audio = useRef<AudioContext | null>(null);
  const query = useFleetAlarms();

  useEffect(() => setMuted(window.localStorage.getItem(SOUND_SETTING_KEY) === 'muted'), []);

  useEffect(() => {
    if (!query.data) return;
    const result = newCriticalAlarms(seen.current, query.data);
    seen.current = result.seen;
    if (result.fresh.length === 0) return;
    setFresh((shown) => [...result.fresh, ...shown.filter((s) => !result.fresh.some((f) => f.id === s.id))].slice(0, 5));
    if (window.localStorage.getItem(SOUND_SETTING_KEY) === 'muted') return;
    try {
      audio.current ??= new AudioContext();
      void audio.current.resume().then(() => beep(audio.current!));
    } catch {
      // No audio device, or the browser refuses sound before any click: the banner still flashes.
    }
  }, [query.data]);

  const toggle = () => {
    const next = !muted;
    window.localStorage.setItem(SOUND_SETTING_KEY, next ? 'muted' : 'on');
    setMuted(next);
  };

  if (query.isError) return null;
  return (
    <>
      <button
        type="button"
        data-testid="alarm-sound"
        data-muted={muted}
        onClick={toggle}
        title={muted ? 'new critical alarms are silent: click to hear them' : 'new critical alarms beep: click to mute'}
        className="fixed bottom-3 right-3 z-40 rounded border border-slate-700 bg-slate-900/90 px-2 py-1 text-xs text-slate-300 hover:text-slate-100"
      >
        {muted ? 'alarm sound off' : 'alarm sound on'}
      </button>
      {fresh.length > 0 && (
        <div role="alert" data-testid="critical-cue" data-count={fresh.length} className="mb-3 flex animate-pulse flex-wrap items-center gap-3 rounded-lg border border-red-600 bg-red-900/70 px-3 py-2 text-sm text-red-50">
          <span className="font-bold uppercase tracking-wide">New critical alarm{fresh.length > 1 ? 's' : ''}</span>
          {fresh.map((r) => (
            <a key={r.id} href={`/alarms?alarm=${r.id}`} className="underline">
              {r.alarm.key.satelliteId} · {r.alarm.key.subject}
            </a>
          ))}
          <button type="button" data-testid="critical-cue-dismiss" onClick={() => setFresh([])} className="ml-auto rounded border border-red-300 px-2 text-xs">
            dismiss
          </button>
        </div>
      )}
    </>
  );
}

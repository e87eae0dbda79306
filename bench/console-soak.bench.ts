/**
 * Console soak: keeps a satellite console open in Chromium against a running
 * Perigee (`perigee start` with a simulated fleet) and samples, once every
 * `--sample` seconds, the page's JS heap and how smoothly it animates:
 * requestAnimationFrame rate, frame-interval percentiles and long tasks
 * (main-thread work over 50 ms). Prints one line per sample and a summary
 * with the heap's growth per hour over the second half of the run (the first
 * half includes filling the bounded live buffers).
 *
 *   npm run bench:console -- --minutes 10 --satellites 20
 *
 * `--mission <file>` runs Perigee on that mission database instead of the
 * built-in one (PERIGEE_MISSION_DB), its fleet simulated from the
 * definitions; the AURORA example gives 4 panels × 10 series at 10 Hz:
 *
 *   npm run bench:console -- --mission server/domain/mission/fixtures/aurora.xtce.xml --minutes 60 --satellites 1
 */
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { startPerigee } from '../scripts/start-perigee';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium';

const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '5' },
    sample: { type: 'string', default: '15' },
    satellites: { type: 'string', default: '3' },
    satellite: { type: 'string', default: '101' },
    mission: { type: 'string' },
  },
});
const minutes = Number(args.minutes);
const sampleSeconds = Number(args.sample);


/** Counts every animation frame's interval and every long task from now on. */
const INSTALL_PROBES = `(() => {
  window.__soak = { frames: [], longTasks: 0 };
  let last = performance.now();
  const tick = (t) => { window.__soak.frames.push(t - last); last = t; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  new PerformanceObserver((list) => { window.__soak.longTasks += list.getEntries().length; }).observe({ entryTypes: ['longtask'] });
})()`;

/** Reads and resets the probes; heap from Chromium's performance.memory (precise with --enable-precise-memory-info). */
const READ_PROBES = `(() => {
  const frames = window.__soak.frames.splice(0).sort((a, b) => a - b);
  const longTasks = window.__soak.longTasks;
  window.__soak.longTasks = 0;
  const at = (p) => frames[Math.min(frames.length - 1, Math.floor((p / 100) * frames.length))] ?? NaN;
  const total = frames.reduce((a, b) => a + b, 0);
  const live = [...document.querySelectorAll('[data-live-count]')].reduce((n, e) => n + Number(e.getAttribute('data-live-count')), 0);
  const points = [...document.querySelectorAll('[data-point-count]')].reduce((n, e) => n + Number(e.getAttribute('data-point-count')), 0);
  return { heapMb: performance.memory.usedJSHeapSize / 1048576, fps: (frames.length / total) * 1000, p50: at(50), p95: at(95), p99: at(99), longTasks, live, points };
})()`;

interface Sample {
  atS: number;
  heapMb: number;
  fps: number;
  p50FrameMs: number;
  p95FrameMs: number;
  p99FrameMs: number;
  longTasks: number;
  liveFrames: number;
  chartPoints: number;
}

const perigee = await startPerigee({ env: { SIM_SATELLITES: args.satellites, ...(args.mission === undefined ? {} : { PERIGEE_MISSION_DB: args.mission }) } });
// Precise heap figures need this flag; the rest is how every browser here runs.
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'] });
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  // With the built-in mission, select eight thermal nodes too, so every panel draws several live series.
  const nodes = Array.from({ length: 8 }, (_, i) => `thermal.node_${String(i * 25).padStart(3, '0')}`).join(',');
  await page.goto(`${perigee.url}/satellites/${args.satellite}${args.mission === undefined ? `?nodes=${nodes}` : ''}`);
  // Every panel live before measuring.
  const allLive = `(() => { const panels = [...document.querySelectorAll('[data-testid^=panel-][data-live-count]')]; return panels.length > 0 && panels.every((p) => Number(p.getAttribute('data-live-count')) > 10); })()`;
  await page.waitForFunction(allLive, null, { timeout: 60_000 });
  // Scripts go to the page as text: the TypeScript loader would wrap inline functions in helpers the page lacks.
  await page.evaluate(INSTALL_PROBES);
  const series = (await page.evaluate(`document.querySelectorAll('[data-point-count]').length`)) as number;
  const panels = (await page.evaluate(`document.querySelectorAll('[data-testid^=panel-][data-live-count]').length`)) as number;
  const mission = args.mission === undefined ? 'built-in mission database' : `mission database ${args.mission}`;
  console.log(`console soak: ${perigee.url}/satellites/${args.satellite}, ${mission}, ${args.satellites} simulated satellites, ${panels} panels, ${series} charts, ${minutes} min`);
  console.log('   t s   heap MB    fps   frame p50/p95/p99 ms   long tasks   live frames   chart points');
  const samples: Sample[] = [];
  const started = Date.now();
  while (Date.now() - started < minutes * 60_000) {
    await page.waitForTimeout(sampleSeconds * 1000);
    const s = (await page.evaluate(READ_PROBES)) as {
      heapMb: number;
      fps: number;
      p50: number;
      p95: number;
      p99: number;
      longTasks: number;
      live: number;
      points: number;
    };
    const sample: Sample = {
      atS: Math.round((Date.now() - started) / 1000),
      heapMb: s.heapMb,
      fps: s.fps,
      p50FrameMs: s.p50,
      p95FrameMs: s.p95,
      p99FrameMs: s.p99,
      longTasks: s.longTasks,
      liveFrames: s.live,
      chartPoints: s.points,
    };
    samples.push(sample);
    console.log(
      `${String(sample.atS).padStart(6)} ${sample.heapMb.toFixed(1).padStart(9)} ${sample.fps.toFixed(1).padStart(6)}   ${[sample.p50FrameMs, sample.p95FrameMs, sample.p99FrameMs].map((v) => v.toFixed(1)).join(' / ').padStart(20)} ${String(sample.longTasks).padStart(12)} ${String(sample.liveFrames).padStart(13)} ${String(sample.chartPoints).padStart(14)}`,
    );
  }
  const second = samples.slice(Math.floor(samples.length / 2));
  const first = second[0]!;
  const last = second.at(-1)!;
  const hours = (last.atS - first.atS) / 3600;
  const growthPerHour = hours > 0 ? (last.heapMb - first.heapMb) / hours : NaN;
  const fps = samples.map((s) => s.fps).sort((a, b) => a - b);
  console.log(
    `summary: heap ${samples[0]!.heapMb.toFixed(1)} → ${last.heapMb.toFixed(1)} MB, second-half growth ${growthPerHour.toFixed(1)} MB/h; ` +
      `fps min ${fps[0]!.toFixed(1)} median ${fps[Math.floor(fps.length / 2)]!.toFixed(1)}; worst frame p99 ${Math.max(...samples.map((s) => s.p99FrameMs)).toFixed(1)} ms; ` +
      `long tasks ${samples.reduce((n, s) => n + s.longTasks, 0)}`,
  );
} finally {
  await browser.close();
  await perigee.stop();
}

// Scans per minute over the event's whole window, drawn by uPlot: times on the venue's clock
// (the event's zone), admissions in green over all attempts. The plot is made once per window
// and fed new data on every stats push; it follows its box's width.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Timeline } from '../../shared/protocol/stats.ts';
import { formatClock } from './zoned-time.ts';

const HEIGHT = 220;

/** Every bucket of the window (empty ones as 0), in scans per minute. */
export function chartData(t: Timeline): uPlot.AlignedData {
  const step = t.bucket_minutes * 60;
  const from = Date.parse(t.from) / 1000;
  const to = Date.parse(t.to) / 1000;
  const byAt = new Map(t.points.map((p) => [Date.parse(p.at) / 1000, p]));
  const firstAt = t.points.length ? Math.min(from, Date.parse(t.points[0].at) / 1000) : from;
  const xs: number[] = [];
  const all: number[] = [];
  const ok: number[] = [];
  for (let x = firstAt; x < to; x += step) {
    const p = byAt.get(x);
    xs.push(x);
    all.push((p?.scans ?? 0) / t.bucket_minutes);
    ok.push((p?.accepted ?? 0) / t.bucket_minutes);
  }
  return [xs, all, ok];
}

const cssVar = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';

export function ScanChart({ timeline, zone }: { timeline: Timeline; zone: string }) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const windowKey = `${timeline.from}|${timeline.to}|${timeline.bucket_minutes}|${zone}`;

  // One plot per window; removed when the window (or the page) goes.
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const muted = cssVar('--muted');
    const line = cssVar('--line');
    const axis = (label: string): uPlot.Axis => ({
      label,
      stroke: muted,
      grid: { stroke: line, width: 1 },
      ticks: { stroke: line, width: 1 },
      font: '13px system-ui, sans-serif',
      labelFont: '600 13px system-ui, sans-serif',
    });
    const bars = uPlot.paths.bars?.({ size: [0.9, 40], align: 1 });
    const perMin = timeline.bucket_minutes === 1 ? 'scans / min' : `scans / min (${timeline.bucket_minutes}-min average)`;
    plot.current = new uPlot(
      {
        width: Math.max(300, el.clientWidth),
        height: HEIGHT,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), zone),
        scales: {
          x: { time: true, range: () => [Date.parse(timeline.from) / 1000, Date.parse(timeline.to) / 1000] },
          y: { range: (_u, _min, max) => [0, Math.max(5, Math.ceil(max * 1.15))] },
        },
        axes: [
          { ...axis(`Time (${zone})`), values: (_u, ticks) => ticks.map((t) => formatClock(t * 1000, zone)) },
          { ...axis(perMin), size: 50 },
        ],
        series: [
          { value: (_u, t) => (t == null ? '—' : formatClock(t * 1000, zone)) },
          { label: 'All attempts', stroke: muted, fill: `${line}`, paths: bars, points: { show: false }, value: (_u, v) => (v == null ? '—' : v.toFixed(1)) },
          {
            label: 'Admitted',
            stroke: cssVar('--ok'),
            fill: cssVar('--ok'),
            paths: bars,
            points: { show: false },
            value: (_u, v) => (v == null ? '—' : v.toFixed(1)),
          },
        ],
        legend: { live: true },
      },
      chartData(timeline),
      el,
    );
    const resize = new ResizeObserver(() => plot.current?.setSize({ width: Math.max(300, el.clientWidth), height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
    // The plot is rebuilt only when the window changes; new points go through setData below.
  }, [windowKey]);

  useEffect(() => {
    plot.current?.setData(chartData(timeline), true);
  }, [timeline]);

  const total = timeline.points.reduce((s, p) => s + p.scans, 0);
  const peak = timeline.points.reduce<Timeline['points'][number] | null>((best, p) => (!best || p.scans > best.scans ? p : best), null);
  return (
    <figure class="scan-chart">
      <div
        ref={box}
        data-testid="scan-chart"
        role="img"
        aria-label={`Scans per minute from ${formatClock(timeline.from, zone)} to ${formatClock(timeline.to, zone)}`}
      />
      <figcaption class="muted small" data-testid="scan-chart-caption">
        {total === 0
          ? 'No scans yet.'
          : `${total.toLocaleString()} scans on the chart; busiest ${timeline.bucket_minutes === 1 ? 'minute' : `${timeline.bucket_minutes} minutes`}: ${peak?.scans.toLocaleString()} at ${formatClock(peak?.at ?? timeline.from, zone)}.`}
      </figcaption>
    </figure>
  );
}

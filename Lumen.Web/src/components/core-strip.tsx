import { level } from '../lib/fleet';
import { formatPct } from '../lib/units';

const heat = (pct: number) => {
  const lvl = level(pct);
  if (lvl === 'crit') return 'var(--lm-crit)';
  if (lvl === 'warn') return 'var(--lm-warn)';
  return `color-mix(in srgb, var(--lm-cpu) ${Math.round(12 + (pct / 70) * 88)}%, var(--lm-sunken))`;
};

/**
 * Per-core CPU, animated between frames: a bar per core up to 16 cores, beyond that one heat
 * row of cells (a 64-core box stays one line high).
 */
export function CoreStrip({ cores }: { cores: number[] }) {
  if (cores.length === 0) return <p className="text-xs text-faint">The agent has not reported per-core figures yet.</p>;
  if (cores.length <= 16) {
    return (
      <div className="flex h-28 items-end gap-1.5" data-testid="core-bars">
        {cores.map((pct, i) => (
          <div key={i} className="flex h-full max-w-14 min-w-0 flex-1 flex-col items-center gap-1" title={`Core ${i}: ${formatPct(pct)}`}>
            <div className="relative w-full flex-1 overflow-hidden rounded-md bg-sunken">
              <div className="core-bar absolute inset-x-0 bottom-0 rounded-md" style={{ height: `${Math.min(100, pct)}%`, background: heat(pct) }} />
            </div>
            <span className="tabular text-[10px] leading-none text-muted">{Math.round(pct)}%</span>
            <span className="tabular text-[10px] leading-none text-faint">{i}</span>
          </div>
        ))}
      </div>
    );
  }
  return (
    <div data-testid="core-heat">
      <div className="grid gap-[3px]" style={{ gridTemplateColumns: `repeat(${Math.min(cores.length, 64)}, minmax(0, 1fr))` }}>
        {cores.map((pct, i) => (
          <div key={i} className="core-cell h-6 rounded-[3px]" style={{ background: heat(pct) }} title={`Core ${i}: ${formatPct(pct)}`} />
        ))}
      </div>
      <div className="mt-1.5 flex justify-between text-[10px] text-faint">
        <span>core 0</span>
        <span>core {cores.length - 1}</span>
      </div>
    </div>
  );
}

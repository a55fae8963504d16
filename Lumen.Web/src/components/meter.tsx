import { level } from '../lib/fleet';
import { cx } from './ui';

/** A thin horizontal gauge for a percentage: the metric's colour while calm, amber then red as it fills. */
export function Meter({ pct, tone, className }: { pct: number | null | undefined; tone: string; className?: string }) {
  const value = pct === null || pct === undefined || !Number.isFinite(pct) ? 0 : Math.min(100, Math.max(0, pct));
  const lvl = level(pct);
  const color = lvl === 'crit' ? 'var(--lm-crit)' : lvl === 'warn' ? 'var(--lm-warn)' : `var(${tone})`;
  return (
    <div className={cx('h-1.5 overflow-hidden rounded-full bg-sunken', className)}>
      <div className="meter-fill h-full rounded-full" style={{ width: `${value}%`, background: color }} />
    </div>
  );
}

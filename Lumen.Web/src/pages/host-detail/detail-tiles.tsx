import { hostTiles } from '../../lib/host-status';
import type { LiveSnapshot } from '../../lib/protocol';
import { cx, Skeleton } from '../../components/ui';

/** The current figures in a row of tiles; placeholders until the first live frame. */
export function DetailTiles({ latest }: { latest: LiveSnapshot | null }) {
  if (!latest)
    return (
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 sm:gap-4 lg:grid-cols-6">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="panel p-3.5">
            <Skeleton className="h-3 w-16" />
            <Skeleton className="mt-2.5 h-6 w-20" />
            <Skeleton className="mt-2 h-3 w-24" />
          </div>
        ))}
      </div>
    );
  return (
    <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 sm:gap-4 lg:grid-cols-6" data-testid="detail-tiles">
      {hostTiles(latest).map((t) => (
        <div key={t.label} className="panel relative overflow-hidden p-3.5">
          <span className="absolute inset-y-0 left-0 w-[3px]" style={{ background: `var(${t.tone})` }} />
          <div className="text-[11px] font-medium uppercase tracking-wide text-faint">{t.label}</div>
          <div className={cx('tabular mt-1 truncate text-lg font-semibold tracking-tight', t.warn ? 'text-crit' : 'text-fg')}>{t.value}</div>
          {t.sub && <div className="tabular mt-0.5 truncate text-xs text-muted">{t.sub}</div>}
        </div>
      ))}
    </div>
  );
}

import type { ReactNode } from 'react';
import type { HostFiring } from '../../lib/firing';
import type { HostView } from '../../lib/fleet';
import { type HostState, hostSubtitle, statusText } from '../../lib/host-status';
import { FiringBadge } from '../../components/alert-badges';
import { Link } from '../../components/link';
import { cx, Skeleton, StatusDot } from '../../components/ui';
import { SilenceControl } from './silence-control';

/** Back to the overview. */
export function BackLink() {
  return (
    <Link href="/" className="inline-flex min-h-8 items-center gap-1 text-sm text-muted hover:text-fg">
      <svg viewBox="0 0 20 20" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden>
        <path d="M12 5l-5 5 5 5" />
      </svg>
      Overview
    </Link>
  );
}

/**
 * The host's name, state, firing alerts (a link to the alerts page), OS, address, uptime, tags
 * and its silence; `children` (the range picker) sits at the right.
 */
export function HostHeader({
  host,
  state,
  hubNowMs,
  firing,
  onSilenceChanged,
  children,
}: {
  host: HostView | null;
  state: HostState;
  hubNowMs: number;
  firing?: HostFiring;
  onSilenceChanged: (silencedUntil: string | null) => void;
  children: ReactNode;
}) {
  const { online, lastSeenMs, system, uptime } = state;
  return (
    <div>
      <BackLink />
      <div className="mt-2 flex flex-col gap-3 lg:flex-row lg:items-end lg:justify-between">
        <div className="min-w-0">
          {host ? (
            <>
              <div className="flex items-center gap-2.5">
                <StatusDot online={online} />
                <h1 className="truncate text-xl font-semibold tracking-tight" data-testid="host-name">
                  {host.name}
                </h1>
                <span className={cx('rounded-full px-2 py-0.5 text-[11px] font-medium', online ? 'bg-ok/10 text-ok' : 'bg-sunken text-muted')}>
                  {statusText(online, lastSeenMs, hubNowMs)}
                </span>
                {firing && (
                  <Link href="/alerts" className="rounded-full focus-visible:outline-offset-1">
                    <FiringBadge firing={firing} className="hover:brightness-110" />
                  </Link>
                )}
              </div>
              <p className="mt-1 text-sm text-muted">{hostSubtitle(system, uptime)}</p>
              {Object.keys(host.tags).length > 0 && (
                <div className="mt-2 flex flex-wrap gap-1">
                  {Object.entries(host.tags).map(([k, v]) => (
                    <span key={k} className="rounded-md bg-sunken px-1.5 py-0.5 font-mono text-[11px] text-muted">
                      {k}={v}
                    </span>
                  ))}
                </div>
              )}
              <div className="mt-3">
                <SilenceControl host={host} hubNowMs={hubNowMs} onChanged={onSilenceChanged} />
              </div>
            </>
          ) : (
            <>
              <Skeleton className="h-7 w-48" />
              <Skeleton className="mt-2 h-4 w-72" />
            </>
          )}
        </div>
        {children}
      </div>
    </div>
  );
}

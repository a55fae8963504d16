import { useEffect, useState, type ReactNode } from 'react';
import type { User } from '../lib/api';
import type { Route } from '../lib/router';
import { setThemeChoice, themeChoice, type ThemeChoice } from '../lib/theme';
import { useStreamStatus } from '../hooks/use-stream-status';
import { Link } from './link';
import { cx } from './ui';

const icons = {
  system: (
    <svg viewBox="0 0 20 20" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.6" aria-hidden>
      <rect x="2.5" y="3.5" width="15" height="10" rx="1.5" />
      <path d="M7 17h6M10 13.5V17" strokeLinecap="round" />
    </svg>
  ),
  light: (
    <svg viewBox="0 0 20 20" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" aria-hidden>
      <circle cx="10" cy="10" r="3.5" />
      <path d="M10 1.8v2M10 16.2v2M1.8 10h2M16.2 10h2M4.2 4.2l1.4 1.4M14.4 14.4l1.4 1.4M4.2 15.8l1.4-1.4M14.4 5.6l1.4-1.4" />
    </svg>
  ),
  dark: (
    <svg viewBox="0 0 20 20" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" aria-hidden>
      <path d="M16.5 12.2A7 7 0 0 1 7.8 3.5a7 7 0 1 0 8.7 8.7Z" />
    </svg>
  ),
};

function ThemeSwitch() {
  const [choice, setChoice] = useState<ThemeChoice>(themeChoice);
  const pick = (value: ThemeChoice) => {
    setThemeChoice(value);
    setChoice(value);
  };
  const next: Record<ThemeChoice, ThemeChoice> = { system: 'light', light: 'dark', dark: 'system' };
  return (
    <>
      <button
        type="button"
        className="grid h-9 w-9 place-items-center rounded-lg border border-line bg-sunken text-muted sm:hidden"
        aria-label={`Theme: ${choice}. Switch to ${next[choice]}`}
        onClick={() => pick(next[choice])}
      >
        {icons[choice]}
      </button>
      <div role="radiogroup" aria-label="Theme" className="hidden rounded-lg border border-line bg-sunken p-0.5 sm:inline-flex">
        {(['system', 'light', 'dark'] as const).map((value) => (
          <button
            type="button"
            key={value}
            role="radio"
            aria-checked={choice === value}
            aria-label={`${value} theme`}
            title={value === 'system' ? 'Follow the system' : `${value[0].toUpperCase()}${value.slice(1)}`}
            onClick={() => pick(value)}
            className={cx(
              'grid h-8 w-8 place-items-center rounded-md transition',
              choice === value ? 'bg-panel text-fg shadow-sm ring-1 ring-line' : 'text-faint hover:text-fg',
            )}
          >
            {icons[value]}
          </button>
        ))}
      </div>
    </>
  );
}

function StreamPill() {
  const status = useStreamStatus();
  const [showGrace, setShowGrace] = useState(false);
  // The first connect takes a moment: say "connecting" only if it takes more than a second.
  useEffect(() => {
    const t = setTimeout(() => setShowGrace(true), 1000);
    return () => clearTimeout(t);
  }, []);
  if (!status) return null;
  if (status.state === 'connecting' && !showGrace) return null;
  const live = status.state === 'live';
  const label = live
    ? 'Live'
    : status.state === 'connecting'
      ? 'Connecting…'
      : status.retryInMs
        ? `Reconnecting in ${Math.max(1, Math.round(status.retryInMs / 1000))} s…`
        : 'Reconnecting…';
  return (
    <span
      data-testid="stream-state"
      data-state={status.state}
      role="status"
      title={label}
      className={cx(
        'inline-flex h-7 items-center gap-1.5 rounded-full border px-2 text-xs font-medium sm:px-2.5',
        live ? 'border-ok/30 bg-ok/10 text-ok' : 'border-warn/40 bg-warn/10 text-warn',
      )}
    >
      <span className={cx('h-1.5 w-1.5 rounded-full', live ? 'bg-ok pulse-dot' : 'bg-warn')} />
      {/* On a phone the dot alone (green live, amber otherwise; the words for a screen reader and a long press): three pages' links leave no room for "Reconnecting in 4 s…". */}
      <span className="sr-only sm:not-sr-only">{label}</span>
    </span>
  );
}

export function Shell({ user, onSignOut, route, children }: { user: User; onSignOut: () => void; route: Route; children: ReactNode }) {
  const nav = [
    { href: '/', label: 'Overview', active: route.page === 'overview' || route.page === 'host' },
    { href: '/alerts', label: 'Alerts', active: route.page === 'alerts' || route.page === 'deliveries' },
    { href: '/settings', label: 'Settings', active: route.page === 'settings' },
  ];
  return (
    <div className="min-h-dvh">
      <header className="sticky top-0 z-30 border-b border-line bg-bg/85 backdrop-blur-md">
        <div className="mx-auto flex h-14 max-w-[1400px] items-center gap-2 px-3 sm:gap-5 sm:px-6">
          <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight text-fg">
            <svg viewBox="0 0 32 32" className="h-7 w-7" aria-hidden>
              <rect width="32" height="32" rx="8" className="fill-fg" />
              <path d="M6 20h5l3-9 4 14 3-8h5" fill="none" className="stroke-accent" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
            <span className="hidden text-[15px] sm:inline">Lumen</span>
          </Link>
          <nav className="flex items-center gap-0.5 sm:gap-1">
            {nav.map((item) => (
              <Link
                key={item.href}
                href={item.href}
                aria-current={item.active ? 'page' : undefined}
                className={cx(
                  'inline-flex h-9 items-center rounded-lg px-2.5 text-sm font-medium transition sm:px-3',
                  item.active ? 'bg-sunken text-fg' : 'text-muted hover:text-fg',
                )}
              >
                {item.label}
              </Link>
            ))}
          </nav>
          <div className="ml-auto flex items-center gap-1.5 sm:gap-3">
            <StreamPill />
            <ThemeSwitch />
            <div className="hidden items-center gap-2 border-l border-line pl-3 text-sm text-muted md:flex">
              <span className="grid h-7 w-7 place-items-center rounded-full bg-sunken text-xs font-semibold uppercase text-fg">
                {user.username.slice(0, 1)}
              </span>
              <span>{user.username}</span>
            </div>
            <button
              type="button"
              onClick={onSignOut}
              aria-label="Sign out"
              title="Sign out"
              className="inline-flex h-9 min-w-9 items-center justify-center gap-1.5 rounded-lg px-2 text-sm font-medium text-muted hover:bg-sunken hover:text-fg"
            >
              <svg
                viewBox="0 0 20 20"
                className="h-4 w-4 sm:hidden"
                fill="none"
                stroke="currentColor"
                strokeWidth="1.7"
                strokeLinecap="round"
                strokeLinejoin="round"
                aria-hidden
              >
                <path d="M8 4H5a1 1 0 0 0-1 1v10a1 1 0 0 0 1 1h3M13 14l4-4-4-4M17 10H8" />
              </svg>
              <span className="hidden sm:inline">Sign out</span>
            </button>
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-[1400px] px-3 py-5 sm:px-6 sm:py-7">{children}</main>
    </div>
  );
}

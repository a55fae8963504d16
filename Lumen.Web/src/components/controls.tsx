// Form controls only the alerts page uses so far: kept out of ui.tsx so they load with it.

import type { SelectHTMLAttributes } from 'react';
import { cx } from './ui';

/** A native select dressed as the inputs: the phone's own picker, the keyboard's own keys. `className` sizes it. */
export function Select({ className, children, ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <div className={cx('relative', className)}>
      <select
        {...props}
        className={cx(
          'min-h-10 w-full appearance-none rounded-lg border border-line-strong bg-panel pr-8 pl-3 text-sm text-fg sm:min-h-9',
          'focus:border-accent focus:outline-none focus:ring-2 focus:ring-accent/25 disabled:opacity-60',
        )}
      >
        {children}
      </select>
      <svg
        viewBox="0 0 20 20"
        className="pointer-events-none absolute top-1/2 right-2.5 h-4 w-4 -translate-y-1/2 text-faint"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
        aria-hidden
      >
        <path d="M6 8l4 4 4-4" />
      </svg>
    </div>
  );
}

/** An on/off switch (role="switch"): its label says what it turns on. */
export function Switch({
  checked,
  onChange,
  label,
  busy,
  className,
}: {
  checked: boolean;
  onChange: (on: boolean) => void;
  label: string;
  busy?: boolean;
  className?: string;
}) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      aria-label={label}
      title={label}
      disabled={busy}
      onClick={() => onChange(!checked)}
      className={cx(
        'relative inline-flex h-6 w-10 shrink-0 items-center rounded-full border transition disabled:opacity-60 after:absolute after:-inset-2 after:content-[""]',
        checked ? 'border-transparent bg-accent' : 'border-line-strong bg-sunken',
        className,
      )}
    >
      <span
        className={cx('inline-block h-4.5 w-4.5 rounded-full bg-white shadow-sm transition-transform', checked ? 'translate-x-[18px]' : 'translate-x-[2px]')}
      />
    </button>
  );
}

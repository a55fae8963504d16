import type { Severity } from '../lib/alerts';
import { firingSentence, type HostFiring } from '../lib/firing';
import { cx } from './ui';

/** Each severity's colour and mark: the mark's shape differs too, so colour is never the only sign. */
export const severityTone: Record<Severity, { text: string; soft: string; dot: string }> = {
  info: { text: 'text-accent', soft: 'border-accent/30 bg-accent/10 text-accent', dot: 'bg-accent' },
  warning: { text: 'text-warn', soft: 'border-warn/35 bg-warn/10 text-warn', dot: 'bg-warn' },
  critical: { text: 'text-crit', soft: 'border-crit/35 bg-crit/10 text-crit', dot: 'bg-crit' },
};

export function SeverityIcon({ severity, className }: { severity: Severity; className?: string }) {
  const common = { viewBox: '0 0 16 16', className: cx('h-3.5 w-3.5 shrink-0', className) } as const;
  if (severity === 'critical')
    return (
      <svg {...common} fill="currentColor" aria-hidden>
        <path d="M5.2 1.5h5.6l3.7 3.7v5.6l-3.7 3.7H5.2l-3.7-3.7V5.2Z" />
        <path d="M8 4.6v4.1" stroke="var(--lm-panel)" strokeWidth="1.7" strokeLinecap="round" />
        <circle cx="8" cy="11.2" r="1" fill="var(--lm-panel)" />
      </svg>
    );
  if (severity === 'warning')
    return (
      <svg {...common} fill="currentColor" aria-hidden>
        <path d="M8 1.3a1 1 0 0 1 .87.5l6.3 11a1 1 0 0 1-.87 1.5H1.7a1 1 0 0 1-.87-1.5l6.3-11A1 1 0 0 1 8 1.3Z" />
        <path d="M8 5.6v3.6" stroke="var(--lm-panel)" strokeWidth="1.7" strokeLinecap="round" />
        <circle cx="8" cy="11.4" r="0.95" fill="var(--lm-panel)" />
      </svg>
    );
  return (
    <svg {...common} fill="currentColor" aria-hidden>
      <circle cx="8" cy="8" r="6.7" />
      <path d="M8 7.3v4" stroke="var(--lm-panel)" strokeWidth="1.7" strokeLinecap="round" />
      <circle cx="8" cy="4.8" r="0.95" fill="var(--lm-panel)" />
    </svg>
  );
}

/** A severity as a word on its colour, with its mark. */
export function SeverityBadge({ severity, className }: { severity: Severity; className?: string }) {
  return (
    <span
      className={cx(
        'inline-flex h-6 shrink-0 items-center gap-1 rounded-full border px-2 text-[11px] font-semibold capitalize',
        severityTone[severity].soft,
        className,
      )}
      data-severity={severity}
    >
      <SeverityIcon severity={severity} />
      {severity}
    </span>
  );
}

/**
 * A host's firing alerts on its card or header: the count and the worst severity, as words
 * (the tooltip and a screen reader get the whole sentence), on the worst severity's colour.
 */
export function FiringBadge({ firing, className }: { firing: HostFiring; className?: string }) {
  const sentence = firingSentence(firing);
  return (
    <span
      data-testid="firing-badge"
      data-severity={firing.worst}
      data-count={firing.count}
      title={sentence}
      className={cx(
        'inline-flex shrink-0 items-center gap-1 rounded-full border px-2 py-0.5 text-[11px] font-semibold whitespace-nowrap',
        severityTone[firing.worst].soft,
        className,
      )}
    >
      <SeverityIcon severity={firing.worst} className="h-3 w-3" />
      <span aria-hidden>
        {firing.count} {firing.count === 1 ? 'alert' : 'alerts'} · {firing.worst}
      </span>
      <span className="sr-only">{sentence}</span>
    </span>
  );
}

/** A bell struck through: nobody is notified (a silenced host, a suppressed alert). */
export function BellOffIcon({ className }: { className?: string }) {
  return (
    <svg
      viewBox="0 0 16 16"
      className={cx('h-3 w-3 shrink-0', className)}
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      aria-hidden
    >
      <path d="M4.5 11.5V7a3.5 3.5 0 0 1 6.3-2.1M11.5 7v4.5M3 11.5h10M6.5 13.5h3M2.5 2.5l11 11" />
    </svg>
  );
}

/** A silenced host on its card: the word and the struck bell, the end in the tooltip and for a screen reader. */
export function SilencedMark({ until, className }: { until: string; className?: string }) {
  const sentence = `Silenced until ${until}: alerts are still recorded, marked suppressed, and nobody is notified.`;
  return (
    <span
      data-testid="silenced-mark"
      title={sentence}
      className={cx(
        'inline-flex shrink-0 items-center gap-1 rounded-md border border-dashed border-line-strong px-1.5 text-[10.5px] leading-4 font-medium text-muted',
        className,
      )}
    >
      <BellOffIcon />
      <span aria-hidden>silenced</span>
      <span className="sr-only">{sentence}</span>
    </span>
  );
}

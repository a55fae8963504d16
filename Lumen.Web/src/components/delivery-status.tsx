import type { DeliveryStatus } from '../lib/channels';
import { STATUS_WORDS, type StatusTone, statusTone } from '../lib/deliveries';
import { cx } from './ui';

const TONES: Record<StatusTone, string> = {
  ok: 'border-ok/35 bg-ok/10 text-ok',
  warn: 'border-warn/40 bg-warn/10 text-warn',
  crit: 'border-crit/35 bg-crit/10 text-crit',
  muted: 'border-line-strong bg-sunken text-muted',
};

/** A delivery's state as a word on its colour; the hub's own word in data-status and the tooltip. */
export function DeliveryStatusBadge({ status, className }: { status: DeliveryStatus; className?: string }) {
  return (
    <span
      data-testid="delivery-status"
      data-status={status}
      title={`Status: ${status}`}
      className={cx('inline-flex h-6 shrink-0 items-center rounded-full border px-2 text-[11px] font-semibold', TONES[statusTone(status)], className)}
    >
      {STATUS_WORDS[status]}
    </span>
  );
}

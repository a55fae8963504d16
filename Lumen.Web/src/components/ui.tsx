import { useEffect, useRef, useState, type ButtonHTMLAttributes, type InputHTMLAttributes, type ReactNode } from 'react';

export function cx(...parts: (string | false | null | undefined)[]): string {
  return parts.filter(Boolean).join(' ');
}

type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';

const buttonStyles: Record<ButtonVariant, string> = {
  primary: 'bg-accent text-accent-fg hover:brightness-110 border border-transparent shadow-sm',
  secondary: 'bg-raised text-fg border border-line-strong hover:bg-sunken',
  ghost: 'text-muted hover:text-fg hover:bg-sunken border border-transparent',
  danger: 'bg-crit text-white hover:brightness-110 border border-transparent',
};

export function Button({
  variant = 'secondary',
  busy,
  className,
  children,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant; busy?: boolean }) {
  return (
    <button
      type="button"
      {...props}
      disabled={props.disabled || busy}
      className={cx(
        'inline-flex min-h-10 items-center justify-center gap-2 rounded-lg px-3.5 text-sm font-medium transition sm:min-h-9',
        'disabled:cursor-not-allowed disabled:opacity-50',
        buttonStyles[variant],
        className,
      )}
    >
      {busy && <Spinner />}
      {children}
    </button>
  );
}

export function Spinner({ className }: { className?: string }) {
  return (
    <svg className={cx('h-4 w-4 animate-spin', className)} viewBox="0 0 24 24" fill="none" aria-hidden>
      <circle cx="12" cy="12" r="9" stroke="currentColor" strokeOpacity="0.25" strokeWidth="3" />
      <path d="M21 12a9 9 0 0 0-9-9" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
}

export function Input({ className, ...props }: InputHTMLAttributes<HTMLInputElement>) {
  return (
    <input
      {...props}
      className={cx(
        'min-h-10 w-full rounded-lg border border-line-strong bg-panel px-3 text-sm text-fg placeholder:text-faint sm:min-h-9',
        'focus:border-accent focus:outline-none focus:ring-2 focus:ring-accent/25',
        'disabled:opacity-60',
        className,
      )}
    />
  );
}

export function Field({
  label,
  hint,
  error,
  required,
  children,
}: {
  label: string;
  hint?: ReactNode;
  error?: string | null;
  /** Marks the label with an asterisk; the control says it to a screen reader with its own `required`. */
  required?: boolean;
  children: ReactNode;
}) {
  return (
    <div>
      {/* The hint stays outside the label, so the field's accessible name is the label alone. */}
      {/* biome-ignore lint/a11y/noLabelWithoutControl: the control is `children`, an Input placed inside the label by every caller. */}
      <label className="block">
        <span className="mb-1.5 block text-xs font-medium text-muted">
          {label}
          {required && (
            <span className="text-crit" aria-hidden>
              {' '}
              *
            </span>
          )}
        </span>
        {children}
      </label>
      {error ? <span className="mt-1 block text-xs text-crit">{error}</span> : hint ? <span className="mt-1 block text-xs text-faint">{hint}</span> : null}
    </div>
  );
}

export function Panel({ className, children, ...props }: { className?: string; children: ReactNode } & React.HTMLAttributes<HTMLDivElement>) {
  return (
    <div {...props} className={cx('panel', className)}>
      {children}
    </div>
  );
}

export function PanelHeader({ title, subtitle, actions }: { title: ReactNode; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="flex flex-wrap items-start justify-between gap-3 border-b border-line px-4 py-3 sm:px-5">
      <div>
        <h2 className="text-sm font-semibold text-fg">{title}</h2>
        {subtitle && <p className="mt-0.5 text-xs text-muted">{subtitle}</p>}
      </div>
      {actions && <div className="flex items-center gap-2">{actions}</div>}
    </div>
  );
}

/** An API error as the hub worded it, on a calm red panel. */
export function ErrorNote({ message, onRetry }: { message: string | null | undefined; onRetry?: () => void }) {
  if (!message) return null;
  return (
    <div role="alert" className="flex items-start gap-3 rounded-lg border border-crit/30 bg-crit/8 px-3 py-2.5 text-sm text-crit">
      <svg viewBox="0 0 20 20" className="mt-0.5 h-4 w-4 shrink-0" fill="currentColor" aria-hidden>
        <path d="M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16Zm0 4a1 1 0 0 1 1 1v3.5a1 1 0 1 1-2 0V7a1 1 0 0 1 1-1Zm0 8.5a1.1 1.1 0 1 1 0-2.2 1.1 1.1 0 0 1 0 2.2Z" />
      </svg>
      <span className="flex-1">{message}</span>
      {onRetry && (
        <button type="button" className="font-medium underline underline-offset-2" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}

export function Skeleton({ className }: { className?: string }) {
  return <div className={cx('skeleton', className)} aria-hidden />;
}

export function EmptyState({ icon, title, children, action }: { icon?: ReactNode; title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="panel flex flex-col items-center px-6 py-14 text-center">
      {icon && <div className="mb-4 grid h-12 w-12 place-items-center rounded-xl bg-sunken text-accent">{icon}</div>}
      <h2 className="text-base font-semibold text-fg">{title}</h2>
      {children && <div className="mt-1.5 max-w-md text-sm text-muted">{children}</div>}
      {action && <div className="mt-5">{action}</div>}
    </div>
  );
}

/** A read-only value with a copy button; the copied state shows for a moment. */
export function CopyField({ value, label, multiline, testId }: { value: string; label: string; multiline?: boolean; testId?: string }) {
  const [copied, setCopied] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // Plain http on a LAN address has no clipboard API: select the text for Ctrl-C instead.
      const range = document.createRange();
      const node = document.querySelector(`[data-copy="${CSS.escape(label)}"]`);
      if (node) {
        range.selectNodeContents(node);
        getSelection()?.removeAllRanges();
        getSelection()?.addRange(range);
        document.execCommand?.('copy');
      }
    }
    setCopied(true);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setCopied(false), 1600);
  };
  return (
    <div>
      <div className="mb-1.5 flex items-center justify-between">
        <span className="text-xs font-medium text-muted">{label}</span>
        <button type="button" onClick={copy} className="inline-flex min-h-8 items-center gap-1 rounded-md px-2 text-xs font-medium text-accent hover:bg-sunken">
          {copied ? 'Copied ✓' : 'Copy'}
        </button>
      </div>
      <pre
        data-copy={label}
        data-testid={testId}
        className={cx(
          'overflow-x-auto rounded-lg border border-line bg-sunken px-3 py-2.5 font-mono text-[12.5px] leading-relaxed text-fg',
          multiline ? 'whitespace-pre' : 'whitespace-pre-wrap break-all',
        )}
      >
        {value}
      </pre>
    </div>
  );
}

/** A modal dialog on the native <dialog>: Escape and the backdrop close it. */
export function Dialog({ open, onClose, title, children, wide }: { open: boolean; onClose: () => void; title: string; children?: ReactNode; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the click closes on the backdrop only; the keyboard's way out is Escape, which <dialog> handles itself.
    <dialog
      ref={ref}
      onClose={onClose}
      onClick={(e) => e.target === ref.current && onClose()}
      className={cx(
        'm-auto w-[calc(100%-2rem)] rounded-2xl border border-line bg-panel p-0 text-fg shadow-2xl backdrop:bg-black/50 backdrop:backdrop-blur-[2px]',
        wide ? 'max-w-2xl' : 'max-w-md',
      )}
    >
      {open && (
        <div className="p-5 sm:p-6">
          <div className="mb-4 flex items-start justify-between gap-4">
            <h2 className="text-base font-semibold">{title}</h2>
            <button
              type="button"
              onClick={onClose}
              aria-label="Close"
              className="-m-1 grid h-9 w-9 place-items-center rounded-lg text-muted hover:bg-sunken hover:text-fg"
            >
              <svg viewBox="0 0 20 20" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden>
                <path d="M5 5l10 10M15 5L5 15" />
              </svg>
            </button>
          </div>
          {children}
        </div>
      )}
    </dialog>
  );
}

export function StatusDot({ online, className }: { online: boolean; className?: string }) {
  return (
    <span className={cx('relative inline-flex h-2.5 w-2.5', className)} aria-hidden>
      {online && <span className="absolute inset-0 rounded-full bg-ok/50 pulse-dot" />}
      <span className={cx('relative inline-block h-2.5 w-2.5 rounded-full', online ? 'bg-ok' : 'bg-faint/60')} />
    </span>
  );
}

export function Segmented<T extends string>({
  value,
  options,
  onChange,
  label,
  size = 'md',
  className,
}: {
  value: T;
  options: { value: T; label: ReactNode; title?: string }[];
  onChange: (value: T) => void;
  label: string;
  size?: 'sm' | 'md';
  className?: string;
}) {
  return (
    <div role="radiogroup" aria-label={label} className={cx('inline-flex rounded-lg border border-line bg-sunken p-0.5', className)}>
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          role="radio"
          aria-checked={o.value === value}
          title={o.title}
          onClick={() => onChange(o.value)}
          className={cx(
            'flex-1 rounded-md px-2.5 text-xs font-medium whitespace-nowrap transition sm:flex-none',
            size === 'sm' ? 'min-h-8' : 'min-h-9 sm:min-h-8',
            o.value === value ? 'bg-panel text-fg shadow-sm ring-1 ring-line' : 'text-muted hover:text-fg',
          )}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}

import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import { api, errorMessage, hubNow } from '../../lib/api';
import type { HostView } from '../../lib/fleet';
import { toLocalInput } from '../../lib/ranges';
import { customBody, presetBody, SILENCE_PRESETS, type SilenceBody, silencedUntil, silenceProblemField, untilText } from '../../lib/silence';
import { BellOffIcon } from '../../components/alert-badges';
import { Button, cx, Input } from '../../components/ui';

const NOTE = 'Alerts are still recorded, marked suppressed; nobody is notified.';

type Problem = { field: 'seconds' | 'until' | null; message: string } | null;

/** Closes a popover on a press outside it, or on Escape (then the keyboard goes back to what opened it). */
function useDismiss(ref: React.RefObject<HTMLElement | null>, open: boolean, close: (refocus: boolean) => void) {
  useEffect(() => {
    if (!open) return;
    const outside = (e: PointerEvent) => !ref.current?.contains(e.target as Node) && close(false);
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && close(true);
    document.addEventListener('pointerdown', outside);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', outside);
      document.removeEventListener('keydown', onKey);
    };
  }, [ref, open, close]);
}

/** The choices: 1 h, 8 h or 24 h at once, or until a chosen local time. */
function SilenceMenu({ busy, problem, onSilence }: { busy: string | null; problem: Problem; onSilence: (what: string, body: SilenceBody) => void }) {
  // Two hours on, to the minute: a time to adjust rather than to type from nothing.
  const [custom, setCustom] = useState(() => toLocalInput(Math.floor(hubNow() / 60_000) * 60 + 7200));
  const [customError, setCustomError] = useState<string | null>(null);
  const inputId = useId();
  const menu = useRef<HTMLDivElement>(null);
  // Opened, the keyboard starts at the first choice.
  useEffect(() => menu.current?.querySelector('button')?.focus(), []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = customBody(custom, hubNow());
    if ('error' in checked) return setCustomError(checked.error);
    setCustomError(null);
    onSilence('custom', checked.body);
  };
  const untilError = customError ?? (problem?.field === 'until' ? problem.message : null);
  return (
    <div
      ref={menu}
      role="dialog"
      aria-label="Silence this host"
      className="panel absolute top-full left-0 z-20 mt-1.5 w-[min(23rem,calc(100vw-1.5rem))] p-3.5 shadow-lg"
    >
      <p className="text-xs font-medium text-muted">Silence alerts for</p>
      <div className="mt-1.5 grid grid-cols-3 gap-1.5">
        {SILENCE_PRESETS.map((p) => (
          <Button key={p.key} busy={busy === p.key} disabled={busy !== null} onClick={() => onSilence(p.key, presetBody(p.key))}>
            {p.label}
          </Button>
        ))}
      </div>
      {problem?.field === 'seconds' && <p className="mt-1 text-xs text-crit">{problem.message}</p>}
      <form onSubmit={submit} className="mt-3" noValidate>
        <label htmlFor={inputId} className="mb-1.5 block text-xs font-medium text-muted">
          Or until (your local time)
        </label>
        {/* The field keeps room for a whole date and time; on a narrow phone the button goes under it. */}
        <div className="flex flex-wrap gap-2">
          <Input
            id={inputId}
            type="datetime-local"
            name="silence-until"
            value={custom}
            onChange={(e) => setCustom(e.target.value)}
            className={cx('min-w-[13.5rem] flex-1 tabular', untilError && 'border-crit')}
          />
          <Button type="submit" variant="primary" className="flex-1 sm:flex-none" busy={busy === 'custom'} disabled={busy !== null}>
            Silence
          </Button>
        </div>
        {untilError && <p className="mt-1 text-xs text-crit">{untilError}</p>}
      </form>
      {problem?.field === null && <p className="mt-2 text-xs text-crit">{problem.message}</p>}
      <p className="mt-3 border-t border-line pt-2.5 text-xs text-faint">{NOTE}</p>
    </div>
  );
}

/**
 * The host's silence in its header: a menu to start one (1 h, 8 h, 24 h or until a chosen time),
 * or while one lasts, when it ends (in the browser's zone) and a button that ends it now.
 */
export function SilenceControl({ host, hubNowMs, onChanged }: { host: HostView; hubNowMs: number; onChanged: (silencedUntil: string | null) => void }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem>(null);
  const ref = useRef<HTMLDivElement>(null);
  const close = useCallback((refocus: boolean) => {
    setOpen(false);
    if (refocus) ref.current?.querySelector('button')?.focus();
  }, []);
  useDismiss(ref, open, close);
  const until = silencedUntil(host, hubNowMs);

  const act = async (what: string, action: () => Promise<string | null>) => {
    setBusy(what);
    setProblem(null);
    try {
      onChanged(await action());
      setOpen(false);
    } catch (err) {
      const message = errorMessage(err);
      setProblem({ field: silenceProblemField(message), message });
    } finally {
      setBusy(null);
    }
  };
  const silence = (what: string, body: SilenceBody) => void act(what, async () => (await api.silenceHost(host.id, body)).silenced_until);
  const end = () =>
    void act('end', async () => {
      await api.endSilence(host.id);
      return null;
    });

  if (until !== null)
    return (
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5" data-testid="silence-state" data-until={host.silenced_until}>
        <span className="inline-flex h-7 items-center gap-1.5 rounded-full border border-dashed border-line-strong bg-sunken px-2.5 text-xs font-medium text-fg">
          <BellOffIcon className="h-3.5 w-3.5 text-muted" />
          Silenced until {untilText(until, hubNowMs)}
        </span>
        {/* On a phone the note goes under the pill and its button, which then share a line. */}
        <span className="text-xs text-muted max-sm:order-last max-sm:w-full">{NOTE}</span>
        <button
          type="button"
          onClick={end}
          disabled={busy !== null}
          className="inline-flex min-h-8 items-center rounded-md px-1.5 text-xs font-medium text-accent hover:bg-sunken disabled:opacity-50"
        >
          {busy === 'end' ? 'Ending…' : 'End silence'}
        </button>
        {problem && <p className="w-full text-xs text-crit">{problem.message}</p>}
      </div>
    );

  return (
    <div ref={ref} className="relative inline-block">
      <Button
        aria-expanded={open}
        aria-haspopup="dialog"
        className="min-h-9 px-3 sm:min-h-8"
        onClick={() => {
          setProblem(null);
          setOpen(!open);
        }}
      >
        <BellOffIcon className="h-3.5 w-3.5 text-muted" />
        Silence
        <svg viewBox="0 0 20 20" className={cx('h-3.5 w-3.5 text-faint', open && 'rotate-180')} fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden>
          <path d="M6 8l4 4 4-4" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </Button>
      {open && <SilenceMenu busy={busy} problem={problem} onSilence={silence} />}
    </div>
  );
}

import { useState } from 'react';
import { PRESETS, fromLocalInput, toLocalInput, type RangeKey } from '../lib/ranges';
import { hubNow } from '../lib/api';
import { Button, Segmented } from './ui';

/** Live presets (each ends now and keeps moving) from 10 minutes to a year, and a custom window. */
export function RangePicker({
  value,
  custom,
  clamped,
  onChange,
}: {
  value: RangeKey;
  custom: { from: number; to: number } | null;
  clamped: boolean;
  onChange: (key: RangeKey, custom?: { from: number; to: number }) => void;
}) {
  const [editing, setEditing] = useState(false);
  const now = Math.floor(hubNow() / 1000);
  const [from, setFrom] = useState(() => toLocalInput(custom?.from ?? now - 3 * 3600));
  const [to, setTo] = useState(() => toLocalInput(custom?.to ?? now));
  const [error, setError] = useState<string | null>(null);

  const apply = () => {
    const f = fromLocalInput(from);
    const t = fromLocalInput(to);
    if (f === null || t === null) return setError('Both times are needed.');
    if (f >= t) return setError('The start must be before the end.');
    setError(null);
    setEditing(false);
    onChange('custom', { from: f, to: t });
  };

  return (
    <div className="flex w-full flex-col items-stretch gap-2 sm:w-auto sm:items-start lg:items-end">
      <div className="flex flex-wrap items-center gap-2 max-sm:w-full">
        <Segmented
          label="Time range"
          // Nine choices: three rows of three on a phone, one row from 640 px.
          className="w-full max-sm:grid max-sm:grid-cols-3 sm:w-auto"
          value={editing ? 'custom' : value}
          onChange={(key) => {
            if (key === 'custom') setEditing(true);
            else {
              setEditing(false);
              onChange(key);
            }
          }}
          options={[
            ...PRESETS.map((p) => ({ value: p.key as RangeKey, label: p.label, title: `The last ${p.label}, live` })),
            { value: 'custom' as RangeKey, label: 'Custom' },
          ]}
        />
      </div>
      {editing && (
        <div className="panel flex flex-wrap items-end gap-2 p-2.5">
          <label className="text-xs text-muted">
            From
            <input
              type="datetime-local"
              value={from}
              onChange={(e) => setFrom(e.target.value)}
              className="mt-1 block min-h-9 rounded-md border border-line-strong bg-panel px-2 text-sm text-fg"
            />
          </label>
          <label className="text-xs text-muted">
            To
            <input
              type="datetime-local"
              value={to}
              onChange={(e) => setTo(e.target.value)}
              className="mt-1 block min-h-9 rounded-md border border-line-strong bg-panel px-2 text-sm text-fg"
            />
          </label>
          <Button variant="primary" onClick={apply}>
            Show
          </Button>
          <Button variant="ghost" onClick={() => setEditing(false)}>
            Cancel
          </Button>
          {error && <p className="w-full text-xs text-crit">{error}</p>}
        </div>
      )}
      {clamped && !editing && <p className="text-xs text-faint">Starts at the archive window: older history is no longer kept.</p>}
    </div>
  );
}

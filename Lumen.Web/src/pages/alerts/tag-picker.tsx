import { useId } from 'react';
import { addTag, suggestTags, type TagSuggestion } from '../../lib/tag-suggestions';
import { cx, Field, Input } from '../../components/ui';

/** How many suggestions show at once; typing narrows them. */
const SHOWN = 10;

/**
 * A `key=value, …` field with the hub's known pairs under it: a click adds one (or completes the
 * pair being typed), and typing by hand works as in any field.
 */
export function TagPicker({
  label,
  name,
  value,
  onChange,
  known,
  error,
  hint,
  placeholder,
  ignoreCase = false,
}: {
  label: string;
  name: string;
  value: string;
  onChange: (text: string) => void;
  known: readonly TagSuggestion[];
  error?: string;
  hint?: string;
  placeholder?: string;
  /** Values compared ignoring case, as a window's scope tags are. */
  ignoreCase?: boolean;
}) {
  const id = useId();
  const { suggestions, more } = suggestTags(known, value, { max: SHOWN, ignoreCase });
  const pick = (s: TagSuggestion) => {
    onChange(addTag(value, s, known, ignoreCase));
    document.getElementById(id)?.focus();
  };
  return (
    <div>
      <Field label={label} error={error} hint={hint}>
        <Input
          id={id}
          name={name}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          placeholder={placeholder}
          spellCheck={false}
          autoComplete="off"
          className={cx(error && 'border-crit')}
        />
      </Field>
      {suggestions.length > 0 && (
        <div
          role="group"
          aria-label={`Known tags for ${label.toLowerCase()}`}
          className="mt-1.5 flex flex-wrap items-center gap-1"
          data-testid="tag-suggestions"
        >
          {suggestions.map((s) => (
            <button
              key={`${s.key}=${s.value}`}
              type="button"
              onClick={() => pick(s)}
              aria-label={`Add ${s.key}=${s.value}`}
              title={`${s.description ? `${s.key}: ${s.description}. ` : ''}${s.hostCount === 1 ? '1 host carries it' : `${s.hostCount} hosts carry it`}`}
              className="inline-flex min-h-8 items-center gap-1 rounded-md border border-line bg-panel px-1.5 font-mono text-[11px] text-muted transition hover:border-accent/50 hover:text-fg sm:min-h-7"
            >
              <span className="text-faint" aria-hidden>
                +
              </span>
              <span>
                {s.key}=<span className="text-fg">{s.value}</span>
              </span>
              <span className="ml-0.5 font-sans text-[10px] text-faint tabular" aria-hidden>
                {s.hostCount}
              </span>
            </button>
          ))}
          {more > 0 && <span className="px-1 text-[11px] text-faint">and {more} more: type to narrow</span>}
        </div>
      )}
    </div>
  );
}

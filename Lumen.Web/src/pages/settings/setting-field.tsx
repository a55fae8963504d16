import { boundsText, readable, type SettingRule } from '../../lib/settings-rules';
import { cx, Field, Input } from '../../components/ui';

/** One duration setting: what it does, its bounds and its key (as the API and the hub's messages name it) as the hint, what the saved value reads as, or that it changed. */
export function SettingField({
  rule,
  value,
  saved,
  error,
  onChange,
}: {
  rule: SettingRule;
  value: string;
  saved: string;
  error?: string;
  onChange: (v: string) => void;
}) {
  return (
    <Field
      label={rule.label}
      error={error}
      hint={
        <>
          {rule.help} {boundsText(rule)}. <code className="font-mono text-[11px]">{rule.key}</code>
        </>
      }
    >
      <div className="relative">
        <Input
          name={rule.key}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          className={cx('pr-20 font-mono', error && 'border-crit')}
          spellCheck={false}
        />
        <span className="pointer-events-none absolute top-1/2 right-3 -translate-y-1/2 text-xs text-faint">
          {value === saved ? readable(saved) : 'changed'}
        </span>
      </div>
    </Field>
  );
}

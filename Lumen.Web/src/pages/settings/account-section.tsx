import { type FormEvent, useState } from 'react';
import { api, errorMessage, type User } from '../../lib/api';
import { newPasswordProblem } from '../../lib/settings-rules';
import { Button, ErrorNote, Field, Input, Panel, PanelHeader } from '../../components/ui';

/** Who is signed in, and changing the password (which signs out the other browsers). */
export function AccountSection({ user }: { user: User }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    const problem = newPasswordProblem(next, confirm);
    if (problem) return setError(problem);
    setBusy(true);
    try {
      await api.changePassword(current, next);
      setError(null);
      setCurrent('');
      setNext('');
      setConfirm('');
      setNotice('Password changed. Other signed-in browsers have been signed out.');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Panel>
      <PanelHeader title="Account" subtitle={`Signed in as ${user.username}${user.is_admin ? ' (admin)' : ''}.`} />
      <form onSubmit={submit} className="space-y-3 p-4 sm:p-5" aria-label="Change password">
        <input type="text" name="username" autoComplete="username" value={user.username} readOnly hidden />
        <Field label="Current password">
          <Input
            type="password"
            name="current-password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
            required
          />
        </Field>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <Field label="New password" hint="8 to 256 characters.">
            <Input type="password" name="new-password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} required />
          </Field>
          <Field label="New password again">
            <Input type="password" name="confirm-password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} required />
          </Field>
        </div>
        <ErrorNote message={error} />
        <div className="flex items-center justify-end gap-3">
          {notice && (
            <span className="text-sm text-ok" role="status">
              {notice}
            </span>
          )}
          <Button type="submit" variant="primary" busy={busy}>
            Change password
          </Button>
        </div>
      </form>
    </Panel>
  );
}

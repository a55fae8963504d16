import { useState, type FormEvent } from 'react';
import { api, errorMessage, type User } from '../lib/api';
import { Button, ErrorNote, Field, Input } from '../components/ui';

/**
 * Sign-in, or on a hub without any account yet the first-run form creating its admin (the hub
 * allows that exactly once; afterwards /api/register answers 409).
 */
export function SignIn({ firstRun, notice, onSignedIn }: { firstRun: boolean; notice?: string; onSignedIn: (user: User) => void }) {
  const [username, setUsername] = useState(firstRun ? 'admin' : '');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (firstRun && password !== confirm) {
      setError('The two passwords differ.');
      return;
    }
    setBusy(true);
    try {
      onSignedIn(firstRun ? await api.register(username.trim(), password) : await api.login(username.trim(), password));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="relative grid min-h-dvh place-items-center overflow-hidden px-4 py-10">
      <div
        aria-hidden
        className="pointer-events-none absolute inset-x-0 top-0 h-80 bg-[radial-gradient(60%_100%_at_50%_0%,color-mix(in_srgb,var(--lm-accent)_16%,transparent),transparent)]"
      />
      <div className="relative w-full max-w-sm">
        <div className="mb-7 flex flex-col items-center text-center">
          <svg viewBox="0 0 32 32" className="mb-4 h-11 w-11" aria-hidden>
            <rect width="32" height="32" rx="8" className="fill-fg" />
            <path d="M6 20h5l3-9 4 14 3-8h5" fill="none" className="stroke-accent" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          <h1 className="text-xl font-semibold tracking-tight">{firstRun ? 'Welcome to Lumen' : 'Sign in to Lumen'}</h1>
          <p className="mt-1.5 text-sm text-muted">
            {firstRun ? 'Create the admin account for this hub. You can add hosts right after.' : 'Your homelab, at a glance.'}
          </p>
        </div>
        <form onSubmit={submit} className="panel space-y-4 p-5 sm:p-6" aria-label={firstRun ? 'Create admin account' : 'Sign in'}>
          {notice && !error && <p className="rounded-lg bg-sunken px-3 py-2 text-sm text-muted">{notice}</p>}
          <ErrorNote message={error} />
          <Field label="User name">
            <Input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required autoFocus={!firstRun} />
          </Field>
          <Field label="Password" hint={firstRun ? '8 to 256 characters.' : undefined}>
            <Input
              name="password"
              type="password"
              autoComplete={firstRun ? 'new-password' : 'current-password'}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
              autoFocus={firstRun}
            />
          </Field>
          {firstRun && (
            <Field label="Password again">
              <Input name="confirm" type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} required />
            </Field>
          )}
          <Button type="submit" variant="primary" busy={busy} className="w-full">
            {firstRun ? 'Create account' : 'Sign in'}
          </Button>
        </form>
      </div>
    </div>
  );
}

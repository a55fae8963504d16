import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { Shell } from './components/shell';
import { api, errorMessage, onSessionEnded, type User } from './lib/api';
import { matchRoute, navigate } from './lib/router';
import { usePath } from './hooks/use-path';
import { SignIn } from './pages/sign-in';
import { Overview } from './pages/overview';
import { HostDetail } from './pages/host-detail/host-detail';
import { Settings } from './pages/settings/settings';
import { NotFound } from './pages/not-found';
import { Button, ErrorNote, Spinner } from './components/ui';

// Loaded when first opened: the rule editor and history are not needed for a first visit.
const Alerts = lazy(() => import('./pages/alerts/alerts'));

type Auth =
  | { status: 'loading' }
  | { status: 'unreachable'; message: string }
  | { status: 'signed-out'; adminExists: boolean; notice?: string }
  | { status: 'signed-in'; user: User };

/** Decides between sign-in (or first-run registration) and the dashboard, and routes within it. */
export function App() {
  const [auth, setAuth] = useState<Auth>({ status: 'loading' });
  const path = usePath();

  const resolve = useCallback(async (notice?: string) => {
    try {
      const user = await api.me();
      setAuth({ status: 'signed-in', user });
    } catch {
      try {
        const { admin_exists } = await api.setupStatus();
        setAuth({ status: 'signed-out', adminExists: admin_exists, notice });
      } catch (error) {
        setAuth({ status: 'unreachable', message: errorMessage(error) });
      }
    }
  }, []);

  useEffect(() => {
    void resolve();
  }, [resolve]);

  useEffect(
    () =>
      onSessionEnded(() =>
        setAuth((current) =>
          current.status === 'signed-in' ? { status: 'signed-out', adminExists: true, notice: 'Your session has ended. Please sign in again.' } : current,
        ),
      ),
    [],
  );

  if (auth.status === 'loading')
    return (
      <div className="grid min-h-dvh place-items-center text-muted">
        <Spinner className="h-6 w-6" />
      </div>
    );
  if (auth.status === 'unreachable')
    return (
      <div className="mx-auto grid min-h-dvh max-w-md place-items-center p-6">
        <div className="w-full space-y-4">
          <ErrorNote message={auth.message} />
          <Button onClick={() => void resolve()}>Try again</Button>
        </div>
      </div>
    );
  if (auth.status === 'signed-out')
    return (
      <SignIn
        firstRun={!auth.adminExists}
        notice={auth.notice}
        onSignedIn={(user) => {
          setAuth({ status: 'signed-in', user });
          if (path === '/login') navigate('/', true);
        }}
      />
    );

  const route = matchRoute(path);
  const signOut = async () => {
    try {
      await api.logout();
    } finally {
      setAuth({ status: 'signed-out', adminExists: true, notice: 'You have signed out.' });
    }
  };
  return (
    <Shell user={auth.user} onSignOut={signOut} route={route}>
      {route.page === 'overview' && <Overview />}
      {route.page === 'host' && <HostDetail key={route.id} id={route.id} />}
      {route.page === 'alerts' && (
        <Suspense
          fallback={
            <div className="grid place-items-center py-20 text-muted">
              <Spinner className="h-6 w-6" />
            </div>
          }
        >
          <Alerts />
        </Suspense>
      )}
      {route.page === 'settings' && <Settings user={auth.user} />}
      {route.page === 'not-found' && <NotFound path={route.path} />}
    </Shell>
  );
}

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
const Deliveries = lazy(() => import('./pages/deliveries/deliveries'));

function PageSpinner() {
  return (
    <div className="grid place-items-center py-20 text-muted">
      <Spinner className="h-6 w-6" />
    </div>
  );
}

/** How often the hub is asked again while it cannot be reached. */
const UNREACHABLE_RETRY_MS = 5000;

/**
 * The hub did not answer the first request: offline (the service worker's cached shell opened
 * the page) or the hub is down. Said in words instead of a browser error page, and asked again
 * every few seconds and as soon as the browser is back online.
 */
function Unreachable({ message, onRetry }: { message: string; onRetry: () => void }) {
  const offline = !navigator.onLine;
  useEffect(() => {
    const timer = setInterval(onRetry, UNREACHABLE_RETRY_MS);
    window.addEventListener('online', onRetry);
    return () => {
      clearInterval(timer);
      window.removeEventListener('online', onRetry);
    };
  }, [onRetry]);
  return (
    <div className="mx-auto grid min-h-dvh max-w-md place-items-center p-6" data-testid="offline-state" data-offline={offline}>
      <div className="w-full space-y-4">
        <div>
          <h1 className="text-lg font-semibold tracking-tight">{offline ? 'You are offline' : 'The hub does not answer'}</h1>
          <p className="mt-1 text-sm text-muted">
            {offline
              ? 'This device has no network. Lumen opens again by itself when it is back.'
              : `Lumen cannot reach its hub at ${window.location.host}. It tries again every few seconds.`}
          </p>
        </div>
        <ErrorNote message={message} />
        <Button onClick={onRetry}>Try again</Button>
      </div>
    </div>
  );
}

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
  if (auth.status === 'unreachable') return <Unreachable message={auth.message} onRetry={() => void resolve()} />;
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
        <Suspense fallback={<PageSpinner />}>
          <Alerts />
        </Suspense>
      )}
      {route.page === 'deliveries' && (
        <Suspense fallback={<PageSpinner />}>
          <Deliveries />
        </Suspense>
      )}
      {route.page === 'settings' && <Settings user={auth.user} />}
      {route.page === 'not-found' && <NotFound path={route.path} />}
    </Shell>
  );
}

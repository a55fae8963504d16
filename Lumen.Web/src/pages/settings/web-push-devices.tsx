import { useCallback, useEffect, useState } from 'react';
import { api, errorMessage, hubNow } from '../../lib/api';
import type { Channel, WebPushSubscription } from '../../lib/channels';
import { pushRegistration } from '../../lib/service-worker';
import { base64UrlToBytes, browserLabel, currentPushSupport, endpointHost, pushUnavailable, sameKey, subscribeBody } from '../../lib/web-push';
import { formatAgo } from '../../lib/units';
import { Button, ErrorNote } from '../../components/ui';

/** This browser's push subscription, or null (none, or no service worker). */
async function ownSubscription(): Promise<PushSubscription | null> {
  const registration = await pushRegistration().catch(() => null);
  return (await registration?.pushManager.getSubscription()) ?? null;
}

/**
 * Subscribes this browser at its push service with the hub's VAPID key (asking for the
 * permission first) and gives the subscription to the hub for this channel. A subscription
 * made with another key (the hub's keys were made anew) is replaced.
 */
async function subscribeThisBrowser(channel: Channel): Promise<PushSubscription> {
  const permission = await Notification.requestPermission();
  if (permission === 'denied') throw new Error("Notifications are blocked for this site. Allow them in the browser's site settings, then try again.");
  if (permission !== 'granted') throw new Error('Notifications were not allowed: the browser asked, and no one said yes.');
  const registration = await pushRegistration();
  if (!registration)
    throw new Error(
      "The dashboard's service worker is not running, so there is nothing to receive pushes: open the dashboard the hub serves (not a dev server).",
    );
  const key = base64UrlToBytes((await api.vapidPublicKey()).public_key);
  let subscription = await registration.pushManager.getSubscription();
  if (subscription && !sameKey(subscription.options.applicationServerKey, key)) {
    await subscription.unsubscribe();
    subscription = null;
  }
  if (!subscription) {
    try {
      subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
    } catch (err) {
      // A browser subscribes at its vendor's push service, on the internet; a network without it, or a build without one
      // (Chromium without Google's API keys, as Debian ships it: "Registration failed - permission denied"), ends here.
      throw new Error(
        `The browser could not subscribe at its push service (${errorMessage(err)}). Browsers need their vendor's push service on the internet, and some builds (Chromium without Google's keys) have none: try another browser.`,
      );
    }
  }
  const checked = subscribeBody(channel.id, subscription.toJSON(), browserLabel(navigator.userAgent));
  if ('error' in checked) throw new Error(checked.error);
  await api.subscribeWebPush(checked.body);
  return subscription;
}

/** A web push channel's browsers: "Notify this browser", and each subscribed browser with a Remove button. */
export function WebPushDevices({ channel }: { channel: Channel }) {
  const [subscriptions, setSubscriptions] = useState<WebPushSubscription[] | null>(null);
  const [own, setOwn] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const unavailable = pushUnavailable(currentPushSupport(), window.location.host);

  const load = useCallback(async () => {
    try {
      setSubscriptions(await api.webPushSubscriptions(channel.id));
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [channel.id]);
  useEffect(() => {
    void load();
    void ownSubscription().then((s) => setOwn(s?.endpoint ?? null));
  }, [load]);

  const subscribe = async () => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const subscription = await subscribeThisBrowser(channel);
      setOwn(subscription.endpoint);
      setNotice('This browser gets this channel’s alerts now, even with the dashboard closed.');
      await load();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (subscription: WebPushSubscription) => {
    try {
      await api.deleteWebPushSubscription(subscription.id);
      await load();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <div className="mt-3 rounded-lg border border-line bg-sunken/40 p-3" data-testid="web-push-devices">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="text-xs font-semibold tracking-wide text-fg uppercase">Browsers{subscriptions ? ` (${subscriptions.length})` : ''}</span>
        <Button onClick={() => void subscribe()} busy={busy} disabled={!!unavailable}>
          Notify this browser
        </Button>
      </div>
      {unavailable && (
        <p className="mt-2 text-xs text-warn" role="note" data-testid="push-unavailable">
          {unavailable}
        </p>
      )}
      {notice && (
        <p className="mt-2 text-xs text-ok" role="status">
          {notice}
        </p>
      )}
      {error && (
        <div className="mt-2">
          <ErrorNote message={error} />
        </div>
      )}
      {subscriptions && subscriptions.length === 0 && <p className="mt-2 text-xs text-muted">No browser is subscribed yet: nothing is shown anywhere.</p>}
      {subscriptions && subscriptions.length > 0 && (
        <ul className="mt-2 divide-y divide-line">
          {subscriptions.map((s) => (
            <li key={s.id} className="flex items-center gap-2 py-1.5 text-sm" data-testid="web-push-subscription" data-label={s.label}>
              <span className="min-w-0 flex-1 truncate">
                <span className="font-medium text-fg">{s.label || 'A browser'}</span>
                {s.endpoint === own && <span className="ml-1.5 rounded-md bg-accent/10 px-1.5 py-0.5 text-[11px] font-medium text-accent">this browser</span>}
                <span className="ml-2 text-xs text-faint" title={s.endpoint}>
                  {endpointHost(s.endpoint)} · added {formatAgo(Date.parse(s.created_at), hubNow())}
                </span>
              </span>
              <Button variant="ghost" className="px-2.5 text-crit hover:text-crit" onClick={() => void remove(s)} aria-label={`Remove ${s.label || 'browser'}`}>
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

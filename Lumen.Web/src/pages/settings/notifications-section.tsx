import { useCallback, useEffect, useState } from 'react';
import { api, errorMessage } from '../../lib/api';
import type { Channel, Delivery } from '../../lib/channels';
import { newestByChannel } from '../../lib/deliveries';
import { Link } from '../../components/link';
import { Button, ErrorNote, Panel, PanelHeader, Skeleton } from '../../components/ui';
import { ChannelDialog, type EditingChannel } from './channel-dialog';
import { ChannelRow } from './channel-row';

/** How many recent deliveries are read for the channels' "last" column: one request, not one per channel. */
const RECENT_DELIVERIES = 200;

/** Where alerts go: every channel with its last delivery, on/off, Test and the editor; a link to the delivery log. */
export function NotificationsSection() {
  const [channels, setChannels] = useState<Channel[] | null>(null);
  const [last, setLast] = useState<Map<number, Delivery>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<EditingChannel>(null);

  const load = useCallback(async () => {
    try {
      setChannels(await api.channels());
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
    // A channel whose newest row is older than these shows none: the log has the rest.
    api
      .deliveries({ limit: RECENT_DELIVERIES })
      .then((rows) => setLast(newestByChannel(rows)))
      .catch(() => undefined);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  // Opened from the delivery log's "Channels" link: the section comes into view once it has its rows.
  const listed = channels !== null;
  useEffect(() => {
    if (listed && window.location.hash === '#notifications') document.getElementById('notifications')?.scrollIntoView();
  }, [listed]);

  return (
    <Panel data-testid="notifications-section" id="notifications">
      <PanelHeader
        title="Notifications"
        subtitle="Where alerts are sent. A rule sends to the channels it names, or to every enabled channel when it names none."
        actions={
          <>
            <Link
              href="/alerts/deliveries"
              className="inline-flex min-h-10 items-center rounded-lg px-2.5 text-sm font-medium text-accent hover:bg-sunken sm:min-h-9"
            >
              Delivery log
            </Link>
            <Button variant="primary" onClick={() => setEditing({ channel: null })}>
              <svg viewBox="0 0 20 20" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden>
                <path d="M10 4v12M4 10h12" />
              </svg>
              Add channel
            </Button>
          </>
        }
      />
      {error && (
        <div className="px-4 pt-3 sm:px-5">
          <ErrorNote message={error} onRetry={() => void load()} />
        </div>
      )}
      {channels === null ? (
        <div className="space-y-3 p-5">
          <Skeleton className="h-10 w-full" />
        </div>
      ) : channels.length === 0 ? (
        <div className="px-5 py-10 text-center">
          <p className="font-medium">No channels yet</p>
          <p className="mt-1 text-sm text-muted">Alerts fire on the dashboard only. Add ntfy, email, a chat or a webhook to be told wherever you are.</p>
        </div>
      ) : (
        <ul className="divide-y divide-line">
          {channels.map((channel) => (
            <ChannelRow
              key={channel.id}
              channel={channel}
              last={last.get(channel.id)}
              onEdit={() => setEditing({ channel })}
              onChanged={(updated) => setChannels((list) => list?.map((c) => (c.id === updated.id ? updated : c)) ?? null)}
            />
          ))}
        </ul>
      )}
      <ChannelDialog
        editing={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void load();
        }}
      />
    </Panel>
  );
}

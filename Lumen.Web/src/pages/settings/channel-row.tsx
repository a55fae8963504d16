import { useState } from 'react';
import { api, errorMessage, hubNow } from '../../lib/api';
import { bodyFromChannel, channelTarget } from '../../lib/channel-form';
import type { Channel, Delivery } from '../../lib/channels';
import { channelTypeInfo } from '../../lib/channel-types';
import { formatAgo } from '../../lib/units';
import { DeliveryStatusBadge } from '../../components/delivery-status';
import { Switch } from '../../components/controls';
import { Link } from '../../components/link';
import { Button, cx, ErrorNote } from '../../components/ui';
import { MIN_SEVERITY_WORDS } from './channel-dialog';
import { WebPushDevices } from './web-push-devices';

type TestState = { state: 'idle' } | { state: 'busy' } | { state: 'sent' } | { state: 'failed'; error: string };

/** What the Test button found: "sent", or the channel's error as the hub gave it (a 502). */
function TestResult({ test }: { test: TestState }) {
  if (test.state !== 'sent' && test.state !== 'failed') return null;
  return (
    <p
      role="status"
      data-testid="channel-test-result"
      data-result={test.state}
      className={cx('mt-2 text-xs break-words', test.state === 'sent' ? 'text-ok' : 'text-crit')}
    >
      {test.state === 'sent' ? 'Test sent ✓' : `Test failed: ${test.error}`}
    </p>
  );
}

/** The channel's newest delivery: its status and when, a link to its rows in the log. */
function LastDelivery({ channel, last }: { channel: Channel; last: Delivery | undefined }) {
  if (!last) return <span className="text-faint">nothing sent yet</span>;
  return (
    <Link href={`/alerts/deliveries?channel_id=${channel.id}`} className="inline-flex items-center gap-1.5 hover:text-accent" title="This channel's deliveries">
      last <DeliveryStatusBadge status={last.status} className="h-5" /> {formatAgo(Date.parse(last.sent_at ?? last.created_at), hubNow())}
    </Link>
  );
}

/** One channel: its name, type and where it goes, which alerts it takes, its last delivery, on or off, Test and Edit; a web push channel's browsers below. */
export function ChannelRow({
  channel,
  last,
  onEdit,
  onChanged,
}: {
  channel: Channel;
  last: Delivery | undefined;
  onEdit: () => void;
  onChanged: (c: Channel) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [test, setTest] = useState<TestState>({ state: 'idle' });
  const runTest = async () => {
    setTest({ state: 'busy' });
    try {
      await api.testChannel(channel.id);
      setTest({ state: 'sent' });
    } catch (err) {
      setTest({ state: 'failed', error: errorMessage(err) });
    }
  };
  const toggle = async (enabled: boolean) => {
    setBusy(true);
    try {
      onChanged(await api.updateChannel(channel.id, bodyFromChannel(channel, { enabled })));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const target = channelTarget(channel);
  return (
    <li className="px-4 py-3 sm:px-5" data-testid="channel" data-channel={channel.name} data-type={channel.type} data-enabled={channel.enabled}>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:gap-4">
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <span className={cx('truncate font-medium', channel.enabled ? 'text-fg' : 'text-muted')}>{channel.name}</span>
            <span className="rounded-md bg-sunken px-1.5 py-0.5 text-[11px] font-medium text-muted">{channelTypeInfo(channel.type).label}</span>
            {!channel.enabled && <span className="text-xs text-faint">disabled</span>}
          </div>
          <div className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-muted">
            {target && (
              <span className="max-w-full truncate font-mono text-[11px]" title={target}>
                {target}
              </span>
            )}
            <span>{MIN_SEVERITY_WORDS[channel.min_severity]}</span>
            <span className="text-faint" aria-hidden>
              ·
            </span>
            <span data-testid="channel-last-delivery">
              <LastDelivery channel={channel} last={last} />
            </span>
          </div>
        </div>
        <div className="flex flex-wrap items-center gap-2 sm:max-w-[50%] sm:justify-end">
          <span className="mr-1 flex items-center gap-2">
            <Switch checked={channel.enabled} onChange={(on) => void toggle(on)} busy={busy} label={`${channel.name} enabled`} />
            <span className="text-xs text-muted sm:sr-only">{channel.enabled ? 'Enabled' : 'Disabled'}</span>
          </span>
          <Button
            onClick={() => void runTest()}
            busy={test.state === 'busy'}
            aria-label={`Test ${channel.name}`}
            title="Send a made-up alert through this channel now"
          >
            Test
          </Button>
          <Button variant="ghost" className="px-2.5" onClick={onEdit} aria-label={`Edit ${channel.name}`}>
            Edit
          </Button>
        </div>
      </div>
      <TestResult test={test} />
      {error && (
        <div className="mt-2">
          <ErrorNote message={error} />
        </div>
      )}
      {channel.type === 'web_push' && <WebPushDevices channel={channel} />}
    </li>
  );
}

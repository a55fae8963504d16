import { lazy, Suspense } from 'react';
import type { User } from '../../lib/api';
import { Skeleton } from '../../components/ui';
import { AccountSection } from './account-section';
import { HostsSection } from './hosts-section';
import { NotificationsSection } from './notifications-section';
import { ProcessesSection } from './processes-section';
import { RuntimeSection } from './runtime-section';

// Backups are an admin's occasional errand: their code loads only when the section is shown.
const BackupsSection = lazy(() => import('./backups-section'));

/** Hosts and their tokens, the notification channels, the agents' interval, history retention and downsampling, the agents' process lists, the account's password, and (for admins) backups. */
export function Settings({ user }: { user: User }) {
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-lg font-semibold tracking-tight">Settings</h1>
        <p className="mt-0.5 text-sm text-muted">Hosts, where alerts are sent, how often agents report, how long history is kept, backups, and your account.</p>
      </div>
      <HostsSection />
      <NotificationsSection />
      <div className="grid grid-cols-1 gap-5 xl:grid-cols-2">
        <RuntimeSection />
        <div className="space-y-5">
          <ProcessesSection />
          <AccountSection user={user} />
        </div>
      </div>
      {user.is_admin && (
        <Suspense fallback={<Skeleton className="h-40 w-full" />}>
          <BackupsSection />
        </Suspense>
      )}
    </div>
  );
}

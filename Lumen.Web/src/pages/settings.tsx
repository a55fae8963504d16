import type { User } from '../lib/api';
export function Settings({ user }: { user: User }) {
  return <div>settings {user.username}</div>;
}

import { EmptyState, Button } from '../components/ui';
import { navigate } from '../lib/router';

export function NotFound({ path }: { path: string }) {
  return (
    <EmptyState
      title="Nothing here"
      action={
        <Button variant="primary" onClick={() => navigate('/')}>
          Back to the overview
        </Button>
      }
    >
      The dashboard has no page at <code className="font-mono">{path}</code>.
    </EmptyState>
  );
}

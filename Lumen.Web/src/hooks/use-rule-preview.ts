import { useEffect, useState } from 'react';
import type { RulePreview } from '../lib/alerts';
import { api, errorMessage } from '../lib/api';

export type PreviewResult =
  | { status: 'loading' }
  | { status: 'ok'; preview: RulePreview; host: string; hostSelector: string }
  | { status: 'error'; error: string };

/** A pause in typing this long asks the hub; each keystroke before it restarts the wait. */
const DEBOUNCE_MS = 300;

/**
 * Which registered hosts a rule's host fields watch, asked of the hub (POST
 * /api/alerts/rules/preview) once the user pauses typing. An answer to an older text is dropped;
 * a pattern the hub cannot parse comes back as its message.
 */
export function useRulePreview(host: string, hostSelector: string): PreviewResult {
  const [result, setResult] = useState<PreviewResult>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      api
        .previewAlertRule(host, hostSelector)
        .then((preview) => current && setResult({ status: 'ok', preview, host, hostSelector }))
        .catch((error) => current && setResult({ status: 'error', error: errorMessage(error) }));
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [host, hostSelector]);
  return result;
}

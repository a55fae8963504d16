import { useEffect, useState } from 'react';
import { api } from '../lib/api';
import { knownTags, type TagSuggestion } from '../lib/tag-suggestions';

/**
 * Every key=value pair the hub knows, for the tag pickers: the pairs hosts carry (GET
 * /api/host-tags) and the inventory's values (GET /api/tags), asked once per mount. Either may
 * fail alone; suggestions are a help, so a failure leaves what the other answered, or none.
 */
export function useKnownTags(): TagSuggestion[] {
  const [known, setKnown] = useState<TagSuggestion[]>([]);
  useEffect(() => {
    let current = true;
    void Promise.allSettled([api.hostTags(), api.tagInventory()]).then(([facets, inventory]) => {
      if (!current) return;
      setKnown(knownTags(facets.status === 'fulfilled' ? facets.value : [], inventory.status === 'fulfilled' ? inventory.value : []));
    });
    return () => {
      current = false;
    };
  }, []);
  return known;
}

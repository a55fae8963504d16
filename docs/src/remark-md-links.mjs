// Rewrites links between the docs' Markdown files (`durability.md`, `api.md#sessions`, from a
// page in a folder `../alerts.md` or `webhook.md`) to the site's routes (`/durability/`,
// `/api/#sessions`, `/alerts/`, `/notifications/webhook/`), so the same files work on GitHub
// and in the site. A link to a page that does not exist becomes a route that does not exist
// either; check-links.mjs then fails the build on it (Astro's content loader only logs an
// error thrown here, so throwing would not stop the build).
import { posix, relative, dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const docsRoot = dirname(dirname(fileURLToPath(import.meta.url)));
const external = /^([a-z][a-z0-9+.-]*:|\/\/|#|\/)/i;
const pageLink = /^((?:\.{1,2}\/)*[A-Za-z0-9._/-]+)\.md(#.*)?$/;

/**
 * The site route of a `page.md#anchor` link written in a page of folder `fromFolder` (relative
 * to docs/, '' for the top), or null for a link that is not one or leaves the docs.
 */
export function routeOf(url, fromFolder = '') {
  const match = pageLink.exec(url);
  if (!match) return null;
  const page = posix.normalize(posix.join(fromFolder, match[1]));
  if (page.startsWith('..')) return null;
  const route = page === 'index' ? '/' : page.endsWith('/index') ? `/${page.slice(0, -'index'.length)}` : `/${page}/`;
  return route + (match[2] ?? '');
}

export default function remarkMdLinks() {
  return (tree, file) => {
    const source = file?.path ? relative(docsRoot, dirname(file.path)).split(sep).join('/') : '';
    const folder = source.startsWith('..') ? '' : source;
    const visit = (node) => {
      if ((node.type === 'link' || node.type === 'definition') && node.url && !external.test(node.url)) {
        node.url = routeOf(node.url, folder) ?? node.url;
      }
      for (const child of node.children ?? []) visit(child);
    };
    visit(tree);
  };
}

// Rewrites links between the docs' Markdown files (`durability.md`, `api.md#sessions`) to
// the site's routes (`/durability/`, `/api/#sessions`), so the same files work on GitHub
// and in the site. A link to a page that does not exist becomes a route that does not
// exist either; check-links.mjs then fails the build on it (Astro's content loader only
// logs an error thrown here, so throwing would not stop the build).
import { dirname, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const external = /^([a-z][a-z0-9+.-]*:|\/\/|#|\/)/i;
const pageLink = /^((?:\.\.?\/)*(?:[A-Za-z0-9._-]+\/)*)([A-Za-z0-9._-]+)\.md(#.*)?$/;

/**
 * The site route of a `page.md#anchor` link, or null for a link that is not one. `folder` is
 * the linking page's folder under docs/ ('' or 'notifications'), for links such as `ntfy.md`
 * or `../api.md` from a page in a folder.
 */
export function routeOf(url, folder = '') {
  const match = pageLink.exec(url);
  if (!match) return null;
  const parts = folder ? folder.split('/') : [];
  for (const part of match[1].split('/').filter(Boolean)) {
    if (part === '..') parts.pop();
    else if (part !== '.') parts.push(part);
  }
  if (match[2] !== 'index') parts.push(match[2]);
  return (parts.length ? `/${parts.join('/')}/` : '/') + (match[3] ?? '');
}

const docsRoot = fileURLToPath(new URL('../', import.meta.url));

/** The folder of a page under docs/ ('' for docs/ itself), from the path the Markdown processor was given. */
const folderOf = (path) => {
  if (!path) return '';
  const folder = relative(docsRoot, dirname(path)).split(sep).join('/');
  return folder.startsWith('..') ? '' : folder;
};

export default function remarkMdLinks() {
  return (tree, file) => {
    const folder = folderOf(file?.path);
    const visit = (node) => {
      if ((node.type === 'link' || node.type === 'definition') && node.url && !external.test(node.url)) {
        node.url = routeOf(node.url, folder) ?? node.url;
      }
      for (const child of node.children ?? []) visit(child);
    };
    visit(tree);
  };
}

// Rewrites links between the docs' Markdown files (`durability.md`, `api.md#sessions`) to
// the site's routes (`/durability/`, `/api/#sessions`), so the same files work on GitHub
// and in the site. A link to a page that does not exist becomes a route that does not
// exist either; check-links.mjs then fails the build on it (Astro's content loader only
// logs an error thrown here, so throwing would not stop the build).
const external = /^([a-z][a-z0-9+.-]*:|\/\/|#|\/)/i;
const pageLink = /^(?:\.\/)?([A-Za-z0-9._-]+)\.md(#.*)?$/;

/** The site route of a `page.md#anchor` link, or null for a link that is not one. */
export function routeOf(url) {
  const match = pageLink.exec(url);
  if (!match) return null;
  const route = match[1] === 'index' ? '/' : `/${match[1]}/`;
  return route + (match[2] ?? '');
}

export default function remarkMdLinks() {
  return (tree) => {
    const visit = (node) => {
      if ((node.type === 'link' || node.type === 'definition') && node.url && !external.test(node.url)) {
        node.url = routeOf(node.url) ?? node.url;
      }
      for (const child of node.children ?? []) visit(child);
    };
    visit(tree);
  };
}

// The docs site. The pages are the Markdown files beside this config (docs/*.md), which
// GitHub renders as they are; remark-md-links turns their `page.md#anchor` links into
// site routes and fails the build on a link to a page that does not exist.
import { existsSync } from 'node:fs';
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import remarkMdLinks from './src/remark-md-links.mjs';

// reliability.md arrives from another branch; list it once it is there.
const optional = (page) => (existsSync(new URL(`./${page}.md`, import.meta.url)) ? [page] : []);

export default defineConfig({
  site: 'http://localhost:18700',
  markdown: { remarkPlugins: [remarkMdLinks] },
  integrations: [
    starlight({
      title: 'Lumen',
      description: 'Self-hosted homelab monitoring: a small agent per host, one hub.',
      pagefind: false,
      sidebar: [
        { label: 'Start', items: ['index', 'quickstart'] },
        { label: 'Install', items: ['install-hub', 'install', 'configuration', 'release', 'migrating', 'backups', 'troubleshooting'] },
        { label: 'Reference', items: ['api', 'alerts', 'history', 'metrics', 'agent', 'dashboard'] },
        {
          label: 'Notifications',
          items: [
            'notifications', 'notifications/webhook', 'notifications/web-push', 'notifications/ntfy', 'notifications/discord',
            'notifications/telegram', 'notifications/slack', 'notifications/email', 'notifications/gotify', 'notifications/pushover',
          ],
        },
        { label: 'How it works', items: ['architecture', 'durability', ...optional('reliability')] },
        { label: 'Measurements', items: ['benchmarks', 'agent-footprint'] },
      ],
    }),
  ],
});

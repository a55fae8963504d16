import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

// The pages live in docs/ itself (not src/content/docs/), so README links and GitHub's
// rendering keep working: one source for both. One level of folders (notifications/).
export const collections = {
  docs: defineCollection({
    loader: glob({ pattern: ['*.md', 'notifications/*.md'], base: '.' }),
    schema: docsSchema(),
  }),
};

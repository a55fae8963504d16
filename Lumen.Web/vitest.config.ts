import { defineConfig } from 'vitest/config';

// The unit tests run in a zone with summer time and a day boundary away from UTC, so a mix-up of
// local time and UTC (the maintenance window's and the silence's fields) fails here rather than
// only for users east or west of the machine that ran them. Set before the workers start.
process.env.TZ = 'Europe/Berlin';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
  },
});

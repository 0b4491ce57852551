import { defineConfig } from 'vitest/config';

/**
 * The route suites that read only through the API (value known answers, the story, the model,
 * inventory, embed sessions), run once more on the in-memory stores to prove the seam is real.
 */
/**
 * The value reads' known answers, run once more with no facts held in memory, so the DuckDB
 * store's SQL reads (used for accounts too big to hold) are proven too.
 */
const VALUE_READS = [
  'test/server/value.test.ts',
  'test/server/value-filter.test.ts',
  'test/server/value-cuts.test.ts',
  'test/server/story/end-to-end.test.ts',
  'test/server/scenarios.test.ts',
];

const THROUGH_THE_API = [
  'test/server/inventory.test.ts',
  'test/server/model.test.ts',
  'test/server/embed.test.ts',
  'test/server/embed-auth.test.ts',
  'test/server/value.test.ts',
  'test/server/story-cost.test.ts',
  'test/server/value-filter.test.ts',
  'test/server/value-cuts.test.ts',
  'test/server/story.test.ts',
  'test/server/story/end-to-end.test.ts',
  'test/server/scenarios.test.ts',
  'test/server/recommendations.test.ts',
  'test/server/story-offer.test.ts',
  'test/server/offer-performance.test.ts',
  'test/server/webhooks.test.ts',
  'test/server/rep.test.ts',
];

/**
 * The same suites once more on PostgreSQL (a database of its own per app), when a server is
 * configured (.ci/run starts a throwaway one); without one they are skipped with the others.
 */
const ON_POSTGRES = [...new Set([...THROUGH_THE_API, ...VALUE_READS])];

export default defineConfig({
  test: {
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    testTimeout: 30_000,
    hookTimeout: 30_000,
    globalSetup: ['test/postgres-setup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'duckdb',
          include: ['test/**/*.test.ts'],
          exclude: ['test/bench/**', 'test/widget/**/*.browser.test.ts', 'node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'duckdb-sql',
          include: VALUE_READS,
          env: { VALUEPRINT_TEST_FACT_CACHE_ROWS: '0' },
        },
      },
      {
        extends: true,
        test: {
          name: 'memory',
          include: THROUGH_THE_API,
          env: { VALUEPRINT_TEST_STORAGE: 'memory:' },
        },
      },
      ...(process.env.VALUEPRINT_TEST_POSTGRES
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: ON_POSTGRES,
                env: { VALUEPRINT_TEST_STORAGE: 'postgres' },
              },
            },
          ]
        : []),
    ],
  },
});

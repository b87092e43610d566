import {defineConfig} from 'vitest/config'

export default defineConfig({
    test: {
        include: ['test/**/*.test.ts', 'src/**/*.test.ts', 'local/**/*.test.ts', 'devnet/**/*.test.ts', 'simulator/**/*.test.ts'],
        testTimeout: 120_000,
        hookTimeout: 180_000,
        pool: 'forks',
        fileParallelism: true,
        maxWorkers: 2,
        reporters: ['default'],
        // One embedded PostgreSQL per run for the tests that ask it for a database (the batch
        // harness, test/helpers/batch.ts), started on the first request; otherwise only a port.
        globalSetup: ['test/helpers/database-service.ts'],
    },
})

import {execFile} from 'child_process'
import fs from 'fs'
import path from 'path'
import {describe, expect, it} from 'vitest'
import {API_SCHEMA_FILE} from '../../scripts/api-schema'

const ROOT = path.resolve(__dirname, '../..')

/**
 * docs/api-schema.graphql is the schema the API serves, so frontends can generate clients from it
 * without a running server: built here as graphql-server builds it (schema.graphql's entity API,
 * squidStatus, our analytics resolvers). test/api/schema-introspection.test.ts checks that the
 * running API's introspection prints the same text. The check runs as its own process, as a user
 * runs it (graphql-server's schema classes and vitest's module loader would not mix).
 */
describe('docs/api-schema.graphql', () => {
    it('is current (else: npm run api-schema)', async () => {
        const out = await new Promise<{code: number; text: string}>((resolve) =>
            execFile(process.execPath, ['--import', 'tsx', 'scripts/api-schema.ts', '--check'], {cwd: ROOT, timeout: 120_000}, (err, stdout, stderr) =>
                resolve({code: err ? ((err as any).code ?? 1) : 0, text: `${stdout}${stderr}`}),
            ),
        )
        expect(out.text).toContain('docs/api-schema.graphql')
        expect(out.code, out.text).toBe(0)
    })

    it('holds the entity API, the analytics resolvers and their descriptions', () => {
        const text = fs.readFileSync(API_SCHEMA_FILE, 'utf8')
        for (const field of ['assets(', 'assetById(', 'assetsConnection(', 'squidStatus', 'paymentAttribution(', 'topContributors(', 'treasurySummary(', 'governanceStats', 'votingPowerDistribution(', 'apiLimits']) {
            expect(text, field).toContain(`  ${field}`)
        }
        expect(text).toContain('The id as a number, for numeric order and ranges')
        expect(text).toContain('type Subscription {')
    })
})

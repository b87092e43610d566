import fs from 'fs'
import path from 'path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {simulate} from '../../simulator'
import {startTestApi, TestApi} from '../helpers/api'
import {openTestDatabase, TestDatabase} from '../helpers/database'
import {useDevnet} from '../helpers/devnet'
import {indexToHead} from '../helpers/processor'

const ROOT = path.resolve(__dirname, '../..')

/** Every GraphQL example of the README runs verbatim (placeholders filled) on an indexed chain. */
describe('README query cookbook', () => {
    const chain = useDevnet()
    let db: TestDatabase
    let api: TestApi

    beforeAll(async () => {
        db = await openTestDatabase()
        await simulate({rpcUrl: chain.devnet.anvil.rpcUrl, manifest: chain.manifest, seed: 5, scale: 'small'})
        await indexToHead({dbUrl: db.url, manifest: chain.manifest})
        api = await startTestApi(db.url)
    }, 300_000)
    afterAll(async () => {
        await api?.stop()
        await db?.close()
    })

    it('answers each example without errors', async () => {
        const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')
        const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1])
        expect(blocks.length).toBeGreaterThanOrEqual(4)
        const [{id: contributor}] = await db.query('SELECT contributor_id AS id FROM receipt ORDER BY id LIMIT 1')
        const [{id: paymentId}] = await db.query('SELECT id FROM payment ORDER BY id LIMIT 1')
        const [{id: assetId}] = await db.query('SELECT child_id AS id FROM asset_link ORDER BY child_id LIMIT 1')
        for (const block of blocks) {
            const query = block
                .replace(/"0x…"/g, JSON.stringify(contributor))
                .replace(/paymentId: "42"/g, `paymentId: "${paymentId}"`)
                .replace(/"12"/g, JSON.stringify(assetId))
            const r = await api.gql(query)
            expect(r.body.errors, query).toBeUndefined()
            expect(r.body.data).toBeDefined()
        }
    })
})

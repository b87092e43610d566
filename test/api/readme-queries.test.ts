import fs from 'fs'
import path from 'path'
import {describe, expect, it} from 'vitest'
import {useIndexedEconomy} from '../helpers/economy'

const ROOT = path.resolve(__dirname, '../..')

/** Every GraphQL example of the README runs verbatim (placeholders filled) on an indexed chain. */
describe('README query cookbook', () => {
    const economy = useIndexedEconomy({seed: 5, scale: 'small', api: true})

    it('answers each example without errors', async () => {
        const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')
        const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1])
        expect(blocks.length).toBeGreaterThanOrEqual(4)
        const [{id: contributor}] = await economy.db.query('SELECT contributor_id AS id FROM receipt ORDER BY id LIMIT 1')
        const [{id: paymentId}] = await economy.db.query('SELECT id FROM payment ORDER BY id LIMIT 1')
        const [{id: assetId}] = await economy.db.query('SELECT child_id AS id FROM asset_link ORDER BY child_id LIMIT 1')
        for (const block of blocks) {
            const query = block
                .replace(/"0x…"/g, JSON.stringify(contributor))
                .replace(/paymentId: "42"/g, `paymentId: "${paymentId}"`)
                .replace(/"12"/g, JSON.stringify(assetId))
            const r = await economy.api.gql(query)
            expect(r.body.errors, query).toBeUndefined()
            expect(r.body.data).toBeDefined()
        }
    })
})

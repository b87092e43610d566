import {describe, expect, it} from 'vitest'
import {MAX_QUERY_DEPTH} from '../../src/api/request-check'
import {mixedActivityBlock} from '../helpers/activity'
import {useIndexedEconomy} from '../helpers/economy'

/**
 * Bad and hostile requests to the API: each is refused with a clear GraphQL (or HTTP) error,
 * and the server keeps answering. The API reads through the read-only role.
 */
describe('API protection', () => {
    // No simulation: four blocks of mixed activity are enough to refuse requests on.
    const economy = useIndexedEconomy({
        api: true,
        beforeIndex: async (e) => {
            for (let v = 1; v <= 4; v++) await mixedActivityBlock(e.client, e.manifest, v)
        },
    })

    const firstError = (r: {body: {errors?: {message: string}[]}}) => r.body.errors?.[0]?.message ?? ''

    it('answers a normal query', async () => {
        const r = await economy.api.gql('{ assets(limit: 2, orderBy: id_ASC) { id kind owner { id } } apiLimits { maxRootFields } }')
        expect(r.body.errors).toBeUndefined()
        expect(r.body.data.assets.length).toBe(2)
        expect(r.body.data.apiLimits.maxRootFields).toBe(20)
    })

    it('refuses a too deep query', async () => {
        let q = 'id'
        for (let i = 0; i < MAX_QUERY_DEPTH + 2; i++) q = `owner { assets(limit: 1) { ${q} } }`
        const r = await economy.api.gql(`{ assets(limit: 1) { ${q} } }`)
        expect(firstError(r)).toMatch(/query depth \d+ exceeds the limit of 10/)
    })

    it('refuses too many root fields', async () => {
        const fields = Array.from({length: 25}, (_, i) => `a${i}: assetById(id: "1") { id }`).join(' ')
        const r = await economy.api.gql(`{ ${fields} }`)
        expect(firstError(r)).toMatch(/root fields/i)
    })

    it('refuses a huge limit whose response could exceed the size limit', async () => {
        const r = await economy.api.gql('{ tokenTransfers(limit: 10000000) { id from to amount } }')
        expect(firstError(r)).toMatch(/size limit/)
    })

    it('refuses an oversized request body', async () => {
        const big = 'x'.repeat(300 * 1024)
        const res = await fetch(`${economy.api.url}/graphql`, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify({query: `{ assets(limit: 1, where: {uri_eq: "${big}"}) { id } }`})})
        expect(res.status).toBe(413)
    })

    it('refuses malformed arguments with a validation error', async () => {
        const r = await economy.api.gql('{ assetById(id: 5) { id } }')
        expect(firstError(r)).toMatch(/String/)
        const r2 = await economy.api.gql('{ assets(limit: -1) { id } }')
        expect(r2.body.errors?.length).toBeGreaterThan(0)
    })

    it('treats SQL metacharacters as plain text', async () => {
        const evil = "'; DROP TABLE asset; --"
        const r = await economy.api.gql('query($u: String!) { assets(limit: 5, where: {uri_contains: $u}) { id } }', {u: evil})
        expect(r.body.errors).toBeUndefined()
        expect(r.body.data.assets).toEqual([])
        const [{n}] = await economy.db.query('SELECT count(*)::int AS n FROM asset')
        expect(n).toBeGreaterThan(0)
    })

    it('keeps answering after all that, and reports readiness and metrics', async () => {
        const r = await economy.api.gql('{ squidStatus { height } }')
        expect(r.body.data.squidStatus.height).toBeGreaterThan(0)
        const ready = await fetch(`${economy.api.url}/ready`)
        expect(ready.status).toBe(200)
        const metrics = await (await fetch(`${economy.api.url}/metrics`)).text()
        expect(metrics).toMatch(/sahara_api_requests_total\{route="graphql",status="200"\} \d+/)
        expect(metrics).toContain('sahara_api_request_duration_seconds_bucket')
    })

    it('reads through a role that cannot write', async () => {
        const {Client} = await import('pg')
        const c = new Client({connectionString: economy.db.url, options: '-c role=sahara_api_readonly'})
        await c.connect()
        try {
            expect((await c.query('SELECT count(*) FROM asset')).rows.length).toBe(1)
            await expect(c.query("UPDATE protocol SET protocol_fee_bps = 0")).rejects.toThrow(/permission denied/)
        } finally {
            await c.end()
        }
    })
})

import fs from 'fs'
import pg from 'pg'
import {buildClientSchema, getIntrospectionQuery, IntrospectionQuery} from 'graphql'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {API_SCHEMA_FILE, apiSchemaText} from '../../scripts/api-schema'
import {startTestApi, type TestApi} from '../helpers/api'
import {openTestDatabase, type TestDatabase} from '../helpers/database'

/**
 * The running API serves its whole schema to introspection (the playground's docs and explorer,
 * client code generators), equal to the committed docs/api-schema.graphql, and leads a browser to
 * the playground from `/`, `/graphql/` and `/graphql`; a non-browser client gets JSON errors.
 */
describe('introspection and playground', () => {
    let db: TestDatabase
    let api: TestApi
    let freshUrl: string

    beforeAll(async () => {
        db = await openTestDatabase()
        const fresh = await db.fresh()
        const c = new pg.Client({connectionString: fresh.url})
        await c.connect()
        await c.query(`CREATE TABLE IF NOT EXISTS squid_processor.status (id int4 primary key, height int4 not null, hash text DEFAULT '0x', nonce int4 DEFAULT 0)`)
        await c.query(`CREATE TABLE IF NOT EXISTS squid_processor.hot_block (height int4 primary key, hash text not null)`)
        await c.query(`INSERT INTO squid_processor.status (id, height) VALUES (0, 7)`)
        await c.end()
        freshUrl = fresh.url
        api = await startTestApi(fresh.url)
    }, 180_000)
    afterAll(async () => {
        await api?.stop()
        await db?.close()
    })

    const post = (body: unknown, headers: Record<string, string> = {}) =>
        fetch(`${api.url}/graphql`, {method: 'POST', headers: {'content-type': 'application/json', ...headers}, body: JSON.stringify(body)})

    it("answers the standard introspection query (graphql's getIntrospectionQuery, as codegen and GraphiQL send it) with the committed schema", async () => {
        const res = await post({query: getIntrospectionQuery()})
        expect(res.status).toBe(200)
        const body = (await res.json()) as {data: IntrospectionQuery; errors?: unknown}
        expect(body.errors).toBeUndefined()
        const schema = buildClientSchema(body.data)
        const query = schema.getQueryType()!.getFields()
        for (const f of ['topContributors', 'paymentAttribution', 'treasurySummary', 'governanceStats', 'proposalDetail', 'squidStatus', 'assets', 'assetsConnection']) {
            expect(query[f], f).toBeDefined()
        }
        expect(query.topContributors.description).toBeTruthy()
        expect((schema.getType('Asset') as any).getFields().number.description).toMatch(/numeric order/)
        expect(apiSchemaText(schema) === fs.readFileSync(API_SCHEMA_FILE, 'utf8'), 'introspection differs from docs/api-schema.graphql').toBe(true)
    })

    it('refuses introspection that nests type member lists (it would grow as a power of the schema) with a JSON error naming the limit', async () => {
        const res = await post({query: '{ __schema { types { fields { type { fields { name } } } } } }'})
        expect(res.status).toBe(400)
        const body: any = await res.json()
        expect(body.errors[0].extensions.code).toBe('QUERY_TOO_DEEP')
        expect(body.errors[0].message).toMatch(/limit of 1/)
    })

    it('leads a browser to the playground: / and /graphql/ redirect to /graphql, which serves it', async () => {
        for (const p of ['/', '/graphql/']) {
            const r = await fetch(`${api.url}${p}`, {redirect: 'manual', headers: {accept: 'text/html'}})
            expect(r.status, p).toBe(302)
            expect(r.headers.get('location'), p).toBe('/graphql')
        }
        const page = await fetch(`${api.url}/graphql`, {headers: {accept: 'text/html,application/xhtml+xml,*/*;q=0.8'}})
        expect(page.status).toBe(200)
        expect(page.headers.get('content-type')).toMatch(/text\/html/)
        expect((await page.text()).toLowerCase()).toContain('<html')
    })

    it('runs GET /graphql?query=… (from a browser too) and answers other GETs with JSON errors', async () => {
        const q = encodeURIComponent('{ squidStatus { height } }')
        const browser = await fetch(`${api.url}/graphql?query=${q}`, {headers: {accept: 'text/html,*/*;q=0.8'}})
        expect(browser.status).toBe(200)
        const answer: any = await browser.json()
        expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined()
        expect(answer.data.squidStatus.height).toBe(7)
        const noQuery = await fetch(`${api.url}/graphql`, {headers: {accept: 'application/json'}})
        expect(noQuery.status).toBe(400)
        expect(((await noQuery.json()) as any).errors[0].message).toMatch(/"query" parameter/)
        const mutation = await fetch(`${api.url}/graphql?query=${encodeURIComponent('mutation { x }')}`, {headers: {accept: 'application/json'}})
        expect(mutation.status).toBe(405)
        expect(((await mutation.json()) as any).errors[0].extensions.code).toBe('METHOD_NOT_ALLOWED')
        const slash = await post({query: '{ squidStatus { height } }'}).then(() => fetch(`${api.url}/graphql/`, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify({query: '{ squidStatus { height } }'})}))
        expect(slash.status).toBe(200)
    })

    it('API_RESPONSE_CACHE=off serves every request fresh, and apiLimits says so', async () => {
        const q = {query: '{ apiLimits { cacheTtlMs } }'}
        expect(((await (await post(q)).json()) as any).data.apiLimits.cacheTtlMs).toBe(1000)
        const uncached = await startTestApi(freshUrl, {env: {API_RESPONSE_CACHE: 'off'}})
        try {
            const ask = () => fetch(`${uncached.url}/graphql`, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify(q)})
            const a = await ask()
            expect(((await a.json()) as any).data.apiLimits.cacheTtlMs).toBe(0)
            const b = await ask()
            await b.text()
            expect(b.headers.get('age')).toBeNull() // a cached answer carries its age
        } finally {
            await uncached.stop()
        }
    }, 120_000)
})

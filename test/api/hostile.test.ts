import net from 'net'
import {createClient} from 'graphql-ws'
import WebSocket from 'ws'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {API_LIMITS} from '../../src/api/limits'
import {mixedActivityBlock} from '../helpers/activity'
import {startTestApi, type TestApi} from '../helpers/api'
import type {TestDatabase} from '../helpers/database'
import {useIndexedEconomy} from '../helpers/economy'

function fragmentBomb(levels: number): string {
    const frags = [`fragment F0 on Asset { id }`]
    for (let i = 1; i <= levels; i++) frags.push(`fragment F${i} on Asset { ...F${i - 1} ...F${i - 1} }`)
    return `{ assets(limit: 1) { ...F${levels} } } ${frags.join(' ')}`
}
const aliasBomb = `{ ${Array.from({length: 20}, (_, i) => `r${i}: protocolResidual { residual }`).join(' ')} }`
let deep = 'id'
for (let i = 0; i < API_LIMITS.maxQueryDepth + 5; i++) deep = `owner { assets(limit: 1) { ${deep} } }`
const deepQuery = `{ assets(limit: 1) { ${deep} } }`

/**
 * Hostile requests over HTTP and over WebSocket: each is refused quickly with a GraphQL error in
 * JSON (a code and a message that says what to change), no SQL or driver text leaks, and normal
 * queries keep being answered. Latency figures live in bench/, not here: the bounds below are
 * only far-off guards against an exponential walk.
 */
describe('hostile queries', () => {
    const economy = useIndexedEconomy({
        api: true,
        beforeIndex: async (e) => {
            for (let v = 1; v <= 3; v++) await mixedActivityBlock(e.client, e.manifest, v)
        },
    })
    let db: TestDatabase
    let api: TestApi
    let limited: TestApi

    beforeAll(() => {
        ;({db, api} = economy)
    })
    afterAll(async () => {
        await limited?.stop()
    })

    const post = async (body: string | Uint8Array, headers: Record<string, string> = {'content-type': 'application/json'}) => {
        const res = await fetch(`${api.url}/graphql`, {method: 'POST', headers, body: body as any})
        const text = await res.text()
        return {status: res.status, text, json: (() => { try { return JSON.parse(text) } catch { return undefined } })()}
    }
    const expectRefused = (r: {status: number; json: any; text: string}, code: string, message?: RegExp) => {
        expect(r.json, r.text.slice(0, 300)).toBeDefined()
        expect(r.json.errors?.[0]?.extensions?.code, r.text.slice(0, 300)).toBe(code)
        if (message) expect(r.json.errors[0].message).toMatch(message)
        expect(r.text).not.toMatch(/SELECT|FROM "|\$1|postgres|at .+\(.+\.js/)
    }

    it('refuses an exponential fragment bomb at once, over HTTP', async () => {
        const t = Date.now()
        const r = await post(JSON.stringify({query: fragmentBomb(30)}))
        expect(r.status).toBe(400)
        expectRefused(r, 'QUERY_TOO_LARGE', new RegExp(`limit of ${API_LIMITS.maxQueryFields}`))
        expect(Date.now() - t).toBeLessThan(5_000)
    })

    it('refuses alias bombs of costly resolvers, deep nesting and huge or negative lists', async () => {
        expectRefused(await post(JSON.stringify({query: aliasBomb})), 'QUERY_TOO_COSTLY', /limit of \d+/)
        expectRefused(await post(JSON.stringify({query: deepQuery})), 'QUERY_TOO_DEEP', /limit of 10/)
        expectRefused(await post(JSON.stringify({query: '{ assets(limit: -1) { id } }'})), 'BAD_USER_INPUT', new RegExp(`from 0 to ${API_LIMITS.maxListLimit}`))
        expectRefused(await post(JSON.stringify({query: 'query($n: Int) { assets(offset: $n) { id } }', variables: {n: -5}})), 'BAD_USER_INPUT', /offset must be/)
        expectRefused(await post(JSON.stringify({query: '{ tokenTransfers(limit: 10000000) { id } }'})), 'BAD_USER_INPUT', /size limit/)
    })

    it('refuses malformed and oversized bodies and bad variables with JSON errors', async () => {
        expectRefused(await post('{"query": "{ assets { id } }"'), 'BAD_REQUEST', /not valid JSON/)
        expectRefused(await post(Buffer.from([0x7b, 0x22, 0x71, 0xff, 0xfe, 0x7d])), 'BAD_REQUEST', /UTF-8/)
        const big = await post(JSON.stringify({query: `{ assets(where: {uri_eq: "${'x'.repeat(300 * 1024)}"}) { id } }`}))
        expect(big.status).toBe(413)
        expectRefused(big, 'PAYLOAD_TOO_LARGE', /256 kB/)
        const nul = await post(JSON.stringify({query: 'query($u: String) { assets(where: {uri_eq: $u}) { id } }', variables: {u: 'a\u0000b'}}))
        expectRefused(nul, 'BAD_USER_INPUT', /NUL/)
        const lone = await post(JSON.stringify({query: 'query($u: String) { assets(where: {uri_eq: $u}) { id } }', variables: {u: 'a\ud800b'}}))
        expectRefused(lone, 'BAD_USER_INPUT', /surrogate/)
        expectRefused(await post(JSON.stringify([{query: '{ assets { id } }'}])), 'BAD_REQUEST', /batched/)
    })

    it('points / and /graphql/ at the playground, and checks GET queries too', async () => {
        const root = await fetch(`${api.url}/`, {redirect: 'manual'})
        expect(root.status).toBe(302)
        expect(root.headers.get('location')).toBe('/graphql')
        const slash = await fetch(`${api.url}/graphql/`, {redirect: 'manual'})
        expect(slash.headers.get('location')).toBe('/graphql')
        const get = await fetch(`${api.url}/graphql?query=${encodeURIComponent(fragmentBomb(20))}`)
        expect(get.status).toBe(400)
        expect((await get.json()).errors[0].extensions.code).toBe('QUERY_TOO_LARGE')
    })

    it('refuses the same over WebSocket, and serves normal operations there', async () => {
        const client = createClient({url: `${api.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true})
        const run = (query: string, variables?: Record<string, unknown>) =>
            new Promise<any>((resolve) => {
                let result: any
                client.subscribe({query, variables}, {next: (v) => (result = v), error: (e) => resolve({errors: Array.isArray(e) ? e : [e]}), complete: () => resolve(result)})
            })
        try {
            const t = Date.now()
            const bomb = await run(fragmentBomb(30))
            expect(bomb.errors?.[0]?.extensions?.code ?? bomb.errors?.[0]?.message).toBe('QUERY_TOO_LARGE')
            expect(Date.now() - t).toBeLessThan(5_000)
            expect((await run(aliasBomb)).errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY')
            expect((await run(deepQuery)).errors?.[0]?.extensions?.code).toBe('QUERY_TOO_DEEP')
            expect((await run('query($u: String) { assets(where: {uri_eq: $u}) { id } }', {u: '\u0000'})).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
            const ok = await run('{ assets(limit: 2, orderBy: id_ASC) { id } }')
            expect(ok.data.assets.length).toBe(2)
        } finally {
            await client.dispose()
        }
    })

    it('cuts slow clients off (header and body timeouts) and keeps answering meanwhile', async () => {
        const port = Number(new URL(api.url).port)
        const slow = net.connect(port, '127.0.0.1')
        await new Promise((r) => slow.once('connect', r))
        let answer = ''
        slow.on('data', (d) => (answer += d.toString())) // read what the server sends (its 408), so that its close is seen
        slow.write('POST /graphql HTTP/1.1\r\nHost: x\r\n') // never finishes its headers
        const closed = new Promise<number>((r) => {
            const t = Date.now()
            slow.once('close', () => r(Date.now() - t))
        })
        const r = await api.gql('{ assets(limit: 1) { id } }')
        expect(r.body.errors).toBeUndefined()
        const after = await closed
        expect(after).toBeLessThan(API_LIMITS.headersTimeoutMs + 5_000) // checked every second
        // the refusal is a GraphQL error in JSON that says what to change, not a bare 408
        expect(answer).toMatch(/^HTTP\/1\.1 408 /)
        const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))
        expect(body.errors[0].extensions.code).toBe('REQUEST_TIMEOUT')
        expect(body.errors[0].message).toContain(`within ${API_LIMITS.headersTimeoutMs / 1000} s`)
    }, 60_000)

    it('rate-limits a client with 429 and Retry-After', async () => {
        limited = await startTestApiWithEnv(db.url, {API_RATE_LIMIT: '5'})
        const codes: number[] = []
        let retryAfter: string | null = null
        for (let i = 0; i < 8; i++) {
            const res = await fetch(`${limited.url}/graphql`, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify({query: '{ assets(limit: 1) { id } }'})})
            codes.push(res.status)
            if (res.status === 429) {
                retryAfter = res.headers.get('retry-after')
                expect((await res.json()).errors[0].extensions.code).toBe('RATE_LIMITED')
            } else await res.text()
        }
        expect(codes.filter((c) => c === 429).length).toBeGreaterThan(0)
        expect(Number(retryAfter)).toBeGreaterThan(0)
    })
})

async function startTestApiWithEnv(dbUrl: string, env: Record<string, string>): Promise<TestApi> {
    return startTestApi(dbUrl, {env})
}

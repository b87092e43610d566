import {createClient, type Client} from 'graphql-ws'
import WebSocket from 'ws'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {rpc} from '../../devnet/chain'
import {mixedActivityBlock} from '../helpers/activity'
import {encodeCursor} from '../../src/api/live/stream'
import {startTestApi, type TestApi} from '../helpers/api'
import {useIndexedEconomy} from '../helpers/economy'
import {indexedHeight, startProcessor, waitFor, type ProcessorRun} from '../helpers/processor'

const FINALITY = 15

const PAYMENTS = `subscription($after: String) {
    newPayments(after: $after) {
        kind fromBlock retracted cursor
        payment { id number block txHash amount net distributions { id asset depth amount toOwner } }
    }
}`

/** Collects a subscription's events until stopped. */
function collect<T>(client: Client, query: string, variables: Record<string, unknown> = {}) {
    const events: T[] = []
    const errors: unknown[] = []
    const stop = client.subscribe<any>({query, variables}, {
        next: (r) => (r.errors ? errors.push(r.errors) : events.push(Object.values(r.data!)[0] as T)),
        error: (e) => errors.push(e),
        complete: () => {},
    })
    return {events, errors, stop}
}

/**
 * Live subscriptions end to end: the processor follows the chain, the API serves it, and a
 * graphql-ws client receives each payment of a stretch of blocks exactly once, in chain order,
 * with its distributions; the head subscription follows; a reorg is retracted and replayed.
 */
describe('live subscriptions', () => {
    const chain = useIndexedEconomy({index: false})
    let run: ProcessorRun
    let api: TestApi
    let client: Client

    async function waitIndexed(): Promise<number> {
        const head = Number(await chain.client.getBlockNumber())
        const hash = (await chain.client.getBlock()).hash
        await waitFor(`the processor to index block ${head}`, async () => {
            if ((await indexedHeight(chain.db.query)) !== head) return false
            const rows = await chain.db.query('SELECT hash FROM indexed_head')
            return rows[0]?.hash === hash
        }, 90_000).catch((e) => {
            throw new Error(`${e.message}\nprocessor output:\n${run.output().slice(-3000)}`)
        })
        return head
    }

    /** The payments at blocks > `from`, in chain order, with their distributions, from the database. */
    async function dbPayments(from: number) {
        const ps = await chain.db.query('SELECT id, block, tx_hash FROM payment WHERE block > $1 ORDER BY block, id::numeric', [from])
        const ds = await chain.db.query(
            `SELECT d.id, d.payment_id, d.amount::text AS amount FROM revenue_distribution d JOIN payment p ON p.id = d.payment_id
             WHERE p.block > $1 ORDER BY split_part(d.id, '-', 2)::int`,
            [from],
        )
        return ps.map((p: any) => ({
            id: p.id,
            block: p.block,
            txHash: p.tx_hash,
            distributions: ds.filter((d: any) => d.payment_id === p.id).map((d: any) => ({id: d.id, amount: d.amount})),
        }))
    }

    beforeAll(async () => {
        for (let v = 1; v <= 2; v++) await mixedActivityBlock(chain.client, chain.manifest, v)
        run = startProcessor({dbUrl: chain.db.url, manifest: chain.manifest, env: {FINALITY_CONFIRMATION: String(FINALITY)}})
        await waitIndexed()
        api = await startTestApi(chain.db.url, {env: {LIVE_POLL_INTERVAL_MS: '250'}})
        client = createClient({url: `${api.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true})
    }, 300_000)
    afterAll(async () => {
        await client?.dispose()
        await api?.stop()
        await run?.stop()
    })

    it('sends every payment of a stretch once, in chain order, with its distributions; the head follows', async () => {
        const start = await waitIndexed()
        // a cursor at the indexed height: the stream starts there however late its first poll comes
        const payments = collect<any>(client, PAYMENTS, {after: encodeCursor({block: start, key: null})})
        const heads = collect<any>(client, 'subscription { indexedHead { height hash finalizedHeight } }')
        await waitFor('the head subscription to start', async () => heads.events.length > 0, 30_000, 50)
        for (let v = 3; v <= 8; v++) await mixedActivityBlock(chain.client, chain.manifest, v)
        const end = await waitIndexed()
        const expected = await dbPayments(start)
        expect(expected.length).toBe(12) // 6 blocks, 2 payments each
        await waitFor('the subscriber to receive the stretch', async () => payments.events.length >= expected.length, 30_000, 50)
        await waitFor('the head subscription to reach the head', async () => heads.events.at(-1)?.height === end, 30_000, 50)
        payments.stop()
        heads.stop()
        expect(payments.errors).toEqual([])
        expect(heads.errors).toEqual([])
        expect(payments.events.every((e) => e.kind === 'ADD')).toBe(true)
        const got = payments.events.map((e) => ({
            id: e.payment.id,
            block: e.payment.block,
            txHash: e.payment.txHash,
            distributions: e.payment.distributions.map((d: any) => ({id: d.id, amount: String(d.amount)})),
        }))
        expect(got).toEqual(expected)
        for (const e of payments.events) expect(e.payment.distributions.length).toBeGreaterThan(0)
        const heights = heads.events.map((h) => h.height)
        expect(heights[0]).toBe(start)
        expect(heights.at(-1)).toBe(end)
        for (let i = 1; i < heights.length; i++) expect(heights[i]).toBeGreaterThanOrEqual(heights[i - 1])
    }, 200_000)

    it('resumes after a cursor without repeating or missing a payment', async () => {
        const start = await waitIndexed()
        const first = collect<any>(client, PAYMENTS, {after: encodeCursor({block: start, key: null})})
        await mixedActivityBlock(chain.client, chain.manifest, 20)
        await waitIndexed()
        await waitFor('the first payment', async () => first.events.length >= 2, 30_000, 50)
        first.stop()
        const cursor = first.events[0].cursor // resume after the first of the two
        await mixedActivityBlock(chain.client, chain.manifest, 21)
        await waitIndexed()
        const expected = await dbPayments(start)
        const resumed = collect<any>(client, PAYMENTS, {after: cursor})
        await waitFor('the resumed stream', async () => resumed.events.length >= expected.length - 1, 30_000, 50)
        resumed.stop()
        expect(resumed.errors).toEqual([])
        expect(resumed.events.map((e) => e.payment?.id)).toEqual(expected.slice(1).map((p: any) => p.id))
    }, 200_000)

    it('retracts payments a reorg rolled back, then sends those of the new chain', async () => {
        const start = await waitIndexed()
        const live = collect<any>(client, PAYMENTS, {after: encodeCursor({block: start, key: null})})
        const snapshot = await rpc<string>(chain.client, 'evm_snapshot')
        for (let v = 30; v < 32; v++) await mixedActivityBlock(chain.client, chain.manifest, v)
        await waitIndexed()
        await waitFor('the payments before the reorg', async () => live.events.length >= 4, 30_000, 50)
        expect(await rpc<boolean>(chain.client, 'evm_revert', [snapshot])).toBe(true)
        for (let v = 40; v < 43; v++) await mixedActivityBlock(chain.client, chain.manifest, v)
        await waitIndexed()
        const expected = await dbPayments(start)
        // apply the events as a client would: ADD appends, RETRACT drops the blocks >= fromBlock
        const fold = () => {
            let held: any[] = []
            for (const e of live.events) {
                if (e.kind === 'ADD') held.push(e.payment)
                else held = held.filter((p) => p.block < e.fromBlock)
            }
            return held
        }
        await waitFor('the client to hold the new chain', async () => {
            const held = fold()
            return held.length === expected.length && held.every((p, i) => p.txHash === expected[i].txHash)
        }, 30_000, 50).catch((e) => {
            throw new Error(`${e.message}: events ${JSON.stringify(live.events.map((x) => [x.kind, x.fromBlock, x.retracted, x.payment?.id, x.payment?.block]))}`)
        })
        live.stop()
        expect(live.errors).toEqual([])
        const retractions = live.events.filter((e) => e.kind === 'RETRACT')
        expect(retractions.length).toBeGreaterThanOrEqual(1)
        expect(retractions[0].retracted.length).toBe(4)
        expect(fold().map((p) => p.id)).toEqual(expected.map((p: any) => p.id))
    }, 200_000)

    it('bounds the subscriptions of one connection', async () => {
        const subs = Array.from({length: 11}, () => collect<any>(client, 'subscription { indexedHead { height } }'))
        await waitFor('the eleventh to be refused', async () => subs[10].errors.length > 0, 30_000, 50)
        expect(JSON.stringify(subs[10].errors)).toContain('at once is 10')
        for (const s of subs) s.stop()
    }, 60_000)
})

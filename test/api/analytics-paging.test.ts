import {beforeAll, describe, expect, it} from 'vitest'
import {sharesInSql} from '../../src/domain/attribution-sql'
import type {TestApi} from '../helpers/api'
import type {TestDatabase} from '../helpers/database'
import {useIndexedEconomy} from '../helpers/economy'

/**
 * Cursor and offset paging of the long analytics lists (src/api/analytics/cursor.ts): walking a
 * list with a small page, by cursor (after = the previous endCursor) and by offset, yields exactly
 * the rows of one big page, each once, in the same order. Each list is picked so that it spans
 * several pages on this chain, with ties in its first sort key where the data has them (council
 * votes all weigh 1; many contributors may earn alike), which only the tie-breaker orders.
 */

/** What every analytics page reports. */
interface PageInfo {
    offset: number
    limit: number
    totalCount: number | null
    hasNextPage: boolean
    endCursor: string | null
}
/** Fetches one page: by cursor (`after`), by `offset`, or the first page. */
type Fetch = (v: {after?: string; offset?: number; limit: number}) => Promise<{page: PageInfo; items: unknown[]}>

interface List {
    name: string
    /** Small page size; the list must be longer. */
    page: number
    /** A page size that holds the whole list. */
    max: number
    fetch: Fetch
    /** The name of the cursor argument, for the error checks. */
    afterArg: string
    /** A fetch with a raw cursor and extra arguments, for the error checks. */
    raw: (after: string, offset?: number) => Promise<{errors?: any[]}>
}

const MAX_PAGES = 500

async function byCursor(l: List): Promise<unknown[]> {
    const out: unknown[] = []
    let after: string | undefined
    for (let i = 0; i < MAX_PAGES; i++) {
        const {page, items} = await l.fetch({after, limit: l.page})
        expect(items.length).toBeLessThanOrEqual(l.page)
        expect(page.offset).toBe(0)
        out.push(...items)
        expect(page.endCursor == null).toBe(items.length === 0)
        if (!page.hasNextPage) return out
        expect(items.length).toBe(l.page)
        after = page.endCursor!
    }
    throw new Error(`${l.name}: more than ${MAX_PAGES} pages`)
}

async function byOffset(l: List): Promise<unknown[]> {
    const out: unknown[] = []
    for (let offset = 0; offset < MAX_PAGES * l.page; offset += l.page) {
        const {page, items} = await l.fetch({offset, limit: l.page})
        expect(page.offset).toBe(offset)
        out.push(...items)
        if (!page.hasNextPage) return out
    }
    throw new Error(`${l.name}: more than ${MAX_PAGES} pages`)
}

describe('analytics lists page by cursor and by offset', () => {
    const economy = useIndexedEconomy({seed: 5, scale: 'small', api: true})
    let db: TestDatabase
    let api: TestApi
    const lists: List[] = []
    /** The payment whose node has the most receipt shares. */
    let heavyPayment: string

    /** Runs a query, expects no errors, returns `data[field]`. */
    async function data(query: string, variables: Record<string, unknown>, field: string): Promise<any> {
        const r = await api.gql(query, variables)
        expect(r.body.errors, query).toBeUndefined()
        return (r.body.data as any)[field]
    }

    const PAGE_FIELDS = 'page { offset limit totalCount hasNextPage endCursor }'

    beforeAll(async () => {
        ;({db, api} = economy)

        // topContributors, over all time (accrued amounts) and in a window (shares of distributions)
        const TOP = `query($after: String, $offset: Int, $limit: Int, $from: DateTime, $to: DateTime) {
            topContributors(after: $after, offset: $offset, limit: $limit, from: $from, to: $to) { ${PAGE_FIELDS} entries { rank account earned receiptCount } } }`
        for (const w of [{}, {from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z'}]) {
            const fetch: Fetch = async (v) => {
                const t = await data(TOP, {...v, ...w}, 'topContributors')
                return {page: t.page, items: t.entries}
            }
            lists.push({
                name: `topContributors${'from' in w ? ' (window)' : ''}`,
                page: 4,
                max: 1000,
                fetch,
                afterArg: 'after',
                raw: (after, offset) => api.gql(TOP, {after, offset, limit: 4, ...w}).then((r) => r.body),
            })
        }

        // the receipt shares of the node with the most receipts (of a payment with at most 100 nodes)
        const [heavy] = await db.query<{payment_id: string; id: string; n: number}>(
            `SELECT d.payment_id, d.id, count(*)::int AS n FROM revenue_distribution d JOIN receipt r ON ${sharesInSql('d', 'r')}
             JOIN payment p ON p.id = d.payment_id WHERE p.distribution_count <= 100 GROUP BY 1, 2 ORDER BY n DESC, d.id LIMIT 1`,
        )
        expect(heavy, 'a distribution with receipts').toBeDefined()
        heavyPayment = heavy.payment_id
        const all = await data(
            `query($id: String!) { paymentAttribution(paymentId: $id, nodesLimit: 100, receiptsLimit: 1) { nodes { distributionId } } }`,
            {id: heavy.payment_id},
            'paymentAttribution',
        )
        const node = all.nodes.findIndex((n: any) => n.distributionId === heavy.id)
        expect(node).toBeGreaterThanOrEqual(0)
        const SHARES = `query($id: String!, $node: Int!, $after: String, $offset: Int, $limit: Int) {
            paymentAttribution(paymentId: $id, nodesOffset: $node, nodesLimit: 1, receiptsAfter: $after, receiptsOffset: $offset, receiptsLimit: $limit) {
                nodes { distributionId receiptsPage { offset limit totalCount hasNextPage endCursor } receiptShares { receiptId contributor weight amount } } } }`
        lists.push({
            name: `paymentAttribution(${heavy.payment_id}).nodes[${node}].receiptShares`,
            page: 3,
            max: 1000,
            fetch: async (v) => {
                const [n] = (await data(SHARES, {id: heavy.payment_id, node, ...v}, 'paymentAttribution')).nodes
                expect(n.distributionId).toBe(heavy.id)
                return {page: n.receiptsPage, items: n.receiptShares}
            },
            afterArg: 'receiptsAfter',
            raw: (after, offset) => api.gql(SHARES, {id: heavy.payment_id, node, after, offset, limit: 3}).then((r) => r.body),
        })

        // the voters of the proposal with the most votes, and of the COUNCIL proposal with the most (all weigh 1)
        const proposals = await db.query<{id: string}>(
            `(SELECT id FROM proposal ORDER BY voter_count DESC, id LIMIT 1) UNION (SELECT id FROM proposal WHERE track = 'COUNCIL' AND voter_count > 3 ORDER BY voter_count DESC, id LIMIT 1)`,
        )
        const VOTERS = `query($id: String!, $after: String, $offset: Int, $limit: Int) {
            proposalDetail(id: $id, votersAfter: $after, votersOffset: $offset, votersLimit: $limit) { voters { ${PAGE_FIELDS} items { voter support weight block } } } }`
        for (const {id} of proposals) {
            lists.push({
                name: `proposalDetail(${id}).voters`,
                page: 3,
                max: 500,
                fetch: async (v) => {
                    const d = await data(VOTERS, {id, ...v}, 'proposalDetail')
                    return {page: d.voters.page, items: d.voters.items}
                },
                afterArg: 'votersAfter',
                raw: (after, offset) => api.gql(VOTERS, {id, after, offset, limit: 3}).then((r) => r.body),
            })
        }

        // the power history of the delegate with the most changes
        const [delegate] = await db.query<{id: string}>(`SELECT delegate_id AS id FROM voting_power_change GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`)
        const HISTORY = `query($d: String!, $after: String, $offset: Int, $limit: Int) {
            delegatePowerHistory(delegate: $d, after: $after, offset: $offset, limit: $limit) { ${PAGE_FIELDS} points { block previousVotes newVotes delta } } }`
        lists.push({
            name: `delegatePowerHistory(${delegate.id})`,
            page: 3,
            max: 1000,
            fetch: async (v) => {
                const h = await data(HISTORY, {d: delegate.id, ...v}, 'delegatePowerHistory')
                return {page: h.page, items: h.points}
            },
            afterArg: 'after',
            raw: (after, offset) => api.gql(HISTORY, {d: delegate.id, after, offset, limit: 3}).then((r) => r.body),
        })

        const COUNCIL = `query($after: String, $offset: Int, $limit: Int) {
            councilHistory(after: $after, offset: $offset, limit: $limit) { ${PAGE_FIELDS} changes { member added councilSize block txHash } } }`
        lists.push({
            name: 'councilHistory',
            page: 2,
            max: 1000,
            fetch: async (v) => {
                const c = await data(COUNCIL, v, 'councilHistory')
                return {page: c.page, items: c.changes}
            },
            afterArg: 'after',
            raw: (after, offset) => api.gql(COUNCIL, {after, offset, limit: 2}).then((r) => r.body),
        })
    })

    it('each list spans several pages on this chain', async () => {
        // top, windowed top, receipt shares, 1-2 proposals, delegate, council
        expect(lists.length).toBeGreaterThanOrEqual(6)
        for (const l of lists) {
            const {page, items} = await l.fetch({limit: l.max})
            expect(page.hasNextPage, l.name).toBe(false)
            expect(items.length, l.name).toBeGreaterThan(l.page)
            if (page.totalCount != null) expect(page.totalCount, l.name).toBe(items.length)
        }
    })

    it('walking by cursor and by offset yields the rows of one big page, each once, in order', async () => {
        for (const l of lists) {
            const whole = (await l.fetch({limit: l.max})).items
            const cursor = await byCursor(l)
            expect(cursor, l.name).toEqual(whole)
            expect(new Set(cursor.map((x) => JSON.stringify(x))).size, l.name).toBe(whole.length)
            expect(await byOffset(l), l.name).toEqual(whole)
        }
    })

    it('orders by the documented keys, tie-breaker included (numeric receipt ids, chain order)', async () => {
        const cmp = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0)
        for (const l of lists) {
            const items = (await l.fetch({limit: l.max})).items as any[]
            for (let i = 1; i < items.length; i++) {
                const [a, b] = [items[i - 1], items[i]]
                if ('rank' in a) {
                    expect(b.rank).toBe(a.rank + 1)
                    const c = cmp(BigInt(b.earned), BigInt(a.earned))
                    expect(c < 0 || (c === 0 && b.account > a.account), l.name).toBe(true)
                } else if ('receiptId' in a) {
                    expect(BigInt(b.receiptId) > BigInt(a.receiptId), l.name).toBe(true)
                } else if ('voter' in a) {
                    const c = cmp(BigInt(b.weight), BigInt(a.weight))
                    expect(c < 0 || (c === 0 && b.voter > a.voter), l.name).toBe(true)
                } else {
                    expect(b.block, l.name).toBeGreaterThanOrEqual(a.block)
                }
            }
        }
    })

    it('receiptsAfter continues every node shown after the same receipt', async () => {
        const l = lists.find((x) => x.afterArg === 'receiptsAfter')!
        const first = await l.fetch({limit: 3})
        const after = BigInt((first.items as any[])[2].receiptId)
        const r = await api.gql(
            `query($id: String!, $after: String) { paymentAttribution(paymentId: $id, nodesLimit: 100, receiptsAfter: $after, receiptsLimit: 5) {
                nodes { receiptsPage { offset } receiptShares { receiptId } } } }`,
            {id: heavyPayment, after: first.page.endCursor},
        )
        expect(r.body.errors).toBeUndefined()
        const nodes = (r.body.data as any).paymentAttribution.nodes
        expect(nodes.some((n: any) => n.receiptShares.length > 0)).toBe(true)
        for (const n of nodes) {
            expect(n.receiptsPage.offset).toBe(0)
            for (const s of n.receiptShares) expect(BigInt(s.receiptId) > after).toBe(true)
        }
    })

    it('refuses a bad cursor with BAD_USER_INPUT and says what to pass', async () => {
        const expectRefused = (body: {errors?: any[]}, what: RegExp, name: string) => {
            expect(body.errors?.length, name).toBe(1)
            expect(body.errors![0].extensions?.code, name).toBe('BAD_USER_INPUT')
            expect(body.errors![0].message, name).toMatch(what)
        }
        const council = lists.find((x) => x.name === 'councilHistory')!
        const councilCursor = (await council.fetch({limit: 1})).page.endCursor!
        for (const l of lists) {
            const arg = l.afterArg
            expectRefused(await l.raw('not-a-cursor'), new RegExp(`^${arg} is not a cursor of .*: it does not decode; pass the endCursor of a .* page requested with the same arguments .*omit ${arg}`), l.name)
            expectRefused(await l.raw('%%%'), /not base64url text; pass the endCursor/, l.name)
            expectRefused(await l.raw('x'.repeat(2000)), /longer than 1024 characters; pass the endCursor/, l.name)
            if (l !== council) expectRefused(await l.raw(councilCursor), /belongs to another list \("councilHistory"\); pass the endCursor/, l.name)
            const own = (await l.fetch({limit: 1})).page.endCursor!
            expectRefused(await l.raw(own, 1), new RegExp(`not both`), l.name)
        }
        // a cursor of the same list, issued for other arguments
        const [all, windowed] = lists.filter((x) => x.name.startsWith('topContributors'))
        expectRefused(await all.raw((await windowed.fetch({limit: 1})).page.endCursor!), /issued for other arguments; pass the endCursor/, 'topContributors')
    })
})

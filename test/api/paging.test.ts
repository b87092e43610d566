import {beforeAll, describe, expect, it} from 'vitest'
import type {TestApi} from '../helpers/api'
import type {TestDatabase} from '../helpers/database'
import {useIndexedEconomy} from '../helpers/economy'

/**
 * Paging is stable: walking a large collection page by page, by offset and by connection, with
 * an order that has many ties (block), yields every row exactly once. OpenReader orders by the
 * requested fields only; src/api/stable-order.ts adds the id as the last sort key.
 */
describe('stable paging', () => {
    const economy = useIndexedEconomy({seed: 5, scale: 'small', api: true})
    let db: TestDatabase
    let api: TestApi

    beforeAll(() => {
        ;({db, api} = economy)
    })

    const COLLECTIONS = [
        {field: 'revenueDistributions', table: 'revenue_distribution', orders: ['block_ASC', 'block_DESC', 'depth_ASC']},
        {field: 'payments', table: 'payment', orders: ['block_DESC', 'asset_id_ASC']},
        {field: 'invocations', table: 'invocation', orders: ['block_DESC']},
        {field: 'tokenTransfers', table: 'token_transfer', orders: ['block_ASC']},
        {field: 'receipts', table: 'receipt', orders: ['issuedAtBlock_DESC']},
        {field: 'votes', table: 'vote', orders: ['block_DESC']},
    ]
    const PAGE = 37

    for (const c of COLLECTIONS) {
        for (const order of c.orders) {
            it(`${c.field}(orderBy: ${order}) by offset and by connection: every row once`, async () => {
                const [{n}] = await db.query(`SELECT count(*)::int AS n FROM ${c.table}`)
                expect(n).toBeGreaterThan(PAGE) // more than one page, or the test proves nothing
                const byOffset: string[] = []
                for (let offset = 0; ; offset += PAGE) {
                    const r = await api.gql(`{ ${c.field}(orderBy: ${order}, limit: ${PAGE}, offset: ${offset}) { id } }`)
                    expect(r.body.errors).toBeUndefined()
                    const page = (r.body.data as any)[c.field] as {id: string}[]
                    byOffset.push(...page.map((x) => x.id))
                    if (page.length < PAGE) break
                }
                expect(byOffset.length).toBe(n)
                expect(new Set(byOffset).size).toBe(n)

                const byCursor: string[] = []
                let after: string | null = null
                for (;;) {
                    const r: any = await api.gql(
                        `query($after: String) { ${c.field}Connection(orderBy: ${order}, first: ${PAGE}, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
                        {after},
                    )
                    expect(r.body.errors).toBeUndefined()
                    const conn = r.body.data[`${c.field}Connection`]
                    byCursor.push(...conn.edges.map((e: any) => e.node.id))
                    if (!conn.pageInfo.hasNextPage) break
                    after = conn.pageInfo.endCursor
                }
                expect(new Set(byCursor).size).toBe(n)
                expect(byCursor).toEqual(byOffset)
            })
        }
    }

    // Decimal ids sort as text (1, 10, 11, 2); each such entity has `number`, the id as a number.
    const NUMBERED = [
        {field: 'assets', table: 'asset'},
        {field: 'receipts', table: 'receipt'},
        {field: 'licenseTerms', table: 'license_terms'},
        {field: 'licenses', table: 'license'},
        {field: 'invocations', table: 'invocation'},
        {field: 'payments', table: 'payment'},
        {field: 'proposals', table: 'proposal'},
    ]
    for (const c of NUMBERED) {
        it(`${c.field}(orderBy: number_ASC): ids in numeric order, every row once; number_gt pages by range`, async () => {
            const rows = await db.query<{id: string}>(`SELECT id FROM ${c.table}`)
            const expected = rows.map((r) => BigInt(r.id)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map(String)
            expect(expected.length).toBeGreaterThan(0)
            const walked: string[] = []
            for (let offset = 0; ; offset += PAGE) {
                const r = await api.gql(`{ ${c.field}(orderBy: number_ASC, limit: ${PAGE}, offset: ${offset}) { id number } }`)
                expect(r.body.errors).toBeUndefined()
                const page = (r.body.data as any)[c.field] as {id: string; number: string}[]
                for (const x of page) expect(x.number).toBe(x.id)
                walked.push(...page.map((x) => x.id))
                if (page.length < PAGE) break
            }
            expect(walked).toEqual(expected)
            // keyset by number: the rows after the first page's last id
            const last = expected[Math.min(PAGE, expected.length) - 1]
            const r = await api.gql(`{ ${c.field}(where: {number_gt: "${last}"}, orderBy: number_ASC, limit: ${PAGE}) { id } }`)
            expect(r.body.errors).toBeUndefined()
            expect(((r.body.data as any)[c.field] as {id: string}[]).map((x) => x.id)).toEqual(expected.slice(PAGE, 2 * PAGE))
        })
    }

    it("keyset paging as the README shows it (block and id of the last row): every row once, in the offset walk's order", async () => {
        const [{n}] = await db.query(`SELECT count(*)::int AS n FROM revenue_distribution`)
        const byOffset: string[] = []
        for (let offset = 0; ; offset += PAGE) {
            const r = await api.gql(`{ revenueDistributions(orderBy: [block_DESC, id_DESC], limit: ${PAGE}, offset: ${offset}) { id } }`)
            const page = (r.body.data as any).revenueDistributions as {id: string}[]
            byOffset.push(...page.map((x) => x.id))
            if (page.length < PAGE) break
        }
        const byKey: string[] = []
        let last: {id: string; block: number} | undefined
        for (;;) {
            const where = last ? `where: {OR: [{block_lt: ${last.block}}, {block_eq: ${last.block}, id_lt: "${last.id}"}]}, ` : ''
            const r = await api.gql(`{ revenueDistributions(${where}orderBy: [block_DESC, id_DESC], limit: ${PAGE}) { id block } }`)
            expect(r.body.errors).toBeUndefined()
            const page = (r.body.data as any).revenueDistributions as {id: string; block: number}[]
            byKey.push(...page.map((x) => x.id))
            if (page.length < PAGE) break
            last = page[page.length - 1]
        }
        expect(byKey.length).toBe(n)
        expect(byKey).toEqual(byOffset)
        // the id tie-break follows the last key's direction: block_DESC alone orders ties by id DESC too
        const r = await api.gql(`{ revenueDistributions(orderBy: block_DESC, limit: ${n}) { id } }`)
        expect(((r.body.data as any).revenueDistributions as {id: string}[]).map((x) => x.id)).toEqual(byOffset)
    })
})

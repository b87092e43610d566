import {describe, expect, it} from 'vitest'
import {useIndexedEconomy} from '../helpers/economy'

/**
 * Paged lists with nested to-one selections (src/api/paged-joins.ts pages the root rows before
 * joining): every page equals the same slice of a long first page printed in OpenReader's own form
 * (forced by an always-true filter on a joined table: a filter that reads a join is never paged
 * first), for root, nested and connection lists.
 */
describe('paged lists join after paging', () => {
    const economy = useIndexedEconomy({seed: 5, scale: 'small', api: true})

    const data = async (query: string) => {
        const r = await economy.api.gql(query)
        expect(r.body.errors, query).toBeUndefined()
        return r.body.data
    }

    /**
     * `list(args, page) {selection}` against the same slice of `list(args + force, limit: 200)`:
     * `force` is an always-true filter on a joined table, so the reference keeps OpenReader's form.
     */
    async function samePages(list: string, args: string, force: string, selection: string, pages: {limit: number; offset: number}[]) {
        const whole = (await data(`{ rows: ${list}(${args.replace('where: {', `where: {${force}, `)}, limit: 200) { ${selection} } }`)).rows as unknown[]
        expect(whole.length, `${list}(${args})`).toBeGreaterThan(20)
        for (const p of pages) {
            const page = (await data(`{ rows: ${list}(${args}, limit: ${p.limit}, offset: ${p.offset}) { ${selection} } }`)).rows
            expect(page, `${list}(${args}) limit ${p.limit} offset ${p.offset}`).toEqual(whole.slice(p.offset, p.offset + p.limit))
        }
    }

    it('root lists: joins to payments, assets and their owners, accruals and validities', async () => {
        const [{id: asset}] = await economy.db.query(`SELECT asset_id AS id FROM revenue_distribution GROUP BY asset_id ORDER BY count(*) DESC LIMIT 1`)
        const pages = [{limit: 7, offset: 0}, {limit: 7, offset: 13}, {limit: 50, offset: 1}, {limit: 3, offset: 10_000}]
        await samePages('revenueDistributions', `where: {asset: {id_eq: "${asset}"}}, orderBy: block_DESC`, 'payment: {amount_gte: "0"}', 'id amount depth payment { id amount source payer { id } } asset { id kind owner { id } }', pages)
        await samePages('receipts', 'where: {weight_gte: "0"}, orderBy: weight_DESC', 'contributor: {balance_gte: "0"}', 'id weight accrual { accrued claimable } asset { id } contributor { id votes }', pages)
        await samePages('licenses', 'where: {number_gte: "0"}, orderBy: number_DESC', 'holder: {balance_gte: "0"}', 'id validity { isValid atBlock } terms { id asset { id } } holder { id }', pages)
        await samePages('payments', 'where: {amount_gt: "0"}, orderBy: [block_DESC, amount_ASC]', 'payer: {balance_gte: "0"}', 'id amount asset { id owner { id } }', pages)
    })

    it('nested lists (correlated to their parent) and connections', async () => {
        const q = (args: string) => `{ assets(orderBy: receiptCount_DESC, limit: 3) { id receipts(orderBy: id_ASC${args}) { id weight asset { id } contributor { id } } } }`
        const whole = (await data(q(', where: {contributor: {balance_gte: "0"}}, limit: 100'))).assets as {id: string; receipts: unknown[]}[]
        expect(whole[0].receipts.length).toBeGreaterThan(3)
        const paged = (await data(q(', limit: 2, offset: 1'))).assets as {id: string; receipts: unknown[]}[]
        expect(paged.map((a) => a.receipts)).toEqual(whole.map((a) => a.receipts.slice(1, 3)))

        const c = (args: string) => `{ c: revenueDistributionsConnection(orderBy: block_DESC${args}) { totalCount edges { node { id payment { id amount } } } } }`
        const all = (await data(c(', where: {payment: {amount_gte: "0"}}, first: 100'))).c
        const page = (await data(c(', first: 5, after: "3"'))).c
        expect(page.totalCount).toBe(all.totalCount)
        expect(page.edges.map((e: any) => e.node)).toEqual(all.edges.slice(3, 8).map((e: any) => e.node))
    })
})

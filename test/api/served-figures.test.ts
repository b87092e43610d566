import type {Address} from 'viem'
import {describe, expect, it} from 'vitest'
import {loadArtifacts} from '../../devnet/compile'
import {useIndexedEconomy} from '../helpers/economy'

/**
 * Figures a frontend needs most are served, not derived (issue 14), through the entity queries
 * it already makes: a receipt's accrued and claimable (Receipt.accrual, also under an account's
 * receipts) and a licence's validity at the indexed head (License.validity, under an account's
 * licences), each equal to the contract's view function called at the indexed height.
 */
describe('served figures: receipt accrual and licence validity', () => {
    const economy = useIndexedEconomy({seed: 5, scale: 'small', api: true})
    const art = loadArtifacts()
    const read = (c: 'RevenueVault' | 'LicenseRegistry', functionName: string, args: unknown[]) =>
        economy.client.readContract({
            address: economy.manifest.contracts[c] as Address,
            abi: art[c].abi,
            functionName,
            args,
            blockNumber: BigInt(economy.height),
        }) as Promise<any>

    it('the indexed head is the height squidStatus reports, with its hash and block time', async () => {
        const r = await economy.api.gql('{ indexedHeadById(id: "head") { height hash timestamp } squidStatus { height hash } }')
        expect(r.body.errors).toBeUndefined()
        const {indexedHeadById: head, squidStatus} = r.body.data
        expect(head.height).toBe(economy.height)
        expect(head).toMatchObject({height: squidStatus.height, hash: squidStatus.hash})
        const block = await economy.client.getBlock({blockNumber: BigInt(economy.height)})
        expect(new Date(head.timestamp).getTime()).toBe(Number(block.timestamp) * 1000)
    })

    it("every receipt's accrual equals receiptAccrued / receiptClaimable at the indexed height", async () => {
        const r = await economy.api.gql('{ receipts(orderBy: number_ASC, limit: 5000) { id revoked claimed accrual { id accrued claimable } } }')
        expect(r.body.errors).toBeUndefined()
        const receipts = r.body.data.receipts as {id: string; revoked: boolean; claimed: string; accrual: {id: string; accrued: string; claimable: string}}[]
        expect(receipts.length).toBeGreaterThan(20)
        expect(receipts.some((x) => x.revoked)).toBe(true)
        expect(receipts.some((x) => BigInt(x.claimed) > 0n)).toBe(true)
        const chain = await Promise.all(receipts.map((x) => Promise.all([read('RevenueVault', 'receiptAccrued', [BigInt(x.id)]), read('RevenueVault', 'receiptClaimable', [BigInt(x.id)])])))
        const served = receipts.map((x) => [x.accrual.id, x.accrual.accrued, x.accrual.claimable])
        expect(served).toEqual(receipts.map((x, i) => [x.id, String(chain[i][0]), String(chain[i][1])]))
        expect(receipts.some((x) => BigInt(x.accrual.accrued) > 0n)).toBe(true)
    })

    it("an account's receipts and licences carry the same served figures", async () => {
        const ids = await economy.api.gql('{ accounts(where: {receiptCount_gt: 0}, orderBy: receiptCount_DESC, limit: 1) { id } l: licenses(limit: 1, orderBy: number_ASC) { holder { id } } }')
        const [account] = ids.body.data.accounts
        const holder = ids.body.data.l[0].holder.id
        const r = await economy.api.gql(
            `query ($a: String!, $h: String!) {
               a: accountById(id: $a) { receipts(orderBy: id_ASC, limit: 50) { id accrual { accrued claimable } } }
               h: accountById(id: $h) { licenses(limit: 50) { id validity { isValid atBlock } } }
             }`,
            {a: account.id, h: holder},
        )
        expect(r.body.errors).toBeUndefined()
        for (const x of r.body.data.a.receipts) expect(x.accrual.accrued).toBe(String(await read('RevenueVault', 'receiptAccrued', [BigInt(x.id)])))
        expect(r.body.data.h.licenses.length).toBeGreaterThan(0)
        for (const l of r.body.data.h.licenses) {
            expect(l.validity.isValid).toBe(await read('LicenseRegistry', 'isValid', [BigInt(l.id)]))
            expect(l.validity.atBlock).toBe(economy.height)
        }
    })

    it("every licence's validity equals isValid at the indexed height, at that block's time", async () => {
        const r = await economy.api.gql('{ licenses(orderBy: number_ASC, limit: 5000) { id revoked expiresAt validity { isValid atBlock atTimestamp } } indexedHeadById(id: "head") { timestamp } }')
        expect(r.body.errors).toBeUndefined()
        const licenses = r.body.data.licenses as {id: string; revoked: boolean; expiresAt: string; validity: {isValid: boolean; atBlock: number; atTimestamp: string}}[]
        expect(licenses.length).toBeGreaterThan(10)
        const chain = await Promise.all(licenses.map((l) => read('LicenseRegistry', 'isValid', [BigInt(l.id)])))
        expect(licenses.map((l) => [l.id, l.validity.isValid])).toEqual(licenses.map((l, i) => [l.id, chain[i]]))
        const at = String(new Date(r.body.data.indexedHeadById.timestamp).getTime() / 1000)
        for (const l of licenses) expect(l.validity).toMatchObject({atBlock: economy.height, atTimestamp: at})
        // the economy has both kinds, or the comparison proves little
        expect(new Set(chain).size).toBe(2)
    })
})

/**
 * ContributionReceipts handlers on real PostgreSQL (test/helpers/batch.ts): issue, revoke,
 * accrual frozen at revocation (SPEC §6.3), soulbound mints.
 */
import {describe, expect, it} from 'vitest'
import {ALICE, BOB, CAROL, block, ev, issueReceipt, MAX_UINT128, registerAsset, useBatchHarness} from '../../../test/helpers/batch'
import {Account, Asset, ContributionType, Protocol, Receipt, Revocation, SkippedLog} from '../../model'

const h = useBatchHarness()

/** One payment of `net` to asset 1 whose contributor pool is `toContributors` (no fee, no parents). */
function pay(paymentId: number, net: bigint, toContributors: bigint) {
    return [
        ev.PaymentReceived({paymentId, assetId: 1, payer: CAROL, source: 0, amount: net, protocolFee: 0n}),
        ev.RevenueDistributed({paymentId, assetId: 1, depth: 0, amount: net, toOwner: net - toContributors, toContributors, toUpstream: 0n, owner: ALICE}),
    ]
}

describe('ReceiptIssued / ReceiptRevoked', () => {
    it('issued then revoked in the same batch: revoked, nothing accrued, weight out of the asset', async () => {
        await h.run([block(1, registerAsset(1, ALICE))])
        await h.run([block(2, [...issueReceipt(1, 1, BOB, 5n, 5), ev.ReceiptRevoked({receiptId: 1, assetId: 1})])])
        const r = (await h.get(Receipt, '1', {contributor: true}))!
        expect(r).toMatchObject({contributionType: ContributionType.CODE, weight: 5n, revoked: true, revokedAtBlock: 2, issuedAtBlock: 2, frozenAccrued: 0n, accAtRevoke: 0n, accSnapshot: 0n})
        expect(r.contributor.id).toBe(BOB)
        const a = (await h.get(Asset, '1'))!
        expect([a.totalWeight, a.receiptCount, a.activeReceiptCount]).toEqual([0n, 1, 0])
        expect((await h.get(Account, BOB))!.receiptCount).toBe(1)
        expect((await h.get(Protocol, 'sahara'))!.receiptCount).toBe(1)
        expect((await h.find(Revocation, {}, {receipt: true, license: true})).map((v) => [v.target, v.receipt?.id, v.license])).toEqual([['receipt', '1', null]])
    })

    it('revocation freezes the floor of w * (acc - s) / 1e18, from the accumulator loaded from the database', async () => {
        await h.run([block(1, [...registerAsset(1, ALICE), ...issueReceipt(1, 1, BOB, 3n)])])
        await h.run([block(2, pay(1, 5000n, 1000n))]) // acc += 1000e18 / 3 (floored)
        await h.run([block(3, [...issueReceipt(2, 1, CAROL, 7n), ev.ReceiptRevoked({receiptId: 1, assetId: 1})])])
        const acc = (1000n * 10n ** 18n) / 3n
        const [r1, r2] = await h.find(Receipt)
        expect([r1.frozenAccrued, r1.accAtRevoke]).toEqual([(3n * acc) / 10n ** 18n, acc])
        expect(r1.frozenAccrued).toBe(999n) // one wei of the pool stays unallocated
        expect([r2.accSnapshot, r2.revoked]).toEqual([acc, false])
        expect(r2.frozenAccrued ?? null).toBeNull() // the bigint transformer reads NULL as undefined
        const a = (await h.get(Asset, '1'))!
        expect([a.totalWeight, a.activeReceiptCount, a.accRevenuePerWeight]).toEqual([7n, 1, acc])
    })

    it('weights at the uint128 maximum sum beyond 64 bits exactly', async () => {
        await h.run([block(1, [...registerAsset(1, ALICE), ...issueReceipt(1, 1, BOB, MAX_UINT128), ...issueReceipt(2, 1, CAROL, MAX_UINT128)])])
        expect((await h.get(Asset, '1'))!.totalWeight).toBe(2n * MAX_UINT128)
        expect((await h.get(Receipt, '2'))!.weight).toBe(MAX_UINT128)
    })

    it('a contribution type outside the SPEC is skipped; the asset counts nothing', async () => {
        await h.run([block(1, registerAsset(1, ALICE))])
        const {stats} = await h.run([block(2, issueReceipt(1, 1, BOB, 5n, 6))])
        expect(stats.skippedByKind).toEqual({ReceiptIssued: 1})
        expect(await h.count(Receipt)).toBe(0)
        const a = (await h.get(Asset, '1'))!
        expect([a.totalWeight, a.receiptCount, a.updatedAtBlock]).toEqual([0n, 0, 1])
        expect((await h.find(SkippedLog))[0].reason).toBe('ContributionType 6 is out of range')
    })

    it('the soulbound mint Transfer alone writes nothing', async () => {
        await h.run([block(1, registerAsset(1, ALICE))])
        const before = await h.counts()
        const {stats} = await h.run([block(2, [ev.ReceiptTransfer({from: '0x0000000000000000000000000000000000000000', to: BOB, tokenId: 1})])])
        expect(stats.events).toBe(1)
        expect(await h.counts()).toEqual(before)
    })

    it('a revocation of a receipt the index never saw fails the whole batch (nothing of it is written)', async () => {
        await h.run([block(1, registerAsset(1, ALICE))])
        const before = await h.counts()
        await expect(h.run([block(2, [...issueReceipt(1, 1, BOB, 1n), ev.ReceiptRevoked({receiptId: 9, assetId: 1})])])).rejects.toThrow('receipt 9 is not known to the indexer')
        expect(await h.counts()).toEqual(before)
    })
})

describe('ReceiptClaimed', () => {
    it('claims add up on the receipt, the contributor and the protocol, also after revocation', async () => {
        await h.run([block(1, [...registerAsset(1, ALICE), ...issueReceipt(1, 1, BOB, 1n)]), block(2, pay(1, 100n, 40n))])
        await h.run([
            block(3, [ev.ReceiptRevoked({receiptId: 1, assetId: 1}), ev.ReceiptClaimed({receiptId: 1, contributor: BOB, amount: 30n})]),
            block(4, [ev.ReceiptClaimed({receiptId: 1, contributor: BOB, amount: 10n})]),
        ])
        const r = (await h.get(Receipt, '1'))!
        expect([r.frozenAccrued, r.claimed]).toEqual([40n, 40n])
        expect((await h.get(Account, BOB))!.receiptClaimed).toBe(40n)
        expect((await h.get(Protocol, 'sahara'))!.receiptClaimed).toBe(40n)
    })
})

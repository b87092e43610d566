/**
 * RevenueVault handlers on real PostgreSQL (test/helpers/batch.ts): payments, the distribution
 * tree (SPEC §6.2), the accumulator (§6.3) and claims.
 */
import {describe, expect, it} from 'vitest'
import {ALICE, BOB, CAROL, DAVE, block, ev, issueReceipt, registerAsset, TREASURY, useBatchHarness, VAULT} from '../../../test/helpers/batch'
import {dayIndex} from '../buckets'
import {Account, Asset, AssetDayData, OwnerClaim, ParamChange, Payment, PaymentSource, Protocol, RevenueDistribution, RoyaltyDepthDayData, TreasuryDayData} from '../../model'

const h = useBatchHarness()
const ACC = 10n ** 18n

describe('PaymentReceived', () => {
    it('a payment of zero: recorded with zero amounts, counted, no distribution', async () => {
        await h.run([block(1, registerAsset(1, ALICE))])
        const {stats} = await h.run([block(2, [ev.PaymentReceived({paymentId: 1, assetId: 1, payer: CAROL, source: 0, amount: 0n, protocolFee: 0n})])])
        expect(stats.skipped).toBe(0)
        const p = (await h.get(Payment, '1', {payer: true}))!
        expect([p.amount, p.protocolFee, p.net, p.distributionCount, p.maxDepth, p.source, p.payer.id]).toEqual([0n, 0n, 0n, 0, 0, PaymentSource.LICENSE, CAROL])
        expect((await h.get(Asset, '1'))!).toMatchObject({paymentCount: 1, grossRevenue: 0n, accRevenuePerWeight: 0n})
        const [day] = await h.find(AssetDayData)
        expect([day.payments, day.grossRevenue]).toEqual([1, 0n])
        expect((await h.get(Protocol, 'sahara'))!).toMatchObject({paymentCount: 1, grossPayments: 0n})
    })

    // BUG (same class as the AssetRegistered one in assets.test.ts): a PaymentReceived outside the
    // SPEC is "skipped, never fatal", but the events around it still refer to the payment: the
    // FeeReceived before it links its treasury flow to the payment (treasury_flow -> payment
    // foreign key fails at INSERT) and the RevenueDistributed after it throws `payment 1 is not
    // known`. Either way the batch is rolled back and the processor halts on it.
    it.fails('BUG: an out-of-range PaymentReceived in its usual sequence (fee, payment, distribution) is skipped without failing the batch', async () => {
        await h.run([block(1, registerAsset(1, ALICE))])
        const {stats} = await h.run([
            block(2, [
                ev.TokenTransfer({from: VAULT, to: TREASURY, value: 5n}),
                ev.FeeReceived({paymentId: 1, amount: 5n}),
                ev.PaymentReceived({paymentId: 1, assetId: 1, payer: CAROL, source: 2, amount: 100n, protocolFee: 5n}),
                ev.RevenueDistributed({paymentId: 1, assetId: 1, depth: 0, amount: 95n, toOwner: 95n, toContributors: 0n, toUpstream: 0n, owner: ALICE}),
            ]),
        ])
        expect(stats.skippedByKind.PaymentReceived).toBe(1)
        expect(await h.count(Payment)).toBe(0)
    })
})

describe('RevenueDistributed', () => {
    it('toContributors = 0 leaves the accumulator alone, with and without receipt weight', async () => {
        await h.run([block(1, [...registerAsset(1, ALICE, {contributorBps: 0}), ...registerAsset(2, ALICE, {contributorBps: 0}), ...issueReceipt(1, 2, BOB, 10n)])])
        await h.run([
            block(2, [
                ev.PaymentReceived({paymentId: 1, assetId: 1, payer: CAROL, amount: 100n}),
                ev.RevenueDistributed({paymentId: 1, assetId: 1, depth: 0, amount: 100n, toOwner: 100n, toContributors: 0n, toUpstream: 0n, owner: ALICE}),
                ev.PaymentReceived({paymentId: 2, assetId: 2, payer: CAROL, amount: 50n}),
                ev.RevenueDistributed({paymentId: 2, assetId: 2, depth: 0, amount: 50n, toOwner: 50n, toContributors: 0n, toUpstream: 0n, owner: ALICE}),
            ]),
        ])
        const [a1, a2] = await h.find(Asset)
        expect([a1.accRevenuePerWeight, a1.contributorRevenue, a1.ownerRevenue]).toEqual([0n, 0n, 100n])
        expect([a2.accRevenuePerWeight, a2.totalWeight]).toEqual([0n, 10n])
        const ds = await h.find(RevenueDistribution)
        expect(ds.map((d) => [d.id, d.totalWeight, d.accBefore, d.accAfter])).toEqual([
            ['1-0', 0n, 0n, 0n],
            ['2-0', 10n, 0n, 0n],
        ])
        expect((await h.get(Account, ALICE))!).toMatchObject({ownerEarned: 150n, ownerClaimable: 150n})
    })

    it('a payment through a parent: post-order events, depth buckets, upstream vs direct revenue', async () => {
        await h.run([block(1, [...registerAsset(1, BOB, {kind: 0, contributorBps: 0}), ...registerAsset(2, ALICE, {kind: 1, contributorBps: 1000}), ...issueReceipt(1, 2, DAVE, 3n)])])
        await h.run([block(2, [ev.AssetLinked({assetId: 2, parentId: 1, relation: 1, upstreamBps: 3000})])])
        await h.run([
            block(3, [
                ev.PaymentReceived({paymentId: 1, assetId: 2, payer: CAROL, source: 1, amount: 1000n, protocolFee: 0n}),
                ev.RevenueDistributed({paymentId: 1, assetId: 1, depth: 1, amount: 300n, toOwner: 300n, toContributors: 0n, toUpstream: 0n, owner: BOB}),
                ev.RevenueDistributed({paymentId: 1, assetId: 2, depth: 0, amount: 1000n, toOwner: 600n, toContributors: 100n, toUpstream: 300n, owner: ALICE}),
            ]),
        ])
        const p = (await h.get(Payment, '1'))!
        expect([p.distributionCount, p.maxDepth]).toEqual([2, 1])
        expect((await h.find(RevenueDistribution, {}, {asset: true})).map((d) => [d.id, d.asset.id, d.depth])).toEqual([
            ['1-0', '1', 1],
            ['1-1', '2', 0],
        ])
        const [parent, child] = await h.find(Asset)
        expect([parent.upstreamRevenue, parent.directRevenue, parent.ownerRevenue, parent.grossRevenue]).toEqual([300n, 0n, 300n, 0n])
        expect([child.directRevenue, child.sentUpstream, child.contributorRevenue, child.accRevenuePerWeight]).toEqual([1000n, 300n, 100n, (100n * ACC) / 3n])
        const day = dayIndex(new Date((await h.find(Payment))[0].timestamp))
        expect((await h.find(RoyaltyDepthDayData)).map((r) => [r.id, r.distributions, r.amount])).toEqual([
            [`DATASET-1-${day}`, 1, 300n],
            [`MODEL-0-${day}`, 1, 1000n],
        ])
        expect((await h.get(TreasuryDayData, String(day)))!.grossPayments).toBe(1000n)
        expect((await h.get(Protocol, 'sahara'))!).toMatchObject({ownerRevenue: 900n, contributorRevenue: 100n, grossPayments: 1000n})
    })
})

describe('OwnerClaimed / ProtocolFeeUpdated', () => {
    it('an owner claim moves claimable to claimed, across batches', async () => {
        await h.run([block(1, registerAsset(1, ALICE, {contributorBps: 0}))])
        await h.run([block(2, [ev.PaymentReceived({paymentId: 1, assetId: 1, payer: CAROL, amount: 70n}), ev.RevenueDistributed({paymentId: 1, assetId: 1, amount: 70n, toOwner: 70n, owner: ALICE})])])
        await h.run([block(3, [ev.OwnerClaimed({account: ALICE, amount: 70n})])])
        expect((await h.get(Account, ALICE))!).toMatchObject({ownerEarned: 70n, ownerClaimed: 70n, ownerClaimable: 0n})
        expect((await h.find(OwnerClaim)).map((c) => c.amount)).toEqual([70n])
        expect((await h.get(Protocol, 'sahara'))!.ownerClaimed).toBe(70n)
    })

    it('the constructor’s ProtocolFeeUpdated(0, 500) sets the fee before any other protocol event', async () => {
        await h.run([block(1, [ev.ProtocolFeeUpdated({oldBps: 0, newBps: 500})]), block(2, [ev.ProtocolFeeUpdated({oldBps: 500, newBps: 2000})])])
        expect((await h.get(Protocol, 'sahara'))!).toMatchObject({protocolFeeBps: 2000, updatedAtBlock: 2})
        expect((await h.find(ParamChange)).map((c) => [c.name, c.oldFeeBps, c.newFeeBps])).toEqual([
            ['protocolFeeBps', 0, 500],
            ['protocolFeeBps', 500, 2000],
        ])
    })
})

import {describe, expect, it} from 'vitest'
import {
    attribution,
    EventReplay,
    distributionPathCount,
    ONE,
    splitPayment,
    VaultModel,
    VaultModelError,
    type DistributionEvent,
} from './vault-model'

const ALICE = '0x00000000000000000000000000000000000000a1'
const BOB = '0x00000000000000000000000000000000000000b0'
const CAROL = '0x00000000000000000000000000000000000000c0'
const DAVE = '0x00000000000000000000000000000000000000d0'

/** The on-chain fields of a RevenueDistributed event (no accumulator). */
function onChain(e: DistributionEvent) {
    return [e.paymentId, e.assetId, e.depth, e.amount, e.toOwner, e.toContributors, e.toUpstream, e.owner]
}

describe('vault model: single asset', () => {
    it('a payment without receipts goes to the owner (W = 0 means c = 0), fee 5 %', () => {
        const m = new VaultModel()
        const a = m.register(ALICE, 2000n)
        const p = m.pay(a, 10_000n, BOB)!
        expect(p.paymentId).toBe(1n)
        expect(p.protocolFee).toBe(500n)
        expect(p.events.map(onChain)).toEqual([[1n, 1n, 0, 9500n, 9500n, 0n, 0n, ALICE]])
        expect(m.ownerClaimable(ALICE)).toBe(9500n)
        expect(m.accRevenuePerWeight(a)).toBe(0n)
        expect(m.treasuryFees).toBe(500n)
        m.checkInvariants()
    })

    it('contributor share is split by weight through the accumulator', () => {
        const m = new VaultModel()
        const a = m.register(ALICE, 2000n)
        const r1 = m.issue(a, BOB, 3n)
        const r2 = m.issue(a, CAROL, 1n)
        const p = m.pay(a, 10_000n)!
        // N = 9500, c = 1900, acc += 1900e18 / 4
        expect(p.events.map(onChain)).toEqual([[1n, a, 0, 9500n, 7600n, 1900n, 0n, ALICE]])
        expect(m.accRevenuePerWeight(a)).toBe(475n * ONE)
        expect(m.receiptAccrued(r1)).toBe(1425n)
        expect(m.receiptAccrued(r2)).toBe(475n)
        expect(m.residual(a)).toBe(0n)
        m.checkInvariants()
    })

    it('floors: fee rounds down, accumulator and accrual round down, residual is the rest', () => {
        const m = new VaultModel()
        const a = m.register(ALICE, 10_000n)
        const rs = [m.issue(a, BOB, 1n), m.issue(a, CAROL, 1n), m.issue(a, DAVE, 1n)]
        const p = m.pay(a, 21n)!
        expect(p.protocolFee).toBe(1n) // 21 * 500 / 10000 = 1.05
        expect(p.events.map(onChain)).toEqual([[1n, a, 0, 20n, 0n, 20n, 0n, ALICE]])
        expect(m.accRevenuePerWeight(a)).toBe(6_666_666_666_666_666_666n)
        for (const r of rs) expect(m.receiptAccrued(r)).toBe(6n)
        expect(m.residual(a)).toBe(2n)
        m.checkInvariants()
    })

    it('tiny payments: P = 1 has no fee; P = 0 is no payment at all', () => {
        const m = new VaultModel()
        const a = m.register(ALICE, 0n)
        expect(m.pay(a, 0n)).toBeUndefined()
        expect(m.events).toEqual([])
        const p = m.pay(a, 1n)!
        expect(p.paymentId).toBe(1n)
        expect(p.protocolFee).toBe(0n)
        expect(p.events.map(onChain)).toEqual([[1n, a, 0, 1n, 1n, 0n, 0n, ALICE]])
        expect(m.peekPaymentId()).toBe(2n)
    })

    it('a receipt issued after a payment earns nothing from it; a revoked one is frozen', () => {
        const m = new VaultModel()
        const a = m.register(ALICE, 5000n)
        const r1 = m.issue(a, BOB, 1n)
        m.pay(a, 2000n) // N = 1900, c = 950, acc = 950e18
        const r2 = m.issue(a, CAROL, 1n)
        expect(m.receipt(r2).snapshot).toBe(950n * ONE)
        expect(m.receiptAccrued(r2)).toBe(0n)
        m.pay(a, 2000n) // c = 950, W = 2, acc += 475e18
        expect(m.receiptAccrued(r1)).toBe(1425n)
        expect(m.receiptAccrued(r2)).toBe(475n)
        m.revoke(r1)
        expect(m.totalWeight(a)).toBe(1n)
        m.pay(a, 2000n) // c = 950, W = 1
        expect(m.receiptAccrued(r1)).toBe(1425n)
        expect(m.receiptAccrued(r2)).toBe(1425n)
        expect(() => m.revoke(r1)).toThrow(VaultModelError)
        // attribution per event
        expect(m.attributionsForReceipt(r1).map((x) => x.amount)).toEqual([950n, 475n])
        expect(m.attributionsForReceipt(r2).map((x) => x.amount)).toEqual([475n, 950n])
        m.checkInvariants()
    })

    it('after revocation of every receipt, W = 0 again and the contributor part goes to the owner', () => {
        const m = new VaultModel()
        const a = m.register(ALICE, 5000n)
        const r = m.issue(a, BOB, 7n)
        m.revoke(r)
        const p = m.pay(a, 10_000n)!
        expect(p.events.map(onChain)).toEqual([[1n, a, 0, 9500n, 9500n, 0n, 0n, ALICE]])
    })

    it('attribution formula: exact example with non-divisible accumulator', () => {
        // w = 3, s = 1, acc 0.4e18+1 -> 1.1e18+1
        expect(attribution(3n, 1n, 4n * 10n ** 17n + 1n, 11n * 10n ** 17n + 1n)).toBe(3n - 1n)
        expect(() => attribution(1n, 5n, 4n, 10n)).toThrow()
    })

    it('claims zero the claimable amounts and keep the accrued totals', () => {
        const m = new VaultModel()
        const a = m.register(ALICE, 5000n)
        const r = m.issue(a, BOB, 2n)
        m.pay(a, 1000n)
        expect(m.claimOwner(ALICE)).toBe(475n)
        expect(m.claimOwner(ALICE)).toBe(0n)
        expect(() => m.claimReceipts(CAROL, [r])).toThrow(VaultModelError)
        expect(m.claimReceipts(BOB, [r, r])).toEqual([{receiptId: r, amount: 475n}])
        expect(m.receiptAccrued(r)).toBe(475n)
        expect(m.receiptClaimable(r)).toBe(0n)
        expect(m.vaultIn - m.vaultOut).toBe(0n)
        m.checkInvariants()
    })

    it('the owner at payment time gets the owner part (ownership change mid-stream)', () => {
        const m = new VaultModel()
        const a = m.register(ALICE, 0n)
        m.pay(a, 100n)
        m.transferAsset(a, BOB, ALICE)
        const p = m.pay(a, 100n)!
        expect(p.events[0].owner).toBe(BOB)
        expect(m.ownerClaimable(ALICE)).toBe(95n)
        expect(m.ownerClaimable(BOB)).toBe(95n)
        expect(() => m.issue(a, CAROL, 1n, 0, ALICE)).toThrow(VaultModelError)
    })
})

describe('vault model: lineage', () => {
    it('a chain sends upstream first (post-order events)', () => {
        const m = new VaultModel()
        const a1 = m.register(ALICE, 0n)
        const a2 = m.register(BOB, 1000n)
        m.link(a2, a1, 0, 5000n)
        const p = m.pay(a2, 10_000n)!
        expect(p.events.map(onChain)).toEqual([
            [1n, a1, 1, 4750n, 4750n, 0n, 0n, ALICE],
            [1n, a2, 0, 9500n, 4750n, 0n, 4750n, BOB], // W = 0: no contributor part
        ])
        m.checkInvariants()
    })

    it('a diamond reaches the common ancestor once per path, each with its own event', () => {
        const m = new VaultModel()
        const a1 = m.register(ALICE, 0n)
        const a2 = m.register(BOB, 0n)
        const a3 = m.register(CAROL, 0n)
        const a4 = m.register(DAVE, 0n)
        m.link(a2, a1, 0, 1000n)
        m.link(a3, a1, 0, 2000n)
        m.link(a4, a2, 1, 5000n)
        m.link(a4, a3, 1, 5000n)
        const p = m.pay(a4, 20_000n)! // fee 1000, N = 19000
        expect(p.events.map(onChain)).toEqual([
            [1n, a1, 2, 950n, 950n, 0n, 0n, ALICE],
            [1n, a2, 1, 9500n, 8550n, 0n, 950n, BOB],
            [1n, a1, 2, 1900n, 1900n, 0n, 0n, ALICE],
            [1n, a3, 1, 9500n, 7600n, 0n, 1900n, CAROL],
            [1n, a4, 0, 19000n, 0n, 0n, 19000n, DAVE],
        ])
        expect(m.ownerClaimable(ALICE)).toBe(2850n)
        expect(distributionPathCount(m.view(), a4)).toBe(5)
        m.checkInvariants()
    })

    it('diamond with receipts on the ancestor: the accumulator moves twice in one payment', () => {
        const m = new VaultModel()
        const a1 = m.register(ALICE, 10_000n - 0n)
        const r = m.issue(a1, BOB, 3n)
        const a2 = m.register(BOB, 0n)
        const a3 = m.register(CAROL, 0n)
        m.setContributorBps(a1, 10_000n)
        m.link(a2, a1, 0, 10_000n)
        m.link(a3, a1, 0, 10_000n)
        const a4 = m.register(DAVE, 0n)
        m.link(a4, a2, 0, 5000n)
        m.link(a4, a3, 0, 5000n)
        m.setProtocolFeeBps(0n)
        m.pay(a4, 20n) // each path carries 10 wei to a1: acc += 10e18/3 twice
        const evs = m.events.filter((e) => e.assetId === a1)
        expect(evs.map((e) => [e.accBefore, e.accAfter])).toEqual([
            [0n, 3_333_333_333_333_333_333n],
            [3_333_333_333_333_333_333n, 6_666_666_666_666_666_666n],
        ])
        expect(m.attributionsForReceipt(r).map((x) => x.amount)).toEqual([9n, 10n])
        expect(m.receiptAccrued(r)).toBe(19n)
        expect(m.residual(a1)).toBe(1n)
        m.checkInvariants()
        // an indexer replaying the events alone gets the same numbers
        const replay = new EventReplay()
        replay.receiptIssued({receiptId: r, assetId: a1, weight: 3n})
        const attributed = m.events.map((e) => replay.revenueDistributed(e))
        expect(attributed.filter((x) => x.length > 0).map((x) => x[0].amount)).toEqual([9n, 10n])
        expect(replay.acc.get(a1)).toBe(m.accRevenuePerWeight(a1))
        expect(replay.accrued(r)).toBe(19n)
        expect(replay.residual(a1)).toBe(1n)
    })

    it('depth cap: depth-8 events keep the upstream part as owner part; depth 9 is never reached', () => {
        const m = new VaultModel()
        m.setProtocolFeeBps(0n)
        const ids = [m.register(ALICE, 0n)]
        for (let i = 1; i < 11; i++) {
            const id = m.register(i % 2 ? BOB : CAROL, 0n)
            m.link(id, ids[i - 1], 0, 10_000n)
            ids.push(id)
        }
        // ids[10] paid: depths 0..8 are ids[10]..ids[2]; ids[1] and ids[0] get nothing
        const p = m.pay(ids[10], 1000n)!
        expect(p.events.length).toBe(9)
        expect(p.events.map((e) => [e.assetId, e.depth, e.amount, e.toOwner, e.toUpstream])).toEqual([
            [ids[2], 8, 1000n, 1000n, 0n],
            ...[7, 6, 5, 4, 3, 2, 1, 0].map((d) => [ids[10 - d], d, 1000n, 0n, 1000n]),
        ])
        expect(m.events.some((e) => e.assetId === ids[1] || e.assetId === ids[0])).toBe(false)
        expect(distributionPathCount(m.view(), ids[10])).toBe(9)
        m.checkInvariants()
    })

    it('depth cap with partial upstream shares and contributors at depth 8', () => {
        const m = new VaultModel()
        m.setProtocolFeeBps(0n)
        const ids = [m.register(ALICE, 0n)]
        for (let i = 1; i < 10; i++) {
            const id = m.register(BOB, 1000n)
            m.link(id, ids[i - 1], 0, 5000n)
            ids.push(id)
        }
        m.issue(ids[1], CAROL, 1n)
        // ids[9] paid 2^9 * 10 = 5120: depth d gets 5120 / 2^d; depth 8 is ids[1] with 20
        const p = m.pay(ids[9], 5120n)!
        const last = p.events[0]
        expect([last.assetId, last.depth, last.amount]).toEqual([ids[1], 8, 20n])
        // c = 2, the 50 % upstream share (10) stays with the owner: o = 20 - 0 - 2 = 18
        expect([last.toOwner, last.toContributors, last.toUpstream]).toEqual([18n, 2n, 0n])
        m.checkInvariants()
    })

    it('zero amounts emit nothing: an upstream share that rounds to 0 has no event', () => {
        const m = new VaultModel()
        const a1 = m.register(ALICE, 0n)
        const a2 = m.register(BOB, 0n)
        m.link(a2, a1, 0, 1000n)
        const p = m.pay(a2, 9n)! // fee 0, N = 9, u = 0
        expect(p.events.map(onChain)).toEqual([[1n, a2, 0, 9n, 9n, 0n, 0n, BOB]])
        const a3 = m.register(CAROL, 0n)
        m.link(a3, a1, 0, 0n) // a zero-bps link: never an event
        const q = m.pay(a3, 1000n)!
        expect(q.events.map((e) => e.assetId)).toEqual([a3])
    })

    it('splitPayment equals the model events (pure function for indexers)', () => {
        const m = new VaultModel()
        const a1 = m.register(ALICE, 3000n)
        m.issue(a1, BOB, 5n)
        const a2 = m.register(BOB, 1234n)
        m.link(a2, a1, 0, 4321n)
        const split = splitPayment(m.view(), a2, 95_000n)
        const p = m.pay(a2, 100_000n)!
        expect(split).toEqual(p.events.map(({assetId, depth, amount, toOwner, toContributors, toUpstream, owner}) => ({assetId, depth, amount, toOwner, toContributors, toUpstream, owner})))
    })

    it('lineage validation: ordering, duplicates, 8 parents, bps budget', () => {
        const m = new VaultModel()
        const ids = Array.from({length: 10}, () => m.register(ALICE, 0n))
        expect(() => m.link(ids[0], ids[1], 0, 1n)).toThrow(VaultModelError) // parent >= asset
        expect(() => m.link(ids[1], ids[1], 0, 1n)).toThrow(VaultModelError)
        expect(() => m.link(ids[1], 99n, 0, 1n)).toThrow(VaultModelError)
        for (let i = 0; i < 8; i++) m.link(ids[9], ids[i], 0, 1000n)
        expect(() => m.link(ids[9], ids[8], 0, 0n)).toThrow(/too many parents/)
        expect(() => m.link(ids[8], ids[0], 0, 10_001n)).toThrow(/bps/)
        m.link(ids[8], ids[0], 0, 10_000n)
        expect(() => m.link(ids[8], ids[0], 0, 0n)).toThrow(/already linked/)
        expect(() => m.setContributorBps(ids[8], 1n)).toThrow(VaultModelError)
        expect(() => m.setContributorBps(ids[9], 2001n)).toThrow(VaultModelError)
        m.setContributorBps(ids[9], 2000n)
        expect(() => m.register(ALICE, 10_001n)).toThrow(VaultModelError)
        expect(() => m.setProtocolFeeBps(2001n)).toThrow(VaultModelError)
        expect(() => m.issue(ids[0], BOB, 0n)).toThrow(VaultModelError)
        expect(() => m.link(ids[9], ids[8], 0, 0n, BOB)).toThrow(/not the owner/)
    })
})

import {describe, expect, it} from 'vitest'
import {type Address} from 'viem'
import {expectRevert} from './helpers/errors'
import {issueReceipt, link, registerAsset, STATUS} from './helpers/fixtures'
import {E18, eventNames, eventsOf, theEvent, useProtocol} from './helpers/protocol'
import {pay, payAndCheck} from './helpers/vault-model'

// SPEC §6 RevenueVault
describe('RevenueVault', () => {
    const P = useProtocol({fund: false})
    const payer = () => P.sim(9)
    const o = (i: number) => P.sim(20 + i) // asset owners
    const alice = () => P.sim(1)
    const bob = () => P.sim(2)
    const carol = () => P.sim(3)

    it('emits ProtocolFeeUpdated(0, 500) at deployment; fee 500 bps, max 2000', async () => {
        const logs = await P.client.getLogs({address: P.addr.RevenueVault, fromBlock: 0n, toBlock: 'latest'})
        const evs = P.events(logs)
        expect(evs[0].eventName).toBe('ProtocolFeeUpdated')
        expect(evs[0].args).toEqual({oldBps: 0, newBps: 500})
        // ... in the vault's deployment transaction.
        const deployment = await P.client.getTransactionReceipt({hash: logs[0].transactionHash!})
        expect(deployment.contractAddress?.toLowerCase()).toBe(P.addr.RevenueVault.toLowerCase())
        expect(await P.read('RevenueVault', 'protocolFeeBps')).toBe(500)
        expect(await P.read('RevenueVault', 'MAX_PROTOCOL_FEE_BPS')).toBe(2000)
    })

    describe('payment arithmetic', () => {
        it('fee and owner part are floored; a lone asset without receipts keeps everything', async () => {
            const a = await registerAsset(P, o(1), 4000) // contributorBps without receipts: W == 0 → c = 0
            const {expected} = await payAndCheck(P, payer(), a, 10_007n)
            expect(expected.fee).toBe(500n) // floor(10007 * 500 / 10000) = floor(500.35)
            expect(expected.events).toEqual([expect.objectContaining({amount: 9507n, toOwner: 9507n, toContributors: 0n, toUpstream: 0n})])
        })

        it('a zero fee moves nothing to the treasury and emits no FeeReceived', async () => {
            const a = await registerAsset(P, o(1))
            const sent = await pay(P, payer(), a, 19n) // floor(19 * 0.05) = 0
            expect(eventsOf(sent, {contract: 'Treasury'})).toEqual([])
            expect(eventsOf(sent, {contract: 'SaharaToken'}).map((e) => e.args.to)).toEqual([P.addr.RevenueVault])
            expect(theEvent(sent, 'PaymentReceived')).toMatchObject({amount: 19n, protocolFee: 0n})
            expect(await P.balance('Treasury')).toBe(0n)
        })

        it('lineage: a diamond reaches the ancestor once per path, post-order, the paid asset last', async () => {
            const a1 = await registerAsset(P, o(1), 1000)
            const a2 = await registerAsset(P, o(2), 2000)
            const a3 = await registerAsset(P, o(3), 0)
            const a4 = await registerAsset(P, o(4), 3000)
            await link(P, o(2), a2, a1, 1500)
            await link(P, o(3), a3, a1, 2500)
            await link(P, o(4), a4, a2, 2000)
            await link(P, o(4), a4, a3, 1000)
            await issueReceipt(P, o(1), a1, alice(), 3n)
            await issueReceipt(P, o(4), a4, bob(), 7n)
            await issueReceipt(P, o(4), a4, carol(), 11n)
            const {sent, expected} = await payAndCheck(P, payer(), a4, 1_000_003_337n)
            expect(expected.events.map((e) => [e.assetId, e.depth])).toEqual([[a1, 2], [a2, 1], [a1, 2], [a3, 1], [a4, 0]])
            const last = eventsOf(sent, {eventName: 'RevenueDistributed'}).at(-1)!
            expect(last.args).toMatchObject({assetId: a4, depth: 0, owner: o(4)})
            // The vault holds exactly what it owes so far (plus the accumulator residual).
            expect(await P.balance('RevenueVault')).toBe(1_000_003_337n - expected.fee)
        })

        it('depth is capped at 8: the share of a depth-8 asset\'s parents stays with its owner', async () => {
            const ids: bigint[] = []
            for (let i = 0; i < 10; i++) ids.push(await registerAsset(P, o(i), 0))
            for (let i = 1; i < 10; i++) await link(P, o(i), ids[i], ids[i - 1], 5000)
            const {expected} = await payAndCheck(P, payer(), ids[9], 10n ** 12n)
            expect(expected.events).toHaveLength(9) // depths 8..0 = ids[1]..ids[9]; ids[0] gets nothing
            const deepest = expected.events[0]
            expect(deepest).toMatchObject({assetId: ids[1], depth: 8, toUpstream: 0n, toOwner: deepest.amount})
            expect(await P.read('RevenueVault', 'ownerClaimable', [o(0)])).toBe(0n)
        })

        it('zero upstream amounts emit nothing; a retired parent still receives revenue', async () => {
            const a1 = await registerAsset(P, o(1))
            const a2 = await registerAsset(P, o(2))
            const a3 = await registerAsset(P, o(3))
            await link(P, o(3), a3, a1, 0)
            await link(P, o(3), a3, a2, 1)
            await P.send(o(2), 'AssetRegistry', 'setStatus', [a2, STATUS.RETIRED])
            const small = await payAndCheck(P, payer(), a3, 1000n) // u(a2) = floor(950 / 10000) = 0
            expect(small.expected.events.map((e) => e.assetId)).toEqual([a3])
            const big = await payAndCheck(P, payer(), a3, 10n ** 9n)
            expect(big.expected.events.map((e) => e.assetId)).toEqual([a2, a3])
        })
    })

    describe('receipts accounting and claims', () => {
        async function setup() {
            const a = await registerAsset(P, o(1), 5000)
            const r1 = await issueReceipt(P, o(1), a, alice(), 1n)
            const r2 = await issueReceipt(P, o(1), a, bob(), 2n)
            return {a, r1, r2}
        }

        it('accrued = w * (acc - snapshot) / 1e18; revoke freezes; late receipts start at their snapshot', async () => {
            const {a, r1, r2} = await setup()
            const p1 = await payAndCheck(P, payer(), a, 1_000_000_007n)
            const acc1: bigint = await P.read('RevenueVault', 'accRevenuePerWeight', [a])
            expect(await P.read('RevenueVault', 'receiptAccrued', [r1])).toBe(acc1 / E18)
            expect(await P.read('RevenueVault', 'receiptAccrued', [r2])).toBe((2n * acc1) / E18)
            await P.send(o(1), 'ContributionReceipts', 'revoke', [r1])
            const frozen = acc1 / E18
            const r3 = await issueReceipt(P, o(1), a, carol(), 5n)
            const p2 = await payAndCheck(P, payer(), a, 3_000_000_011n)
            const acc2: bigint = await P.read('RevenueVault', 'accRevenuePerWeight', [a])
            expect(acc2 - acc1).toBe((p2.expected.events[0].toContributors * E18) / 7n) // W = 2 + 5 after the revoke
            expect(await P.read('RevenueVault', 'receiptAccrued', [r1])).toBe(frozen)
            expect(await P.read('RevenueVault', 'receiptAccrued', [r2])).toBe((2n * acc2) / E18)
            expect(await P.read('RevenueVault', 'receiptAccrued', [r3])).toBe((5n * (acc2 - acc1)) / E18)
            // The receipts never get more than the events' toContributors (floors round down).
            const sumAccrued = frozen + (2n * acc2) / E18 + (5n * (acc2 - acc1)) / E18
            const sumEvents = p1.expected.events[0].toContributors + p2.expected.events[0].toContributors
            expect(sumAccrued <= sumEvents).toBe(true)
            expect(sumEvents - sumAccrued < 10n).toBe(true)
        })

        it('claimReceipts moves exactly the claimable amount, emits per receipt, then nothing', async () => {
            const {a, r1, r2} = await setup()
            await pay(P, payer(), a, 999_999_999_999n)
            const c2: bigint = await P.read('RevenueVault', 'receiptClaimable', [r2])
            expect(c2 > 0n).toBe(true)
            const s = await P.send(bob(), 'RevenueVault', 'claimReceipts', [[r2]])
            expect(s.result).toBe(c2)
            expect(eventNames(s)).toEqual(['RevenueVault.ReceiptClaimed', 'SaharaToken.Transfer'])
            expect(theEvent(s, 'ReceiptClaimed')).toEqual({receiptId: r2, contributor: bob(), amount: c2})
            expect(theEvent(s, 'Transfer')).toEqual({from: P.addr.RevenueVault, to: bob(), value: c2})
            expect(await P.balance(bob())).toBe(c2)
            expect(await P.read('RevenueVault', 'receiptClaimable', [r2])).toBe(0n)
            expect(await P.read('RevenueVault', 'receiptClaimed', [r2])).toBe(c2)
            const again = await P.send(bob(), 'RevenueVault', 'claimReceipts', [[r2, r2]])
            expect(again.result).toBe(0n)
            expect(again.events).toEqual([])
            const empty = await P.send(bob(), 'RevenueVault', 'claimReceipts', [[]])
            expect(empty.events).toEqual([])
            // A revoked receipt stays claimable for its frozen amount.
            await P.send(o(1), 'ContributionReceipts', 'revoke', [r1])
            const c1: bigint = await P.read('RevenueVault', 'receiptClaimable', [r1])
            await pay(P, payer(), a, 10n ** 12n)
            expect(await P.read('RevenueVault', 'receiptClaimable', [r1])).toBe(c1)
            const s1 = await P.send(alice(), 'RevenueVault', 'claimReceipts', [[r1]])
            expect(theEvent(s1, 'ReceiptClaimed')).toEqual({receiptId: r1, contributor: alice(), amount: c1})
        })

        it('several receipts in one claim: one event each, one transfer of the total', async () => {
            const {a} = await setup()
            const r3 = await issueReceipt(P, o(1), a, bob(), 5n)
            await pay(P, payer(), a, 10n ** 15n + 3n)
            const ids = [2n, r3]
            const amounts = await Promise.all(ids.map((id) => P.read('RevenueVault', 'receiptClaimable', [id])))
            const s = await P.send(bob(), 'RevenueVault', 'claimReceipts', [ids])
            expect(eventNames(s)).toEqual(['RevenueVault.ReceiptClaimed', 'RevenueVault.ReceiptClaimed', 'SaharaToken.Transfer'])
            expect(theEvent(s, 'Transfer').value).toBe(amounts[0] + amounts[1])
        })

        it('claimReceipts by a non-contributor or for an unknown receipt reverts', async () => {
            const {a, r1, r2} = await setup()
            await pay(P, payer(), a, 10n ** 12n)
            await expectRevert(P.send(bob(), 'RevenueVault', 'claimReceipts', [[r2, r1]]), 'RevenueVaultNotContributor', [r1, bob()])
            await expectRevert(P.send(bob(), 'RevenueVault', 'claimReceipts', [[99n]]), 'ContributionReceiptsUnknownReceipt', [99n])
        })

        it('claimOwner moves the owner balance and emits; nothing claimable emits nothing', async () => {
            const a = await registerAsset(P, o(1), 0)
            await pay(P, payer(), a, 1_000_000n)
            const s = await P.send(o(1), 'RevenueVault', 'claimOwner')
            expect(s.result).toBe(950_000n)
            expect(eventNames(s)).toEqual(['SaharaToken.Transfer', 'RevenueVault.OwnerClaimed'])
            expect(theEvent(s, 'OwnerClaimed')).toEqual({account: o(1), amount: 950_000n})
            expect(await P.balance(o(1))).toBe(950_000n)
            expect(await P.read('RevenueVault', 'ownerClaimable', [o(1)])).toBe(0n)
            const again = await P.send(o(1), 'RevenueVault', 'claimOwner')
            expect(again.result).toBe(0n)
            expect(again.events).toEqual([])
        })

        it('owner revenue follows the owner at payment time', async () => {
            const a = await registerAsset(P, o(1), 0)
            await pay(P, payer(), a, 100n)
            await P.send(o(1), 'AssetRegistry', 'transferFrom', [o(1), o(2), a])
            await pay(P, payer(), a, 200n)
            expect(await P.read('RevenueVault', 'ownerClaimable', [o(1)])).toBe(95n)
            expect(await P.read('RevenueVault', 'ownerClaimable', [o(2)])).toBe(190n)
        })
    })

    describe('setProtocolFeeBps', () => {
        const governor = (): Address => P.addr.DualTrackGovernor

        it('only the governor, at most 2000; emits old and new', async () => {
            await expectRevert(P.send(alice(), 'RevenueVault', 'setProtocolFeeBps', [100]), 'RevenueVaultOnlyGovernor', [alice()])
            await expectRevert(P.send(governor(), 'RevenueVault', 'setProtocolFeeBps', [2001]), 'RevenueVaultFeeTooHigh', [2001, 2000])
            const s = await P.send(governor(), 'RevenueVault', 'setProtocolFeeBps', [2000])
            expect(theEvent(s, 'ProtocolFeeUpdated')).toEqual({oldBps: 500, newBps: 2000})
            const a = await registerAsset(P, o(1))
            const {expected} = await payAndCheck(P, payer(), a, 12_345n)
            expect(expected.fee).toBe(2469n)
        })

        it('a 0 bps fee routes no fee even for large payments', async () => {
            const s = await P.send(governor(), 'RevenueVault', 'setProtocolFeeBps', [0])
            expect(theEvent(s, 'ProtocolFeeUpdated')).toEqual({oldBps: 500, newBps: 0})
            const a = await registerAsset(P, o(1))
            const {sent} = await payAndCheck(P, payer(), a, 10n ** 24n)
            expect(eventsOf(sent, {contract: 'Treasury'})).toEqual([])
        })
    })
})

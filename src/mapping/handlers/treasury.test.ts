/**
 * Treasury handlers on real PostgreSQL (test/helpers/batch.ts): SAHARA transfers in and out of
 * the treasury become flows, the treasury event that follows in the same transaction names them
 * (FEE, DEPOSIT, DISBURSEMENT), and the balance moves with the transfers only (SPEC §7).
 */
import {describe, expect, it} from 'vitest'
import {ALICE, BOB, CAROL, block, ev, GOVERNOR, mintTokens, registerAsset, TREASURY, useBatchHarness, utf8, VAULT} from '../../../test/helpers/batch'
import {dayIndex} from '../buckets'
import {PaymentSource, Proposal, Protocol, SkippedLog, SpendCategory, TreasuryDayData, TreasuryFlow, TreasuryFlowKind} from '../../model'

const h = useBatchHarness()

async function flows() {
    return (await h.find(TreasuryFlow, {}, {payment: true, asset: true, proposal: true})).map((f) => ({
        kind: f.kind,
        amount: f.amount,
        counterparty: f.counterparty,
        balanceAfter: f.balanceAfter,
        payment: f.payment?.id ?? null,
        asset: f.asset?.id ?? null,
        source: f.source ?? null,
        proposal: f.proposal?.id ?? null,
        category: f.category ?? null,
        memo: f.memo ?? null,
    }))
}

const balance = async () => (await h.get(Protocol, 'sahara'))!.treasuryBalance

/** Proposal 1 (DAO track), created at block 1 by ALICE. */
const proposal = () => ev.ProposalCreated({proposalId: 1, track: 1, proposer: ALICE, snapshotBlock: 2, voteStartBlock: 3, voteEndBlock: 22, description: 'grant'})

describe('inflows', () => {
    it('a deposit, a fee (completed by its PaymentReceived) and a plain transfer', async () => {
        await h.run([block(1, [mintTokens(ALICE, 1000n), mintTokens(VAULT, 10n), ...registerAsset(1, BOB)])])
        await h.run([
            block(2, [ev.TokenTransfer({from: ALICE, to: TREASURY, value: 100n}), ev.TreasuryDeposit({from: ALICE, amount: 100n, memo: 'seed'})], {timestamp: Date.UTC(2026, 0, 2, 1)}),
            block(3, [
                ev.TokenTransfer({from: VAULT, to: TREASURY, value: 5n}),
                ev.FeeReceived({paymentId: 1, amount: 5n}),
                ev.PaymentReceived({paymentId: 1, assetId: 1, payer: CAROL, source: 1, amount: 100n, protocolFee: 5n}),
            ], {timestamp: Date.UTC(2026, 0, 2, 2)}),
            block(4, [ev.TokenTransfer({from: ALICE, to: TREASURY, value: 1n})], {timestamp: Date.UTC(2026, 0, 2, 3)}),
        ])
        expect(await flows()).toEqual([
            {kind: TreasuryFlowKind.DEPOSIT, amount: 100n, counterparty: ALICE, balanceAfter: 100n, payment: null, asset: null, source: null, proposal: null, category: null, memo: 'seed'},
            {kind: TreasuryFlowKind.FEE, amount: 5n, counterparty: VAULT, balanceAfter: 105n, payment: '1', asset: '1', source: PaymentSource.INVOCATION, proposal: null, category: null, memo: null},
            {kind: TreasuryFlowKind.TRANSFER_IN, amount: 1n, counterparty: ALICE, balanceAfter: 106n, payment: null, asset: null, source: null, proposal: null, category: null, memo: null},
        ])
        expect(await balance()).toBe(106n)
        const day = (await h.get(TreasuryDayData, String(dayIndex(new Date(Date.UTC(2026, 0, 2))))))!
        expect(day).toMatchObject({deposits: 100n, fees: 5n, transfersIn: 1n, balanceClose: 106n, grossPayments: 100n})
    })

    it('a treasury event without a matching transfer before it in its transaction is skipped; the balance follows the transfers', async () => {
        await h.run([block(1, [mintTokens(ALICE, 1000n)])])
        const {stats} = await h.run([
            block(2, [
                ev.TokenTransfer({from: ALICE, to: TREASURY, value: 100n}),
                ev.TreasuryDeposit({from: ALICE, amount: 99n}), // another amount
                ev.TokenTransfer({from: ALICE, to: TREASURY, value: 7n}, {tx: 0}),
                ev.TreasuryDeposit({from: ALICE, amount: 7n}, {tx: 1}), // another transaction
                ev.FeeReceived({paymentId: 3, amount: 1n}, {tx: 2}), // no transfer at all
            ]),
        ])
        expect(stats.skippedByKind).toEqual({TreasuryDeposit: 2, FeeReceived: 1})
        expect((await flows()).map((f) => [f.kind, f.amount])).toEqual([
            [TreasuryFlowKind.TRANSFER_IN, 100n],
            [TreasuryFlowKind.TRANSFER_IN, 7n],
        ])
        expect(await balance()).toBe(107n)
        expect((await h.find(SkippedLog)).map((s) => s.reason)).toEqual(Array(3).fill('no matching SAHARA transfer of the same amount before it in the transaction'))
    })
})

describe('TreasuryDisbursement', () => {
    it('a disbursement to an account: DISBURSEMENT with its category and memo bytes, counted on the proposal', async () => {
        const memo = new Uint8Array([0x67, 0x00, 0x72])
        await h.run([block(1, [mintTokens(TREASURY, 500n), proposal()])])
        await h.run([block(30, [ev.TokenTransfer({from: TREASURY, to: BOB, value: 40n}), ev.TreasuryDisbursement({proposalId: 1, to: BOB, amount: 40n, category: 0, memo}), ev.ProposalExecuted({proposalId: 1})])])
        const [, out] = await flows()
        expect(out).toMatchObject({kind: TreasuryFlowKind.DISBURSEMENT, amount: 40n, counterparty: BOB, balanceAfter: 460n, proposal: '1', category: SpendCategory.GRANT, memo: 'g\uFFFDr'})
        const raw = (await h.find(TreasuryFlow))[1].memoRaw!
        expect(Buffer.from(raw)).toEqual(Buffer.from(memo))
        expect((await h.get(Proposal, '1'))!.disbursed).toBe(40n)
        const day = (await h.find(TreasuryDayData))[0]
        expect(day).toMatchObject({disbursements: 40n, grants: 40n, transfersIn: 500n, balanceClose: 460n})
    })

    // SPEC §7 allows disburse(to = treasury): the token emits Transfer(treasury, treasury) and the
    // treasury TreasuryDisbursement. On chain the balance is unchanged and the proposal spent the amount.
    it('a disbursement to the treasury itself: a DISBURSEMENT out and a TRANSFER_IN back, balance unchanged, proposal counts it', async () => {
        await h.run([block(1, [mintTokens(TREASURY, 500n), proposal()])])
        const {stats} = await h.run([block(30, [ev.TokenTransfer({from: TREASURY, to: TREASURY, value: 60n}), ev.TreasuryDisbursement({proposalId: 1, to: TREASURY, amount: 60n, category: 4, memo: utf8('loop')}), ev.ProposalExecuted({proposalId: 1})])])
        expect(stats.skipped).toBe(0)
        expect((await flows()).slice(1).map((f) => [f.kind, f.amount, f.balanceAfter, f.category])).toEqual([
            [TreasuryFlowKind.DISBURSEMENT, 60n, 440n, SpendCategory.OTHER],
            [TreasuryFlowKind.TRANSFER_IN, 60n, 500n, null],
        ])
        expect(await balance()).toBe(500n)
        expect((await h.get(Proposal, '1'))!.disbursed).toBe(60n)
        expect((await h.find(TreasuryDayData))[0]).toMatchObject({disbursements: 60n, otherSpend: 60n, transfersIn: 560n, balanceClose: 500n})
    })

    it('a category outside the SPEC: the disbursement is skipped, its transfer stays a TRANSFER_OUT and moves the balance', async () => {
        await h.run([block(1, [mintTokens(TREASURY, 500n), proposal()])])
        const {stats} = await h.run([block(30, [ev.TokenTransfer({from: TREASURY, to: BOB, value: 40n}), ev.TreasuryDisbursement({proposalId: 1, to: BOB, amount: 40n, category: 5})])])
        expect(stats.skippedByKind).toEqual({TreasuryDisbursement: 1})
        expect((await flows()).map((f) => [f.kind, f.proposal])).toEqual([
            [TreasuryFlowKind.TRANSFER_IN, null],
            [TreasuryFlowKind.TRANSFER_OUT, null],
        ])
        expect(await balance()).toBe(460n)
        expect((await h.get(Proposal, '1'))!.disbursed).toBe(0n)
    })

    it('a TreasuryDisbursement from another address than the treasury is not a protocol event', async () => {
        await h.run([block(1, [mintTokens(TREASURY, 500n), proposal()])])
        const {stats} = await h.run([block(30, [ev.TokenTransfer({from: TREASURY, to: BOB, value: 40n}), ev.TreasuryDisbursement({proposalId: 1, to: BOB, amount: 40n}, {address: GOVERNOR})])])
        expect(stats).toMatchObject({events: 1, skipped: 0})
        expect((await flows()).map((f) => f.kind)).toEqual([TreasuryFlowKind.TRANSFER_IN, TreasuryFlowKind.TRANSFER_OUT])
    })
})

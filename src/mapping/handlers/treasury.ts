import {Payment, Proposal, TreasuryFlow, TreasuryFlowKind} from '../../model'
import type {Meta} from '../decode'
import {spendCategory} from '../enums'
import {at, BatchState} from '../state'
import {safeString} from '../strings'
import {hex} from './assets'
import type {HandlerTable} from './types'

type K = 'TreasuryDeposit' | 'FeeReceived' | 'TreasuryDisbursement'

/**
 * Every SAHARA transfer in or out of the treasury is recorded as a plain flow first; the
 * treasury event that follows it in the same transaction (for the same amount, the vote
 * checkpoint events of ERC20Votes may sit in between) turns it into a FEE, DEPOSIT or
 * DISBURSEMENT. The balance only ever moves with transfers, so it is exact whatever events say.
 */
function claimTransfer(s: BatchState, meta: Meta, amount: bigint, expected: TreasuryFlowKind): TreasuryFlow | undefined {
    const p = s.pendingTreasuryTransfer
    s.pendingTreasuryTransfer = undefined
    if (p == null || p.txHash !== meta.txHash || p.logIndex >= meta.logIndex || p.flow.amount !== amount || p.flow.kind !== expected) {
        return undefined
    }
    return p.flow
}

export const treasuryHandlers: HandlerTable<K> = {
    FeeReceived: {
        apply(s, {args, meta}) {
            const flow = claimTransfer(s, meta, args.amount, TreasuryFlowKind.TRANSFER_IN)
            if (flow == null) return warn(s, meta, 'FeeReceived')
            flow.kind = TreasuryFlowKind.FEE
            flow.payment = new Payment({id: args.paymentId.toString()})
            s.feeFlows.set(args.paymentId.toString(), flow)
        },
    },
    TreasuryDeposit: {
        apply(s, {args, meta}) {
            const flow = claimTransfer(s, meta, args.amount, TreasuryFlowKind.TRANSFER_IN)
            if (flow == null) return warn(s, meta, 'TreasuryDeposit')
            const memo = safeString(hex(args.memo))
            flow.kind = TreasuryFlowKind.DEPOSIT
            flow.memo = memo.text
            flow.memoRaw = memo.raw
            flow.memoTruncated = memo.truncated
        },
    },
    TreasuryDisbursement: {
        want(s, {args}) {
            s.proposals.want(args.proposalId.toString())
        },
        apply(s, {args, meta}) {
            const flow = claimTransfer(s, meta, args.amount, TreasuryFlowKind.TRANSFER_OUT)
            if (flow == null) return warn(s, meta, 'TreasuryDisbursement')
            const memo = safeString(hex(args.memo))
            flow.kind = TreasuryFlowKind.DISBURSEMENT
            flow.category = spendCategory(args.category)
            flow.proposal = new Proposal({id: args.proposalId.toString()})
            flow.memo = memo.text
            flow.memoRaw = memo.raw
            flow.memoTruncated = memo.truncated
            const proposal = s.proposals.get(args.proposalId.toString())
            if (proposal != null) s.proposals.touch(proposal).disbursed += args.amount
        },
    },
}

function warn(s: BatchState, meta: Meta, name: string): void {
    s.skip(meta, name, 'no matching SAHARA transfer of the same amount before it in the transaction')
}

/**
 * Called for a SAHARA transfer touching the treasury: records a plain flow and moves the balance.
 * A transfer from the treasury to itself (only `disburse(to = treasury)` makes one) is recorded as
 * what it is on chain, an outflow and an inflow of the same amount: the TRANSFER_OUT that the
 * TreasuryDisbursement event then claims as a DISBURSEMENT, and a TRANSFER_IN back (id
 * `<log id>-in`), so the proposal's `disbursed`, the day buckets and the balance all reconcile.
 */
export function treasuryTransfer(s: BatchState, meta: Meta, from: string, to: string, amount: bigint): void {
    const p = s.proto(meta)
    const incoming = to === s.treasury
    const self = incoming && from === s.treasury
    const flow = (id: string, kind: TreasuryFlowKind, counterparty: string, balanceAfter: bigint) =>
        s.treasuryFlows.push(
            new TreasuryFlow({
                id,
                kind,
                amount,
                counterparty,
                payment: null,
                asset: null,
                source: null,
                proposal: null,
                category: null,
                memo: null,
                memoRaw: null,
                memoTruncated: null,
                balanceAfter,
                ...at(meta),
            }),
        )
    if (self) {
        const out = flow(meta.id, TreasuryFlowKind.TRANSFER_OUT, to, p.treasuryBalance - amount)
        flow(`${meta.id}-in`, TreasuryFlowKind.TRANSFER_IN, from, p.treasuryBalance)
        s.pendingTreasuryTransfer = {flow: out, logIndex: meta.logIndex, txHash: meta.txHash}
        return
    }
    p.treasuryBalance += incoming ? amount : -amount
    const f = flow(meta.id, incoming ? TreasuryFlowKind.TRANSFER_IN : TreasuryFlowKind.TRANSFER_OUT, incoming ? from : to, p.treasuryBalance)
    s.pendingTreasuryTransfer = {flow: f, logIndex: meta.logIndex, txHash: meta.txHash}
}

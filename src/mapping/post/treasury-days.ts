import {SpendCategory, TreasuryFlowKind} from '../../model'
import {treasuryDay} from '../buckets'
import type {Meta} from '../decode'
import type {BatchState} from '../state'

/** The day-bucket column each flow kind adds to. */
const KIND_COLUMN = {
    [TreasuryFlowKind.FEE]: 'fees',
    [TreasuryFlowKind.DEPOSIT]: 'deposits',
    [TreasuryFlowKind.TRANSFER_IN]: 'transfersIn',
    [TreasuryFlowKind.DISBURSEMENT]: 'disbursements',
    [TreasuryFlowKind.TRANSFER_OUT]: 'transfersOut',
} as const

/** The day-bucket column of each disbursement category (a missing category counts as OTHER). */
const CATEGORY_COLUMN = {
    [SpendCategory.GRANT]: 'grants',
    [SpendCategory.REWARDS]: 'rewards',
    [SpendCategory.OPERATIONS]: 'operations',
    [SpendCategory.LIQUIDITY]: 'liquidity',
    [SpendCategory.OTHER]: 'otherSpend',
} as const

/** Adds the batch's flows (kinds now final) to their day buckets. */
export function aggregateTreasuryDays(s: BatchState): void {
    for (const f of s.treasuryFlows.rows) {
        const day = treasuryDay(s, {timestamp: f.timestamp} as Meta)
        day[KIND_COLUMN[f.kind]] += f.amount
        if (f.kind === TreasuryFlowKind.DISBURSEMENT) day[CATEGORY_COLUMN[f.category ?? SpendCategory.OTHER]] += f.amount
        day.balanceClose = f.balanceAfter
    }
}

/**
 * SQL twin of ./accrual.ts (SPEC §6.3 receipt accrual), for the resolvers, the exports and the
 * dashboards: the same functions, as SQL expressions in exact `numeric` arithmetic over the
 * receipt columns (weight, acc_snapshot, revoked, acc_at_revoke, claimed). div() truncates and its
 * operands are never negative here, so it is the floor. src/domain/accrual.test.ts runs both
 * against one reference model on a real PostgreSQL.
 */
import {ACC_SCALE} from './accrual'

const SCALE = ACC_SCALE.toString()

/** accruedAt: floor(w (acc - s) / 1e18). */
export function accruedAtSql(weight: string, accSnapshot: string, acc: string): string {
    return `div(${weight} * (${acc} - ${accSnapshot}), ${SCALE})`
}

/** accruedBetween: accruedAt(to) - accruedAt(from). */
export function accruedBetweenSql(weight: string, accSnapshot: string, from: string, to: string): string {
    return `(${accruedAtSql(weight, accSnapshot, to)} - ${accruedAtSql(weight, accSnapshot, from)})`
}

/** accEnd: receipt `r` stops accruing at acc_at_revoke if revoked, else at `assetAcc`. */
export function accEndSql(assetAcc: string, r = 'r'): string {
    return `(CASE WHEN ${r}.revoked THEN ${r}.acc_at_revoke ELSE ${assetAcc} END)`
}

/** receiptAccrued of receipt `r`, asset `a` (its current accumulator a.acc_revenue_per_weight). */
export function receiptAccruedSql(r = 'r', a = 'a'): string {
    return accruedAtSql(`${r}.weight`, `${r}.acc_snapshot`, accEndSql(`${a}.acc_revenue_per_weight`, r))
}

/** receiptClaimable = receiptAccrued - claimed. */
export function receiptClaimableSql(r = 'r', a = 'a'): string {
    return `(${receiptAccruedSql(r, a)} - ${r}.claimed)`
}

/** receiptAccruedAt: accrued by receipt `r` when its asset's accumulator was `acc`, the accumulator clamped to [acc_snapshot, accEnd]. */
export function receiptAccruedAtSql(acc: string, r = 'r'): string {
    return accruedAtSql(`${r}.weight`, `${r}.acc_snapshot`, `GREATEST(LEAST(${acc}, ${accEndSql(acc, r)}), ${r}.acc_snapshot)`)
}

/** receiptEarnedBetween: what receipt `r` earned while its asset's accumulator moved from `start` to `end`. */
export function receiptEarnedSql(start: string, end: string, r = 'r'): string {
    return `(${receiptAccruedAtSql(end, r)} - ${receiptAccruedAtSql(start, r)})`
}

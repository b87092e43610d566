/**
 * SPEC §6.3 attribution in SQL, in exact `numeric` arithmetic, shared by the resolvers and the
 * exports: which receipts share in a distribution, and their shares. The same rules as
 * src/domain/attribution.ts, which the tests compare them with; the accrual arithmetic itself is
 * ./accrual-sql.ts (the twin of ./accrual.ts).
 */
import {accruedBetweenSql} from './accrual-sql'

// Imported from here by older callers; the definition lives in ./accrual-sql.
export {receiptAccruedSql} from './accrual-sql'

/**
 * Receipt `r` shares in distribution `d`: same asset, a pool, accBefore >= accSnapshot and (active
 * or accAfter <= accAtRevoke). The block bounds (issued at or before, revoked at or after the
 * distribution's block) are implied wherever the share can be non-zero; they drop rows of
 * receipts that did not exist yet and let the planner use block order.
 */
export function sharesInSql(d = 'd', r = 'r'): string {
    return `${r}.asset_id = ${d}.asset_id AND ${d}.to_contributors > 0
        AND ${r}.acc_snapshot <= ${d}.acc_before AND (NOT ${r}.revoked OR ${d}.acc_after <= ${r}.acc_at_revoke)
        AND ${r}.issued_at_block <= ${d}.block AND (${r}.revoked_at_block IS NULL OR ${r}.revoked_at_block >= ${d}.block)`
}

/** The receipt's share of the distribution: floor(w (accAfter - s) / 1e18) - floor(w (accBefore - s) / 1e18). */
export function shareSql(d = 'd', r = 'r'): string {
    return accruedBetweenSql(`${r}.weight`, `${r}.acc_snapshot`, `${d}.acc_before`, `${d}.acc_after`)
}

/** Orders decimal-string ids numerically (shorter first, then lexicographic). */
export function idOrderSql(col: string): string {
    return `length(${col}), ${col}`
}

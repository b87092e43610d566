/**
 * SPEC §6.3 attribution in SQL, in exact `numeric` arithmetic (div() truncates, and its operands
 * are never negative, so it is the floor), shared by the resolvers and the exports. The same
 * rules as src/domain/attribution.ts, which the tests compare them with.
 */

const SCALE = '1000000000000000000'

/** floor(w (acc - s) / 1e18). */
export function accruedAtSql(weight: string, acc: string, snapshot: string): string {
    return `div(${weight} * (${acc} - ${snapshot}), ${SCALE})`
}

/** A receipt's accrued amount (receiptAccrued): to accAtRevoke if revoked, else to the asset's accumulator. */
export function receiptAccruedSql(r = 'r', a = 'a'): string {
    return `(CASE WHEN ${r}.revoked THEN ${accruedAtSql(`${r}.weight`, `${r}.acc_at_revoke`, `${r}.acc_snapshot`)} ELSE ${accruedAtSql(`${r}.weight`, `${a}.acc_revenue_per_weight`, `${r}.acc_snapshot`)} END)`
}

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
    return `(${accruedAtSql(`${r}.weight`, `${d}.acc_after`, `${r}.acc_snapshot`)} - ${accruedAtSql(`${r}.weight`, `${d}.acc_before`, `${r}.acc_snapshot`)})`
}

/** Orders decimal-string ids numerically (shorter first, then lexicographic). */
export function idOrderSql(col: string): string {
    return `length(${col}), ${col}`
}

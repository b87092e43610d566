/**
 * SPEC §6.3 receipt accrual — the one TypeScript statement of it (its SQL twin is ./accrual-sql.ts;
 * src/domain/accrual.test.ts checks both against the same reference model).
 *
 * A receipt of weight w issued when its asset's accumulator was s (accSnapshot) has accrued
 *   floor(w (acc - s) / 1e18)
 * at accumulator value acc while active; revoking freezes it at its value at that moment, i.e. at
 * acc = accAtRevoke (the handler stores that value as frozenAccrued). claimable = accrued - claimed.
 * Everything else — a receipt's share of one distribution (accBefore -> accAfter), its earnings in
 * a time window (day-bucket accumulators) — is a difference of these values.
 */

/** The accumulator's fixed-point scale (accRevenuePerWeight is wei per weight x 1e18). */
export const ACC_SCALE = 10n ** 18n

/** What accrual needs of a receipt (Receipt entity fields). */
export interface ReceiptPosition {
    weight: bigint
    /** s_i: the asset's accRevenuePerWeight when the receipt was issued. */
    accSnapshot: bigint
    revoked: boolean
    /** The asset's accRevenuePerWeight at revocation; null while active. */
    accAtRevoke?: bigint | null
    /** Withdrawn so far (wei). */
    claimed?: bigint
}

/** floor(w (acc - s) / 1e18): accrued at accumulator value `acc` by weight `w` snapshotted at `s` (acc >= s). */
export function accruedAt(weight: bigint, accSnapshot: bigint, acc: bigint): bigint {
    if (acc < accSnapshot) throw new RangeError(`accumulator ${acc} is below the receipt snapshot ${accSnapshot}`)
    return (weight * (acc - accSnapshot)) / ACC_SCALE
}

/** accruedAt(to) - accruedAt(from): what the weight accrued while the accumulator moved from `from` to `to` (s <= from <= to). */
export function accruedBetween(weight: bigint, accSnapshot: bigint, from: bigint, to: bigint): bigint {
    return accruedAt(weight, accSnapshot, to) - accruedAt(weight, accSnapshot, from)
}

/** The accumulator value where the receipt stops accruing: accAtRevoke if revoked, else `assetAcc`. */
export function accEnd(r: ReceiptPosition, assetAcc: bigint): bigint {
    if (!r.revoked) return assetAcc
    if (r.accAtRevoke == null) throw new Error('a revoked receipt needs accAtRevoke')
    return r.accAtRevoke
}

/** receiptAccrued (SPEC §6.3): total ever accrued, frozen at revocation. `assetAcc` = the asset's current accumulator. */
export function receiptAccrued(r: ReceiptPosition, assetAcc: bigint): bigint {
    return accruedAt(r.weight, r.accSnapshot, accEnd(r, assetAcc))
}

/** receiptClaimable = accrued - claimed. */
export function receiptClaimable(r: ReceiptPosition, assetAcc: bigint): bigint {
    return receiptAccrued(r, assetAcc) - (r.claimed ?? 0n)
}

/**
 * What the receipt had accrued when its asset's accumulator was `acc`, for any past value of it:
 * the accumulator clamped to the receipt's life [accSnapshot, accEnd], so 0 before its issue and
 * the frozen amount after its revocation. `r` is the receipt as stored now.
 */
export function receiptAccruedAt(r: ReceiptPosition, acc: bigint): bigint {
    const capped = r.revoked ? min(acc, accEnd(r, acc)) : acc
    return accruedAt(r.weight, r.accSnapshot, capped < r.accSnapshot ? r.accSnapshot : capped)
}

/** What the receipt earned while its asset's accumulator moved from `accStart` to `accEnd` (e.g. a time window's day buckets). */
export function receiptEarnedBetween(r: ReceiptPosition, accStart: bigint, accStop: bigint): bigint {
    return receiptAccruedAt(r, accStop) - receiptAccruedAt(r, accStart)
}

function min(a: bigint, b: bigint): bigint {
    return a < b ? a : b
}

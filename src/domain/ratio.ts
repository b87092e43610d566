/**
 * Exact ratios for analytics (the one ratio helper of the squid): basis points and decimal
 * strings computed in bigint, rounded down (floor), never through floating point. A ratio with a
 * zero denominator is undefined and returned as `null` — how the analytics API's nullable ratio
 * fields document it ("null when none is decided", "null without payments", ...). The few
 * non-null ratio fields of the attribution API (e.g. an asset's descendant share before it
 * received anything) read that case as 0: they use the `...OrZero` forms, which only replace the
 * null.
 */
export const BPS = 10_000n

/** Default number of decimals of `decimalRatio`. */
export const RATIO_DECIMALS = 6

export interface Ratio {
    /** floor(num * 10 000 / den). */
    bps: number
    /** floor(num / den) written with `decimals` decimals ("0.334000"). */
    decimal: string
}

function assertNonNegative(what: string, v: bigint): void {
    if (v < 0n) throw new RangeError(`${what} must be >= 0, got ${v}`)
}

/** floor(num * 10 000 / den), or null when den is 0. Inputs must be >= 0. */
export function bpsOf(num: bigint, den: bigint): number | null {
    assertNonNegative('numerator', num)
    assertNonNegative('denominator', den)
    if (den === 0n) return null
    const b = (num * BPS) / den
    if (b > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`ratio ${num}/${den} is too large for basis points`)
    return Number(b)
}

/** floor(num / den) with `decimals` decimals, as a string; null when den is 0. Inputs must be >= 0. */
export function decimalRatio(num: bigint, den: bigint, decimals = RATIO_DECIMALS): string | null {
    assertNonNegative('numerator', num)
    assertNonNegative('denominator', den)
    if (!Number.isInteger(decimals) || decimals < 0 || decimals > 36) throw new RangeError(`decimals must be an integer in [0, 36], got ${decimals}`)
    if (den === 0n) return null
    return fixedPoint((num * 10n ** BigInt(decimals)) / den, decimals)
}

/** Both forms of num/den, or null when den is 0. */
export function ratio(num: bigint, den: bigint, decimals = RATIO_DECIMALS): Ratio | null {
    const bps = bpsOf(num, den)
    if (bps === null) return null
    return {bps, decimal: decimalRatio(num, den, decimals)!}
}

/** bpsOf, with 0 in place of null when den is 0 (non-null API fields). */
export function bpsOrZero(num: bigint, den: bigint): number {
    return bpsOf(num, den) ?? 0
}

/** decimalRatio, with zero ("0.000000") in place of null when den is 0 (non-null API fields). */
export function decimalOrZero(num: bigint, den: bigint, decimals = RATIO_DECIMALS): string {
    return decimalRatio(num, den, decimals) ?? fixedPoint(0n, decimals)
}

/** ratio, with {bps: 0, decimal: "0.000000"} in place of null when den is 0 (non-null API fields). */
export function ratioOrZero(num: bigint, den: bigint, decimals = RATIO_DECIMALS): Ratio {
    return {bps: bpsOrZero(num, den), decimal: decimalOrZero(num, den, decimals)}
}

/** An integer `v` >= 0 scaled by 10^digits as a decimal string: fixedPoint(1234n, 3) = "1.234". */
export function fixedPoint(v: bigint, digits: number): string {
    if (digits === 0) return v.toString()
    const s = v.toString().padStart(digits + 1, '0')
    return `${s.slice(0, -digits)}.${s.slice(-digits)}`
}

/** ceil(a / b) for a >= 0, b > 0. */
export function ceilDiv(a: bigint, b: bigint): bigint {
    assertNonNegative('dividend', a)
    if (b <= 0n) throw new RangeError(`divisor must be > 0, got ${b}`)
    return (a + b - 1n) / b
}

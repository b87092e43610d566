/**
 * Exact ratios for analytics: basis points and decimal strings computed in bigint, rounded
 * down (floor), never through floating point. A ratio with a zero denominator is undefined
 * and returned as `null`.
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
    const scale = 10n ** BigInt(decimals)
    const scaled = (num * scale) / den
    const whole = scaled / scale
    if (decimals === 0) return whole.toString()
    const frac = (scaled % scale).toString().padStart(decimals, '0')
    return `${whole}.${frac}`
}

/** Both forms of num/den, or null when den is 0. */
export function ratio(num: bigint, den: bigint, decimals = RATIO_DECIMALS): Ratio | null {
    const bps = bpsOf(num, den)
    if (bps === null) return null
    return {bps, decimal: decimalRatio(num, den, decimals)!}
}

/** ceil(a / b) for a >= 0, b > 0. */
export function ceilDiv(a: bigint, b: bigint): bigint {
    assertNonNegative('dividend', a)
    if (b <= 0n) throw new RangeError(`divisor must be > 0, got ${b}`)
    return (a + b - 1n) / b
}

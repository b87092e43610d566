/**
 * Exact statistics of a list of per-account earnings (bigint wei, never floating point): top
 * shares, the Gini coefficient and nearest-rank quantiles. Pure, so the tests can check them on
 * their own.
 */
import {ratio, type Ratio} from '../../domain/ratio'

/** Accounts in the top `pct` % of n (at least 1 when n > 0): ceil(n * pct / 100). */
export function topCount(n: number, pct: number): number {
    return n === 0 ? 0 : Math.max(1, Math.ceil((n * pct) / 100))
}

/** Share of the total held by the top `pct` % of `asc` (ascending); null when empty or all 0. */
export function topShare(asc: readonly bigint[], pct: number): Ratio | null {
    const total = asc.reduce((a, b) => a + b, 0n)
    let top = 0n
    for (let i = asc.length - topCount(asc.length, pct); i < asc.length; i++) top += asc[i]
    return ratio(top, total)
}

/**
 * Gini coefficient of `asc` (ascending, >= 0): (2 * sum(i * x_i) - (n + 1) * total) / (n * total),
 * i from 1, rounded down; null when empty or all 0.
 */
export function gini(asc: readonly bigint[]): Ratio | null {
    const n = BigInt(asc.length)
    let total = 0n
    let weighted = 0n
    asc.forEach((x, i) => {
        total += x
        weighted += BigInt(i + 1) * x
    })
    if (n === 0n || total === 0n) return null
    return ratio(2n * weighted - (n + 1n) * total, n * total)
}

/** Nearest-rank quantile of `asc` (non-empty): the value at rank ceil(q * n), q in (0, 1]. */
export function quantile(asc: readonly bigint[], q: number): bigint {
    const rank = Math.max(1, Math.ceil(q * asc.length - 1e-9))
    return asc[Math.min(asc.length, rank) - 1]
}

/**
 * Concentration of delegated voting power (ERC20Votes, SPEC §1 and §8) as pure functions.
 *
 * Denominator: the **delegated votes**, i.e. the sum of every delegate's current votes
 * (`getVotes`), which is what can vote. Tokens that were never delegated carry no votes and are
 * not counted; so a share here is "share of the votes that exist", not "share of total supply".
 *
 * Nakamoto coefficient at threshold t: the fewest delegates, taken from the largest down, whose
 * votes together are strictly more than t of the delegated votes (votes * 10 000 > total * tBps).
 * Null when there are no delegated votes.
 */
import {ratio, type Ratio} from './ratio'

/** "more than 33.4 %": the SPEC's quorum and veto share. */
export const NAKAMOTO_THIRD_BPS = 3340
/** "more than 50 %". */
export const NAKAMOTO_HALF_BPS = 5000

export interface DelegatePower {
    /** Lower-case address. */
    delegate: string
    votes: bigint
}

/** Largest first; ties by address so that the order is deterministic. Drops delegates without votes. */
export function rankDelegates(list: readonly DelegatePower[]): DelegatePower[] {
    return list
        .filter((d) => d.votes > 0n)
        .sort((a, b) => (a.votes > b.votes ? -1 : a.votes < b.votes ? 1 : a.delegate < b.delegate ? -1 : a.delegate > b.delegate ? 1 : 0))
}

/**
 * Fewest of the `ranked` votes (largest first) that hold more than `thresholdBps` of `total`;
 * null when `total` is 0 or the list never gets there (then it is shorter than the full ranking).
 */
export function nakamotoCoefficient(ranked: readonly bigint[], total: bigint, thresholdBps: number): number | null {
    if (!Number.isInteger(thresholdBps) || thresholdBps < 0 || thresholdBps >= 10_000) throw new RangeError(`thresholdBps must be in [0, 10000), got ${thresholdBps}`)
    if (total <= 0n) return null
    let cum = 0n
    for (let i = 0; i < ranked.length; i++) {
        cum += ranked[i]
        if (cum * 10_000n > total * BigInt(thresholdBps)) return i + 1
    }
    return null
}

export interface TopShare {
    n: number
    votes: bigint
    share: Ratio | null
}

/** Votes of the `n` largest delegates and their share of `total`. */
export function topNShare(ranked: readonly bigint[], total: bigint, n: number): TopShare {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`)
    const votes = ranked.slice(0, n).reduce((s, v) => s + v, 0n)
    return {n: Math.min(n, ranked.length), votes, share: ratio(votes, total)}
}

export interface Distribution {
    /** Delegated votes (sum over all delegates with votes). */
    totalVotes: bigint
    /** Delegates with votes > 0. */
    delegateCount: number
    top: TopShare
    /** Fewest delegates holding > 33.4 % of the delegated votes. */
    nakamotoThird: number | null
    /** Fewest delegates holding > 50 % of the delegated votes. */
    nakamotoHalf: number | null
}

/**
 * The distribution from the largest delegates' votes. `rankedPrefix` may be a prefix of the full
 * ranking (a query returns only what it needs) as long as it reaches the 50 % crossing and holds
 * `topN` entries where they exist; `totalVotes` and `delegateCount` are of the full ranking.
 */
export function distribution(rankedPrefix: readonly bigint[], totalVotes: bigint, delegateCount: number, topN: number): Distribution {
    for (let i = 1; i < rankedPrefix.length; i++) {
        if (rankedPrefix[i] > rankedPrefix[i - 1]) throw new Error('votes must be ranked largest first')
    }
    const nakamotoThird = nakamotoCoefficient(rankedPrefix, totalVotes, NAKAMOTO_THIRD_BPS)
    const nakamotoHalf = nakamotoCoefficient(rankedPrefix, totalVotes, NAKAMOTO_HALF_BPS)
    if (totalVotes > 0n && nakamotoHalf === null) throw new Error(`the ${rankedPrefix.length} largest delegates do not reach half of ${totalVotes}: pass a longer prefix`)
    if (rankedPrefix.length < Math.min(topN, delegateCount)) throw new Error(`need the ${topN} largest delegates, got ${rankedPrefix.length}`)
    return {totalVotes, delegateCount, top: topNShare(rankedPrefix, totalVotes, topN), nakamotoThird, nakamotoHalf}
}

/** A DelegateVotesChanged (the shape of VotingPowerChange). `id` sorts in chain order. */
export interface PowerChange {
    id: string
    delegate: string
    block: number
    newVotes: bigint
}

/** Every delegate's votes at the end of `block` (getPastVotes semantics): its last change at or before it. */
export function powerAt(changes: readonly PowerChange[], block: number): DelegatePower[] {
    const last = new Map<string, PowerChange>()
    for (const c of changes) {
        if (c.block > block) continue
        const prev = last.get(c.delegate)
        if (prev == null || prev.id < c.id) last.set(c.delegate, c)
    }
    return [...last.values()].map((c) => ({delegate: c.delegate, votes: c.newVotes}))
}

/**
 * SPEC §8 outcome arithmetic (exactly as the governor computes it) and the vote planner that picks
 * voters by their weight at the snapshot so that a proposal reaches an intended outcome.
 */
import {Rng} from './rng'

export const STATE = {PENDING: 0, ACTIVE: 1, CANCELED: 2, DEFEATED: 3, VETOED: 4, SUCCEEDED: 5, EXECUTED: 6} as const
export const STATE_NAMES = ['PENDING', 'ACTIVE', 'CANCELED', 'DEFEATED', 'VETOED', 'SUCCEEDED', 'EXECUTED'] as const
export const SUPPORT = {NO: 0, YES: 1, ABSTAIN: 2, VETO: 3} as const
export const TRACK = {COUNCIL: 0, DAO: 1} as const
export const TRACK_NAMES = ['COUNCIL', 'DAO'] as const

export interface OutcomeParams {
    quorumBps: bigint
    thresholdBps: bigint
    vetoBps: bigint
    councilApprovalBps: bigint
}

export const DEFAULT_PARAMS: OutcomeParams = {quorumBps: 3340n, thresholdBps: 5000n, vetoBps: 3340n, councilApprovalBps: 5000n}

/** Tally indexed by Support: [no, yes, abstain, veto]. */
export type Tally = [bigint, bigint, bigint, bigint]

export function daoOutcome(t: Tally, total: bigint, p: OutcomeParams = DEFAULT_PARAMS): number {
    const [no, yes, abstain, veto] = t
    const cast = no + yes + abstain + veto
    if (cast * 10_000n < total * p.quorumBps) return STATE.DEFEATED
    if (veto > 0n && veto * 10_000n >= cast * p.vetoBps) return STATE.VETOED
    if (yes * 10_000n > (yes + no + veto) * p.thresholdBps) return STATE.SUCCEEDED
    return STATE.DEFEATED
}

export function councilOutcome(t: Tally, total: bigint, councilSize: bigint, p: OutcomeParams = DEFAULT_PARAMS): number {
    const [no, yes, , veto] = t
    if (veto > 0n && veto * 10_000n >= total * p.vetoBps) return STATE.VETOED
    if (yes * 10_000n >= councilSize * p.councilApprovalBps && yes > no) return STATE.SUCCEEDED
    return STATE.DEFEATED
}

export interface PlannedVote {
    voter: number
    support: number
    weight: bigint
}

/**
 * Assigns voters (indices into `weights`) to supports so that each support's total weight is close
 * to `targetBps[support]` of `total` (within about one percent of the supply). Larger holders are
 * considered first, in a seeded jittered order.
 */
export function planVotes(rng: Rng, weights: bigint[], total: bigint, targetBps: [number, number, number, number]): {votes: PlannedVote[]; tally: Tally} {
    const deficit = targetBps.map((b) => (total * BigInt(b)) / 10_000n)
    const slack = total / 100n
    const order = weights
        .map((w, i) => ({i, w, key: Number(w / 10n ** 15n) * (0.6 + 0.8 * rng.next())}))
        .filter((x) => x.w > 0n)
        .sort((a, b) => b.key - a.key || a.i - b.i)
    const votes: PlannedVote[] = []
    const tally: Tally = [0n, 0n, 0n, 0n]
    for (const {i, w} of order) {
        const open = [0, 1, 2, 3].filter((s) => deficit[s] > 0n).sort((a, b) => (deficit[b] > deficit[a] ? 1 : deficit[b] < deficit[a] ? -1 : a - b))
        if (open.length === 0) break
        const s = open.find((x) => w <= deficit[x] + slack)
        if (s === undefined) continue
        deficit[s] -= w
        tally[s] += w
        votes.push({voter: i, support: s, weight: w})
    }
    return {votes, tally}
}

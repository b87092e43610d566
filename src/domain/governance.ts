/**
 * SPEC §8 proposal outcome and state, as pure functions of the indexed data (no chain access).
 * bps arithmetic is exact in bigint, mirroring the contract's integer comparisons.
 */
export type TrackName = 'COUNCIL' | 'DAO'
export type Outcome = 'DEFEATED' | 'VETOED' | 'SUCCEEDED'
export type StateName = 'PENDING' | 'ACTIVE' | 'CANCELED' | 'DEFEATED' | 'VETOED' | 'SUCCEEDED' | 'EXECUTED'

export interface Tally {
    no: bigint
    yes: bigint
    abstain: bigint
    veto: bigint
}

export interface OutcomeRules {
    track: TrackName
    quorumBps: number
    thresholdBps: number
    vetoBps: number
    councilApprovalBps: number
    /** Council size when the proposal was created. */
    councilSize: number
    /** Token total supply at the snapshot block (wei). */
    totalSupply: bigint
}

const BPS = 10_000n

/** The outcome once voting has ended (SPEC §8, both tracks). */
export function proposalOutcome(t: Tally, r: OutcomeRules): Outcome {
    if (r.track === 'DAO') {
        const cast = t.no + t.yes + t.abstain + t.veto
        if (cast * BPS < r.totalSupply * BigInt(r.quorumBps)) return 'DEFEATED'
        if (t.veto > 0n && t.veto * BPS >= cast * BigInt(r.vetoBps)) return 'VETOED'
        if (t.yes * BPS > (t.yes + t.no + t.veto) * BigInt(r.thresholdBps)) return 'SUCCEEDED'
        return 'DEFEATED'
    }
    if (t.veto > 0n && t.veto * BPS >= r.totalSupply * BigInt(r.vetoBps)) return 'VETOED'
    if (t.yes * BPS >= BigInt(r.councilSize) * BigInt(r.councilApprovalBps) && t.yes > t.no) return 'SUCCEEDED'
    return 'DEFEATED'
}

export interface Timeline {
    /** uint64 on chain: bigint from the database, number in the models of the tests. */
    snapshotBlock: number | bigint
    voteEndBlock: number | bigint
    canceled: boolean
    executed: boolean
}

/**
 * `state()` evaluated at block `n`. `outcome` is only called once voting has ended (it needs
 * the total supply at the snapshot, which is known by then).
 */
export function proposalState(p: Timeline, n: number, outcome: () => Outcome): StateName {
    if (p.canceled) return 'CANCELED'
    if (p.executed) return 'EXECUTED'
    if (n <= p.snapshotBlock) return 'PENDING'
    if (n <= p.voteEndBlock) return 'ACTIVE'
    return outcome()
}


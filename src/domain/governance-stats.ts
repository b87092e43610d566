/**
 * Per-proposal and per-track governance figures (SPEC §8) as pure functions of the indexed
 * proposal. Definitions (also in docs/analytics-treasury-governance.md):
 *
 * - cast (token-weighted votes): DAO no + yes + abstain + veto; COUNCIL veto only (council YES/NO
 *   are member counts, reported as council approvals instead).
 * - turnout = cast / total supply at the snapshot.
 * - quorum reached (DAO only) = cast * 10 000 >= supply * quorumBps.
 * - veto ratio: DAO veto / cast; COUNCIL veto / supply (the base each track's veto rule uses);
 *   veto reached = veto > 0 and veto * 10 000 >= base * vetoBps.
 * - council approvals (COUNCIL only): YES count, required = ceil(councilSize * councilApprovalBps
 *   / 10 000) with at least one, reached when yes >= required and yes > no.
 * - decided proposals: voting ended and not canceled (outcome DEFEATED, VETOED or SUCCEEDED,
 *   executed ones included as SUCCEEDED); pass rate = succeeded / decided, veto rate = vetoed /
 *   decided, average turnout = mean turnout of decided proposals (1e18 fixed point, floor).
 */
import type {OutcomeRules, Outcome, StateName, Tally, TrackName} from './governance'
import {BPS, ceilDiv, ratio, type Ratio} from './ratio'

const FIXED = 10n ** 18n

/** What the indexer stores of a proposal (Proposal entity), as needed here. */
export interface ProposalFigures extends Tally {
    track: TrackName
    quorumBps: number
    thresholdBps: number
    vetoBps: number
    councilApprovalBps: number
    councilSize: number
    /** Null until the indexed head reaches the snapshot block. */
    totalSupplyAtSnapshot: bigint | null
    state: StateName
    /** DEFEATED, VETOED or SUCCEEDED once voting ended (kept after execution). */
    outcome: Outcome | null
    createdAtBlock: number
    createdAt: Date
    /** uint64 on chain (BigInt column). */
    voteEndBlock: bigint | number
    executedAtBlock: number | null
    executedAt: Date | null
}

export function rulesOf(p: ProposalFigures): OutcomeRules {
    return {
        track: p.track,
        quorumBps: p.quorumBps,
        thresholdBps: p.thresholdBps,
        vetoBps: p.vetoBps,
        councilApprovalBps: p.councilApprovalBps,
        councilSize: p.councilSize,
        totalSupply: p.totalSupplyAtSnapshot ?? 0n,
    }
}

/** Token-weighted votes cast (see the module comment). */
export function castVotes(p: Tally & {track: TrackName}): bigint {
    return p.track === 'DAO' ? p.no + p.yes + p.abstain + p.veto : p.veto
}

export function turnout(p: ProposalFigures): Ratio | null {
    if (p.totalSupplyAtSnapshot == null) return null
    return ratio(castVotes(p), p.totalSupplyAtSnapshot)
}

/** DAO: cast * 10 000 >= supply * quorumBps; null on COUNCIL (no quorum) or before the snapshot. */
export function quorumReached(p: ProposalFigures): boolean | null {
    if (p.track !== 'DAO' || p.totalSupplyAtSnapshot == null) return null
    return castVotes(p) * BPS >= p.totalSupplyAtSnapshot * BigInt(p.quorumBps)
}

/** The base the veto rule compares with: votes cast (DAO) or total supply at snapshot (COUNCIL). */
export function vetoBase(p: ProposalFigures): bigint | null {
    if (p.track === 'DAO') return castVotes(p)
    return p.totalSupplyAtSnapshot
}

export function vetoRatio(p: ProposalFigures): Ratio | null {
    const base = vetoBase(p)
    return base == null ? null : ratio(p.veto, base)
}

export function vetoReached(p: ProposalFigures): boolean | null {
    const base = vetoBase(p)
    if (base == null || (p.track === 'COUNCIL' && p.totalSupplyAtSnapshot == null)) return null
    return p.veto > 0n && p.veto * BPS >= base * BigInt(p.vetoBps)
}

/** DAO: yes * 10 000 > (yes + no + veto) * thresholdBps; null on COUNCIL. */
export function thresholdReached(p: ProposalFigures): boolean | null {
    if (p.track !== 'DAO') return null
    return p.yes * BPS > (p.yes + p.no + p.veto) * BigInt(p.thresholdBps)
}

export interface CouncilApprovals {
    approvals: bigint
    rejections: bigint
    /** Fewest YES votes that meet the approval share of the council size at creation. */
    required: bigint
    /** yes * 10 000 >= councilSize * councilApprovalBps and yes > no. */
    reached: boolean
    /** approvals / council size at creation. */
    share: Ratio | null
}

export function councilApprovals(p: ProposalFigures): CouncilApprovals | null {
    if (p.track !== 'COUNCIL') return null
    const size = BigInt(p.councilSize)
    const needed = ceilDiv(size * BigInt(p.councilApprovalBps), BPS)
    return {
        approvals: p.yes,
        rejections: p.no,
        required: needed > 0n ? needed : 1n,
        reached: p.yes * BPS >= size * BigInt(p.councilApprovalBps) && p.yes > p.no,
        share: ratio(p.yes, size),
    }
}

/**
 * The outcome the figures above imply, in the SPEC's order of checks; equals proposalOutcome().
 * Null before the snapshot supply is known.
 */
export function explainedOutcome(p: ProposalFigures): Outcome | null {
    if (p.totalSupplyAtSnapshot == null) return null
    if (p.track === 'DAO') {
        if (!quorumReached(p)) return 'DEFEATED'
        if (vetoReached(p)) return 'VETOED'
        return thresholdReached(p) ? 'SUCCEEDED' : 'DEFEATED'
    }
    if (vetoReached(p)) return 'VETOED'
    return councilApprovals(p)!.reached ? 'SUCCEEDED' : 'DEFEATED'
}

export interface TimeToExecution {
    /** executedAtBlock - createdAtBlock. */
    blocks: number
    /** executedAt - createdAt, in seconds. */
    seconds: number
    /** executedAtBlock - voteEndBlock: how long a succeeded proposal waited for `execute`. */
    blocksAfterVoteEnd: number
}

export function timeToExecution(p: ProposalFigures): TimeToExecution | null {
    if (p.executedAtBlock == null || p.executedAt == null) return null
    return {
        blocks: p.executedAtBlock - p.createdAtBlock,
        seconds: Math.round((p.executedAt.getTime() - p.createdAt.getTime()) / 1000),
        blocksAfterVoteEnd: p.executedAtBlock - Number(p.voteEndBlock), // executed: voteEndBlock is a past block, so it fits
    }
}

/** The outcome of a proposal whose voting ended and that was not canceled, else null. */
export function decidedOutcome(p: Pick<ProposalFigures, 'state' | 'outcome'>): Outcome | null {
    if (p.state === 'CANCELED') return null
    if (p.state === 'EXECUTED') return 'SUCCEEDED'
    if (p.state === 'DEFEATED' || p.state === 'VETOED' || p.state === 'SUCCEEDED') return p.state
    return null
}

export interface TrackStats {
    proposals: number
    byState: Record<StateName, number>
    decided: number
    succeeded: number
    vetoed: number
    defeated: number
    passRate: Ratio | null
    vetoRate: Ratio | null
    /** Mean turnout of decided proposals; null when none is decided. */
    averageTurnout: Ratio | null
    executed: number
    /** Mean blocks from creation to execution of executed proposals (floor); null when none. */
    averageBlocksToExecution: number | null
    /** Mean seconds from creation to execution (floor); null when none. */
    averageSecondsToExecution: number | null
}

const STATES: StateName[] = ['PENDING', 'ACTIVE', 'CANCELED', 'DEFEATED', 'VETOED', 'SUCCEEDED', 'EXECUTED']

export function trackStats(proposals: readonly ProposalFigures[]): TrackStats {
    const byState = Object.fromEntries(STATES.map((s) => [s, 0])) as Record<StateName, number>
    let decided = 0
    let succeeded = 0
    let vetoed = 0
    let defeated = 0
    let turnoutSum = 0n
    let turnoutCount = 0n
    let execBlocks = 0
    let execSeconds = 0
    let executed = 0
    for (const p of proposals) {
        byState[p.state] += 1
        const o = decidedOutcome(p)
        if (o != null) {
            decided += 1
            if (o === 'SUCCEEDED') succeeded += 1
            else if (o === 'VETOED') vetoed += 1
            else defeated += 1
            if (p.totalSupplyAtSnapshot != null && p.totalSupplyAtSnapshot > 0n) {
                turnoutSum += (castVotes(p) * FIXED) / p.totalSupplyAtSnapshot
                turnoutCount += 1n
            }
        }
        const t = timeToExecution(p)
        if (t != null) {
            executed += 1
            execBlocks += t.blocks
            execSeconds += t.seconds
        }
    }
    const avg = turnoutCount === 0n ? null : turnoutSum / turnoutCount
    return {
        proposals: proposals.length,
        byState,
        decided,
        succeeded,
        vetoed,
        defeated,
        passRate: ratio(BigInt(succeeded), BigInt(decided)),
        vetoRate: ratio(BigInt(vetoed), BigInt(decided)),
        averageTurnout: avg == null ? null : ratio(avg, FIXED),
        executed,
        averageBlocksToExecution: executed === 0 ? null : Math.floor(execBlocks / executed),
        averageSecondsToExecution: executed === 0 ? null : Math.floor(execSeconds / executed),
    }
}

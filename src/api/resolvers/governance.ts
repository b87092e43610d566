/**
 * Governance analytics (SPEC §8): per-track stats, proposal detail, voting power concentration
 * and history, council history. The figures are computed by src/domain/governance-stats.ts and
 * src/domain/voting-power.ts from the indexed rows.
 */
import {Arg, Int, Query, Resolver} from 'type-graphql'
import type {EntityManager} from 'typeorm'
import {ProposalState, SpendCategory, Support, Track} from '../../model'
import {
    castVotes,
    councilApprovals,
    quorumReached,
    thresholdReached,
    timeToExecution,
    trackStats,
    turnout,
    vetoRatio,
    vetoReached,
} from '../../domain/governance-stats'
import {ratio} from '../../domain/ratio'
import {distribution} from '../../domain/voting-power'
import {AnalyticsPage, AnalyticsRatio, DayWindowInfo, dayWindow, indexedHeight, page, requireInt} from '../analytics/common'
import {afterKeys, cursorList, cursorPage, requireOffsetOrCursor, scopeOf} from '../analytics/cursor'
import {AS_OF_ANALYTICS_DOC, withAsOf} from '../as-of'
import {ArgumentError} from '../errors'
import {
    accountVotes,
    councilChanges,
    councilNow,
    disbursementsOf,
    powerHistory,
    proposalById,
    proposalsCreatedIn,
    rankedDelegates,
    votersOf,
} from '../analytics/governance-queries'
import {
    CouncilApprovalInfo,
    CouncilHistory,
    CouncilHistoryEntry,
    DelegatePowerEntry,
    DelegatePowerHistory,
    DelegatePowerPoint,
    GovernanceStats,
    ProposalDetail,
    ProposalDisbursement,
    ProposalVoter,
    ProposalVoterPage,
    TimeToExecutionInfo,
    VotingPowerDistribution,
} from '../analytics/governance-types'

export const MAX_VOTERS_PAGE = 500
export const MAX_TOP_DELEGATES = 100
export const MAX_HISTORY_PAGE = 1000

/** The cursor-paged lists and their sort keys (the ORDER BY of their query, tie-breaker last). */
const VOTERS = cursorList('proposalDetail.voters', ['uint', 'address'] as const)
const POWER_HISTORY = cursorList('delegatePowerHistory', ['int', 'logId'] as const)
const COUNCIL_HISTORY = cursorList('councilHistory', ['int', 'logId'] as const)
const AFTER_DOC = 'Opaque cursor: the endCursor of the previous page (requested with the same other arguments); the page then holds the items after it. Give this or offset, not both.'

function address(name: string, v: string): string {
    if (!/^0x[0-9a-fA-F]{40}$/.test(v)) throw new ArgumentError(`${name} must be a 0x-prefixed 20-byte hex address, got "${v}"`)
    return v.toLowerCase()
}

@Resolver()
export class GovernanceAnalyticsResolver {
    constructor(private tx: () => Promise<EntityManager>) {}

    @Query(() => GovernanceStats, {
        description:
            'Proposals of a track created in a window of whole UTC days, and how governance decided them: counts by state, pass rate and veto rate (of decided proposals), average turnout, average time to execution.',
    })
    async governanceStats(
        @Arg('track', () => Track, {nullable: true, description: 'COUNCIL or DAO; omit for both tracks together.'}) track: Track | null,
        @Arg('from', () => Date, {nullable: true, description: 'Any time in the first UTC day of creation; give both from and to, or neither (all time).'}) from: Date | null,
        @Arg('to', () => Date, {nullable: true, description: 'Any time in the last UTC day of creation (included).'}) to: Date | null,
        @Arg('asOfBlock', () => Int, {nullable: true, description: AS_OF_ANALYTICS_DOC}) asOfBlock: number | null,
    ): Promise<GovernanceStats> {
        if ((from == null) !== (to == null)) throw new ArgumentError('give both from and to, or neither (all time)')
        const w = from != null && to != null ? dayWindow(from, to) : null
        const s = trackStats(await withAsOf(this.tx, asOfBlock, (em) => proposalsCreatedIn(em, track ?? null, w)))
        return Object.assign(new GovernanceStats(), {
            track: track ?? null,
            window: w && DayWindowInfo.of(w),
            proposals: s.proposals,
            pending: s.byState.PENDING,
            active: s.byState.ACTIVE,
            canceled: s.byState.CANCELED,
            decided: s.decided,
            defeated: s.defeated,
            vetoed: s.vetoed,
            succeeded: s.succeeded,
            executed: s.executed,
            passRate: AnalyticsRatio.of(s.passRate),
            vetoRate: AnalyticsRatio.of(s.vetoRate),
            averageTurnout: AnalyticsRatio.of(s.averageTurnout),
            averageBlocksToExecution: s.averageBlocksToExecution,
            averageSecondsToExecution: s.averageSecondsToExecution,
        })
    }

    @Query(() => ProposalDetail, {
        nullable: true,
        description:
            'One proposal: tally, turnout, quorum, veto ratio, council approvals, time to execution, the disbursements it caused and its voters (heaviest first, paged). Null for an unknown id.',
    })
    async proposalDetail(
        @Arg('id', () => String, {description: 'Proposal id (decimal, from 1).'}) id: string,
        @Arg('votersOffset', () => Int, {defaultValue: 0, description: 'Voters to skip.'}) votersOffset: number,
        @Arg('votersLimit', () => Int, {defaultValue: 50, description: `Most voters to return, 1 to ${MAX_VOTERS_PAGE}.`}) votersLimit: number,
        @Arg('votersAfter', () => String, {
            nullable: true,
            description: 'Opaque cursor: the voters.page.endCursor of the previous page of this proposal; the page then holds the voters after it. Give this or votersOffset, not both.',
        })
        votersAfter: string | null,
        @Arg('asOfBlock', () => Int, {nullable: true, description: AS_OF_ANALYTICS_DOC}) asOfBlock: number | null,
    ): Promise<ProposalDetail | null> {
        if (!/^[1-9][0-9]{0,77}$/.test(id)) throw new ArgumentError(`id must be a proposal id (a positive decimal integer), got "${id}"`)
        const vp = page('voters', votersOffset, votersLimit, MAX_VOTERS_PAGE)
        requireOffsetOrCursor('votersOffset', vp.offset, 'votersAfter', votersAfter)
        const scope = asOfBlock == null ? scopeOf(id) : scopeOf(id, asOfBlock)
        const after = afterKeys(VOTERS, scope, votersAfter, 'votersAfter')
        const found = await withAsOf(this.tx, asOfBlock, async (em) => {
            const p = await proposalById(em, id)
            if (p == null) return null
            return {p, parts: await Promise.all([votersOf(em, id, vp, after && {weight: after[0], voter: after[1]}), disbursementsOf(em, id)])}
        })
        if (found == null) return null
        const {p, parts: [rows, disbursements]} = found
        const voters = cursorPage(rows, vp.limit, VOTERS, scope, (v) => [v.weight, v.voter])
        const ca = councilApprovals(p)
        const tte = timeToExecution(p)
        return Object.assign(new ProposalDetail(), {
            ...p,
            track: p.track as Track,
            state: p.state as ProposalState,
            outcome: p.outcome as ProposalState | null,
            cast: castVotes(p),
            turnout: AnalyticsRatio.of(turnout(p)),
            quorumReached: quorumReached(p),
            vetoRatio: AnalyticsRatio.of(vetoRatio(p)),
            vetoReached: vetoReached(p),
            thresholdReached: thresholdReached(p),
            councilApprovals: ca && Object.assign(new CouncilApprovalInfo(), {...ca, share: AnalyticsRatio.of(ca.share)}),
            timeToExecution: tte && Object.assign(new TimeToExecutionInfo(), tte),
            disbursements: disbursements.map((d: any) => Object.assign(new ProposalDisbursement(), {...d, category: d.category as SpendCategory | null})),
            voters: Object.assign(new ProposalVoterPage(), {
                page: AnalyticsPage.of(vp, voters.hasNextPage, p.voterCount, voters.endCursor),
                items: voters.rows.map((v: any) => Object.assign(new ProposalVoter(), {...v, support: v.support as Support})),
            }),
        })
    }

    @Query(() => VotingPowerDistribution, {
        description:
            'Concentration of delegated voting power at the indexed head, or at the end of `atBlock` (from the delegates\' power history): the largest delegates, top-N share and Nakamoto coefficients (fewest delegates holding more than 33.4 % and more than 50 % of the delegated votes).',
    })
    async votingPowerDistribution(
        @Arg('topN', () => Int, {defaultValue: 10, description: `Number of largest delegates to list and sum, 1 to ${MAX_TOP_DELEGATES}.`}) topN: number,
        @Arg('atBlock', () => Int, {nullable: true, description: 'A block at or below the indexed height; omit for the indexed head.'}) atBlock: number | null,
    ): Promise<VotingPowerDistribution> {
        requireInt('topN', topN, 1, MAX_TOP_DELEGATES)
        const em = await this.tx()
        const height = await indexedHeight(em)
        if (atBlock != null) {
            requireInt('atBlock', atBlock, 0, Number.MAX_SAFE_INTEGER)
            if (atBlock > height) throw new ArgumentError(`atBlock ${atBlock} is beyond the indexed height ${height}`)
        }
        const r = await rankedDelegates(em, topN, atBlock ?? null)
        const d = distribution(
            r.prefix.map((x) => x.votes),
            r.totalVotes,
            r.delegateCount,
            topN,
        )
        let cum = 0n
        const top = r.prefix.slice(0, topN).map((x, i) => {
            cum += x.votes
            return Object.assign(new DelegatePowerEntry(), {
                rank: i + 1,
                delegate: x.delegate,
                votes: x.votes,
                share: AnalyticsRatio.of(ratio(x.votes, r.totalVotes)),
                cumulativeShare: AnalyticsRatio.of(ratio(cum, r.totalVotes)),
            })
        })
        return Object.assign(new VotingPowerDistribution(), {
            block: atBlock ?? (height >= 0 ? height : null),
            totalVotes: d.totalVotes,
            delegateCount: d.delegateCount,
            topN: d.top.n,
            topVotes: d.top.votes,
            topShare: AnalyticsRatio.of(d.top.share),
            nakamotoThird: d.nakamotoThird,
            nakamotoHalf: d.nakamotoHalf,
            top,
        })
    }

    @Query(() => DelegatePowerHistory, {nullable: true, description: 'Voting power history of one delegate (DelegateVotesChanged), oldest first (block, then log index), paged by offset or cursor. Null for an address never seen.'})
    async delegatePowerHistory(
        @Arg('delegate', () => String, {description: 'Delegate address (0x, any case).'}) delegate: string,
        @Arg('fromBlock', () => Int, {defaultValue: 0, description: 'First block (included).'}) fromBlock: number,
        @Arg('toBlock', () => Int, {nullable: true, description: 'Last block (included); omit for no bound.'}) toBlock: number | null,
        @Arg('offset', () => Int, {defaultValue: 0, description: 'Changes to skip.'}) offset: number,
        @Arg('limit', () => Int, {defaultValue: 100, description: `Most changes to return, 1 to ${MAX_HISTORY_PAGE}.`}) limit: number,
        @Arg('after', () => String, {nullable: true, description: AFTER_DOC}) after: string | null,
    ): Promise<DelegatePowerHistory | null> {
        const id = address('delegate', delegate)
        requireInt('fromBlock', fromBlock, 0, Number.MAX_SAFE_INTEGER)
        const to = toBlock ?? 2_147_483_647
        requireInt('toBlock', to, fromBlock, 2_147_483_647)
        const p = page('', offset, limit, MAX_HISTORY_PAGE)
        requireOffsetOrCursor('offset', p.offset, 'after', after)
        const scope = scopeOf(id, fromBlock, to)
        const k = afterKeys(POWER_HISTORY, scope, after)
        const em = await this.tx()
        const votes = await accountVotes(em, id)
        if (votes == null) return null
        const r = cursorPage(await powerHistory(em, id, fromBlock, to, p, k && {block: k[0], id: k[1]}), p.limit, POWER_HISTORY, scope, (x) => [x.block, x.id])
        return Object.assign(new DelegatePowerHistory(), {
            delegate: id,
            currentVotes: votes,
            page: AnalyticsPage.of(p, r.hasNextPage, null, r.endCursor),
            points: r.rows.map(({id: _, ...x}) => Object.assign(new DelegatePowerPoint(), {...x, delta: x.newVotes - x.previousVotes})),
        })
    }

    @Query(() => CouncilHistory, {description: 'Council membership: current members and size, and every change (additions and removals) in chain order, paged by offset or cursor.'})
    async councilHistory(
        @Arg('offset', () => Int, {defaultValue: 0, description: 'Changes to skip.'}) offset: number,
        @Arg('limit', () => Int, {defaultValue: 100, description: `Most changes to return, 1 to ${MAX_HISTORY_PAGE}.`}) limit: number,
        @Arg('after', () => String, {nullable: true, description: AFTER_DOC}) after: string | null,
    ): Promise<CouncilHistory> {
        const p = page('', offset, limit, MAX_HISTORY_PAGE)
        requireOffsetOrCursor('offset', p.offset, 'after', after)
        const scope = scopeOf()
        const k = afterKeys(COUNCIL_HISTORY, scope, after)
        const em = await this.tx()
        const [now, changes] = await Promise.all([councilNow(em), councilChanges(em, p, k && {block: k[0], id: k[1]})])
        const r = cursorPage(changes.rows, p.limit, COUNCIL_HISTORY, scope, (x) => [x.block, x.id])
        return Object.assign(new CouncilHistory(), {
            currentSize: now.size,
            members: now.members,
            page: AnalyticsPage.of(p, r.hasNextPage, changes.total, r.endCursor),
            changes: r.rows.map(({id: _, ...c}) => Object.assign(new CouncilHistoryEntry(), c)),
        })
    }
}

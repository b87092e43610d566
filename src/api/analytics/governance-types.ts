/** GraphQL types of the governance analytics resolvers (SPEC §8). Votes and amounts are wei. */
import {Field, Int, ObjectType} from 'type-graphql'
import {ProposalState, SpendCategory, Support, Track} from '../../model'
import {AnalyticsPage, AnalyticsRatio, DayWindowInfo} from './common'

@ObjectType({description: 'Proposals of a track (or both) created in a window, and how they were decided.'})
export class GovernanceStats {
    @Field(() => Track, {nullable: true, description: 'The track; null = both tracks together.'})
    track!: Track | null

    @Field(() => DayWindowInfo, {nullable: true, description: 'Creation days covered; null = all time.'})
    window!: DayWindowInfo | null

    @Field(() => Int, {description: 'Proposals created in the window.'})
    proposals!: number

    @Field(() => Int, {description: 'Of which PENDING at the indexed head.'})
    pending!: number

    @Field(() => Int, {description: 'Of which ACTIVE (voting open).'})
    active!: number

    @Field(() => Int, {description: 'Of which CANCELED.'})
    canceled!: number

    @Field(() => Int, {description: 'Decided: voting ended and not canceled (defeated + vetoed + succeeded).'})
    decided!: number

    @Field(() => Int, {description: 'Decided DEFEATED (quorum, threshold or council approval not met).'})
    defeated!: number

    @Field(() => Int, {description: 'Decided VETOED.'})
    vetoed!: number

    @Field(() => Int, {description: 'Decided SUCCEEDED, executed ones included.'})
    succeeded!: number

    @Field(() => Int, {description: 'Of the succeeded, EXECUTED.'})
    executed!: number

    @Field(() => AnalyticsRatio, {nullable: true, description: 'succeeded / decided; null when none is decided.'})
    passRate!: AnalyticsRatio | null

    @Field(() => AnalyticsRatio, {nullable: true, description: 'vetoed / decided; null when none is decided.'})
    vetoRate!: AnalyticsRatio | null

    @Field(() => AnalyticsRatio, {
        nullable: true,
        description: 'Mean turnout of decided proposals (turnout = token-weighted votes cast / total supply at snapshot; on COUNCIL only vetoes are token-weighted).',
    })
    averageTurnout!: AnalyticsRatio | null

    @Field(() => Int, {nullable: true, description: 'Mean blocks from creation to execution of executed proposals (rounded down).'})
    averageBlocksToExecution!: number | null

    @Field(() => Int, {nullable: true, description: 'Mean seconds from creation to execution of executed proposals (rounded down).'})
    averageSecondsToExecution!: number | null
}

@ObjectType({description: 'Council YES/NO votes of a COUNCIL proposal against its approval rule.'})
export class CouncilApprovalInfo {
    @Field(() => BigInt, {description: 'Council members who voted YES.'})
    approvals!: bigint

    @Field(() => BigInt, {description: 'Council members who voted NO.'})
    rejections!: bigint

    @Field(() => BigInt, {description: 'YES votes needed: ceil(councilSize * councilApprovalBps / 10 000), at least 1.'})
    required!: bigint

    @Field(() => Boolean, {description: 'yes * 10 000 >= councilSize * councilApprovalBps and yes > no.'})
    reached!: boolean

    @Field(() => AnalyticsRatio, {nullable: true, description: 'approvals / council size at creation.'})
    share!: AnalyticsRatio | null
}

@ObjectType({description: 'How long an executed proposal took.'})
export class TimeToExecutionInfo {
    @Field(() => Int, {description: 'executedAtBlock - createdAtBlock.'})
    blocks!: number

    @Field(() => Int, {description: 'Seconds between the creation and the execution blocks.'})
    seconds!: number

    @Field(() => Int, {description: 'executedAtBlock - voteEndBlock: blocks a succeeded proposal waited for `execute`.'})
    blocksAfterVoteEnd!: number
}

@ObjectType({description: 'A treasury disbursement made by the proposal\'s execution.'})
export class ProposalDisbursement {
    @Field(() => String, {description: 'Recipient (lower-case address).'})
    to!: string

    @Field(() => BigInt, {description: 'Amount (wei).'})
    amount!: bigint

    @Field(() => SpendCategory, {nullable: true, description: 'Spending category.'})
    category!: SpendCategory | null

    @Field(() => String, {nullable: true, description: 'Display-safe memo.'})
    memo!: string | null

    @Field(() => Int, {description: 'Block of the execution.'})
    block!: number

    @Field(() => Date, {description: 'Block time.'})
    timestamp!: Date

    @Field(() => String, {description: 'Transaction hash.'})
    txHash!: string
}

@ObjectType({description: 'One vote on a proposal.'})
export class ProposalVoter {
    @Field(() => String, {description: 'Voter (lower-case address).'})
    voter!: string

    @Field(() => Support, {description: 'NO, YES, ABSTAIN or VETO.'})
    support!: Support

    @Field(() => BigInt, {description: 'Weight: token votes at the snapshot (wei), or 1 for a council member on the COUNCIL track.'})
    weight!: bigint

    @Field(() => String, {description: 'Display-safe reason.'})
    reason!: string

    @Field(() => Int, {description: 'Block of the vote.'})
    block!: number

    @Field(() => Date, {description: 'Block time.'})
    timestamp!: Date
}

@ObjectType({description: 'Voters of a proposal, heaviest first, paged.'})
export class ProposalVoterPage {
    @Field(() => AnalyticsPage, {description: 'Paging (totalCount = voterCount); endCursor continues with votersAfter.'})
    page!: AnalyticsPage

    @Field(() => [ProposalVoter], {description: 'Votes by weight (largest first), then voter address.'})
    items!: ProposalVoter[]
}

@ObjectType({description: 'A proposal with its tally and the figures that decide it (SPEC §8).'})
export class ProposalDetail {
    @Field(() => String, {description: 'Proposal id.'})
    id!: string

    @Field(() => Track, {description: 'COUNCIL or DAO.'})
    track!: Track

    @Field(() => ProposalState, {description: 'State at the indexed head, as state() computes it.'})
    state!: ProposalState

    @Field(() => ProposalState, {nullable: true, description: 'DEFEATED, VETOED or SUCCEEDED once voting ended; null before and for canceled proposals.'})
    outcome!: ProposalState | null

    @Field(() => String, {description: 'Proposer (lower-case address).'})
    proposer!: string

    @Field(() => String, {description: 'Display-safe description.'})
    description!: string

    @Field(() => Int, {description: 'Block of creation.'})
    createdAtBlock!: number

    @Field(() => Date, {description: 'Time of creation.'})
    createdAt!: Date

    @Field(() => BigInt, {description: 'Votes are weighed at this block (uint64 on chain, so BigInt).'})
    snapshotBlock!: bigint

    @Field(() => BigInt, {description: 'First block of voting (uint64 on chain, so BigInt).'})
    voteStartBlock!: bigint

    @Field(() => BigInt, {description: 'Last block of voting (uint64 on chain, so BigInt).'})
    voteEndBlock!: bigint

    @Field(() => Int, {description: 'DAO quorum at creation (bps of total supply).'})
    quorumBps!: number

    @Field(() => Int, {description: 'DAO pass threshold at creation (bps of yes + no + veto).'})
    thresholdBps!: number

    @Field(() => Int, {description: 'Veto threshold at creation (bps of votes cast on DAO, of total supply on COUNCIL).'})
    vetoBps!: number

    @Field(() => Int, {description: 'Council approval at creation (bps of council size).'})
    councilApprovalBps!: number

    @Field(() => Int, {description: 'Council size at creation.'})
    councilSize!: number

    @Field(() => BigInt, {nullable: true, description: 'Total supply at the snapshot (wei); null until the head passes it.'})
    totalSupplyAtSnapshot!: bigint | null

    @Field(() => BigInt, {description: 'Tally NO (wei; council members on COUNCIL).'})
    no!: bigint

    @Field(() => BigInt, {description: 'Tally YES (wei; council members on COUNCIL).'})
    yes!: bigint

    @Field(() => BigInt, {description: 'Tally ABSTAIN (wei).'})
    abstain!: bigint

    @Field(() => BigInt, {description: 'Tally VETO (wei).'})
    veto!: bigint

    @Field(() => BigInt, {description: 'Token-weighted votes cast: DAO no + yes + abstain + veto; COUNCIL veto.'})
    cast!: bigint

    @Field(() => Int, {description: 'Number of votes.'})
    voterCount!: number

    @Field(() => AnalyticsRatio, {nullable: true, description: 'cast / total supply at snapshot; null before the snapshot.'})
    turnout!: AnalyticsRatio | null

    @Field(() => Boolean, {nullable: true, description: 'DAO: cast * 10 000 >= supply * quorumBps; null on COUNCIL (no quorum) and before the snapshot.'})
    quorumReached!: boolean | null

    @Field(() => AnalyticsRatio, {nullable: true, description: 'DAO: veto / cast; COUNCIL: veto / total supply at snapshot.'})
    vetoRatio!: AnalyticsRatio | null

    @Field(() => Boolean, {nullable: true, description: 'veto > 0 and veto ratio >= vetoBps.'})
    vetoReached!: boolean | null

    @Field(() => Boolean, {nullable: true, description: 'DAO: yes * 10 000 > (yes + no + veto) * thresholdBps; null on COUNCIL.'})
    thresholdReached!: boolean | null

    @Field(() => CouncilApprovalInfo, {nullable: true, description: 'COUNCIL: approvals against the council rule; null on DAO.'})
    councilApprovals!: CouncilApprovalInfo | null

    @Field(() => Int, {nullable: true, description: 'Block of cancelation.'})
    canceledAtBlock!: number | null

    @Field(() => Int, {nullable: true, description: 'Block of execution.'})
    executedAtBlock!: number | null

    @Field(() => Date, {nullable: true, description: 'Time of execution.'})
    executedAt!: Date | null

    @Field(() => TimeToExecutionInfo, {nullable: true, description: 'Creation to execution; null unless executed.'})
    timeToExecution!: TimeToExecutionInfo | null

    @Field(() => BigInt, {description: 'Treasury disbursements made by the execution (wei).'})
    disbursed!: bigint

    @Field(() => [ProposalDisbursement], {description: 'Those disbursements, in chain order (at most 100).'})
    disbursements!: ProposalDisbursement[]

    @Field(() => ProposalVoterPage, {description: 'Voters, paged by votersOffset / votersLimit or by the cursor votersAfter.'})
    voters!: ProposalVoterPage
}

@ObjectType({description: 'A delegate among the largest.'})
export class DelegatePowerEntry {
    @Field(() => Int, {description: 'Rank, 1 = largest.'})
    rank!: number

    @Field(() => String, {description: 'Delegate (lower-case address).'})
    delegate!: string

    @Field(() => BigInt, {description: 'Votes (wei).'})
    votes!: bigint

    @Field(() => AnalyticsRatio, {description: 'votes / delegated votes.'})
    share!: AnalyticsRatio

    @Field(() => AnalyticsRatio, {description: 'Votes of this and every larger delegate / delegated votes.'})
    cumulativeShare!: AnalyticsRatio
}

@ObjectType({description: 'Concentration of delegated voting power. Every share is of the delegated votes (the sum of all delegates\' votes), not of the total supply.'})
export class VotingPowerDistribution {
    @Field(() => Int, {nullable: true, description: 'Block the distribution is of: atBlock, else the indexed head; null before anything is indexed.'})
    block!: number | null

    @Field(() => BigInt, {description: 'Delegated votes: the sum of every delegate\'s votes (wei).'})
    totalVotes!: bigint

    @Field(() => Int, {description: 'Delegates with votes > 0.'})
    delegateCount!: number

    @Field(() => Int, {description: 'Delegates counted in topVotes (topN, or fewer if there are fewer delegates).'})
    topN!: number

    @Field(() => BigInt, {description: 'Votes of the topN largest delegates (wei).'})
    topVotes!: bigint

    @Field(() => AnalyticsRatio, {nullable: true, description: 'topVotes / totalVotes; null without votes.'})
    topShare!: AnalyticsRatio | null

    @Field(() => Int, {nullable: true, description: 'Nakamoto coefficient at 33.4 %: fewest delegates whose votes are more than 33.4 % of the delegated votes.'})
    nakamotoThird!: number | null

    @Field(() => Int, {nullable: true, description: 'Nakamoto coefficient at 50 %: fewest delegates whose votes are more than half of the delegated votes.'})
    nakamotoHalf!: number | null

    @Field(() => [DelegatePowerEntry], {description: 'The topN largest delegates.'})
    top!: DelegatePowerEntry[]
}

@ObjectType({description: 'A change of a delegate\'s voting power (DelegateVotesChanged).'})
export class DelegatePowerPoint {
    @Field(() => Int, {description: 'Block.'})
    block!: number

    @Field(() => Date, {description: 'Block time.'})
    timestamp!: Date

    @Field(() => BigInt, {description: 'Votes before (wei).'})
    previousVotes!: bigint

    @Field(() => BigInt, {description: 'Votes after (wei).'})
    newVotes!: bigint

    @Field(() => BigInt, {description: 'newVotes - previousVotes (wei, may be negative).'})
    delta!: bigint
}

@ObjectType({description: 'Voting power history of one delegate, oldest first, paged.'})
export class DelegatePowerHistory {
    @Field(() => String, {description: 'Delegate (lower-case address).'})
    delegate!: string

    @Field(() => BigInt, {description: 'Current votes (wei).'})
    currentVotes!: bigint

    @Field(() => AnalyticsPage, {description: 'Paging of `points`; endCursor continues with after.'})
    page!: AnalyticsPage

    @Field(() => [DelegatePowerPoint], {description: 'Changes in chain order (block, then log index).'})
    points!: DelegatePowerPoint[]
}

@ObjectType({description: 'A council membership change.'})
export class CouncilHistoryEntry {
    @Field(() => String, {description: 'Member (lower-case address).'})
    member!: string

    @Field(() => Boolean, {description: 'True when added, false when removed.'})
    added!: boolean

    @Field(() => Int, {description: 'Council size after the change.'})
    councilSize!: number

    @Field(() => Int, {description: 'Block.'})
    block!: number

    @Field(() => Date, {description: 'Block time.'})
    timestamp!: Date

    @Field(() => String, {description: 'Transaction hash.'})
    txHash!: string
}

@ObjectType({description: 'Council membership now and its history.'})
export class CouncilHistory {
    @Field(() => Int, {description: 'Current council size.'})
    currentSize!: number

    @Field(() => [String], {description: 'Current members (lower-case addresses, sorted), at most 500.'})
    members!: string[]

    @Field(() => AnalyticsPage, {description: 'Paging of `changes`; endCursor continues with after.'})
    page!: AnalyticsPage

    @Field(() => [CouncilHistoryEntry], {description: 'Membership changes in chain order (block, then log index; deployment included).'})
    changes!: CouncilHistoryEntry[]
}

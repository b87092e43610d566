/** SQL of the governance analytics: parameterized and bounded (LIMIT or a capped row count). */
import type {EntityManager} from 'typeorm'
import type {ProposalFigures} from '../../domain/governance-stats'
import {dayStartOf} from '../../domain/treasury'
import {ArgumentError} from '../errors'
import {big, bigOrNull, type DayWindow, type Page} from './common'

/** Most proposals one governanceStats call aggregates. */
export const MAX_STATS_PROPOSALS = 10_000

const PROPOSAL_COLUMNS = `id, track, state, outcome, proposer_id, description, quorum_bps, threshold_bps, veto_bps, council_approval_bps,
    council_size, total_supply_at_snapshot, no, yes, abstain, veto, voter_count, created_at_block, created_at, snapshot_block,
    vote_start_block, vote_end_block, canceled_at_block, executed_at_block, executed_at, disbursed`

export interface ProposalRow extends ProposalFigures {
    id: string
    proposer: string
    description: string
    snapshotBlock: bigint
    voteStartBlock: bigint
    voterCount: number
    canceledAtBlock: number | null
    disbursed: bigint
}

function proposalRow(r: any): ProposalRow {
    return {
        id: r.id,
        track: r.track,
        state: r.state,
        outcome: r.outcome,
        proposer: r.proposer_id,
        description: r.description,
        quorumBps: r.quorum_bps,
        thresholdBps: r.threshold_bps,
        vetoBps: r.veto_bps,
        councilApprovalBps: r.council_approval_bps,
        councilSize: r.council_size,
        totalSupplyAtSnapshot: bigOrNull(r.total_supply_at_snapshot),
        no: big(r.no),
        yes: big(r.yes),
        abstain: big(r.abstain),
        veto: big(r.veto),
        voterCount: r.voter_count,
        createdAtBlock: r.created_at_block,
        createdAt: r.created_at,
        snapshotBlock: big(r.snapshot_block),
        voteStartBlock: big(r.vote_start_block),
        voteEndBlock: big(r.vote_end_block),
        canceledAtBlock: r.canceled_at_block,
        executedAtBlock: r.executed_at_block,
        executedAt: r.executed_at,
        disbursed: big(r.disbursed),
    }
}

/** Proposals of `track` (null = both) created in the window (null = all time); errors past MAX_STATS_PROPOSALS. */
export async function proposalsCreatedIn(em: EntityManager, track: string | null, w: DayWindow | null): Promise<ProposalRow[]> {
    const rows = await em.query(
        `SELECT ${PROPOSAL_COLUMNS} FROM proposal
         WHERE ($1::text IS NULL OR track = $1) AND ($2::timestamptz IS NULL OR created_at >= $2) AND ($3::timestamptz IS NULL OR created_at < $3)
         ORDER BY created_at_block, length(id), id LIMIT $4`,
        [track, w ? dayStartOf(w.fromDay) : null, w ? dayStartOf(w.toDay + 1) : null, MAX_STATS_PROPOSALS + 1],
    )
    if (rows.length > MAX_STATS_PROPOSALS) throw new ArgumentError(`the window holds more than ${MAX_STATS_PROPOSALS} proposals: narrow it (from, to or track)`)
    return rows.map(proposalRow)
}

export async function proposalById(em: EntityManager, id: string): Promise<ProposalRow | undefined> {
    const rows = await em.query(`SELECT ${PROPOSAL_COLUMNS} FROM proposal WHERE id = $1`, [id])
    return rows.length ? proposalRow(rows[0]) : undefined
}

/**
 * Votes of a proposal, heaviest first, then by voter (unique per proposal): `limit + 1` rows from
 * `offset`, or after the keys of a cursor (weight DESC, voter ASC: lighter, or as heavy and a later voter).
 */
export async function votersOf(em: EntityManager, proposalId: string, p: Page, after: {weight: bigint; voter: string} | null = null) {
    const keyset = after ? `AND (weight < $4::numeric OR (weight = $4::numeric AND voter_id > $5))` : ''
    const rows: any[] = await em.query(
        `SELECT voter_id, support, weight, reason, block, timestamp FROM vote WHERE proposal_id = $1 ${keyset}
         ORDER BY weight DESC, voter_id OFFSET $2 LIMIT $3`,
        [proposalId, p.offset, p.limit + 1, ...(after ? [after.weight.toString(), after.voter] : [])],
    )
    return rows.map((r) => ({voter: r.voter_id as string, support: r.support as string, weight: big(r.weight), reason: r.reason as string, block: r.block as number, timestamp: r.timestamp as Date}))
}

export async function disbursementsOf(em: EntityManager, proposalId: string) {
    const rows = await em.query(
        `SELECT counterparty, amount, category, memo, block, timestamp, tx_hash FROM treasury_flow
         WHERE proposal_id = $1 AND kind = 'DISBURSEMENT' ORDER BY id LIMIT 100`,
        [proposalId],
    )
    return rows.map((r: any) => ({to: r.counterparty, amount: big(r.amount), category: r.category, memo: r.memo, block: r.block, timestamp: r.timestamp, txHash: r.tx_hash}))
}

export interface RankedDelegates {
    /** The largest delegates: at least `topN`, and on to the one that crosses half of the votes. */
    prefix: {delegate: string; votes: bigint}[]
    totalVotes: bigint
    delegateCount: number
}

/**
 * Delegates ranked by votes (largest first, ties by address), current (Account.votes) or at the
 * end of `atBlock` (each delegate's last VotingPowerChange at or before it). Returns only the
 * rows the distribution needs: the first `topN` and those up to the 50 % crossing.
 */
export async function rankedDelegates(em: EntityManager, topN: number, atBlock: number | null): Promise<RankedDelegates> {
    const source =
        atBlock == null
            ? `SELECT id AS delegate, votes FROM account WHERE votes > 0`
            : `SELECT delegate, votes FROM (
                   SELECT DISTINCT ON (delegate_id) delegate_id AS delegate, new_votes AS votes FROM voting_power_change
                   WHERE block <= $2 ORDER BY delegate_id, block DESC, id DESC) last WHERE votes > 0`
    const rows = await em.query(
        `WITH d AS (${source}),
              r AS (SELECT delegate, votes, row_number() OVER w AS rank, sum(votes) OVER w AS cum FROM d
                    WINDOW w AS (ORDER BY votes DESC, delegate COLLATE "C" ROWS UNBOUNDED PRECEDING)),
              t AS (SELECT COALESCE(sum(votes), 0) AS total, count(*)::int AS n FROM d)
         SELECT r.delegate, r.votes, t.total, t.n FROM t LEFT JOIN r ON (r.rank <= $1 OR (r.cum - r.votes) * 2 <= t.total)
         ORDER BY r.rank`,
        atBlock == null ? [topN] : [topN, atBlock],
    )
    const total = rows.length ? big(rows[0].total) : 0n
    const n = rows.length ? Number(rows[0].n) : 0
    return {prefix: rows.filter((r: any) => r.delegate != null).map((r: any) => ({delegate: r.delegate, votes: big(r.votes)})), totalVotes: total, delegateCount: n}
}

/** A cursor position in an event list: the block and the log id (unique, chain order within the block). */
export interface EventKey {
    block: number
    id: string
}

/**
 * A delegate's DelegateVotesChanged in chain order (block, then log id: unique), `limit + 1` rows
 * from `offset` or after a cursor's (block, id). Block first so that the (delegate, block) index serves it.
 */
export async function powerHistory(em: EntityManager, delegate: string, fromBlock: number, toBlock: number, p: Page, after: EventKey | null = null) {
    const rows: any[] = await em.query(
        `SELECT id, block, timestamp, previous_votes, new_votes FROM voting_power_change
         WHERE delegate_id = $1 AND block >= $2 AND block <= $3 ${after ? 'AND (block, id) > ($6::int, $7::text)' : ''}
         ORDER BY block, id OFFSET $4 LIMIT $5`,
        [delegate, fromBlock, toBlock, p.offset, p.limit + 1, ...(after ? [after.block, after.id] : [])],
    )
    return rows.map((r) => ({id: r.id as string, block: r.block as number, timestamp: r.timestamp as Date, previousVotes: big(r.previous_votes), newVotes: big(r.new_votes)}))
}

export async function accountVotes(em: EntityManager, id: string): Promise<bigint | undefined> {
    const rows = await em.query(`SELECT votes FROM account WHERE id = $1`, [id])
    return rows.length ? big(rows[0].votes) : undefined
}

/** Council membership changes in chain order (block, log id), `limit + 1` rows from `offset` or after a cursor's (block, id). */
export async function councilChanges(em: EntityManager, p: Page, after: EventKey | null = null) {
    const rows: any[] = await em.query(
        `SELECT id, member_id, added, council_size, block, timestamp, tx_hash FROM council_change
         ${after ? 'WHERE (block, id) > ($3::int, $4::text)' : ''} ORDER BY block, id OFFSET $1 LIMIT $2`,
        [p.offset, p.limit + 1, ...(after ? [after.block, after.id] : [])],
    )
    const [{n}] = await em.query(`SELECT count(*)::int AS n FROM council_change`)
    return {
        rows: rows.map((r) => ({
            id: r.id as string,
            member: r.member_id as string,
            added: r.added as boolean,
            councilSize: r.council_size as number,
            block: r.block as number,
            timestamp: r.timestamp as Date,
            txHash: r.tx_hash as string,
        })),
        total: Number(n),
    }
}

/** Current members from the membership history (small), and the size from the protocol row. */
export async function councilNow(em: EntityManager): Promise<{size: number; members: string[]}> {
    const members = await em.query(
        `SELECT member_id FROM (SELECT DISTINCT ON (member_id) member_id, added FROM council_change ORDER BY member_id, id DESC) last
         WHERE added ORDER BY member_id LIMIT 500`,
    )
    const proto = await em.query(`SELECT council_size FROM protocol WHERE id = 'sahara'`)
    return {size: proto.length ? proto[0].council_size : 0, members: members.map((r: any) => r.member_id)}
}

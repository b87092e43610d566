/**
 * SQL of the treasury analytics: parameterized, each bounded by a window of days (day rows) or
 * by a window and a LIMIT (flows and payments). Amounts come back as bigint.
 */
import type {EntityManager} from 'typeorm'
import {dayStartOf, type DayTotals, type FlowKind} from '../../domain/treasury'
import {big, type DayWindow} from './common'

/** Day rows of [fromDay, toDay] (only days with a row) and the closing balance before fromDay. */
export async function loadDays(em: EntityManager, fromDay: number, toDay: number): Promise<{rows: DayTotals[]; opening: bigint}> {
    const rows = await em.query(
        `SELECT id::int AS day, fees, deposits, transfers_in, disbursements, transfers_out, gross_payments, balance_close
         FROM treasury_day_data WHERE date >= $1 AND date < $2 ORDER BY date`,
        [dayStartOf(fromDay), dayStartOf(toDay + 1)],
    )
    const before = await em.query(`SELECT balance_close FROM treasury_day_data WHERE date < $1 ORDER BY date DESC LIMIT 1`, [dayStartOf(fromDay)])
    return {
        rows: rows.map((r: any) => ({
            day: Number(r.day),
            fees: big(r.fees),
            deposits: big(r.deposits),
            transfersIn: big(r.transfers_in),
            disbursements: big(r.disbursements),
            transfersOut: big(r.transfers_out),
            grossPayments: big(r.gross_payments),
            balanceClose: big(r.balance_close),
        })),
        opening: before.length ? big(before[0].balance_close) : 0n,
    }
}

function bounds(w: DayWindow): [Date, Date] {
    return [dayStartOf(w.fromDay), dayStartOf(w.toDay + 1)]
}

export interface FeeCell {
    source: string | null
    assetKind: string | null
    amount: bigint
    count: number
}

/** Fee inflows of the window by payment source x asset kind (at most 2 x 4 cells, plus unknowns). */
export async function feeCells(em: EntityManager, w: DayWindow): Promise<FeeCell[]> {
    const rows = await em.query(
        `SELECT f.source, a.kind AS asset_kind, sum(f.amount) AS amount, count(*)::int AS n
         FROM treasury_flow f LEFT JOIN asset a ON a.id = f.asset_id
         WHERE f.kind = 'FEE' AND f.timestamp >= $1 AND f.timestamp < $2
         GROUP BY f.source, a.kind`,
        bounds(w),
    )
    return rows.map((r: any) => ({source: r.source, assetKind: r.asset_kind, amount: big(r.amount), count: r.n}))
}

export interface OutflowCell {
    kind: FlowKind
    category: string | null
    amount: bigint
    count: number
}

export async function outflowCells(em: EntityManager, w: DayWindow): Promise<OutflowCell[]> {
    const rows = await em.query(
        `SELECT kind, category, sum(amount) AS amount, count(*)::int AS n
         FROM treasury_flow
         WHERE kind IN ('DISBURSEMENT', 'TRANSFER_OUT') AND timestamp >= $1 AND timestamp < $2
         GROUP BY kind, category ORDER BY kind, category`,
        bounds(w),
    )
    return rows.map((r: any) => ({kind: r.kind, category: r.category, amount: big(r.amount), count: r.n}))
}

/** The `top` proposals that disbursed most in the window, and how many disbursed at all. */
export async function outflowsByProposal(em: EntityManager, w: DayWindow, top: number): Promise<{rows: {proposalId: string; amount: bigint; count: number}[]; proposals: number}> {
    const [from, to] = bounds(w)
    const rows = await em.query(
        `SELECT proposal_id, sum(amount) AS amount, count(*)::int AS n, count(*) OVER ()::int AS proposals
         FROM treasury_flow
         WHERE kind = 'DISBURSEMENT' AND proposal_id IS NOT NULL AND timestamp >= $1 AND timestamp < $2
         GROUP BY proposal_id ORDER BY sum(amount) DESC, length(proposal_id), proposal_id LIMIT $3`,
        [from, to, top],
    )
    return {
        rows: rows.map((r: any) => ({proposalId: r.proposal_id, amount: big(r.amount), count: r.n})),
        proposals: rows.length ? rows[0].proposals : 0,
    }
}

export interface FeeAssetRow {
    assetId: string
    kind: string | null
    fees: bigint
    grossPayments: bigint
    payments: number
}

/** Assets by protocol fees of the payments made to them in the window, at most `top`. */
export async function topFeeAssets(em: EntityManager, w: DayWindow, top: number): Promise<FeeAssetRow[]> {
    const [from, to] = bounds(w)
    // From the asset day buckets (one row per asset and day, not one per payment): the window is
    // whole UTC days, and payments / grossRevenue / protocolFees there are exactly the direct
    // payments of that day (test/treasury checks the result against the payment rows).
    const rows = await em.query(
        `SELECT d.asset_id, a.kind, sum(d.protocol_fees) AS fees, sum(d.gross_revenue) AS gross, sum(d.payments)::int AS n
         FROM asset_day_data d LEFT JOIN asset a ON a.id = d.asset_id
         WHERE d.date >= $1 AND d.date < $2
         GROUP BY d.asset_id, a.kind HAVING sum(d.payments) > 0
         ORDER BY sum(d.protocol_fees) DESC, length(d.asset_id), d.asset_id LIMIT $3`,
        [from, to, top],
    )
    return rows.map((r: any) => ({assetId: r.asset_id, kind: r.kind, fees: big(r.fees), grossPayments: big(r.gross), payments: r.n}))
}

export interface BlockRow {
    block: number
    timestamp: Date
    flows: number
    fees: bigint
    deposits: bigint
    transfersIn: bigint
    disbursements: bigint
    transfersOut: bigint
    balance: bigint
}

/** Blocks with treasury movements in the window, in block order, `limit` of them after `offset`. */
export async function blockPoints(em: EntityManager, w: DayWindow, offset: number, limit: number): Promise<BlockRow[]> {
    const [from, to] = bounds(w)
    const sumOf = (kind: FlowKind) => `sum(CASE WHEN kind = '${kind}' THEN amount ELSE 0 END)`
    const rows = await em.query(
        `SELECT block, min(timestamp) AS timestamp, count(*)::int AS flows,
                ${sumOf('FEE')} AS fees, ${sumOf('DEPOSIT')} AS deposits, ${sumOf('TRANSFER_IN')} AS transfers_in,
                ${sumOf('DISBURSEMENT')} AS disbursements, ${sumOf('TRANSFER_OUT')} AS transfers_out,
                (array_agg(balance_after ORDER BY id DESC))[1] AS balance
         FROM treasury_flow WHERE timestamp >= $1 AND timestamp < $2
         GROUP BY block ORDER BY block OFFSET $3 LIMIT $4`,
        [from, to, offset, limit],
    )
    return rows.map((r: any) => ({
        block: r.block,
        timestamp: r.timestamp,
        flows: r.flows,
        fees: big(r.fees),
        deposits: big(r.deposits),
        transfersIn: big(r.transfers_in),
        disbursements: big(r.disbursements),
        transfersOut: big(r.transfers_out),
        balance: big(r.balance),
    }))
}

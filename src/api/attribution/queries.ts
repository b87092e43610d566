/**
 * SQL of the attribution resolvers. Every query is parameterized and bounded by an index:
 * payment by id, distributions by payment / asset / owner, receipts by asset / contributor,
 * links by child / parent. Amounts come back as numeric text and become bigint here.
 */
import type {EntityManager} from 'typeorm'
import type {DistributionRecord, Earning, LineageEdge} from '../../domain/attribution'
import {receiptAccruedSql} from '../../domain/accrual-sql'
import {idOrderSql, shareSql, sharesInSql} from '../../domain/attribution-sql'

const big = (v: unknown): bigint => (v == null ? 0n : BigInt(v as string))
/** Bucket start in unix ms of a timestamptz column, for a bucket size in ms ($n). */
const bucketSql = (col: string, sizeParam: string) => `(floor(extract(epoch from ${col}) * 1000 / ${sizeParam}) * ${sizeParam})::int8`

export interface PaymentRow {
    id: string
    assetId: string
    payer: string
    source: string
    amount: bigint
    protocolFee: bigint
    net: bigint
    distributionCount: number
    maxDepth: number
    block: number
    timestamp: Date
}

export async function loadPayment(em: EntityManager, id: string): Promise<PaymentRow | undefined> {
    const rows = await em.query(
        `SELECT id, asset_id, payer_id, source, amount::text, protocol_fee::text, net::text, distribution_count, max_depth, block, timestamp
         FROM payment WHERE id = $1`,
        [id],
    )
    if (!rows.length) return undefined
    const r = rows[0]
    return {
        id: r.id,
        assetId: r.asset_id,
        payer: r.payer_id,
        source: r.source,
        amount: big(r.amount),
        protocolFee: big(r.protocol_fee),
        net: big(r.net),
        distributionCount: r.distribution_count,
        maxDepth: r.max_depth,
        block: r.block,
        timestamp: r.timestamp,
    }
}

/** All RevenueDistributed events of a payment, in emission order. */
export async function loadPaymentDistributions(em: EntityManager, paymentId: string): Promise<(DistributionRecord & {id: string})[]> {
    const rows = await em.query(
        `SELECT id, asset_id, depth, amount::text, to_owner::text, to_contributors::text, to_upstream::text, owner_id,
                total_weight::text, acc_before::text, acc_after::text
         FROM revenue_distribution WHERE payment_id = $1 ORDER BY split_part(id, '-', 2)::int`,
        [paymentId],
    )
    return rows.map((r: any) => ({
        id: r.id,
        seq: Number(r.id.split('-')[1]),
        assetId: r.asset_id,
        depth: r.depth,
        amount: big(r.amount),
        toOwner: big(r.to_owner),
        toContributors: big(r.to_contributors),
        toUpstream: big(r.to_upstream),
        owner: r.owner_id,
        totalWeight: big(r.total_weight),
        accBefore: big(r.acc_before),
        accAfter: big(r.acc_after),
    }))
}

export interface PoolStats {
    receiptCount: number
    allocated: bigint
}

/** Per distribution: receipts sharing in its pool and the sum of their shares. */
export async function poolStats(em: EntityManager, distributionIds: string[]): Promise<Map<string, PoolStats>> {
    if (!distributionIds.length) return new Map()
    const rows = await em.query(
        `SELECT d.id, s.n, s.allocated::text
         FROM unnest($1::text[]) AS x(id) JOIN revenue_distribution d ON d.id = x.id
         CROSS JOIN LATERAL (SELECT count(*)::int AS n, COALESCE(sum(${shareSql('d', 'r')}), 0) AS allocated FROM receipt r WHERE ${sharesInSql('d', 'r')}) s`,
        [distributionIds],
    )
    return new Map(rows.map((r: any) => [r.id, {receiptCount: r.n, allocated: big(r.allocated)}]))
}

export interface ShareRow {
    distributionId: string
    receiptId: string
    contributor: string
    weight: bigint
    amount: bigint
}

/**
 * A page of the receipt shares of each distribution, in numeric receipt id order (ids are unique):
 * `limit` rows per distribution from `offset`, or those of receipts after `afterReceipt` (the same
 * bound for every distribution: receipt ids are global).
 */
export async function receiptShares(em: EntityManager, distributionIds: string[], offset: number, limit: number, afterReceipt: string | null = null): Promise<ShareRow[]> {
    if (!distributionIds.length) return []
    const keyset = afterReceipt != null ? `AND (length(r.id), r.id) > (length($4::text), $4::text)` : ''
    const rows = await em.query(
        `SELECT d.id AS dist, s.id AS receipt, s.contributor_id, s.weight::text, s.amount::text
         FROM unnest($1::text[]) AS x(id) JOIN revenue_distribution d ON d.id = x.id
         CROSS JOIN LATERAL (
             SELECT r.id, r.contributor_id, r.weight, ${shareSql('d', 'r')} AS amount
             FROM receipt r WHERE ${sharesInSql('d', 'r')} ${keyset}
             ORDER BY ${idOrderSql('r.id')} OFFSET $2 LIMIT $3) s
         ORDER BY x.id, ${idOrderSql('s.id')}`,
        afterReceipt != null ? [distributionIds, offset, limit, afterReceipt] : [distributionIds, offset, limit],
    )
    return rows.map((r: any) => ({distributionId: r.dist, receiptId: r.receipt, contributor: r.contributor_id, weight: big(r.weight), amount: big(r.amount)}))
}

function toEarnings(rows: any[], role: Earning['role']): Earning[] {
    return rows.map((r) => ({timestamp: Number(r.bucket), role, depth: r.up ? 1 : 0, amount: big(r.amount)}))
}

/** An account's owner parts and receipt shares in [from, to), pre-aggregated per bucket and origin. */
export async function accountEarnings(em: EntityManager, account: string, fromMs: number, toMs: number, bucketMs: number): Promise<Earning[]> {
    const params = [account, new Date(fromMs), new Date(toMs), bucketMs]
    const owner = await em.query(
        `SELECT ${bucketSql('d.timestamp', '$4')} AS bucket, d.depth > 0 AS up, sum(d.to_owner)::text AS amount
         FROM revenue_distribution d
         WHERE d.owner_id = $1 AND d.timestamp >= $2 AND d.timestamp < $3
         GROUP BY 1, 2`,
        params,
    )
    const contributor = await em.query(
        `SELECT ${bucketSql('d.timestamp', '$4')} AS bucket, d.depth > 0 AS up, sum(${shareSql('d', 'r')})::text AS amount
         FROM receipt r JOIN revenue_distribution d ON ${sharesInSql('d', 'r')}
         WHERE r.contributor_id = $1 AND d.timestamp >= $2 AND d.timestamp < $3
         GROUP BY 1, 2`,
        params,
    )
    return [...toEarnings(owner, 'OWNER'), ...toEarnings(contributor, 'CONTRIBUTOR')]
}

export interface AssetBucketRow {
    start: number
    receivedDirect: bigint
    receivedUpstream: bigint
    sentUpstream: bigint
    distributions: number
    gross: bigint
    protocolFees: bigint
}

/** An asset's distributions and direct payments in [from, to), per bucket. */
export async function assetBuckets(em: EntityManager, assetId: string, fromMs: number, toMs: number, bucketMs: number): Promise<{earnings: Earning[]; rows: Map<number, AssetBucketRow>}> {
    const params = [assetId, new Date(fromMs), new Date(toMs), bucketMs]
    const dist = await em.query(
        `SELECT ${bucketSql('d.timestamp', '$4')} AS bucket,
                COALESCE(sum(d.amount) FILTER (WHERE d.depth = 0), 0)::text AS received_direct,
                COALESCE(sum(d.amount) FILTER (WHERE d.depth > 0), 0)::text AS received_upstream,
                COALESCE(sum(d.to_owner) FILTER (WHERE d.depth = 0), 0)::text AS owner_direct,
                COALESCE(sum(d.to_owner) FILTER (WHERE d.depth > 0), 0)::text AS owner_upstream,
                COALESCE(sum(d.to_contributors) FILTER (WHERE d.depth = 0), 0)::text AS pool_direct,
                COALESCE(sum(d.to_contributors) FILTER (WHERE d.depth > 0), 0)::text AS pool_upstream,
                sum(d.to_upstream)::text AS sent_upstream, count(*)::int AS n
         FROM revenue_distribution d
         WHERE d.asset_id = $1 AND d.timestamp >= $2 AND d.timestamp < $3
         GROUP BY 1`,
        params,
    )
    const pay = await em.query(
        `SELECT ${bucketSql('p.timestamp', '$4')} AS bucket, sum(p.amount)::text AS gross, sum(p.protocol_fee)::text AS fees
         FROM payment p WHERE p.asset_id = $1 AND p.timestamp >= $2 AND p.timestamp < $3
         GROUP BY 1`,
        params,
    )
    const rows = new Map<number, AssetBucketRow>()
    const row = (start: number) => {
        let r = rows.get(start)
        if (!r) rows.set(start, (r = {start, receivedDirect: 0n, receivedUpstream: 0n, sentUpstream: 0n, distributions: 0, gross: 0n, protocolFees: 0n}))
        return r
    }
    const earnings: Earning[] = []
    for (const d of dist) {
        const start = Number(d.bucket)
        const r = row(start)
        r.receivedDirect = big(d.received_direct)
        r.receivedUpstream = big(d.received_upstream)
        r.sentUpstream = big(d.sent_upstream)
        r.distributions = d.n
        earnings.push(
            {timestamp: start, role: 'OWNER', depth: 0, amount: big(d.owner_direct)},
            {timestamp: start, role: 'OWNER', depth: 1, amount: big(d.owner_upstream)},
            {timestamp: start, role: 'CONTRIBUTOR', depth: 0, amount: big(d.pool_direct)},
            {timestamp: start, role: 'CONTRIBUTOR', depth: 1, amount: big(d.pool_upstream)},
        )
    }
    for (const p of pay) {
        const r = row(Number(p.bucket))
        r.gross = big(p.gross)
        r.protocolFees = big(p.fees)
    }
    return {earnings, rows}
}

export interface RankedContributor {
    rank: number
    account: string
    earned: bigint
    receiptCount: number
}

/**
 * Contributors by earnings (earned DESC, then account: unique, so the order is total). Without a
 * window: each receipt's accrued amount (receipts of the asset, or all receipts). With a window:
 * the receipts' shares of the distributions in it. The page starts at `offset`, or after the
 * (earned, account) of a cursor; ranks are of the whole ranking either way.
 */
export async function rankContributors(
    em: EntityManager,
    o: {assetId: string | null; fromMs: number | null; toMs: number | null; offset: number; limit: number; after?: {earned: bigint; account: string} | null},
): Promise<{entries: RankedContributor[]; total: number}> {
    const params: unknown[] = []
    const p = (v: unknown) => {
        params.push(v)
        return `$${params.length}`
    }
    let sql: string
    if (o.fromMs == null && o.toMs == null) {
        const earned = receiptAccruedSql('r', 'a')
        const where = o.assetId != null ? `WHERE r.asset_id = ${p(o.assetId)}` : ''
        sql = `SELECT r.contributor_id AS account, sum(${earned}) AS earned, count(*) FILTER (WHERE ${earned} > 0)::int AS receipts
               FROM receipt r JOIN asset a ON a.id = r.asset_id ${where}
               GROUP BY r.contributor_id HAVING sum(${earned}) > 0`
    } else {
        const conds: string[] = []
        if (o.assetId != null) conds.push(`d.asset_id = ${p(o.assetId)}`)
        if (o.fromMs != null) conds.push(`d.timestamp >= ${p(new Date(o.fromMs))}`)
        if (o.toMs != null) conds.push(`d.timestamp < ${p(new Date(o.toMs))}`)
        const share = shareSql('d', 'r')
        sql = `SELECT r.contributor_id AS account, sum(${share}) AS earned, count(DISTINCT r.id) FILTER (WHERE ${share} > 0)::int AS receipts
               FROM revenue_distribution d JOIN receipt r ON ${sharesInSql('d', 'r')}
               ${conds.length ? `WHERE ${conds.join(' AND ')}` : ''}
               GROUP BY r.contributor_id HAVING sum(${share}) > 0`
    }
    const listParams = params.length
    // earned DESC: the rows after (e, a) are the smaller earnings, or equal ones with a later account
    const keyset = o.after ? `WHERE y.earned < ${p(o.after.earned.toString())}::numeric OR (y.earned = $${params.length}::numeric AND y.account > ${p(o.after.account)})` : ''
    const rows = await em.query(
        `SELECT y.account, y.earned::text AS earned_wei, y.receipts, y.rank, y.total FROM (
             SELECT x.*, row_number() OVER (ORDER BY x.earned DESC, x.account)::int AS rank, count(*) OVER ()::int AS total FROM (${sql}) x) y
         ${keyset}
         ORDER BY y.earned DESC, y.account OFFSET ${p(o.offset)} LIMIT ${p(o.limit)}`,
        params,
    )
    let total = rows.length ? rows[0].total : 0
    if (!rows.length && (o.offset > 0 || o.after)) total = Number((await em.query(`SELECT count(*)::int AS n FROM (${sql}) x`, params.slice(0, listParams)))[0].n)
    return {entries: rows.map((r: any) => ({rank: r.rank, account: r.account, earned: big(r.earned_wei), receiptCount: r.receipts})), total}
}

export async function assetExists(em: EntityManager, id: string): Promise<{directRevenue: bigint; upstreamRevenue: bigint; contributorRevenue: bigint} | undefined> {
    const rows = await em.query(`SELECT direct_revenue::text, upstream_revenue::text, contributor_revenue::text FROM asset WHERE id = $1`, [id])
    if (!rows.length) return undefined
    return {directRevenue: big(rows[0].direct_revenue), upstreamRevenue: big(rows[0].upstream_revenue), contributorRevenue: big(rows[0].contributor_revenue)}
}

/** Links leaving `ids` towards parents (ANCESTORS) or children (DESCENDANTS). */
export async function linksOf(em: EntityManager, ids: string[], direction: 'ANCESTORS' | 'DESCENDANTS'): Promise<LineageEdge[]> {
    const col = direction === 'ANCESTORS' ? 'child_id' : 'parent_id'
    const rows = await em.query(`SELECT child_id, parent_id, relation, upstream_bps, position FROM asset_link WHERE ${col} = ANY($1::text[])`, [ids])
    return rows.map((r: any) => ({childId: r.child_id, parentId: r.parent_id, relation: r.relation, upstreamBps: r.upstream_bps, position: r.position}))
}

/** What reached the asset per depth (0 = direct). */
export async function depthRows(em: EntityManager, assetId: string): Promise<{depth: number; amount: bigint; count: number}[]> {
    const rows = await em.query(`SELECT depth, sum(amount)::text AS amount, count(*)::int AS n FROM revenue_distribution WHERE asset_id = $1 GROUP BY depth`, [assetId])
    return rows.map((r: any) => ({depth: r.depth, amount: big(r.amount), count: r.n}))
}

/** Sum of the receipts' accrued amounts of one asset, or of all receipts. */
export async function receiptsAccrued(em: EntityManager, assetId: string | null): Promise<{accrued: bigint; count: number}> {
    const rows = await em.query(
        `SELECT COALESCE(sum(${receiptAccruedSql('r', 'a')}), 0)::text AS accrued, count(*)::int AS n
         FROM receipt r JOIN asset a ON a.id = r.asset_id ${assetId != null ? 'WHERE r.asset_id = $1' : ''}`,
        assetId != null ? [assetId] : [],
    )
    return {accrued: big(rows[0].accrued), count: rows[0].n}
}

export async function protocolContributorRevenue(em: EntityManager): Promise<bigint> {
    const rows = await em.query(`SELECT contributor_revenue::text FROM protocol WHERE id = 'sahara'`)
    return rows.length ? big(rows[0].contributor_revenue) : 0n
}

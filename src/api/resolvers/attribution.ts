/**
 * Attribution analytics (SPEC §6): payment attribution trees with per-receipt shares, earnings
 * series of accounts and assets, contributor rankings, lineage walks and the vault's rounding
 * residual. Per-receipt figures are computed at query time from the accumulators the processor
 * keeps (src/domain/accrual.ts and attribution.ts; SQL twins in src/domain/accrual-sql.ts and
 * attribution-sql.ts).
 */
import {Arg, Int, Query, Resolver} from 'type-graphql'
import type {EntityManager} from 'typeorm'
import {
    bucketEarnings,
    depthDistribution,
    descendantRevenueShare,
    INTERVAL_MS,
    paymentAttribution,
    totalEarnings,
    walkLineage,
    type EarningsBucket as EarningsBucketData,
} from '../../domain/attribution'
import {bpsOrZero, decimalOrZero} from '../../domain/ratio'
import {
    MAX_LINEAGE_NODES,
    MAX_NODES_LIMIT,
    MAX_SHARES_PER_RESPONSE,
    optionalWindow,
    requireAddress,
    requireDepth,
    requireId,
    requirePage,
    requireSeriesWindow,
} from '../attribution/args'
import * as q from '../attribution/queries'
import {
    AssetEarnings,
    AssetEarningsBucket,
    AssetLineage,
    AttributionNode,
    AttributionPage,
    ContributorEarnings,
    DepthShare,
    EarningsBucket,
    EarningsInterval,
    EarningsTotals,
    LineageDirection,
    LineageEdgeInfo,
    LineageNodeInfo,
    PaymentAttribution,
    ReceiptShare,
    ResidualInfo,
    TopContributor,
    TopContributors,
} from '../attribution/types'
import {afterKeys, cursorList, cursorPage, encodeCursor, requireOffsetOrCursor, scopeOf} from '../analytics/cursor'
import {AS_OF_ANALYTICS_DOC, withAsOf} from '../as-of'
import {ArgumentError} from '../errors'

/** Payments with more RevenueDistributed events than this are refused (none fits in a block's gas). */
const MAX_PAYMENT_EVENTS = 20_000

/**
 * The cursor-paged lists and their sort keys (the ORDER BY of their query, tie-breaker last).
 * paymentAttribution's nodes stay offset-paged: they are an in-memory slice, in seq order, of the
 * payment's immutable distribution tree (at most MAX_PAYMENT_EVENTS), so an offset is exact and
 * stable there. Its receipt shares take one cursor for all nodes shown: a receipt id, after which
 * every node's shares continue (ids are global and each node's shares are in id order).
 */
const TOP_CONTRIBUTORS = cursorList('topContributors', ['uint', 'address'] as const)
const RECEIPT_SHARES = cursorList('paymentAttribution.receiptShares', ['uint'] as const)

const page = (offset: number, limit: number, totalCount: number, shown: number, more = offset + shown < totalCount, endCursor: string | null = null) =>
    Object.assign(new AttributionPage(), {offset, limit, totalCount, hasNextPage: more, endCursor})
const bucket = <T extends EarningsBucket>(target: T, b: Omit<EarningsBucketData, 'count'>): T =>
    Object.assign(target, {
        start: new Date(b.start),
        ownerDirect: b.ownerDirect,
        ownerUpstream: b.ownerUpstream,
        contributorDirect: b.contributorDirect,
        contributorUpstream: b.contributorUpstream,
        total: b.total,
    })
const totals = (buckets: EarningsBucketData[]) => {
    const {count, ...t} = totalEarnings(buckets)
    return Object.assign(new EarningsTotals(), t)
}

@Resolver()
export class AttributionResolver {
    constructor(private tx: () => Promise<EntityManager>) {}

    @Query(() => PaymentAttribution, {
        nullable: true,
        description:
            'Where a payment went (SPEC §6): the protocol fee and every asset reached through the lineage (depth, amount, owner part and share, contributor pool, upstream), with each receipt\'s share of each pool, paged. Null if there is no such payment.',
    })
    async paymentAttribution(
        @Arg('paymentId', () => String, {description: 'Payment id (decimal).'}) paymentId: string,
        @Arg('receiptsOffset', () => Int, {defaultValue: 0, description: 'Receipt shares to skip in each node (by receipt id).'}) receiptsOffset: number,
        @Arg('receiptsLimit', () => Int, {defaultValue: 100, description: 'Most receipt shares per node (<= 1000).'}) receiptsLimit: number,
        @Arg('nodesOffset', () => Int, {defaultValue: 0, description: 'Nodes to skip (in seq order).'}) nodesOffset: number,
        @Arg('nodesLimit', () => Int, {defaultValue: 100, description: 'Most nodes returned (<= 100). nodesLimit x receiptsLimit <= 50 000.'}) nodesLimit: number,
        @Arg('receiptsAfter', () => String, {
            nullable: true,
            description:
                "Opaque cursor: a node's receiptsPage.endCursor from this payment. Every node shown then lists the shares of receipts after that receipt (in id order); to walk one node's shares, keep nodesOffset on that node and nodesLimit 1. Give this or receiptsOffset, not both.",
        })
        receiptsAfter: string | null,
    ): Promise<PaymentAttribution | null> {
        requireId('paymentId', paymentId)
        const rp = requirePage('receipts', receiptsOffset, receiptsLimit)
        requireOffsetOrCursor('receiptsOffset', rp.offset, 'receiptsAfter', receiptsAfter)
        const scope = scopeOf(paymentId)
        const after = afterKeys(RECEIPT_SHARES, scope, receiptsAfter, 'receiptsAfter')
        const np = requirePage('nodes', nodesOffset, nodesLimit, MAX_NODES_LIMIT)
        if (np.limit * rp.limit > MAX_SHARES_PER_RESPONSE) throw new ArgumentError(`nodesLimit x receiptsLimit must be <= ${MAX_SHARES_PER_RESPONSE}, got ${np.limit} x ${rp.limit}`)
        const em = await this.tx()
        const p = await q.loadPayment(em, paymentId)
        if (!p) return null
        if (p.distributionCount > MAX_PAYMENT_EVENTS) throw new ArgumentError(`payment ${paymentId} has ${p.distributionCount} distributions, more than ${MAX_PAYMENT_EVENTS}`)
        const events = await q.loadPaymentDistributions(em, paymentId)
        const tree = paymentAttribution(p, events)
        const shown = tree.nodes.slice(np.offset, np.offset + np.limit)
        const ids = shown.map((n) => events[n.seq].id)
        const stats = await q.poolStats(em, ids)
        // one row more per node than the page: whether more of its shares follow
        const shares = await q.receiptShares(em, ids, rp.offset, rp.limit + 1, after && after[0].toString())
        const byDist = new Map<string, q.ShareRow[]>()
        for (const s of shares) {
            const list = byDist.get(s.distributionId) ?? []
            list.push(s)
            byDist.set(s.distributionId, list)
        }
        const nodes = shown.map((n) => {
            const id = events[n.seq].id
            const st = stats.get(id) ?? {receiptCount: 0, allocated: 0n}
            const rs = cursorPage(byDist.get(id) ?? [], rp.limit, RECEIPT_SHARES, scope, (s) => [BigInt(s.receiptId)])
            return Object.assign(new AttributionNode(), {
                distributionId: id,
                seq: n.seq,
                assetId: n.assetId,
                depth: n.depth,
                fromSeq: n.fromSeq,
                upstreamSeqs: n.upstreamSeqs,
                amount: n.amount,
                owner: n.owner,
                toOwner: n.toOwner,
                ownerShareBps: bpsOrZero(n.toOwner, n.amount),
                ownerShare: decimalOrZero(n.toOwner, n.amount),
                toContributors: n.toContributors,
                toUpstream: n.toUpstream,
                atDepthCap: n.atDepthCap,
                totalWeight: n.totalWeight,
                accBefore: n.accBefore,
                accAfter: n.accAfter,
                allocated: st.allocated,
                unallocated: n.toContributors - st.allocated,
                receiptsPage: page(rp.offset, rp.limit, st.receiptCount, rs.rows.length, rs.hasNextPage, rs.endCursor),
                receiptShares: rs.rows.map((s) => Object.assign(new ReceiptShare(), {receiptId: s.receiptId, contributor: s.contributor, weight: s.weight, amount: s.amount})),
            })
        })
        return Object.assign(new PaymentAttribution(), {
            paymentId: p.id,
            assetId: p.assetId,
            payer: p.payer,
            source: p.source,
            block: p.block,
            timestamp: p.timestamp,
            amount: p.amount,
            protocolFee: p.protocolFee,
            net: tree.net,
            toOwners: tree.toOwners,
            toContributors: tree.toContributors,
            conservationGap: tree.conservationGap,
            distributionCount: p.distributionCount,
            maxDepth: p.maxDepth,
            nodesPage: page(np.offset, np.limit, tree.nodes.length, shown.length),
            nodes,
        })
    }

    @Query(() => ContributorEarnings, {
        description:
            "An account's earnings per UTC hour or day in [from, to): owner parts of the distributions it was credited as owner, and its receipts' shares of contributor pools, each split into direct (depth 0) and upstream royalties (depth > 0).",
    })
    async contributorEarnings(
        @Arg('account', () => String, {description: 'Account address (0x + 40 hex digits, any case).'}) account: string,
        @Arg('interval', () => EarningsInterval, {description: 'Bucket size.'}) interval: EarningsInterval,
        @Arg('from', () => Date, {description: 'Window start, included (ISO 8601).'}) from: Date,
        @Arg('to', () => Date, {description: 'Window end, excluded. At most 2 000 buckets after from.'}) to: Date,
    ): Promise<ContributorEarnings> {
        const acc = requireAddress('account', account)
        const w = requireSeriesWindow(from, to, interval)
        const em = await this.tx()
        const items = await q.accountEarnings(em, acc, w.fromMs, w.toMs, INTERVAL_MS[interval])
        const buckets = bucketEarnings(items, interval)
        return Object.assign(new ContributorEarnings(), {
            account: acc,
            interval,
            from: new Date(w.fromMs),
            to: new Date(w.toMs),
            buckets: buckets.map((b) => bucket(new EarningsBucket(), b)),
            totals: totals(buckets),
        })
    }

    @Query(() => AssetEarnings, {
        nullable: true,
        description:
            "An asset's revenue per UTC hour or day in [from, to): direct payments and fees, amounts received directly (depth 0) and from descendants (depth > 0), its owner parts and contributor pools by origin, and what it sent upstream. Null if there is no such asset.",
    })
    async assetEarnings(
        @Arg('assetId', () => String, {description: 'Asset id (decimal).'}) assetId: string,
        @Arg('interval', () => EarningsInterval) interval: EarningsInterval,
        @Arg('from', () => Date, {description: 'Window start, included.'}) from: Date,
        @Arg('to', () => Date, {description: 'Window end, excluded. At most 2 000 buckets after from.'}) to: Date,
    ): Promise<AssetEarnings | null> {
        requireId('assetId', assetId)
        const w = requireSeriesWindow(from, to, interval)
        const em = await this.tx()
        if (!(await q.assetExists(em, assetId))) return null
        const {earnings, rows} = await q.assetBuckets(em, assetId, w.fromMs, w.toMs, INTERVAL_MS[interval])
        const split = new Map(bucketEarnings(earnings, interval).map((b) => [b.start, b]))
        const starts = [...rows.keys()].sort((a, b) => a - b)
        const zero = {ownerDirect: 0n, ownerUpstream: 0n, contributorDirect: 0n, contributorUpstream: 0n, total: 0n}
        const buckets = starts.map((start) => {
            const r = rows.get(start)!
            const b = bucket(new AssetEarningsBucket(), {...zero, ...split.get(start), start})
            return Object.assign(b, {
                gross: r.gross,
                protocolFees: r.protocolFees,
                receivedDirect: r.receivedDirect,
                receivedUpstream: r.receivedUpstream,
                sentUpstream: r.sentUpstream,
                distributions: r.distributions,
            })
        })
        return Object.assign(new AssetEarnings(), {
            assetId,
            interval,
            from: new Date(w.fromMs),
            to: new Date(w.toMs),
            buckets,
            totals: totals([...split.values()]),
        })
    }

    @Query(() => TopContributors, {
        description:
            'Contributors ranked by what their receipts earned, globally or on one asset, over all time (accrued amounts) or in a window [from, to) (shares of the distributions in it). Paged by offset or by cursor (after); ties broken by address.',
    })
    async topContributors(
        @Arg('assetId', () => String, {nullable: true, description: 'Restrict to receipts of this asset (decimal id).'}) assetId: string | null,
        @Arg('from', () => Date, {nullable: true, description: 'Window start, included.'}) from: Date | null,
        @Arg('to', () => Date, {nullable: true, description: 'Window end, excluded.'}) to: Date | null,
        @Arg('limit', () => Int, {defaultValue: 20, description: 'Most entries (<= 1000).'}) limit: number,
        @Arg('offset', () => Int, {defaultValue: 0, description: 'Entries to skip (<= 100 000).'}) offset: number,
        @Arg('after', () => String, {
            nullable: true,
            description: 'Opaque cursor: the page.endCursor of the previous page (same assetId, from and to); the page then holds the entries ranked after it. Give this or offset, not both.',
        })
        after: string | null,
        @Arg('asOfBlock', () => Int, {nullable: true, description: AS_OF_ANALYTICS_DOC}) asOfBlock: number | null,
    ): Promise<TopContributors> {
        if (assetId != null) requireId('assetId', assetId)
        const w = optionalWindow(from, to)
        const p = requirePage('', offset, limit)
        requireOffsetOrCursor('offset', p.offset, 'after', after)
        const scope = asOfBlock == null ? scopeOf(assetId, w.fromMs, w.toMs) : scopeOf(assetId, w.fromMs, w.toMs, asOfBlock)
        const k = afterKeys(TOP_CONTRIBUTORS, scope, after)
        const {entries, total} = await withAsOf(this.tx, asOfBlock, (em) => q.rankContributors(em, {assetId: assetId ?? null, ...w, ...p, after: k && {earned: k[0], account: k[1]}}))
        const last = entries[entries.length - 1]
        return Object.assign(new TopContributors(), {
            assetId: assetId ?? null,
            from: w.fromMs == null ? null : new Date(w.fromMs),
            to: w.toMs == null ? null : new Date(w.toMs),
            page: page(p.offset, p.limit, total, entries.length, last != null && last.rank < total, last ? encodeCursor(TOP_CONTRIBUTORS, scope, [last.earned, last.account]) : null),
            entries: entries.map((e) => Object.assign(new TopContributor(), e)),
        })
    }

    @Query(() => AssetLineage, {
        nullable: true,
        description:
            "An asset's ancestors or descendants up to `depth` hops (<= 8, the vault's cap), with relation types, upstream shares, path counts and effective royalty shares, and the asset's lineage revenue metrics. Null if there is no such asset.",
    })
    async assetLineage(
        @Arg('assetId', () => String, {description: 'Root asset id (decimal).'}) assetId: string,
        @Arg('direction', () => LineageDirection) direction: LineageDirection,
        @Arg('depth', () => Int, {defaultValue: 8, description: 'Hops to walk, 1..8.'}) depth: number,
        @Arg('limit', () => Int, {defaultValue: 100, description: 'Most nodes (<= 1000).'}) limit: number,
        @Arg('offset', () => Int, {defaultValue: 0, description: 'Nodes to skip.'}) offset: number,
    ): Promise<AssetLineage | null> {
        requireId('assetId', assetId)
        const d = requireDepth(depth)
        const p = requirePage('', offset, limit)
        const em = await this.tx()
        const root = await q.assetExists(em, assetId)
        if (!root) return null
        const walk = await walkLineage(assetId, direction, d, (ids) => q.linksOf(em, ids, direction), MAX_LINEAGE_NODES)
        const shown = walk.nodes.slice(p.offset, p.offset + p.limit)
        const inPage = new Set(shown.map((n) => n.assetId))
        const far = (e: {childId: string; parentId: string}) => (direction === LineageDirection.ANCESTORS ? e.parentId : e.childId)
        const share = descendantRevenueShare(root.directRevenue, root.upstreamRevenue)
        return Object.assign(new AssetLineage(), {
            assetId,
            direction,
            depth: d,
            truncated: walk.truncated,
            page: page(p.offset, p.limit, walk.nodes.length, shown.length),
            nodes: shown.map((n) => Object.assign(new LineageNodeInfo(), {assetId: n.assetId, minDepth: n.minDepth, pathCount: n.pathCount, share: n.share})),
            edges: walk.edges.filter((e) => inPage.has(far(e))).map((e) => Object.assign(new LineageEdgeInfo(), e)),
            directRevenue: root.directRevenue,
            upstreamRevenue: root.upstreamRevenue,
            descendantShareBps: share.bps,
            descendantShare: share.decimal,
            depthDistribution: depthDistribution(await q.depthRows(em, assetId)).map((x) => Object.assign(new DepthShare(), x)),
        })
    }

    @Query(() => ResidualInfo, {nullable: true, description: "An asset's unallocated rounding residual in the vault (SPEC §6.4). Null if there is no such asset."})
    async assetResidual(@Arg('assetId', () => String, {description: 'Asset id (decimal).'}) assetId: string): Promise<ResidualInfo | null> {
        requireId('assetId', assetId)
        const em = await this.tx()
        const a = await q.assetExists(em, assetId)
        if (!a) return null
        const r = await q.receiptsAccrued(em, assetId)
        return Object.assign(new ResidualInfo(), {assetId, contributorPools: a.contributorRevenue, receiptsAccrued: r.accrued, residual: a.contributorRevenue - r.accrued, receiptCount: r.count})
    }

    @Query(() => ResidualInfo, {description: 'The vault\'s unallocated rounding residual over all assets (SPEC §6.4); reads every receipt once.'})
    async protocolResidual(): Promise<ResidualInfo> {
        const em = await this.tx()
        const pools = await q.protocolContributorRevenue(em)
        const r = await q.receiptsAccrued(em, null)
        return Object.assign(new ResidualInfo(), {assetId: null, contributorPools: pools, receiptsAccrued: r.accrued, residual: pools - r.accrued, receiptCount: r.count})
    }
}

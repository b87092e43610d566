/**
 * SPEC §6 attribution as pure functions of the indexed data (no ORM, no chain access): who earned
 * what from which payment, through which lineage. Money is bigint wei throughout; ratios are
 * returned as bps integers or as decimal strings (never floats).
 *
 * The processor only keeps accumulators (Asset.accRevenuePerWeight; per distribution accBefore /
 * accAfter; per receipt accSnapshot / accAtRevoke), so indexing a distribution is O(1) in
 * receipts. Per-receipt figures are derived here, at query time, from those values alone:
 * a receipt shares in distribution k of its asset iff
 *   accBefore_k >= accSnapshot_i  and  (active  or  accAfter_k <= accAtRevoke_i)  and  toContributors_k > 0,
 * and its share is floor(w (accAfter_k - s) / 1e18) - floor(w (accBefore_k - s) / 1e18) (SPEC §6.3).
 * The shares of a receipt telescope to its accrued amount. A distribution whose accumulator did
 * not move (toContributors * 1e18 < totalWeight) gives every receipt 0, so the only ambiguity of
 * the rule — such a distribution right at a receipt's issue or revocation — never moves money.
 */

import {accEnd, accruedBetween, type ReceiptPosition} from './accrual'
import {BPS, bpsOrZero, fixedPoint, ratioOrZero} from './ratio'

/** `distribute` recurses while depth < MAX_DEPTH; events have depth 0..MAX_DEPTH (SPEC §6.2). */
export const MAX_DEPTH = 8

// ------------------------------------------------------------------ receipts (SPEC §6.3)
// Accrual itself (receiptAccrued, receiptClaimable, ...) is ./accrual.ts.

/** What attribution needs of a RevenueDistributed event (RevenueDistribution entity fields). */
export interface AccumulatorMove {
    accBefore: bigint
    accAfter: bigint
    toContributors: bigint
}

/** Does the receipt share in the distribution (same asset assumed)? The accumulator-range rule above. */
export function sharesIn(r: ReceiptPosition, d: AccumulatorMove): boolean {
    if (d.toContributors <= 0n) return false
    if (d.accBefore < r.accSnapshot) return false
    return !r.revoked || d.accAfter <= accEnd(r, d.accAfter)
}

/** The receipt's share of one distribution of its asset (0 if it does not share in it). */
export function receiptShare(r: ReceiptPosition, d: AccumulatorMove): bigint {
    if (!sharesIn(r, d)) return 0n
    return accruedBetween(r.weight, r.accSnapshot, d.accBefore, d.accAfter)
}

/** Each sharing receipt's share of one distribution, in the order given. */
export function distributionShares<R extends ReceiptPosition & {id: string}>(receipts: readonly R[], d: AccumulatorMove): {receiptId: string; amount: bigint}[] {
    const out: {receiptId: string; amount: bigint}[] = []
    for (const r of receipts) if (sharesIn(r, d)) out.push({receiptId: r.id, amount: receiptShare(r, d)})
    return out
}

/**
 * Unallocated rounding residual of an asset (SPEC §6.4): sum of its distributions' toContributors
 * minus the sum of its receipts' accrued amounts; never negative.
 */
export function residual(contributorPools: bigint, receiptsAccrued: Iterable<bigint>): bigint {
    let r = contributorPools
    for (const a of receiptsAccrued) r -= a
    if (r < 0n) throw new Error(`negative residual ${r}: receipts accrued more than their asset's contributor pools`)
    return r
}

// ------------------------------------------------------------------ payments (SPEC §6.1-6.2)

/** A RevenueDistributed event of a payment, in emission order (`seq` from 0). */
export interface DistributionRecord extends AccumulatorMove {
    seq: number
    assetId: string
    depth: number
    amount: bigint
    toOwner: bigint
    toUpstream: bigint
    owner: string
    totalWeight: bigint
}

/** One asset reached by a payment (once per lineage path), with what it kept and passed on. */
export interface AttributionNode extends DistributionRecord {
    /** seq of the node this amount came from (the child that sent it upstream); null for the paid asset. */
    fromSeq: number | null
    /** seqs of the parents' nodes this node sent amounts to, in link order. */
    upstreamSeqs: number[]
    /** Upstream shares kept by the owner because the node is at the depth cap (SPEC §6.2, depth == 8): known to be >= 0; reported as a flag. */
    atDepthCap: boolean
}

export interface PaymentAttribution {
    amount: bigint
    protocolFee: bigint
    net: bigint
    /** Nodes in emission order (post-order: parents' sub-trees first, the paid asset last). */
    nodes: AttributionNode[]
    /** Sum of owner parts over the nodes. */
    toOwners: bigint
    /** Sum of contributor pools over the nodes. */
    toContributors: bigint
    /** amount - protocolFee - toOwners - toContributors: 0 for every payment (SPEC §6.4). */
    conservationGap: bigint
}

/**
 * Rebuilds the attribution tree of a payment from its RevenueDistributed events (SPEC §6.2 emits
 * them in post-order: a node's parents' sub-trees come right before it). Checks every node's
 * split (amount = toOwner + toContributors + toUpstream) and that what a node sent upstream is what
 * its parents' nodes received; throws on inconsistent input.
 */
export function paymentAttribution(p: {amount: bigint; protocolFee: bigint}, events: readonly DistributionRecord[]): PaymentAttribution {
    const nodes: AttributionNode[] = events.map((e) => ({...e, fromSeq: null, upstreamSeqs: [], atDepthCap: e.depth === MAX_DEPTH}))
    const stack: AttributionNode[] = []
    for (const n of nodes) {
        if (n.amount !== n.toOwner + n.toContributors + n.toUpstream) throw new Error(`distribution ${n.seq}: amount ${n.amount} != owner + contributors + upstream`)
        let received = 0n
        const ups: AttributionNode[] = []
        while (stack.length && stack[stack.length - 1].depth === n.depth + 1) ups.unshift(stack.pop()!)
        for (const u of ups) {
            u.fromSeq = n.seq
            received += u.amount
        }
        n.upstreamSeqs = ups.map((u) => u.seq)
        if (received !== n.toUpstream) throw new Error(`distribution ${n.seq} (asset ${n.assetId}) sent ${n.toUpstream} upstream but its parents' nodes received ${received}`)
        // Left on the stack: finished sub-trees waiting for the node (one level down) that adopts them.
        stack.push(n)
    }
    const net = p.amount - p.protocolFee
    if (nodes.length) {
        if (stack.length !== 1 || stack[0].depth !== 0) throw new Error(`payment events do not form one tree rooted at depth 0 (${stack.length} roots)`)
        if (stack[0].amount !== net) throw new Error(`the paid asset received ${stack[0].amount}, the payment's net is ${net}`)
    }
    let toOwners = 0n
    let toContributors = 0n
    for (const n of nodes) {
        toOwners += n.toOwner
        toContributors += n.toContributors
    }
    return {amount: p.amount, protocolFee: p.protocolFee, net, nodes, toOwners, toContributors, conservationGap: p.amount - p.protocolFee - toOwners - toContributors}
}

/** protocol fee of a payment (SPEC §6.1): floor(P * feeBps / 10000). */
export function protocolFee(amount: bigint, feeBps: bigint): bigint {
    return (amount * feeBps) / BPS
}

// ------------------------------------------------------------------ time buckets

export type Interval = 'HOUR' | 'DAY'
export const INTERVAL_MS: Record<Interval, number> = {HOUR: 3_600_000, DAY: 86_400_000}

/** Start (unix ms, UTC) of the bucket containing `ms`. */
export function bucketStart(ms: number, interval: Interval): number {
    const size = INTERVAL_MS[interval]
    return Math.floor(ms / size) * size
}

export type Role = 'OWNER' | 'CONTRIBUTOR'

/** One earning: an owner part (role OWNER) or a receipt's share (CONTRIBUTOR) of a distribution at `depth`. */
export interface Earning {
    /** Block time, unix ms. */
    timestamp: number
    role: Role
    /** Depth of the distribution: 0 = direct revenue of the paid asset, > 0 = upstream royalty. */
    depth: number
    amount: bigint
}

export interface EarningsBucket {
    /** Bucket start, unix ms (UTC). */
    start: number
    ownerDirect: bigint
    ownerUpstream: bigint
    contributorDirect: bigint
    contributorUpstream: bigint
    total: bigint
    /** Number of earnings in the bucket (zero amounts included). */
    count: number
}

/**
 * Sums earnings into hour/day buckets split by role and origin (direct, depth 0, vs upstream,
 * depth > 0). Only non-empty buckets in [fromMs, toMs) are returned, in time order. Summing is
 * associative, so callers may pass pre-aggregated items (one per bucket, role and origin).
 */
export function bucketEarnings(items: Iterable<Earning>, interval: Interval, fromMs = -Infinity, toMs = Infinity): EarningsBucket[] {
    const buckets = new Map<number, EarningsBucket>()
    for (const e of items) {
        if (e.timestamp < fromMs || e.timestamp >= toMs) continue
        const start = bucketStart(e.timestamp, interval)
        let b = buckets.get(start)
        if (!b) buckets.set(start, (b = {start, ownerDirect: 0n, ownerUpstream: 0n, contributorDirect: 0n, contributorUpstream: 0n, total: 0n, count: 0}))
        const upstream = e.depth > 0
        if (e.role === 'OWNER') {
            if (upstream) b.ownerUpstream += e.amount
            else b.ownerDirect += e.amount
        } else if (upstream) b.contributorUpstream += e.amount
        else b.contributorDirect += e.amount
        b.total += e.amount
        b.count += 1
    }
    return [...buckets.values()].sort((a, b) => a.start - b.start)
}

/** Sums of a series (the totals row of an earnings report). */
export function totalEarnings(buckets: readonly EarningsBucket[]): Omit<EarningsBucket, 'start'> {
    const t = {ownerDirect: 0n, ownerUpstream: 0n, contributorDirect: 0n, contributorUpstream: 0n, total: 0n, count: 0}
    for (const b of buckets) {
        t.ownerDirect += b.ownerDirect
        t.ownerUpstream += b.ownerUpstream
        t.contributorDirect += b.contributorDirect
        t.contributorUpstream += b.contributorUpstream
        t.total += b.total
        t.count += b.count
    }
    return t
}

// ------------------------------------------------------------------ ratios
// Ratios are ./ratio.ts. The attribution API's ratio fields are non-null: a zero denominator (an
// asset that received nothing) reads as 0 there (bpsOrZero / ratioOrZero).

// ------------------------------------------------------------------ lineage metrics

/** Share of an asset's revenue that came from its descendants: upstream / (direct + upstream). */
export function descendantRevenueShare(directRevenue: bigint, upstreamRevenue: bigint): {bps: number; decimal: string} {
    return ratioOrZero(upstreamRevenue, directRevenue + upstreamRevenue)
}

export interface DepthAmount {
    depth: number
    amount: bigint
    count: number
}

/** Royalty depth distribution: amounts an asset received per depth (0 = direct), each with its bps of the total. */
export function depthDistribution(rows: Iterable<{depth: number; amount: bigint; count?: number}>): (DepthAmount & {shareBps: number})[] {
    const by = new Map<number, DepthAmount>()
    let total = 0n
    for (const r of rows) {
        const d = by.get(r.depth) ?? {depth: r.depth, amount: 0n, count: 0}
        d.amount += r.amount
        d.count += r.count ?? 1
        by.set(r.depth, d)
        total += r.amount
    }
    return [...by.values()].sort((a, b) => a.depth - b.depth).map((d) => ({...d, shareBps: bpsOrZero(d.amount, total)}))
}

export interface LineageEdge {
    childId: string
    parentId: string
    relation: string
    upstreamBps: number
    position: number
}

export interface LineageNode {
    assetId: string
    /** Smallest number of hops from the root. */
    minDepth: number
    /** Number of distinct paths from the root within the depth bound (ANCESTORS: RevenueDistributed events a payment to the root produces for this asset, when every amount is > 0). */
    pathCount: bigint
    /**
     * ANCESTORS: fraction of the root's net revenue that reaches this asset summed over the paths,
     * before floors, as an exact decimal string (product of upstreamBps / 10000 along each path).
     * DESCENDANTS: the fraction of each descendant's net revenue that reaches the root, same form.
     */
    share: string
    /** The same fraction as a numerator over 10000^maxDepth (exact). */
    shareNumerator: bigint
}

export type Direction = 'ANCESTORS' | 'DESCENDANTS'

/**
 * Walks the lineage graph from `root` level by level up to `maxDepth` hops, merging paths per
 * asset (so diamonds do not explode). `edgesAt(ids)` returns the links leaving the given assets in
 * the walk's direction (for ANCESTORS: links whose child is in `ids`; for DESCENDANTS: links whose
 * parent is in `ids`). Stops with `truncated` when more than `maxNodes` assets were reached.
 */
export async function walkLineage(
    root: string,
    direction: Direction,
    maxDepth: number,
    edgesAt: (ids: string[]) => Promise<LineageEdge[]> | LineageEdge[],
    maxNodes = Infinity,
): Promise<{nodes: LineageNode[]; edges: (LineageEdge & {depth: number})[]; truncated: boolean}> {
    const nodes = new Map<string, {minDepth: number; paths: bigint; num: bigint}>()
    const edges = new Map<string, LineageEdge & {depth: number}>()
    // frontier: asset -> (paths reaching it at this depth, sum over those paths of the product of bps, scaled by BPS^depth)
    let frontier = new Map<string, {paths: bigint; num: bigint}>([[root, {paths: 1n, num: 1n}]])
    let truncated = false
    for (let depth = 1; depth <= maxDepth && frontier.size > 0; depth++) {
        const links = await edgesAt([...frontier.keys()])
        const next = new Map<string, {paths: bigint; num: bigint}>()
        for (const l of links) {
            const from = direction === 'ANCESTORS' ? l.childId : l.parentId
            const to = direction === 'ANCESTORS' ? l.parentId : l.childId
            const f = frontier.get(from)
            if (!f) continue
            const key = `${l.childId}-${l.parentId}`
            if (!edges.has(key)) edges.set(key, {...l, depth})
            const n = next.get(to) ?? {paths: 0n, num: 0n}
            n.paths += f.paths
            n.num += f.num * BigInt(l.upstreamBps)
            next.set(to, n)
        }
        for (const [id, n] of next) {
            const prev = nodes.get(id)
            const num = n.num * BPS ** BigInt(maxDepth - depth)
            if (prev) {
                prev.paths += n.paths
                prev.num += num
            } else nodes.set(id, {minDepth: depth, paths: n.paths, num})
        }
        if (nodes.size > maxNodes) {
            truncated = true
            break
        }
        frontier = next
    }
    const digits = 4 * maxDepth
    const out = [...nodes.entries()]
        .map(([assetId, n]) => ({assetId, minDepth: n.minDepth, pathCount: n.paths, shareNumerator: n.num, share: trimDecimal(fixedPoint(n.num, digits))}))
        .sort((a, b) => a.minDepth - b.minDepth || compareIds(a.assetId, b.assetId))
    return {nodes: out, edges: [...edges.values()], truncated}
}

/** "0.125000" -> "0.125", "1.0000" -> "1". */
export function trimDecimal(s: string): string {
    if (!s.includes('.')) return s
    return s.replace(/0+$/, '').replace(/\.$/, '')
}

/** Orders decimal id strings numerically. */
export function compareIds(a: string, b: string): number {
    return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0)
}

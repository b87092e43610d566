/**
 * Property tests of src/domain/attribution.ts (and the accrual and ratio helpers it builds on) against the independent reference model of SPEC §6
 * (test/model/vault-model.ts): random lineage graphs (random DAGs, chains deeper than the cap,
 * stacked diamonds), random weights, revocations, payments, claims, late links, contributor share
 * and fee changes, and Ownership-NFT transfers mid-stream. The domain sees only what the indexer
 * stores (accumulators before/after each distribution, receipt snapshots and accAtRevoke); the
 * model decides activity by operation order. Both must agree to the wei.
 */
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {
    bucketEarnings,
    bucketStart,
    depthDistribution,
    distributionShares,
    INTERVAL_MS,
    MAX_DEPTH,
    paymentAttribution,
    receiptShare,
    residual,
    sharesIn,
    totalEarnings,
    walkLineage,
    type DistributionRecord,
    type Earning,
    type Interval,
    type LineageEdge,
} from '../../src/domain/attribution'
import {receiptAccrued, receiptClaimable, type ReceiptPosition} from '../../src/domain/accrual'
import {bpsOrZero as ratioBps, decimalOrZero as ratioDecimal} from '../../src/domain/ratio'
import {attributionForEvent, distributionPathCount, receiptActiveAt, VaultModel, type DistributionEvent, type PaymentRecord} from '../model/vault-model'

const RUNS = Number(process.env.PROPERTY_RUNS ?? 150)
const SEED = process.env.PROPERTY_SEED ? Number(process.env.PROPERTY_SEED) : undefined
const OWNERS = ['0xa1', '0xa2', '0xa3', '0xa4']
const CONTRIBUTORS = ['0xc1', '0xc2', '0xc3', '0xc4', '0xc5']

type Shape = 'random' | 'chain' | 'diamonds'
interface AssetSpec {
    owner: number
    bps: number
    parents: {pick: number; share: number; relation: number}[]
}
type Op =
    | {t: 'issue'; asset: number; who: number; weight: bigint}
    | {t: 'revoke'; pick: number}
    | {t: 'pay'; asset: number; amount: bigint}
    | {t: 'transfer'; asset: number; to: number}
    | {t: 'bps'; asset: number; bps: number}
    | {t: 'link'; asset: number; parent: number; share: number}
    | {t: 'fee'; bps: number}
    | {t: 'claim'; who: number}

/** What the generated scenarios exercised (checked at the end so the properties are not vacuous). */
const seen = {poolExceeded: 0, capNodes: 0, sharedAfterRevoke: 0, inactiveRuleRows: 0, multiOwnerAssets: 0, diamondsReachedTwice: 0}

const nat = (max = 1000) => fc.nat({max})
// small weights and dust amounts make fractional accumulators (floors that carry between events)
const weightArb = fc.oneof(fc.bigInt(1n, 3n), fc.bigInt(1n, 10n), fc.bigInt(1n, 10n ** 6n), fc.bigInt(10n ** 18n, 10n ** 24n))
const amountArb = fc.oneof(fc.bigInt(1n, 40n), fc.bigInt(1n, 1000n), fc.bigInt(1n, 10n ** 18n), fc.bigInt(10n ** 18n, 10n ** 24n))
/** An asset index (taken modulo the asset count); -1 is the last (deepest) asset. */
const assetPick = fc.oneof({weight: 3, arbitrary: nat()}, {weight: 1, arbitrary: fc.constant(-1)}, {weight: 1, arbitrary: nat(2)})
const opArb: fc.Arbitrary<Op> = fc.oneof(
    {weight: 5, arbitrary: fc.record({t: fc.constant('issue' as const), asset: assetPick, who: nat(CONTRIBUTORS.length - 1), weight: weightArb})},
    {weight: 2, arbitrary: fc.record({t: fc.constant('revoke' as const), pick: nat()})},
    {weight: 8, arbitrary: fc.record({t: fc.constant('pay' as const), asset: assetPick, amount: amountArb})},
    {weight: 1, arbitrary: fc.record({t: fc.constant('transfer' as const), asset: nat(), to: nat(OWNERS.length - 1)})},
    {weight: 1, arbitrary: fc.record({t: fc.constant('bps' as const), asset: nat(), bps: nat(10_000)})},
    {weight: 1, arbitrary: fc.record({t: fc.constant('link' as const), asset: nat(), parent: nat(), share: nat(10_000)})},
    {weight: 1, arbitrary: fc.record({t: fc.constant('fee' as const), bps: nat(2000)})},
    {weight: 1, arbitrary: fc.record({t: fc.constant('claim' as const), who: nat(CONTRIBUTORS.length - 1)})},
)
const assetArb = fc.record({
    owner: nat(OWNERS.length - 1),
    bps: fc.oneof(fc.constant(0), nat(10_000), fc.constant(10_000)),
    parents: fc.array(fc.record({pick: nat(), share: nat(10_000), relation: nat(4)}), {maxLength: 3, size: 'max'}),
})
const scenarioArb = fc.record({
    shape: fc.constantFrom<Shape>('random', 'chain', 'diamonds'),
    /** Dust regime: weights 1..3 and payments of 1..40 wei, so accumulators carry fractions between events. */
    dust: fc.boolean(),
    assets: fc.array(assetArb, {minLength: 2, maxLength: 14, size: 'max'}),
    ops: fc.array(opArb, {minLength: 1, maxLength: 60, size: 'max'}),
    gaps: fc.array(fc.integer({min: 0, max: 4 * 3600}), {minLength: 60, maxLength: 60}),
})

interface World {
    m: VaultModel
    /** Indexer view of each receipt. */
    pos: Map<bigint, ReceiptPosition & {id: string; assetId: bigint; contributor: string}>
    /** Block time (ms) of each model event, by seq. */
    time: Map<number, number>
    /** Parents (in link order) of every asset when each payment happened. */
    parentsAt: Map<bigint, Map<bigint, bigint[]>>
}

/** Builds the graph and runs the operations on the model, recording what an indexer would store. */
function run(s: {shape: Shape; dust: boolean; assets: AssetSpec[]; ops: Op[]; gaps: number[]}): World {
    const m = new VaultModel()
    const ids: bigint[] = []
    const budget = (id: bigint) => 10_000n - m.asset(id).contributorBps - m.asset(id).parents.reduce((x, p) => x + p.upstreamBps, 0n)
    const tryLink = (id: bigint, parent: bigint, share: number, relation = 0) => {
        const bps = (budget(id) * BigInt(share)) / 10_000n
        if (!m.canLink(id, parent, bps)) m.link(id, parent, relation, bps)
    }
    s.assets.forEach((a, i) => {
        // leave room for parents: contributorBps at most half the budget when it has parents
        const id = m.register(OWNERS[a.owner], BigInt(a.parents.length ? Math.floor(a.bps / 2) : a.bps))
        ids.push(id)
        if (i === 0) return
        if (s.shape === 'chain') tryLink(id, id - 1n, 2000 + Math.floor((a.parents[0]?.share ?? 5000) / 2))
        else if (s.shape === 'diamonds') {
            // asset i links to the two assets of the previous "layer": i-1 and i-2
            tryLink(id, id - 1n, 4000, 1)
            if (i >= 2) tryLink(id, id - 2n, 6000, 2)
        } else for (const p of a.parents) tryLink(id, ids[p.pick % i], p.share, p.relation)
    })
    const w: World = {m, pos: new Map(), time: new Map(), parentsAt: new Map()}
    let now = 1_700_000_000_000
    const receiptIds: bigint[] = []
    s.ops.forEach((op, k) => {
        now += s.gaps[k % s.gaps.length] * 1000
        const pick = (op as any).asset as number | undefined
        const asset = ids[pick === -1 ? ids.length - 1 : (pick ?? 0) % ids.length]
        const before = m.events.length
        switch (op.t) {
            case 'issue': {
                const id = m.issue(asset, CONTRIBUTORS[op.who], s.dust ? 1n + (op.weight % 3n) : op.weight)
                const r = m.receipt(id)
                receiptIds.push(id)
                w.pos.set(id, {id: id.toString(), assetId: asset, contributor: r.contributor, weight: r.weight, accSnapshot: r.snapshot, revoked: false, accAtRevoke: null})
                break
            }
            case 'revoke': {
                const active = receiptIds.filter((id) => m.receipt(id).active)
                if (!active.length) break
                const id = active[op.pick % active.length]
                m.revoke(id)
                const p = w.pos.get(id)!
                p.revoked = true
                p.accAtRevoke = m.accRevenuePerWeight(p.assetId)
                break
            }
            case 'pay': {
                const snapshot = new Map<bigint, bigint[]>()
                for (const a of m.assets.values()) snapshot.set(a.id, a.parents.map((p) => p.parentId))
                const rec = m.pay(asset, s.dust ? 1n + (op.amount % 40n) : op.amount)
                if (rec) w.parentsAt.set(rec.paymentId, snapshot)
                break
            }
            case 'transfer':
                m.transferAsset(asset, OWNERS[op.to])
                break
            case 'bps':
                m.setContributorBps(asset, BigInt(op.bps) % (m.asset(asset).contributorBps + budget(asset) + 1n))
                break
            case 'link': {
                const i = ids.indexOf(asset)
                if (i > 0) tryLink(asset, ids[op.parent % i], op.share)
                break
            }
            case 'fee':
                m.setProtocolFeeBps(BigInt(op.bps))
                break
            case 'claim': {
                const mine = receiptIds.filter((id) => m.receipt(id).contributor === CONTRIBUTORS[op.who])
                m.claimReceipts(CONTRIBUTORS[op.who], mine)
                break
            }
        }
        for (const e of m.events.slice(before)) w.time.set(e.seq, now)
    })
    m.checkInvariants()
    return w
}

function record(e: DistributionEvent, seq: number): DistributionRecord {
    return {
        seq,
        assetId: e.assetId.toString(),
        depth: e.depth,
        amount: e.amount,
        toOwner: e.toOwner,
        toContributors: e.toContributors,
        toUpstream: e.toUpstream,
        owner: e.owner,
        totalWeight: e.totalWeight,
        accBefore: e.accBefore,
        accAfter: e.accAfter,
    }
}

function withClaimed(w: World, id: bigint): ReceiptPosition {
    return {...w.pos.get(id)!, claimed: w.m.receipt(id).claimed}
}

describe('attribution domain against the SPEC §6 reference model', () => {
    it('per receipt and per event: the accumulator-range rule gives the model\'s attributions, accrued, claimable and residual', () => {
        fc.assert(
            fc.property(scenarioArb, (s) => {
                const w = run(s)
                const {m} = w
                for (const [id, p] of w.pos) {
                    const r = m.receipt(id)
                    let sum = 0n
                    for (const i of m.asset(p.assetId).eventIndices) {
                        const e = m.events[i]
                        const mine = receiptShare(p, e)
                        expect(mine).toBe(attributionForEvent(r, e))
                        if (receiptActiveAt(r, e) && e.toContributors > 0n) expect(sharesIn(p, e)).toBe(true)
                        if (sharesIn(p, e) && !receiptActiveAt(r, e)) {
                            expect(mine).toBe(0n)
                            seen.inactiveRuleRows++
                        }
                        if (p.revoked && !receiptActiveAt(r, e) && e.toContributors > 0n && e.accBefore > p.accAtRevoke!) seen.sharedAfterRevoke++
                        sum += mine
                    }
                    const acc = m.accRevenuePerWeight(p.assetId)
                    expect(receiptAccrued(p, acc)).toBe(m.receiptAccrued(id))
                    expect(sum).toBe(m.receiptAccrued(id))
                    expect(receiptClaimable(withClaimed(w, id), acc)).toBe(m.receiptClaimable(id))
                }
                for (const a of m.assets.values()) {
                    const pools = a.eventIndices.reduce((x, i) => x + m.events[i].toContributors, 0n)
                    const accrued = a.receiptIds.map((id) => receiptAccrued(w.pos.get(id)!, a.acc))
                    expect(residual(pools, accrued)).toBe(m.residual(a.id))
                    // shares paid so far never exceed the pools so far; one event alone may pay up to
                    // one wei per sharing receipt more than its pool (floors carried from earlier events)
                    const receipts = a.receiptIds.map((id) => w.pos.get(id)!)
                    let paid = 0n
                    let pooled = 0n
                    for (const i of a.eventIndices) {
                        const e = m.events[i]
                        const shares = distributionShares(receipts, e)
                        const total = shares.reduce((x, y) => x + y.amount, 0n)
                        expect(total <= e.toContributors + BigInt(shares.length)).toBe(true)
                        if (total > e.toContributors) seen.poolExceeded++
                        paid += total
                        pooled += e.toContributors
                        expect(paid <= pooled).toBe(true)
                    }
                }
            }),
            {numRuns: RUNS, seed: SEED},
        )
    })

    it('per payment: the rebuilt tree conserves the payment and follows the lineage the contract walked (depth cap included)', () => {
        fc.assert(
            fc.property(scenarioArb, (s) => {
                const w = run(s)
                for (const p of w.m.payments) checkTree(w, p)
                for (const a of w.m.assets.values()) if (new Set(a.eventIndices.map((i) => w.m.events[i].owner)).size > 1) seen.multiOwnerAssets++
            }),
            {numRuns: RUNS, seed: SEED},
        )
    })

    it('earnings buckets: per account totals equal the model (owner parts, receipts accrued), split by origin', () => {
        fc.assert(
            fc.property(scenarioArb, fc.constantFrom<Interval>('HOUR', 'DAY'), (s, interval) => {
                const w = run(s)
                const {m} = w
                for (const account of [...OWNERS, ...CONTRIBUTORS]) {
                    const items: Earning[] = []
                    for (const e of m.events) {
                        const t = w.time.get(e.seq)!
                        if (e.owner === account) items.push({timestamp: t, role: 'OWNER', depth: e.depth, amount: e.toOwner})
                    }
                    for (const [id, p] of w.pos) {
                        if (p.contributor !== account) continue
                        for (const i of m.asset(p.assetId).eventIndices) {
                            const e = m.events[i]
                            if (sharesIn(p, e)) items.push({timestamp: w.time.get(e.seq)!, role: 'CONTRIBUTOR', depth: e.depth, amount: receiptShare(p, e)})
                        }
                        void id
                    }
                    const buckets = bucketEarnings(items, interval)
                    const t = totalEarnings(buckets)
                    const ownerModel = m.events.filter((e) => e.owner === account).reduce((x, e) => x + e.toOwner, 0n)
                    const ownerDirect = m.events.filter((e) => e.owner === account && e.depth === 0).reduce((x, e) => x + e.toOwner, 0n)
                    const accrued = [...m.receipts.values()].filter((r) => r.contributor === account).reduce((x, r) => x + m.receiptAccrued(r.id), 0n)
                    expect(t.ownerDirect + t.ownerUpstream).toBe(ownerModel)
                    expect(t.ownerDirect).toBe(ownerDirect)
                    expect(t.contributorDirect + t.contributorUpstream).toBe(accrued)
                    expect(t.total).toBe(ownerModel + accrued)
                    for (let i = 0; i < buckets.length; i++) {
                        const b = buckets[i]
                        expect(b.start % INTERVAL_MS[interval]).toBe(0)
                        if (i) expect(b.start).toBeGreaterThan(buckets[i - 1].start)
                        // the bucket holds exactly the items whose time falls in it
                        const inside = items.filter((x) => bucketStart(x.timestamp, interval) === b.start)
                        expect(b.total).toBe(inside.reduce((x, y) => x + y.amount, 0n))
                        expect(b.ownerDirect + b.ownerUpstream + b.contributorDirect + b.contributorUpstream).toBe(b.total)
                    }
                    // pre-aggregating per bucket, role and origin (what SQL does) changes nothing
                    const pre = new Map<string, Earning>()
                    for (const x of items) {
                        const k = `${bucketStart(x.timestamp, interval)}-${x.role}-${x.depth > 0}`
                        const y = pre.get(k)
                        if (y) y.amount += x.amount
                        else pre.set(k, {...x, timestamp: bucketStart(x.timestamp, interval), depth: x.depth > 0 ? 1 : 0})
                    }
                    expect(bucketEarnings(pre.values(), interval).map(({count, ...b}) => b)).toEqual(buckets.map(({count, ...b}) => b))
                }
            }),
            {numRuns: Math.ceil(RUNS / 2), seed: SEED},
        )
    })

    it('lineage: path counts and shares equal a brute-force walk of the model graph; depth distribution sums', async () => {
        await fc.assert(
            fc.asyncProperty(scenarioArb, async (s) => {
                const w = run(s)
                const {m} = w
                const edges: LineageEdge[] = []
                for (const a of m.assets.values()) a.parents.forEach((p, position) => edges.push({childId: a.id.toString(), parentId: p.parentId.toString(), relation: String(p.relation), upstreamBps: Number(p.upstreamBps), position}))
                const up = (ids: string[]) => edges.filter((e) => ids.includes(e.childId))
                const down = (ids: string[]) => edges.filter((e) => ids.includes(e.parentId))
                for (const a of m.assets.values()) {
                    const root = a.id.toString()
                    const anc = await walkLineage(root, 'ANCESTORS', MAX_DEPTH, up)
                    const brute = bruteForce(m, a.id, 'ANCESTORS')
                    expect(new Map(anc.nodes.map((n) => [n.assetId, [n.pathCount, n.shareNumerator, n.minDepth]]))).toEqual(brute)
                    // a payment to `root` with all amounts > 0 reaches 1 + sum(pathCount) assets
                    expect(1n + anc.nodes.reduce((x, n) => x + n.pathCount, 0n)).toBe(BigInt(distributionPathCount(m.view(), a.id)))
                    const desc = await walkLineage(root, 'DESCENDANTS', 3, down)
                    expect(new Map(desc.nodes.map((n) => [n.assetId, [n.pathCount, n.shareNumerator, n.minDepth]]))).toEqual(bruteForce(m, a.id, 'DESCENDANTS', 3))
                    // depth distribution of what reached the asset
                    const rows = a.eventIndices.map((i) => ({depth: m.events[i].depth, amount: m.events[i].amount}))
                    const dist = depthDistribution(rows)
                    expect(dist.reduce((x, d) => x + d.amount, 0n)).toBe(rows.reduce((x, r) => x + r.amount, 0n))
                    expect(dist.reduce((x, d) => x + d.count, 0)).toBe(rows.length)
                    for (const d of dist) expect(d.shareBps).toBe(ratioBps(d.amount, rows.reduce((x, r) => x + r.amount, 0n)))
                }
            }),
            {numRuns: Math.ceil(RUNS / 3), seed: SEED},
        )
    })

    it('one distribution may pay its receipts a few wei more than its pool; the asset never does', () => {
        const m = new VaultModel()
        const a = m.register('0xa1', 10_000n)
        const r1 = m.issue(a, '0xc1', 1n)
        const r2 = m.issue(a, '0xc2', 1n)
        m.pay(a, 1n) // pool 1 over weight 2: acc 0 -> 0.5e18, each receipt floor(0.5) = 0
        m.pay(a, 1n) // acc 0.5e18 -> 1e18: each receipt 1 - 0 = 1, 2 wei from a pool of 1
        const pos = [r1, r2].map((id) => ({id: id.toString(), weight: 1n, accSnapshot: 0n, revoked: false, accAtRevoke: null}))
        const [e1, e2] = m.events
        expect(distributionShares(pos, e1).map((x) => x.amount)).toEqual([0n, 0n])
        expect(distributionShares(pos, e2).map((x) => x.amount)).toEqual([1n, 1n])
        expect(e2.toContributors).toBe(1n)
        expect(residual(e1.toContributors + e2.toContributors, pos.map((p) => receiptAccrued(p, m.accRevenuePerWeight(a))))).toBe(0n)
        expect(m.residual(a)).toBe(0n)
    })

    it('ratios are exact decimal strings and bps floors', () => {
        fc.assert(
            fc.property(fc.bigInt(0n, 10n ** 30n), fc.bigInt(1n, 10n ** 30n), (a, b) => {
                const [num, den] = a <= b ? [a, b] : [b, a]
                const d = ratioDecimal(num, den, 6)
                expect(d).toMatch(/^[01]\.\d{6}$/)
                expect(BigInt(d.replace('.', ''))).toBe((num * 10n ** 6n) / den)
                expect(ratioBps(num, den)).toBe(Number((num * 10_000n) / den))
            }),
        )
        expect(ratioDecimal(0n, 0n)).toBe('0.000000')
        expect(ratioBps(5n, 0n)).toBe(0)
    })

    it('the scenarios reached the depth cap, diamonds, revocations with later revenue and ownership changes', () => {
        expect(seen.capNodes).toBeGreaterThan(0)
        expect(seen.diamondsReachedTwice).toBeGreaterThan(0)
        expect(seen.sharedAfterRevoke).toBeGreaterThan(0)
        expect(seen.multiOwnerAssets).toBeGreaterThan(0)
        expect(seen.poolExceeded).toBeGreaterThan(0)
    })
})

function checkTree(w: World, p: PaymentRecord) {
    const events = p.events.map((e, i) => record(e, i))
    const t = paymentAttribution({amount: p.amount, protocolFee: p.protocolFee}, events)
    expect(t.conservationGap).toBe(0n)
    seen.capNodes += t.nodes.filter((n) => n.atDepthCap).length
    if (new Set(t.nodes.map((n) => n.assetId)).size < t.nodes.length) seen.diamondsReachedTwice++
    expect(t.protocolFee + t.toOwners + t.toContributors).toBe(p.amount)
    if (!t.nodes.length) return
    const root = t.nodes[t.nodes.length - 1]
    expect(root.depth).toBe(0)
    expect(root.fromSeq).toBeNull()
    expect(root.amount).toBe(p.amount - p.protocolFee)
    const parents = w.parentsAt.get(p.paymentId)!
    for (const n of t.nodes) {
        const ups = n.upstreamSeqs.map((s) => t.nodes[s])
        for (const u of ups) {
            expect(u.depth).toBe(n.depth + 1)
            expect(u.fromSeq).toBe(n.seq)
        }
        expect(ups.reduce((x, u) => x + u.amount, 0n)).toBe(n.toUpstream)
        if (n.depth === MAX_DEPTH) {
            expect(n.atDepthCap).toBe(true)
            expect(n.upstreamSeqs).toEqual([])
            expect(n.toUpstream).toBe(0n)
        } else {
            // the parents that received something, in link order (u_p = 0 emits nothing)
            const got = ups.map((u) => u.assetId)
            const expected = parents.get(BigInt(n.assetId))!.map(String)
            expect(expected.filter((id) => got.includes(id))).toEqual(got)
        }
    }
}

/** Enumerates every path from `root` (exponential; fine on these small graphs). */
function bruteForce(m: VaultModel, root: bigint, dir: 'ANCESTORS' | 'DESCENDANTS', maxDepth = MAX_DEPTH): Map<string, [bigint, bigint, number]> {
    const out = new Map<string, [bigint, bigint, number]>()
    const next = (id: bigint): {id: bigint; bps: bigint}[] =>
        dir === 'ANCESTORS'
            ? m.asset(id).parents.map((p) => ({id: p.parentId, bps: p.upstreamBps}))
            : [...m.assets.values()].flatMap((a) => a.parents.filter((p) => p.parentId === id).map((p) => ({id: a.id, bps: p.upstreamBps})))
    const go = (id: bigint, depth: number, num: bigint) => {
        if (depth === maxDepth) return
        for (const n of next(id)) {
            const k = n.id.toString()
            const share = num * n.bps * 10_000n ** BigInt(maxDepth - depth - 1)
            const prev = out.get(k)
            out.set(k, prev ? [prev[0] + 1n, prev[1] + share, Math.min(prev[2], depth + 1)] : [1n, share, depth + 1])
            go(n.id, depth + 1, num * n.bps)
        }
    }
    go(root, 0, 1n)
    return out
}

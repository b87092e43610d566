/**
 * Independent reference model of SPEC v1.1 §2 (lineage), §3 (contribution receipts) and §6
 * (RevenueVault), written from the SPEC only. Pure TypeScript, bigint arithmetic only.
 *
 * The model is operation-driven: call the same operations that are sent to the contracts
 * (register, link, issue, revoke, pay, claim, transfer, ...), in the same order, and compare its
 * views and its event list with the chain. Every operation that the SPEC says reverts throws a
 * `VaultModelError` and leaves the model unchanged.
 *
 * Exports useful to an indexer test: `attribution` / `attributionForEvent` (SPEC §6.3),
 * `accIncrement`, `splitPayment` (one payment's event list without a full model),
 * `VaultModel.residual`, `VaultModel.paymentConservationGap`, `VaultModel.expectedVaultBalance`.
 */

export const BPS = 10_000n
export const ONE = 10n ** 18n
/** `distribute` recurses while `depth < MAX_DEPTH`; events have depth 0..MAX_DEPTH. */
export const MAX_DEPTH = 8
export const MAX_PARENTS = 8
export const MAX_PROTOCOL_FEE_BPS = 2000n
export const DEFAULT_PROTOCOL_FEE_BPS = 500n
export const UINT128_MAX = (1n << 128n) - 1n

export enum AssetKind {
    DATASET,
    MODEL,
    AGENT,
    PIPELINE,
}
export enum AssetStatus {
    ACTIVE,
    PAUSED,
    RETIRED,
}
export enum PaymentSource {
    LICENSE,
    INVOCATION,
}

export class VaultModelError extends Error {}

export type Address = string

export interface ParentLink {
    parentId: bigint
    relation: number
    upstreamBps: bigint
}

export interface AssetState {
    id: bigint
    owner: Address
    kind: number
    status: AssetStatus
    contributorBps: bigint
    /** In link order. */
    parents: ParentLink[]
    /** accRevenuePerWeight (scaled by 1e18). */
    acc: bigint
    /** Sum of the weights of active receipts. */
    totalWeight: bigint
    receiptIds: bigint[]
    /** Indices into `VaultModel.events` of this asset's RevenueDistributed events. */
    eventIndices: number[]
}

export interface ReceiptState {
    id: bigint
    assetId: bigint
    contributor: Address
    contributionType: number
    weight: bigint
    /** s_i: accRevenuePerWeight of the asset at issue. */
    snapshot: bigint
    active: boolean
    /** Accrued amount frozen at revocation (undefined while active). */
    frozenAccrued?: bigint
    claimed: bigint
    /** Model sequence numbers (ordering against events). */
    issuedSeq: number
    revokedSeq?: number
}

/** A `RevenueDistributed` record plus the accumulator before/after it (not emitted on chain). */
export interface DistributionEvent {
    /** Model-global sequence number (strictly increasing over all model operations). */
    seq: number
    paymentId: bigint
    assetId: bigint
    depth: number
    amount: bigint
    toOwner: bigint
    toContributors: bigint
    toUpstream: bigint
    owner: Address
    /** totalWeight(assetId) when the event happened. */
    totalWeight: bigint
    accBefore: bigint
    accAfter: bigint
}

export interface PaymentRecord {
    paymentId: bigint
    assetId: bigint
    payer: Address
    source: PaymentSource
    amount: bigint
    protocolFee: bigint
    /** RevenueDistributed events of this payment, in emission (post-)order. */
    events: DistributionEvent[]
}

/** Floor division for non-negative bigint operands (bigint `/` truncates, the same for >= 0). */
function fdiv(a: bigint, b: bigint): bigint {
    if (a < 0n || b <= 0n) throw new Error(`fdiv of negative/zero operands: ${a} / ${b}`)
    return a / b
}

/** Mathematical floor division for any sign of `a` (b > 0). */
export function floorDiv(a: bigint, b: bigint): bigint {
    const q = a / b
    return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q
}

/** SPEC §6.2: increment of accRevenuePerWeight for a contributor amount `c` over weight `W`. */
export function accIncrement(c: bigint, totalWeight: bigint): bigint {
    if (totalWeight === 0n) return 0n
    return fdiv(c * ONE, totalWeight)
}

/** SPEC §6.3: `floor(w * (acc - s) / 1e18)` for acc >= s. */
export function accruedAt(weight: bigint, snapshot: bigint, acc: bigint): bigint {
    return fdiv(weight * (acc - snapshot), ONE)
}

/**
 * SPEC §6.3: attribution of one RevenueDistributed event (accumulator `accBefore` -> `accAfter`)
 * to a receipt with weight `w` and snapshot `s`, active at that event:
 * `floor(w (acc_k - s) / 1e18) - floor(w (acc_{k-1} - s) / 1e18)`.
 */
export function attribution(weight: bigint, snapshot: bigint, accBefore: bigint, accAfter: bigint): bigint {
    if (accBefore < snapshot) throw new Error(`receipt snapshot ${snapshot} is after the event (acc before ${accBefore})`)
    return accruedAt(weight, snapshot, accAfter) - accruedAt(weight, snapshot, accBefore)
}

/** Is receipt `r` active at event `e` (issued before it and not revoked before it)? Same asset only. */
export function receiptActiveAt(r: ReceiptState, e: DistributionEvent): boolean {
    return r.assetId === e.assetId && r.issuedSeq < e.seq && (r.revokedSeq === undefined || r.revokedSeq > e.seq)
}

/** Attribution of event `e` to receipt `r` (0 when the receipt was not active at `e`). */
export function attributionForEvent(r: ReceiptState, e: DistributionEvent): bigint {
    if (!receiptActiveAt(r, e)) return 0n
    return attribution(r.weight, r.snapshot, e.accBefore, e.accAfter)
}

/** Minimal lineage view needed to split a payment (see `splitPayment`). */
export interface LineageView {
    parents(assetId: bigint): readonly {parentId: bigint; upstreamBps: bigint}[]
    contributorBps(assetId: bigint): bigint
    totalWeight(assetId: bigint): bigint
    owner(assetId: bigint): Address
}

export interface SplitEvent {
    assetId: bigint
    depth: number
    amount: bigint
    toOwner: bigint
    toContributors: bigint
    toUpstream: bigint
    owner: Address
}

/**
 * SPEC §6.2 `distribute(A, N, depth)` as a pure function: the RevenueDistributed events in
 * post-order. It does not update accumulators; `VaultModel.pay` does (an ancestor reached twice in
 * one payment sees the accumulator and totalWeight at that moment, which `totalWeight` cannot
 * change within a payment, so a pure split is exact for amounts).
 */
export function splitPayment(view: LineageView, assetId: bigint, net: bigint, depth = 0, out: SplitEvent[] = []): SplitEvent[] {
    if (net === 0n) return out
    let sent = 0n
    for (const p of view.parents(assetId)) {
        const u = fdiv(net * p.upstreamBps, BPS)
        if (depth < MAX_DEPTH) {
            splitPayment(view, p.parentId, u, depth + 1, out)
            sent += u
        }
        // else: u stays in the owner part
    }
    const w = view.totalWeight(assetId)
    const c = w === 0n ? 0n : fdiv(net * view.contributorBps(assetId), BPS)
    const o = net - sent - c
    if (o < 0n) throw new Error(`negative owner part at asset ${assetId}`)
    out.push({assetId, depth, amount: net, toOwner: o, toContributors: c, toUpstream: sent, owner: view.owner(assetId)})
    return out
}

/** Number of RevenueDistributed events a payment to `assetId` produces at most (all amounts > 0). */
export function distributionPathCount(view: Pick<LineageView, 'parents'>, assetId: bigint, depth = 0): number {
    let n = 1
    if (depth < MAX_DEPTH) for (const p of view.parents(assetId)) n += distributionPathCount(view, p.parentId, depth + 1)
    return n
}

export class VaultModel {
    assets = new Map<bigint, AssetState>()
    receipts = new Map<bigint, ReceiptState>()
    owners = new Map<Address, bigint>()
    events: DistributionEvent[] = []
    payments: PaymentRecord[] = []
    protocolFeeBps = DEFAULT_PROTOCOL_FEE_BPS
    /** Fees transferred to the treasury (SAHARA wei). */
    treasuryFees = 0n
    /** Everything that went into the vault (sum of N) and out of it (claims). */
    vaultIn = 0n
    vaultOut = 0n
    private seq = 0
    private nextAssetId = 1n
    private nextReceiptId = 1n
    private nextPaymentId = 1n

    // ---------------------------------------------------------------- lineage (§2)

    asset(id: bigint): AssetState {
        const a = this.assets.get(id)
        if (!a) throw new VaultModelError(`unknown asset ${id}`)
        return a
    }

    private requireOwner(id: bigint, caller: Address | undefined): AssetState {
        const a = this.asset(id)
        if (caller !== undefined && norm(caller) !== a.owner) throw new VaultModelError(`${caller} is not the owner of asset ${id}`)
        return a
    }

    private upstreamSum(a: AssetState): bigint {
        return a.parents.reduce((s, p) => s + p.upstreamBps, 0n)
    }

    register(owner: Address, contributorBps: bigint, kind = 0): bigint {
        if (contributorBps < 0n || contributorBps > BPS) throw new VaultModelError(`contributorBps ${contributorBps} > 10000`)
        if (kind < 0 || kind > 3) throw new VaultModelError(`bad kind ${kind}`)
        const id = this.nextAssetId++
        this.assets.set(id, {
            id,
            owner: norm(owner),
            kind,
            status: AssetStatus.ACTIVE,
            contributorBps,
            parents: [],
            acc: 0n,
            totalWeight: 0n,
            receiptIds: [],
            eventIndices: [],
        })
        this.seq++
        return id
    }

    canLink(assetId: bigint, parentId: bigint, upstreamBps: bigint): string | undefined {
        const a = this.assets.get(assetId)
        if (!a) return `unknown asset ${assetId}`
        if (!this.assets.has(parentId)) return `unknown parent ${parentId}`
        if (!(parentId < assetId)) return `parent ${parentId} >= asset ${assetId}`
        if (a.parents.some((p) => p.parentId === parentId)) return `already linked`
        if (a.parents.length >= MAX_PARENTS) return `too many parents`
        if (a.contributorBps + this.upstreamSum(a) + upstreamBps > BPS) return `bps sum > 10000`
        return undefined
    }

    link(assetId: bigint, parentId: bigint, relation: number, upstreamBps: bigint, caller?: Address): void {
        const a = this.requireOwner(assetId, caller)
        const why = this.canLink(assetId, parentId, upstreamBps)
        if (why) throw new VaultModelError(`link(${assetId}, ${parentId}): ${why}`)
        a.parents.push({parentId, relation, upstreamBps})
        this.seq++
    }

    setContributorBps(assetId: bigint, bps: bigint, caller?: Address): void {
        const a = this.requireOwner(assetId, caller)
        if (bps + this.upstreamSum(a) > BPS) throw new VaultModelError(`contributorBps ${bps} + upstream > 10000`)
        a.contributorBps = bps
        this.seq++
    }

    setStatus(assetId: bigint, status: AssetStatus, caller?: Address): void {
        const a = this.requireOwner(assetId, caller)
        if (a.status === AssetStatus.RETIRED) throw new VaultModelError(`asset ${assetId} is retired`)
        a.status = status
        this.seq++
    }

    /** ERC-721 transfer of the Ownership NFT. */
    transferAsset(assetId: bigint, to: Address, caller?: Address): void {
        const a = this.requireOwner(assetId, caller)
        a.owner = norm(to)
        this.seq++
    }

    parentsOf(assetId: bigint): ParentLink[] {
        return this.asset(assetId).parents
    }

    // ---------------------------------------------------------------- receipts (§3)

    issue(assetId: bigint, contributor: Address, weight: bigint, contributionType = 0, caller?: Address): bigint {
        const a = this.requireOwner(assetId, caller)
        if (weight <= 0n || weight > UINT128_MAX) throw new VaultModelError(`bad weight ${weight}`)
        const id = this.nextReceiptId++
        // checkpoint (snapshot) before the weight enters totalWeight
        const seq = ++this.seq
        this.receipts.set(id, {
            id,
            assetId,
            contributor: norm(contributor),
            contributionType,
            weight,
            snapshot: a.acc,
            active: true,
            claimed: 0n,
            issuedSeq: seq,
        })
        a.receiptIds.push(id)
        a.totalWeight += weight
        return id
    }

    receipt(id: bigint): ReceiptState {
        const r = this.receipts.get(id)
        if (!r) throw new VaultModelError(`unknown receipt ${id}`)
        return r
    }

    revoke(receiptId: bigint, caller?: Address): void {
        const r = this.receipt(receiptId)
        const a = this.requireOwner(r.assetId, caller)
        if (!r.active) throw new VaultModelError(`receipt ${receiptId} already revoked`)
        r.frozenAccrued = accruedAt(r.weight, r.snapshot, a.acc)
        r.active = false
        r.revokedSeq = ++this.seq
        a.totalWeight -= r.weight
    }

    totalWeight(assetId: bigint): bigint {
        return this.asset(assetId).totalWeight
    }

    // ---------------------------------------------------------------- vault (§6)

    setProtocolFeeBps(bps: bigint): void {
        if (bps < 0n || bps > MAX_PROTOCOL_FEE_BPS) throw new VaultModelError(`fee ${bps} > ${MAX_PROTOCOL_FEE_BPS}`)
        this.protocolFeeBps = bps
        this.seq++
    }

    /** The id the next payment will get. */
    peekPaymentId(): bigint {
        return this.nextPaymentId
    }

    /**
     * A payment of `amount` to `assetId` (§6.1-6.2). Returns undefined when `amount == 0` (no payment,
     * no id, no events). Does not check the asset's status: purchase/invoke do (see `requireActive`).
     */
    pay(assetId: bigint, amount: bigint, payer: Address = '0x0', source = PaymentSource.LICENSE): PaymentRecord | undefined {
        this.asset(assetId)
        if (amount < 0n) throw new VaultModelError('negative amount')
        if (amount === 0n) return undefined
        const paymentId = this.nextPaymentId++
        this.seq++
        const fee = fdiv(amount * this.protocolFeeBps, BPS)
        const net = amount - fee
        this.treasuryFees += fee
        this.vaultIn += net
        const rec: PaymentRecord = {paymentId, assetId, payer: norm(payer), source, amount, protocolFee: fee, events: []}
        this.distribute(rec, assetId, net, 0)
        this.payments.push(rec)
        return rec
    }

    requireActive(assetId: bigint): void {
        if (this.asset(assetId).status !== AssetStatus.ACTIVE) throw new VaultModelError(`asset ${assetId} not active`)
    }

    private distribute(rec: PaymentRecord, assetId: bigint, net: bigint, depth: number): void {
        if (net === 0n) return
        const a = this.asset(assetId)
        let sent = 0n
        for (const p of a.parents) {
            const u = fdiv(net * p.upstreamBps, BPS)
            if (depth < MAX_DEPTH) {
                this.distribute(rec, p.parentId, u, depth + 1)
                sent += u
            }
        }
        const w = a.totalWeight
        const c = w === 0n ? 0n : fdiv(net * a.contributorBps, BPS)
        const accBefore = a.acc
        a.acc += accIncrement(c, w)
        const o = net - sent - c
        if (o < 0n) throw new Error(`model bug: negative owner part at asset ${assetId}`)
        this.owners.set(a.owner, (this.owners.get(a.owner) ?? 0n) + o)
        const e: DistributionEvent = {
            seq: ++this.seq,
            paymentId: rec.paymentId,
            assetId,
            depth,
            amount: net,
            toOwner: o,
            toContributors: c,
            toUpstream: sent,
            owner: a.owner,
            totalWeight: w,
            accBefore,
            accAfter: a.acc,
        }
        a.eventIndices.push(this.events.length)
        this.events.push(e)
        rec.events.push(e)
    }

    // views
    ownerClaimable(account: Address): bigint {
        return this.owners.get(norm(account)) ?? 0n
    }

    accRevenuePerWeight(assetId: bigint): bigint {
        return this.assets.get(assetId)?.acc ?? 0n
    }

    receiptAccrued(receiptId: bigint): bigint {
        const r = this.receipts.get(receiptId)
        if (!r) return 0n
        if (!r.active) return r.frozenAccrued!
        return accruedAt(r.weight, r.snapshot, this.asset(r.assetId).acc)
    }

    receiptClaimable(receiptId: bigint): bigint {
        const r = this.receipts.get(receiptId)
        if (!r) return 0n
        return this.receiptAccrued(receiptId) - r.claimed
    }

    receiptClaimed(receiptId: bigint): bigint {
        return this.receipts.get(receiptId)?.claimed ?? 0n
    }

    /** Transfers and returns what `account` can claim as owner (0: nothing moves, nothing emitted). */
    claimOwner(account: Address): bigint {
        const amt = this.ownerClaimable(account)
        if (amt > 0n) {
            this.owners.set(norm(account), 0n)
            this.vaultOut += amt
        }
        this.seq++
        return amt
    }

    /** Claims for `caller`, who must be each receipt's contributor. Returns the per-receipt amounts. */
    claimReceipts(caller: Address, receiptIds: bigint[]): {receiptId: bigint; amount: bigint}[] {
        for (const id of receiptIds) {
            const r = this.receipt(id)
            if (r.contributor !== norm(caller)) throw new VaultModelError(`${caller} is not the contributor of receipt ${id}`)
        }
        const out: {receiptId: bigint; amount: bigint}[] = []
        for (const id of receiptIds) {
            const amt = this.receiptClaimable(id)
            if (amt > 0n) {
                this.receipt(id).claimed += amt
                this.vaultOut += amt
                out.push({receiptId: id, amount: amt})
            }
        }
        this.seq++
        return out
    }

    // ---------------------------------------------------------------- attribution & conservation

    /** Per-event attribution of every event of the receipt's asset to the receipt (§6.3). */
    attributionsForReceipt(receiptId: bigint): {event: DistributionEvent; amount: bigint}[] {
        const r = this.receipt(receiptId)
        const a = this.asset(r.assetId)
        return a.eventIndices.map((i) => this.events[i]).filter((e) => receiptActiveAt(r, e)).map((e) => ({event: e, amount: attributionForEvent(r, e)}))
    }

    /** `sum(toContributors of the asset's events) - sum(receiptAccrued of its receipts)` (§6.4). */
    residual(assetId: bigint): bigint {
        const a = this.asset(assetId)
        const c = a.eventIndices.reduce((s, i) => s + this.events[i].toContributors, 0n)
        const accrued = a.receiptIds.reduce((s, id) => s + this.receiptAccrued(id), 0n)
        return c - accrued
    }

    /** `P - fee - sum(toOwner + toContributors)` over the payment's events: 0 when conserved (§6.4). */
    paymentConservationGap(p: PaymentRecord): bigint {
        return p.amount - p.protocolFee - p.events.reduce((s, e) => s + e.toOwner + e.toContributors, 0n)
    }

    /** Expected SAHARA balance of the vault: owners' + receipts' claimable + residuals. */
    expectedVaultBalance(): bigint {
        let s = 0n
        for (const v of this.owners.values()) s += v
        for (const id of this.receipts.keys()) s += this.receiptClaimable(id)
        for (const id of this.assets.keys()) s += this.residual(id)
        return s
    }

    /** Checks internal invariants (throws on violation); used by the tests after each scenario. */
    checkInvariants(): void {
        for (const p of this.payments) {
            const gap = this.paymentConservationGap(p)
            if (gap !== 0n) throw new Error(`payment ${p.paymentId} not conserved: gap ${gap}`)
            for (const e of p.events) if (e.amount !== e.toOwner + e.toContributors + e.toUpstream) throw new Error(`event split != amount`)
        }
        for (const id of this.assets.keys()) if (this.residual(id) < 0n) throw new Error(`negative residual at asset ${id}`)
        for (const r of this.receipts.values()) {
            const sum = this.attributionsForReceipt(r.id).reduce((s, x) => s + x.amount, 0n)
            if (sum !== this.receiptAccrued(r.id)) throw new Error(`attributions of receipt ${r.id} sum to ${sum} != accrued ${this.receiptAccrued(r.id)}`)
        }
        if (this.vaultIn - this.vaultOut !== this.expectedVaultBalance()) throw new Error('vault balance mismatch')
    }

    /** A LineageView over the model's current state (for `splitPayment`, `distributionPathCount`). */
    view(): LineageView {
        return {
            parents: (id) => this.asset(id).parents,
            contributorBps: (id) => this.asset(id).contributorBps,
            totalWeight: (id) => this.asset(id).totalWeight,
            owner: (id) => this.asset(id).owner,
        }
    }
}

export function norm(a: Address): Address {
    return a.toLowerCase()
}

/**
 * What an indexer can derive from the event logs alone (SPEC §3, §6.3, §6.4): feed it
 * ReceiptIssued / ReceiptRevoked / RevenueDistributed (and claims) in log order. It keeps the
 * accumulators (from `toContributors` and the active weight), each receipt's accrued amount as the
 * sum of its per-event attributions, and each asset's unallocated residual.
 */
export class EventReplay {
    acc = new Map<bigint, bigint>()
    weight = new Map<bigint, bigint>()
    contributed = new Map<bigint, bigint>()
    receipts = new Map<bigint, {assetId: bigint; weight: bigint; snapshot: bigint; active: boolean; accrued: bigint; claimed: bigint}>()

    receiptIssued(e: {receiptId: bigint; assetId: bigint; weight: bigint}): void {
        this.receipts.set(e.receiptId, {assetId: e.assetId, weight: e.weight, snapshot: this.acc.get(e.assetId) ?? 0n, active: true, accrued: 0n, claimed: 0n})
        this.weight.set(e.assetId, (this.weight.get(e.assetId) ?? 0n) + e.weight)
    }

    receiptRevoked(e: {receiptId: bigint}): void {
        const r = this.receipts.get(e.receiptId)
        if (!r || !r.active) throw new Error(`revocation of unknown or revoked receipt ${e.receiptId}`)
        r.active = false
        this.weight.set(r.assetId, this.weight.get(r.assetId)! - r.weight)
    }

    /** Returns the event's per-receipt attributions (receipts with 0 included). */
    revenueDistributed(e: {assetId: bigint; toContributors: bigint}): {receiptId: bigint; amount: bigint}[] {
        const before = this.acc.get(e.assetId) ?? 0n
        const after = before + accIncrement(e.toContributors, this.weight.get(e.assetId) ?? 0n)
        this.acc.set(e.assetId, after)
        this.contributed.set(e.assetId, (this.contributed.get(e.assetId) ?? 0n) + e.toContributors)
        const out: {receiptId: bigint; amount: bigint}[] = []
        for (const [id, r] of this.receipts) {
            if (!r.active || r.assetId !== e.assetId) continue
            const amount = attribution(r.weight, r.snapshot, before, after)
            r.accrued += amount
            out.push({receiptId: id, amount})
        }
        return out
    }

    receiptClaimed(e: {receiptId: bigint; amount: bigint}): void {
        this.receipts.get(e.receiptId)!.claimed += e.amount
    }

    accrued(receiptId: bigint): bigint {
        return this.receipts.get(receiptId)?.accrued ?? 0n
    }

    residual(assetId: bigint): bigint {
        let s = this.contributed.get(assetId) ?? 0n
        for (const r of this.receipts.values()) if (r.assetId === assetId) s -= r.accrued
        return s
    }

    /** Dispatch a decoded log by event name (other events are ignored). */
    apply(eventName: string, args: any): void {
        if (eventName === 'ReceiptIssued') this.receiptIssued(args)
        else if (eventName === 'ReceiptRevoked') this.receiptRevoked(args)
        else if (eventName === 'RevenueDistributed') this.revenueDistributed(args)
        else if (eventName === 'ReceiptClaimed') this.receiptClaimed(args)
    }
}

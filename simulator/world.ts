/**
 * The simulator's model of the protocol state it created: assets with their lineage, license
 * terms, licenses and receipts. Effects are applied when a transaction is queued (blocks execute in
 * queue order, see send.ts); ids are learnt from the mined logs.
 */
import type {Address} from 'viem'
import {WeightedSet} from './rng'

export const KIND = {DATASET: 0, MODEL: 1, AGENT: 2, PIPELINE: 3} as const
export const KIND_NAMES = ['dataset', 'model', 'agent', 'pipeline'] as const
export const STATUS = {ACTIVE: 0, PAUSED: 1, RETIRED: 2} as const
export const RELATION = {TRAINED_ON: 0, FINETUNED_FROM: 1, DERIVED_FROM: 2, COMPOSED_OF: 3, EVALUATED_ON: 4} as const
export const CONTRIBUTION = {DATA: 0, LABEL: 1, REVIEW: 2, FINETUNE: 3, EVALUATION: 4, CODE: 5} as const
export const LICENSE = {OPEN_USE: 0, NON_COMMERCIAL: 1, COMMERCIAL_REMIX: 2} as const

/** SPEC §6: upstream royalties stop at this depth. */
export const MAX_DEPTH = 8
export const MAX_PARENTS = 8
/** Most RevenueDistributed events one payment may cause (keeps gas per payment sane). */
export const REACH_CAP = 40

export interface Asset {
    id: number
    owner: Address
    kind: number
    status: number
    contributorBps: number
    upstreamBps: number
    parents: number[]
    /** reach[d]: events of a payment that enters this asset at depth d (SPEC §6 recursion). */
    reach: number[]
    children: number
    terms: number[]
    receipts: number[]
    popularity: number
    /** Set once its links, terms and first receipts are mined. */
    settled: boolean
    /** Kept ACTIVE and owned (lineage showcases: deep chain tips, diamonds). */
    protected: boolean
    /** Index in the purchasable set. */
    slot: number
}

export interface Terms {
    id: number
    assetId: number
    type: number
    price: bigint
    duration: number
    pricePerCall: bigint
}

export interface License {
    id: number
    termsId: number
    assetId: number
    holder: Address
    expiresAt: number
    revoked: boolean
    pricePerCall: bigint
    slot: number
}

export interface Receipt {
    id: number
    assetId: number
    contributor: Address
    weight: bigint
    revoked: boolean
}

export class World {
    readonly assets = new Map<number, Asset>()
    /** Settled asset ids by kind. */
    readonly byKind: number[][] = [[], [], [], []]
    readonly settled: number[] = []
    readonly terms = new Map<number, Terms>()
    readonly licenses: License[] = []
    readonly receipts: Receipt[] = []
    readonly receiptsOf = new Map<string, Receipt[]>()
    readonly receiptById = new Map<number, Receipt>()
    /** Assets that can be bought now, weighted by popularity. */
    readonly purchasable = new WeightedSet()
    private readonly purchasableIds: number[] = []
    /** Licenses that can be used, weighted by their asset's popularity. */
    readonly usable = new WeightedSet()
    /** Owners credited since their last claim. */
    readonly owed = new Set<Address>()
    /** Assets that received revenue and have receipts (for contributor claims). */
    readonly paidWithReceipts: number[] = []
    private readonly paid = new Set<number>()
    registeredCount = 0

    addAsset(a: Omit<Asset, 'slot' | 'reach' | 'children' | 'terms' | 'receipts' | 'settled' | 'parents' | 'upstreamBps'>): Asset {
        const asset: Asset = {
            ...a,
            parents: [],
            upstreamBps: 0,
            reach: new Array(MAX_DEPTH + 1).fill(1),
            children: 0,
            terms: [],
            receipts: [],
            settled: false,
            slot: this.purchasable.add(0),
        }
        this.purchasableIds.push(asset.id)
        this.assets.set(asset.id, asset)
        this.registeredCount++
        return asset
    }

    asset(id: number): Asset {
        const a = this.assets.get(id)
        if (!a) throw new Error(`unknown asset ${id}`)
        return a
    }

    /** Whether linking `parent` keeps the payment fan-out of `a` (and its descendants: none yet) capped. */
    canLink(a: Asset, parent: Asset, bps: number): boolean {
        return (
            parent.id < a.id &&
            !a.parents.includes(parent.id) &&
            a.parents.length < MAX_PARENTS &&
            a.children === 0 &&
            a.contributorBps + a.upstreamBps + bps <= 10_000 &&
            a.reach[0] + parent.reach[1] <= REACH_CAP
        )
    }

    link(a: Asset, parent: Asset, bps: number): void {
        a.parents.push(parent.id)
        a.upstreamBps += bps
        parent.children++
        for (let d = 0; d < MAX_DEPTH; d++) a.reach[d] += parent.reach[d + 1]
    }

    settle(a: Asset): void {
        a.settled = true
        this.byKind[a.kind].push(a.id)
        this.settled.push(a.id)
        this.refresh(a)
    }

    /** Recomputes whether the asset can be bought. */
    refresh(a: Asset): void {
        const ok = a.settled && a.status === STATUS.ACTIVE && a.terms.length > 0
        this.purchasable.set(a.slot, ok ? a.popularity : 0)
    }

    purchasableAsset(i: number): Asset {
        return this.asset(this.purchasableIds[i])
    }

    addLicense(l: Omit<License, 'slot'>, weight: number): License {
        const lic: License = {...l, slot: this.usable.add(weight)}
        this.licenses.push(lic)
        return lic
    }

    addReceipt(r: Receipt): void {
        this.receipts.push(r)
        this.receiptById.set(r.id, r)
        this.asset(r.assetId).receipts.push(r.id)
        const list = this.receiptsOf.get(r.contributor)
        if (list) list.push(r)
        else this.receiptsOf.set(r.contributor, [r])
    }

    /** Owners of the assets a payment to `a` reaches (approximation of who was credited). */
    creditOwners(a: Asset, depth = 0): void {
        this.owed.add(a.owner)
        if (!this.paid.has(a.id) && a.receipts.length > 0) {
            this.paid.add(a.id)
            this.paidWithReceipts.push(a.id)
        }
        if (depth >= MAX_DEPTH) return
        for (const p of a.parents) this.creditOwners(this.asset(p), depth + 1)
    }
}

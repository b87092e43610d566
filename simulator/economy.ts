/**
 * The asset economy: creators register datasets, models, agents and pipelines with lineage
 * (including a fine-tune chain deeper than the depth cap and diamonds), publish license terms of
 * every type, issue and revoke receipts; users buy licenses and invoke assets with Zipf popularity;
 * owners and contributors claim; assets are updated, paused, retired and sold; licenses are
 * transferred and revoked; the treasury receives deposits and plain transfers.
 */
import type {Address, Hex} from 'viem'
import {Actors, E18} from './actors'
import {BlockBatch} from './batch'
import {Contracts} from './contracts'
import {Rng} from './rng'
import type {SimTx} from './send'
import {hostile, maybeHostile, text} from './strings'
import {idFrom, TOPIC} from './topics'
import {CONTRIBUTION, KIND, KIND_NAMES, LICENSE, MAX_DEPTH, RELATION, STATUS, World, type Asset, type Terms} from './world'

const MAX_UINT256 = (1n << 256n) - 1n
/** Length of the fine-tune showcase chain: deeper than the royalty depth cap. */
const SHOWCASE_CHAIN = MAX_DEPTH + 4
/** The showcases' protected assets (the chain, then the two diamonds' five) are the first ones registered. */
export const SHOWCASE_PROTECTED = SHOWCASE_CHAIN + 5

interface ParentSpec {
    /** Index of an asset of the same group, or an existing asset id when `existing`. */
    ref: number
    existing?: boolean
    relation: number
    bps: number
}

interface AssetSpec {
    kind: number
    contributorBps: number
    uri: Hex
    /** Fixed parents (showcases); random ones are chosen at onboarding when undefined. */
    parents?: ParentSpec[]
    terms?: number[]
    popularity?: number
    protected?: boolean
}

type Action = (b: BlockBatch) => boolean

export interface EconomyStats {
    assets: number
    licenses: number
    receipts: number
}

export class Economy {
    readonly world = new World()
    private readonly followUps: ((b: BlockBatch) => void)[] = []
    private readonly actions: [string, number, Action][]
    /** How many times each action was queued. */
    readonly done = new Map<string, number>()
    private blocks = 0
    private hugeSent = false
    private showcasesQueued = false
    /** Every action once early on (a fresh economy); off when resuming one that had that. */
    private coverage = true

    constructor(
        private readonly rng: Rng,
        private readonly actors: Actors,
        private readonly c: Contracts,
        /** Roughly how many assets the run should end with. */
        private readonly targetAssets: number,
    ) {
        const a = (name: string, weight: number, fn: Action): [string, number, Action] => [name, weight, fn]
        this.actions = [
            a('invoke', 50, (b) => this.invoke(b)),
            a('purchase', 18, (b) => this.purchase(b)),
            a('register', 6, (b) => this.registerRandom(b)),
            a('issueReceipt', 6, (b) => this.issueReceipt(b)),
            a('revokeReceipt', 0.8, (b) => this.revokeReceipt(b)),
            a('claimReceipts', 2.5, (b) => this.claimReceipts(b)),
            a('claimOwner', 2, (b) => this.claimOwner(b)),
            a('update', 1, (b) => this.update(b)),
            a('setContributorBps', 0.6, (b) => this.setContributorBps(b)),
            a('pause', 0.5, (b) => this.pause(b)),
            a('unpause', 0.6, (b) => this.unpause(b)),
            a('retire', 0.15, (b) => this.retire(b)),
            a('transferAsset', 0.5, (b) => this.transferAsset(b)),
            a('transferLicense', 0.8, (b) => this.transferLicense(b)),
            a('revokeLicense', 0.4, (b) => this.revokeLicense(b)),
            a('extraTerms', 0.8, (b) => this.extraTerms(b)),
            a('extraLink', 0.3, (b) => this.extraLink(b)),
            a('deposit', 0.6, (b) => this.deposit(b)),
            a('plainTransfer', 0.2, (b) => this.plainTransfer(b)),
            a('redelegate', 0.2, (b) => this.redelegate(b)),
        ]
    }

    stats(): EconomyStats {
        return {assets: this.world.registeredCount, licenses: this.world.licenses.length, receipts: this.world.receipts.length}
    }

    /**
     * Continues an economy already on the chain, its `world` rebuilt from the chain's events
     * (simulator/resume.ts): the seed showcases and the coverage pass are not queued again.
     */
    resumed(): void {
        this.showcasesQueued = true
        this.hugeSent = this.world.registeredCount > 20
        this.coverage = false
    }

    /** Setup: every simulated account approves the three contracts that pull SAHARA (max, once). */
    approvals(b: BlockBatch): void {
        for (const a of this.actors.accounts) {
            for (const spender of ['LicenseRegistry', 'InvocationRouter', 'Treasury'] as const) {
                b.add(this.tx(a, 'SaharaToken', 'approve', [this.c.address[spender], MAX_UINT256], 80_000))
            }
        }
    }

    /** Setup: the deployer funds the treasury (deposit with a memo, and a plain transfer). */
    treasurySeed(b: BlockBatch): void {
        const d = this.actors.deployer
        b.add(this.tx(d, 'SaharaToken', 'approve', [this.c.address.Treasury, MAX_UINT256], 80_000))
        b.add(this.tx(d, 'Treasury', 'deposit', [5_000_000n * E18, text('Foundation endowment: initial treasury funding')], 150_000))
        b.add(this.tx(d, 'SaharaToken', 'transfer', [this.c.address.Treasury, 250_000n * E18], 100_000))
    }

    /** Adds economy transactions to `b` until it holds `count` of them (or its gas is used up). */
    fill(b: BlockBatch, count: number): void {
        if (!this.showcasesQueued) {
            this.showcasesQueued = true
            this.showcases(b)
        }
        while (this.followUps.length > 0) this.followUps.shift()!(b)
        // Coverage: once there is something to act on, every action runs at least once early on.
        if (++this.blocks >= 4 && this.coverage) {
            for (const [name, , action] of this.actions) {
                if (!this.done.has(name) && b.hasRoom(8_000_000) && action(b)) this.done.set(name, 1)
            }
        }
        const weights = this.actions.map(([, w]) => w)
        let misses = 0
        while (b.txs.length < count && misses < 200 && b.hasRoom(8_000_000)) {
            const [name, , action] = this.actions[this.rng.weighted(weights)]
            if (action(b)) this.done.set(name, (this.done.get(name) ?? 0) + 1)
            else misses++
        }
    }

    // ---- building blocks ----

    private tx(from: Address, to: keyof Contracts['address'], fn: string, args: readonly unknown[], gas: number, extra: Partial<SimTx> = {}): SimTx {
        return {from, to: this.c.address[to], data: this.c.encode(to, fn, args), gas, label: `${to}.${fn}`, ...extra}
    }

    private hash(): Hex {
        return this.rng.hex(32)
    }

    private strGas(s: Hex): number {
        return 48 * ((s.length - 2) / 2)
    }

    // ---- assets ----

    /** Lineage showcases: a fine-tune chain deeper than the depth cap, and diamonds. */
    private showcases(b: BlockBatch): void {
        const chainOwner = this.actors.creator()
        const chain: AssetSpec[] = []
        const depth = SHOWCASE_CHAIN
        for (let i = 0; i < depth; i++) {
            chain.push({
                kind: i === 0 ? KIND.DATASET : KIND.MODEL,
                contributorBps: 1000 + 250 * (i % 4),
                uri: text(`ipfs://sahara/chain/${i}${i === 0 ? '/base-corpus' : `/finetune-v${i}`}`),
                parents: i === 0 ? [] : [{ref: i - 1, relation: i === 1 ? RELATION.TRAINED_ON : RELATION.FINETUNED_FROM, bps: 2500 + 500 * (i % 3)}],
                terms: [LICENSE.COMMERCIAL_REMIX, LICENSE.NON_COMMERCIAL],
                popularity: i === depth - 1 ? 60 : i >= depth - 3 ? 10 : 1,
                protected: true,
            })
        }
        this.registerGroup(b, chainOwner, chain)
        // Diamond: D <- (M1, M2) <- A <- P (P also composes M1 directly: a second diamond).
        const diamond: AssetSpec[] = [
            {kind: KIND.DATASET, contributorBps: 2000, uri: text('ar://sahara/diamond/dataset'), parents: [], terms: [LICENSE.OPEN_USE]},
            {kind: KIND.MODEL, contributorBps: 1500, uri: text('ar://sahara/diamond/model-a'), parents: [{ref: 0, relation: RELATION.TRAINED_ON, bps: 2000}], terms: [LICENSE.NON_COMMERCIAL]},
            {kind: KIND.MODEL, contributorBps: 1500, uri: text('ar://sahara/diamond/model-b'), parents: [{ref: 0, relation: RELATION.TRAINED_ON, bps: 3000}], terms: [LICENSE.COMMERCIAL_REMIX]},
            {kind: KIND.AGENT, contributorBps: 1000, uri: text('ar://sahara/diamond/agent'), parents: [{ref: 1, relation: RELATION.COMPOSED_OF, bps: 2000}, {ref: 2, relation: RELATION.COMPOSED_OF, bps: 2000}], terms: [LICENSE.COMMERCIAL_REMIX, LICENSE.OPEN_USE], popularity: 20},
            {kind: KIND.PIPELINE, contributorBps: 500, uri: text('ar://sahara/diamond/pipeline'), parents: [{ref: 3, relation: RELATION.COMPOSED_OF, bps: 3000}, {ref: 1, relation: RELATION.DERIVED_FROM, bps: 1000}], terms: [LICENSE.COMMERCIAL_REMIX, LICENSE.NON_COMMERCIAL, LICENSE.OPEN_USE], popularity: 30},
        ]
        for (const s of diamond) s.protected = true
        this.registerGroup(b, this.actors.creator(), diamond)
        // A handful of independent roots so that random lineage has something to attach to.
        for (let i = 0; i < 6; i++) this.registerGroup(b, this.actors.creator(), [this.randomSpec(i % 3 === 2 ? KIND.MODEL : KIND.DATASET)])
    }

    private randomSpec(kind?: number): AssetSpec {
        const k = kind ?? [KIND.DATASET, KIND.MODEL, KIND.AGENT, KIND.PIPELINE][this.rng.weighted([35, 35, 20, 10])]
        const n = this.world.registeredCount + 1
        let uri = maybeHostile(this.rng, `ipfs://bafy${this.rng.hex(8).slice(2)}/${KIND_NAMES[k]}-${n}.json`, 0.04)
        if (!this.hugeSent && n > 20) {
            this.hugeSent = true
            uri = hostile(this.rng, 'huge', `ipfs://sahara/${KIND_NAMES[k]}-${n}`)
        }
        return {
            kind: k,
            contributorBps: this.rng.chance(0.15) ? 0 : this.rng.range(5, 30) * 100,
            uri,
            popularity: this.rng.pareto(1.1),
        }
    }

    private registerRandom(b: BlockBatch): boolean {
        // Fewer new assets once the catalogue is as big as the scale wants.
        if (this.world.registeredCount >= this.targetAssets && !this.rng.chance(0.1)) return false
        this.registerGroup(b, this.actors.creator(), [this.randomSpec()])
        return true
    }

    /** Registers the group now; links, terms and first receipts follow in the next block. */
    private registerGroup(b: BlockBatch, owner: Address, specs: AssetSpec[]): void {
        const assets: Asset[] = new Array(specs.length)
        let mined = 0
        specs.forEach((s, i) => {
            b.add(
                this.tx(owner, 'AssetRegistry', 'register', [s.kind, s.uri, this.hash(), s.contributorBps], 220_000 + this.strGas(s.uri) + 80_000, {
                    onLogs: (logs) => {
                        const id = idFrom(logs, TOPIC.AssetRegistered)
                        assets[i] = this.world.addAsset({
                            id,
                            owner,
                            kind: s.kind,
                            status: STATUS.ACTIVE,
                            contributorBps: s.contributorBps,
                            popularity: s.popularity ?? 1,
                            protected: s.protected ?? false,
                        })
                        if (++mined === specs.length) this.followUps.push((nb) => this.onboard(nb, assets, specs))
                    },
                }),
            )
        })
    }

    private onboard(b: BlockBatch, group: Asset[], specs: AssetSpec[]): void {
        let pendingTerms = 0
        const settleAll = () => group.forEach((a) => this.world.settle(a))
        group.forEach((a, i) => {
            const spec = specs[i]
            const parents = spec.parents
                ? spec.parents.map((p) => ({parent: p.existing ? this.world.asset(p.ref) : group[p.ref], relation: p.relation, bps: p.bps}))
                : this.randomParents(a)
            for (const p of parents) {
                if (!this.world.canLink(a, p.parent, p.bps)) continue
                this.world.link(a, p.parent, p.bps)
                b.add(this.tx(a.owner, 'AssetRegistry', 'link', [a.id, p.parent.id, p.relation, p.bps], 240_000))
            }
            const types = spec.terms ?? this.randomTermTypes()
            for (const t of types) {
                pendingTerms++
                this.createTerms(b, a, t, () => {
                    if (--pendingTerms === 0) settleAll()
                })
            }
            const receipts = a.kind === KIND.DATASET ? this.rng.range(0, 6) : this.rng.range(0, 3)
            for (let k = 0; k < receipts; k++) this.issue(b, a)
        })
        if (pendingTerms === 0) b.after.push(settleAll)
    }

    private randomParents(a: Asset): {parent: Asset; relation: number; bps: number}[] {
        const out: {parent: Asset; relation: number; bps: number}[] = []
        const add = (kinds: number[], relation: number, n: number) => {
            for (let k = 0; k < n; k++) {
                const kind = this.rng.pick(kinds)
                const pool = this.world.byKind[kind]
                if (pool.length === 0) continue
                // Preferential attachment: the more popular of three candidates.
                let best: Asset | undefined
                for (let t = 0; t < 3; t++) {
                    const cand = this.world.asset(this.rng.pick(pool))
                    if (!best || cand.popularity > best.popularity) best = cand
                }
                if (best && !out.some((o) => o.parent.id === best!.id)) out.push({parent: best, relation, bps: this.rng.range(3, 25) * 100})
            }
        }
        switch (a.kind) {
            case KIND.DATASET:
                if (this.rng.chance(0.2)) add([KIND.DATASET], RELATION.DERIVED_FROM, 1)
                break
            case KIND.MODEL:
                add([KIND.DATASET], RELATION.TRAINED_ON, this.rng.range(1, 3))
                if (this.rng.chance(0.35)) add([KIND.MODEL], RELATION.FINETUNED_FROM, 1)
                if (this.rng.chance(0.2)) add([KIND.DATASET], RELATION.EVALUATED_ON, 1)
                break
            case KIND.AGENT:
                add([KIND.MODEL], RELATION.COMPOSED_OF, this.rng.range(1, 2))
                if (this.rng.chance(0.3)) add([KIND.DATASET], RELATION.EVALUATED_ON, 1)
                break
            default:
                add([KIND.AGENT, KIND.MODEL], RELATION.COMPOSED_OF, this.rng.range(2, 3))
                if (this.rng.chance(0.3)) add([KIND.DATASET], RELATION.DERIVED_FROM, 1)
        }
        return out
    }

    private randomTermTypes(): number[] {
        const n = this.rng.range(1, 3)
        const types = new Set<number>()
        for (let i = 0; i < n; i++) types.add(this.rng.weighted([2, 4, 4]))
        return [...types]
    }

    private randomTerms(type: number): Omit<Terms, 'id' | 'assetId'> {
        const rng = this.rng
        const noise = () => BigInt(rng.int(1_000_000_000))
        let price = 0n
        if (type === LICENSE.NON_COMMERCIAL && !rng.chance(0.25)) price = BigInt(rng.range(1, 50)) * E18 + noise()
        if (type === LICENSE.COMMERCIAL_REMIX) price = BigInt(rng.range(20, 800)) * E18 + noise()
        const d = rng.weighted(type === LICENSE.OPEN_USE ? [8, 1, 1] : [45, 25, 30])
        const duration = d === 0 ? 0 : d === 1 ? rng.range(300, 3600) : rng.range(1, 90) * 86_400
        const pricePerCall = rng.chance(0.3) ? 0n : BigInt(rng.logUniform(1, 10_000)) * 10n ** 14n + noise()
        return {type, price, duration, pricePerCall}
    }

    private createTerms(b: BlockBatch, a: Asset, type: number, done?: () => void): void {
        const t = this.randomTerms(type)
        b.add(
            this.tx(a.owner, 'LicenseRegistry', 'createTerms', [a.id, t.type, t.price, BigInt(t.duration), t.pricePerCall], 260_000, {
                onLogs: (logs) => {
                    const id = idFrom(logs, TOPIC.LicenseTermsCreated)
                    this.world.terms.set(id, {...t, id, assetId: a.id})
                    a.terms.push(id)
                    this.world.refresh(a)
                    done?.()
                },
            }),
        )
    }

    private issue(b: BlockBatch, a: Asset): void {
        const contributor = this.actors.user()
        const type = a.kind === KIND.DATASET ? this.rng.pick([CONTRIBUTION.DATA, CONTRIBUTION.LABEL, CONTRIBUTION.REVIEW]) : this.rng.pick([CONTRIBUTION.FINETUNE, CONTRIBUTION.EVALUATION, CONTRIBUTION.CODE, CONTRIBUTION.REVIEW])
        const weight = BigInt(this.rng.logUniform(1, 1_000_000)) * (this.rng.chance(0.05) ? 10n ** 12n : 1n)
        b.add(
            this.tx(a.owner, 'ContributionReceipts', 'issue', [a.id, contributor, type, weight, this.hash()], 400_000, {
                onLogs: (logs) => {
                    const id = idFrom(logs, TOPIC.ReceiptIssued)
                    this.world.addReceipt({id, assetId: a.id, contributor, weight, revoked: false})
                },
            }),
        )
    }

    private randomSettled(filter: (a: Asset) => boolean): Asset | undefined {
        const s = this.world.settled
        if (s.length === 0) return undefined
        for (let k = 0; k < 8; k++) {
            const a = this.world.asset(this.rng.pick(s))
            if (filter(a)) return a
        }
        return undefined
    }

    // ---- actions (return false when nothing fitting was found) ----

    private payGas(a: Asset): number {
        return 450_000 + 110_000 * a.reach[0]
    }

    private purchase(b: BlockBatch): boolean {
        const i = this.world.purchasable.sample(this.rng)
        if (i < 0) return false
        const a = this.world.purchasableAsset(i)
        const t = this.world.terms.get(this.rng.pick(a.terms))!
        const payer = this.actors.payer(t.price)
        if (!payer) return false
        const licensee = this.rng.chance(0.1) ? this.actors.other(payer) : payer
        this.actors.spend(payer, t.price)
        if (t.price > 0n) this.world.creditOwners(a)
        const expiresAt = t.duration === 0 ? 0 : b.timestamp + t.duration
        b.add(
            this.tx(payer, 'LicenseRegistry', 'purchase', [t.id, licensee], t.price > 0n ? this.payGas(a) : 300_000, {
                onLogs: (logs) => {
                    const id = idFrom(logs, TOPIC.LicenseIssued)
                    const weight = a.popularity * (t.pricePerCall > 0n ? 1 : 0.3)
                    this.world.addLicense({id, termsId: t.id, assetId: a.id, holder: licensee, expiresAt, revoked: false, pricePerCall: t.pricePerCall}, weight)
                },
            }),
        )
        return true
    }

    private invoke(b: BlockBatch): boolean {
        for (let k = 0; k < 8; k++) {
            const i = this.world.usable.sample(this.rng)
            if (i < 0) return false
            const l = this.world.licenses[i]
            if (l.expiresAt !== 0 && b.timestamp >= l.expiresAt) {
                this.world.usable.set(l.slot, 0) // expired for good
                continue
            }
            const a = this.world.asset(l.assetId)
            if (a.status !== STATUS.ACTIVE) continue
            const units = Math.min(Math.floor(this.rng.pareto(1.2)), 5000)
            const fee = BigInt(units) * l.pricePerCall
            if (!this.actors.canSpend(l.holder, fee)) continue
            this.actors.spend(l.holder, fee)
            if (fee > 0n) this.world.creditOwners(a)
            b.add(this.tx(l.holder, 'InvocationRouter', 'invoke', [BigInt(l.id), units, this.hash()], fee > 0n ? this.payGas(a) : 200_000))
            return true
        }
        return false
    }

    private issueReceipt(b: BlockBatch): boolean {
        const a = this.randomSettled(() => true)
        if (!a) return false
        this.issue(b, a)
        return true
    }

    private revokeReceipt(b: BlockBatch): boolean {
        const rs = this.world.receipts
        if (rs.length === 0) return false
        const r = this.rng.pick(rs)
        if (r.revoked) return false
        r.revoked = true
        b.add(this.tx(this.world.asset(r.assetId).owner, 'ContributionReceipts', 'revoke', [BigInt(r.id)], 200_000))
        return true
    }

    private claimReceipts(b: BlockBatch): boolean {
        const rs = this.world.receipts
        if (rs.length === 0) return false
        const paid = this.world.paidWithReceipts
        const who = paid.length > 0 && this.rng.chance(0.7)
            ? this.world.receiptById.get(this.rng.pick(this.world.asset(this.rng.pick(paid)).receipts))!.contributor
            : this.rng.pick(rs).contributor
        const mine = this.world.receiptsOf.get(who)!
        const ids = (mine.length <= 12 ? mine : this.rng.shuffle([...mine]).slice(0, 12)).map((r) => BigInt(r.id))
        b.add(this.tx(who, 'RevenueVault', 'claimReceipts', [ids], 150_000 + 80_000 * ids.length, {silentOk: true}))
        return true
    }

    private claimOwner(b: BlockBatch): boolean {
        const owed = this.world.owed
        if (owed.size === 0) return false
        const who = owed.values().next().value as Address
        owed.delete(who)
        b.add(this.tx(who, 'RevenueVault', 'claimOwner', [], 100_000, {silentOk: true}))
        return true
    }

    private update(b: BlockBatch): boolean {
        const a = this.randomSettled(() => true)
        if (!a) return false
        const uri = maybeHostile(this.rng, `ipfs://bafy${this.rng.hex(8).slice(2)}/${KIND_NAMES[a.kind]}-${a.id}-rev.json`, 0.15)
        b.add(this.tx(a.owner, 'AssetRegistry', 'update', [BigInt(a.id), uri, this.hash()], 120_000 + this.strGas(uri)))
        return true
    }

    private setContributorBps(b: BlockBatch): boolean {
        const a = this.randomSettled(() => true)
        if (!a) return false
        const max = 10_000 - a.upstreamBps
        a.contributorBps = this.rng.chance(0.1) ? 0 : Math.min(max, this.rng.range(1, 40) * 100)
        b.add(this.tx(a.owner, 'AssetRegistry', 'setContributorBps', [BigInt(a.id), a.contributorBps], 90_000))
        return true
    }

    private setStatus(b: BlockBatch, a: Asset, status: number): void {
        a.status = status
        this.world.refresh(a)
        b.add(this.tx(a.owner, 'AssetRegistry', 'setStatus', [BigInt(a.id), status], 90_000))
    }

    private pause(b: BlockBatch): boolean {
        const a = this.randomSettled((x) => x.status === STATUS.ACTIVE && !x.protected)
        if (!a) return false
        this.setStatus(b, a, STATUS.PAUSED)
        return true
    }

    private unpause(b: BlockBatch): boolean {
        const a = this.randomSettled((x) => x.status === STATUS.PAUSED)
        if (!a) return false
        this.setStatus(b, a, STATUS.ACTIVE)
        return true
    }

    private retire(b: BlockBatch): boolean {
        const a = this.randomSettled((x) => x.status !== STATUS.RETIRED && !x.protected)
        if (!a) return false
        this.setStatus(b, a, STATUS.RETIRED)
        return true
    }

    private transferAsset(b: BlockBatch): boolean {
        const a = this.randomSettled((x) => !x.protected || this.rng.chance(0.2))
        if (!a) return false
        const to = this.actors.other(a.owner)
        b.add(this.tx(a.owner, 'AssetRegistry', 'transferFrom', [a.owner, to, BigInt(a.id)], 120_000))
        a.owner = to
        return true
    }

    private transferLicense(b: BlockBatch): boolean {
        const ls = this.world.licenses
        if (ls.length === 0) return false
        const l = this.rng.pick(ls)
        const to = this.actors.other(l.holder)
        b.add(this.tx(l.holder, 'LicenseRegistry', 'transferFrom', [l.holder, to, BigInt(l.id)], 120_000))
        l.holder = to
        return true
    }

    private revokeLicense(b: BlockBatch): boolean {
        const ls = this.world.licenses
        if (ls.length === 0) return false
        const l = this.rng.pick(ls)
        if (l.revoked) return false
        l.revoked = true
        this.world.usable.set(l.slot, 0)
        b.add(this.tx(this.world.asset(l.assetId).owner, 'LicenseRegistry', 'revoke', [BigInt(l.id)], 90_000))
        return true
    }

    private extraTerms(b: BlockBatch): boolean {
        const a = this.randomSettled(() => true)
        if (!a || a.terms.length >= 6) return false
        this.createTerms(b, a, this.rng.weighted([2, 4, 4]))
        return true
    }

    private extraLink(b: BlockBatch): boolean {
        const a = this.randomSettled((x) => x.children === 0 && x.kind !== KIND.DATASET)
        if (!a) return false
        const pool = this.world.byKind[this.rng.pick([KIND.DATASET, KIND.MODEL])]
        if (pool.length === 0) return false
        const p = this.world.asset(this.rng.pick(pool))
        const bps = this.rng.range(1, 15) * 100
        if (!this.world.canLink(a, p, bps)) return false
        this.world.link(a, p, bps)
        b.add(this.tx(a.owner, 'AssetRegistry', 'link', [BigInt(a.id), BigInt(p.id), RELATION.EVALUATED_ON, bps], 240_000))
        return true
    }

    private deposit(b: BlockBatch): boolean {
        const amount = BigInt(this.rng.logUniform(1, 20_000)) * E18 + BigInt(this.rng.int(1_000_000))
        const from = this.actors.payer(amount)
        if (!from) return false
        this.actors.spend(from, amount)
        const memo = maybeHostile(this.rng, this.rng.pick(['community grant pool', 'bug bounty top-up', 'ecosystem fund', 'thank you, Sahara', 'donation']), 0.25)
        b.add(this.tx(from, 'Treasury', 'deposit', [amount, memo], 140_000 + this.strGas(memo)))
        return true
    }

    private plainTransfer(b: BlockBatch): boolean {
        const amount = BigInt(this.rng.logUniform(1, 5_000)) * E18
        const from = this.actors.payer(amount)
        if (!from) return false
        this.actors.spend(from, amount)
        b.add(this.tx(from, 'SaharaToken', 'transfer', [this.c.address.Treasury, amount], 100_000))
        return true
    }

    /** A small holder delegates to a bigger one, or back to itself. */
    private redelegate(b: BlockBatch): boolean {
        const n = this.actors.accounts.length
        const i = this.rng.range(Math.floor(n / 2), n - 1)
        const from = this.actors.accounts[i]
        const to = this.rng.chance(0.5) ? from : this.actors.accounts[this.rng.range(20, Math.floor(n / 2))]
        b.add(this.tx(from, 'SaharaToken', 'delegate', [to], 250_000))
        return true
    }
}

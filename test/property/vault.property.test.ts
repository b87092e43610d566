/**
 * Property tests: the deployed AssetRegistry / ContributionReceipts / LicenseRegistry /
 * InvocationRouter / RevenueVault / Treasury against the independent model of SPEC §2, §3, §6
 * (test/model/vault-model.ts), to the wei.
 *
 * Each scenario: a random lineage graph (random DAG, deep chain > 8, or stacked diamonds), then a
 * few dozen random operations (receipts issued/revoked, license terms, purchases, invocations,
 * Ownership-NFT transfers, contributor share changes, late links, status changes, fee changes,
 * claims, license transfers and revocations), mined in several blocks. Afterwards every view
 * equals the model, the vault's and the treasury's complete event streams equal the model's,
 * conservation holds per payment, and an indexer-style replay from the logs alone reproduces the
 * accumulators and the receipts' accrued amounts (sum of per-event attributions).
 *
 * Isolation: evm_snapshot / evm_revert around every scenario. Runs: PROPERTY_RUNS (default 20),
 * seed: PROPERTY_SEED.
 */
import fc from 'fast-check'
import {encodeFunctionData, parseEventLogs, toHex, type Address, type Hex} from 'viem'
import {beforeAll, describe, expect, it} from 'vitest'
import {simAccounts} from '../../devnet/accounts'
import {rpc, sendBatch, setAutomine, type Tx} from '../../devnet/chain'
import {useDevnet} from '../helpers/devnet'
import {
    AssetStatus,
    distributionPathCount,
    EventReplay,
    MAX_PARENTS,
    PaymentSource,
    VaultModel,
    type LineageView,
} from '../model/vault-model'


const chain = useDevnet()

const SIM = simAccounts()
/** Asset owners (also claim as owners). */
const OWNERS = SIM.slice(0, 8).map(lc)
/** Payers and licensees (rich: Zipf head), approved for LicenseRegistry and InvocationRouter. */
const PAYERS = SIM.slice(0, 16).map(lc)
const CONTRIBUTORS = SIM.slice(40, 60).map(lc)
/** Upper bound on RevenueDistributed events of one payment (keeps a transaction's gas sane). */
const MAX_EVENTS_PER_PAYMENT = 150
const RUNS = Number(process.env.PROPERTY_RUNS ?? 30)
const SEED = process.env.PROPERTY_SEED ? Number(process.env.PROPERTY_SEED) : undefined
const PAY_GAS = 60_000_000n
const LICENSE_DURATION = 10_000_000n
const MAX_UINT = (1n << 256n) - 1n
const ZERO32 = `0x${'00'.repeat(32)}` as Hex

function lc(a: string): Address {
    return a.toLowerCase() as Address
}

// ------------------------------------------------------------------------------------------------
// Plans (what fast-check generates): raw numbers, interpreted against the model's state.

interface AssetSpec {
    owner: number
    contributorBps: number
    kind: number
    /** pick: which earlier asset; share: fraction (bps) of the remaining bps budget. */
    parents: {pick: number; share: number; relation: number}[]
}

type Op =
    | {t: 'issue'; asset: number; who: number; weight: bigint; ctype: number}
    | {t: 'revoke'; pick: number}
    | {t: 'terms'; asset: number; ltype: number; price: bigint; ppc: bigint; perpetual: boolean}
    | {t: 'purchase'; pick: number; payer: number; licensee: number}
    | {t: 'invoke'; pick: number; units: number}
    | {t: 'transferAsset'; asset: number; to: number}
    | {t: 'contributorBps'; asset: number; bps: number}
    | {t: 'link'; asset: number; parent: number; share: number; relation: number}
    | {t: 'status'; asset: number; status: number}
    | {t: 'fee'; bps: number}
    | {t: 'claimOwner'; who: number}
    | {t: 'claimReceipts'; who: number; mask: number}
    | {t: 'revokeLicense'; pick: number}
    | {t: 'transferLicense'; pick: number; to: number}
    | {t: 'mine'}

interface Plan {
    shape: 'random' | 'chain' | 'diamonds'
    assets: AssetSpec[]
    /** Ops applied right after the graph (license terms and receipts, so that payments matter). */
    setup: Op[]
    ops: Op[]
}

const bpsArb = fc.oneof(
    {weight: 1, arbitrary: fc.constant(0)},
    {weight: 1, arbitrary: fc.constant(10_000)},
    {weight: 6, arbitrary: fc.integer({min: 0, max: 10_000})},
)
/** Wei amounts from dust (floors, zero upstream parts) to 20 000 SAHARA. */
const amountArb = fc.oneof(
    {weight: 2, arbitrary: fc.bigInt(1n, 50n)},
    {weight: 2, arbitrary: fc.bigInt(1n, 10n ** 7n)},
    {weight: 3, arbitrary: fc.bigInt(10n ** 15n, 10n ** 21n)},
    {weight: 2, arbitrary: fc.bigInt(1n, 2n * 10n ** 22n)},
)
const priceArb = fc.oneof({weight: 1, arbitrary: fc.constant(0n)}, {weight: 6, arbitrary: amountArb})
const ppcArb = fc.oneof({weight: 1, arbitrary: fc.constant(0n)}, {weight: 4, arbitrary: fc.bigInt(1n, 10n ** 21n)}, {weight: 2, arbitrary: fc.bigInt(1n, 1000n)})
const weightArb = fc.oneof(fc.bigInt(1n, 10n), fc.bigInt(1n, 10n ** 6n), fc.bigInt(10n ** 18n, 10n ** 24n))
const nat = (max = 1000) => fc.integer({min: 0, max})

const issueArb = fc.record({t: fc.constant('issue' as const), asset: nat(), who: nat(CONTRIBUTORS.length - 1), weight: weightArb, ctype: nat(5)})
const termsArb = fc.record({t: fc.constant('terms' as const), asset: nat(), ltype: nat(2), price: priceArb, ppc: ppcArb, perpetual: fc.boolean()})
const opArb: fc.Arbitrary<Op> = fc.oneof(
    {weight: 5, arbitrary: issueArb},
    {weight: 2, arbitrary: fc.record({t: fc.constant('revoke' as const), pick: nat()})},
    {weight: 3, arbitrary: termsArb},
    {weight: 8, arbitrary: fc.record({t: fc.constant('purchase' as const), pick: nat(), payer: nat(PAYERS.length - 1), licensee: nat(PAYERS.length - 1)})},
    {weight: 6, arbitrary: fc.record({t: fc.constant('invoke' as const), pick: nat(), units: fc.integer({min: 1, max: 5})})},
    {weight: 2, arbitrary: fc.record({t: fc.constant('transferAsset' as const), asset: nat(), to: nat(OWNERS.length - 1)})},
    {weight: 1, arbitrary: fc.record({t: fc.constant('contributorBps' as const), asset: nat(), bps: bpsArb})},
    {weight: 1, arbitrary: fc.record({t: fc.constant('link' as const), asset: nat(), parent: nat(), share: bpsArb, relation: nat(4)})},
    {weight: 1, arbitrary: fc.record({t: fc.constant('status' as const), asset: nat(), status: fc.constantFrom(0, 0, 1, 1, 2)})},
    {weight: 1, arbitrary: fc.record({t: fc.constant('fee' as const), bps: fc.oneof(fc.constantFrom(0, 1, 2000), fc.integer({min: 0, max: 2000}))})},
    {weight: 2, arbitrary: fc.record({t: fc.constant('claimOwner' as const), who: nat(OWNERS.length - 1)})},
    {weight: 2, arbitrary: fc.record({t: fc.constant('claimReceipts' as const), who: nat(), mask: nat(255)})},
    {weight: 1, arbitrary: fc.record({t: fc.constant('revokeLicense' as const), pick: nat()})},
    {weight: 1, arbitrary: fc.record({t: fc.constant('transferLicense' as const), pick: nat(), to: nat(PAYERS.length - 1)})},
    {weight: 3, arbitrary: fc.constant({t: 'mine' as const})},
)

const assetSpecArb: fc.Arbitrary<AssetSpec> = fc.record({
    owner: nat(OWNERS.length - 1),
    contributorBps: bpsArb,
    kind: nat(3),
    parents: fc.array(fc.record({pick: nat(), share: bpsArb, relation: nat(4)}), {maxLength: MAX_PARENTS}),
})

const planArb: fc.Arbitrary<Plan> = fc.record({
    shape: fc.constantFrom('random' as const, 'random' as const, 'chain' as const, 'diamonds' as const),
    assets: fc.array(assetSpecArb, {minLength: 2, maxLength: 16}),
    setup: fc.array(fc.oneof(termsArb, issueArb), {minLength: 2, maxLength: 8}),
    ops: fc.array(opArb, {minLength: 20, maxLength: 60}),
})

// ------------------------------------------------------------------------------------------------
// Interpreter: applies a plan to the model and produces the transactions and expected events.

interface ExpectedLog {
    eventName: string
    args: Record<string, unknown>
}

interface Terms {
    id: bigint
    assetId: bigint
    price: bigint
    ppc: bigint
    perpetual: boolean
}
interface License {
    id: bigint
    termsId: bigint
    holder: Address
    revoked: boolean
}

class Scenario {
    model = new VaultModel()
    terms: Terms[] = []
    licenses: License[] = []
    vaultLogs: ExpectedLog[] = []
    treasuryLogs: ExpectedLog[] = []
    /** LicenseRegistry, InvocationRouter and ContributionReceipts events (not ERC-721 Transfer/Approval). */
    licenseLogs: ExpectedLog[] = []
    routerLogs: ExpectedLog[] = []
    receiptLogs: ExpectedLog[] = []
    invocations = 0n
    /** Blocks of transactions (each mined by one evm_mine), with a description per transaction. */
    blocks: {tx: Tx; what: string}[][] = [[]]
    constructor(
        readonly addr: Record<string, Address>,
        readonly abi: Record<string, any[]>,
    ) {}

    private send(to: string, from: Address, functionName: string, args: unknown[], what: string, gas?: bigint) {
        const data = encodeFunctionData({abi: this.abi[to], functionName, args} as any)
        this.blocks[this.blocks.length - 1].push({tx: {from, to: this.addr[to], data, gas}, what})
    }

    mine() {
        if (this.blocks[this.blocks.length - 1].length > 0) this.blocks.push([])
    }

    private get n(): number {
        return this.model.assets.size
    }
    private assetAt(k: number): bigint {
        return BigInt((k % this.n) + 1)
    }
    private owner(id: bigint): Address {
        return this.model.asset(id).owner as Address
    }

    /** Max events of a payment to any asset (diamonds multiply paths). */
    private maxPaths(view: LineageView = this.model.view()): number {
        let m = 0
        for (const id of this.model.assets.keys()) m = Math.max(m, distributionPathCount(view, id))
        return m
    }

    private linkOk(assetId: bigint, parentId: bigint, bps: bigint): boolean {
        if (this.model.canLink(assetId, parentId, bps)) return false
        const base = this.model.view()
        const view: LineageView = {
            ...base,
            parents: (id) => (id === assetId ? [...base.parents(id), {parentId, upstreamBps: bps}] : base.parents(id)),
        }
        return this.maxPaths(view) <= MAX_EVENTS_PER_PAYMENT
    }

    private budget(id: bigint): bigint {
        const a = this.model.asset(id)
        return 10_000n - a.contributorBps - a.parents.reduce((s, p) => s + p.upstreamBps, 0n)
    }

    private link(assetId: bigint, parentId: bigint, share: number, relation: number) {
        const bps = (this.budget(assetId) * BigInt(share)) / 10_000n
        if (!this.linkOk(assetId, parentId, bps)) return
        const owner = this.owner(assetId)
        this.model.link(assetId, parentId, relation, bps, owner)
        this.send('AssetRegistry', owner, 'link', [assetId, parentId, relation, Number(bps)], `link(${assetId}, ${parentId}, ${bps})`)
    }

    buildGraph(plan: Plan) {
        // chains are at least 10 long (past the depth cap of 8)
        const specs = plan.shape === 'chain' ? Array.from({length: Math.max(10, plan.assets.length)}, (_, i) => plan.assets[i % plan.assets.length]) : plan.assets
        specs.forEach((spec, i) => {
            const owner = OWNERS[spec.owner]
            const cBps = BigInt(plan.shape === 'random' ? spec.contributorBps : spec.contributorBps % 3000)
            const id = this.model.register(owner, cBps, spec.kind)
            this.send('AssetRegistry', owner, 'register', [spec.kind, `ipfs://asset/${id}`, ZERO32, Number(cBps)], `register #${id}`)
            if (i === 0) return
            const ps = spec.parents
            if (plan.shape === 'chain') {
                const share = 5000 + ((ps[0]?.share ?? 10_000) % 5001)
                this.link(id, id - 1n, share, ps[0]?.relation ?? 0)
            } else if (plan.shape === 'diamonds') {
                this.link(id, id - 1n, 5000, 1)
                if (id > 2n) this.link(id, id - 2n, 10_000, 2)
            } else {
                for (const p of ps.slice(0, i)) this.link(id, BigInt((p.pick % i) + 1), p.share, p.relation)
            }
        })
        this.mine()
    }

    private payment(assetId: bigint, amount: bigint, payer: Address, source: PaymentSource): bigint {
        if (amount === 0n) return 0n
        const p = this.model.pay(assetId, amount, payer, source)!
        if (p.protocolFee > 0n) this.treasuryLogs.push({eventName: 'FeeReceived', args: {paymentId: p.paymentId, amount: p.protocolFee}})
        this.vaultLogs.push({
            eventName: 'PaymentReceived',
            args: {paymentId: p.paymentId, assetId, payer, source, amount, protocolFee: p.protocolFee},
        })
        for (const e of p.events) {
            this.vaultLogs.push({
                eventName: 'RevenueDistributed',
                args: {
                    paymentId: e.paymentId,
                    assetId: e.assetId,
                    depth: e.depth,
                    amount: e.amount,
                    toOwner: e.toOwner,
                    toContributors: e.toContributors,
                    toUpstream: e.toUpstream,
                    owner: e.owner,
                },
            })
        }
        return p.paymentId
    }

    apply(op: Op) {
        const m = this.model
        switch (op.t) {
            case 'mine':
                return this.mine()
            case 'issue': {
                const a = this.assetAt(op.asset)
                const owner = this.owner(a)
                const id = m.issue(a, CONTRIBUTORS[op.who], op.weight, op.ctype, owner)
                const evidence = `0x${id.toString(16).padStart(64, '0')}` as Hex
                this.receiptLogs.push({
                    eventName: 'ReceiptIssued',
                    args: {receiptId: id, assetId: a, contributor: CONTRIBUTORS[op.who], contributionType: op.ctype, weight: op.weight, evidence},
                })
                return this.send('ContributionReceipts', owner, 'issue', [a, CONTRIBUTORS[op.who], op.ctype, op.weight, evidence], `issue #${id} on ${a} w=${op.weight}`)
            }
            case 'revoke': {
                const active = [...m.receipts.values()].filter((r) => r.active)
                if (active.length === 0) return
                const r = active[op.pick % active.length]
                const owner = this.owner(r.assetId)
                m.revoke(r.id, owner)
                this.receiptLogs.push({eventName: 'ReceiptRevoked', args: {receiptId: r.id, assetId: r.assetId}})
                return this.send('ContributionReceipts', owner, 'revoke', [r.id], `revoke receipt #${r.id}`)
            }
            case 'terms': {
                // biased towards the last (most derived) assets, whose payments travel furthest
                const k = op.asset % 1000
                const a = BigInt(this.n - Math.floor(((k * k) / 1_000_000) * this.n))
                const owner = this.owner(a)
                const price = op.ltype === 0 ? 0n : op.price
                const id = BigInt(this.terms.length + 1)
                this.terms.push({id, assetId: a, price, ppc: op.ppc, perpetual: op.perpetual})
                const duration = op.perpetual ? 0n : LICENSE_DURATION
                this.licenseLogs.push({eventName: 'LicenseTermsCreated', args: {termsId: id, assetId: a, licenseType: op.ltype, price, duration, pricePerCall: op.ppc}})
                return this.send('LicenseRegistry', owner, 'createTerms', [a, op.ltype, price, duration, op.ppc], `createTerms #${id} on ${a}`)
            }
            case 'purchase': {
                const ok = this.terms.filter((t) => m.asset(t.assetId).status === AssetStatus.ACTIVE)
                if (ok.length === 0) return
                const t = ok[op.pick % ok.length]
                const payer = PAYERS[op.payer]
                const licensee = PAYERS[op.licensee]
                const id = BigInt(this.licenses.length + 1)
                this.licenses.push({id, termsId: t.id, holder: licensee, revoked: false})
                const pid = this.payment(t.assetId, t.price, payer, PaymentSource.LICENSE)
                this.licenseLogs.push({
                    eventName: 'LicenseIssued',
                    // expiresAt: 'duration' stands for block.timestamp + duration (checked against the block)
                    args: {licenseId: id, termsId: t.id, assetId: t.assetId, licensee, expiresAt: t.perpetual ? 0n : 'duration', pricePaid: t.price, paymentId: pid},
                })
                return this.send('LicenseRegistry', payer, 'purchase', [t.id, licensee], `purchase terms #${t.id} (asset ${t.assetId}, price ${t.price}, payment ${pid})`, PAY_GAS)
            }
            case 'invoke': {
                const ok = this.licenses.filter((l) => !l.revoked && m.asset(this.terms[Number(l.termsId) - 1].assetId).status === AssetStatus.ACTIVE)
                if (ok.length === 0) return
                const l = ok[op.pick % ok.length]
                const t = this.terms[Number(l.termsId) - 1]
                const fee = BigInt(op.units) * t.ppc
                const pid = this.payment(t.assetId, fee, l.holder, PaymentSource.INVOCATION)
                const req = `0x${'ab'.repeat(32)}` as Hex
                const invocationId = ++this.invocations
                this.routerLogs.push({
                    eventName: 'Invoked',
                    args: {invocationId, assetId: t.assetId, caller: l.holder, licenseId: l.id, units: op.units, fee, requestHash: req, paymentId: pid},
                })
                return this.send('InvocationRouter', l.holder, 'invoke', [l.id, op.units, req], `invoke license #${l.id} (asset ${t.assetId}, fee ${fee}, payment ${pid})`, PAY_GAS)
            }
            case 'transferAsset': {
                const a = this.assetAt(op.asset)
                const from = this.owner(a)
                const to = OWNERS[op.to]
                m.transferAsset(a, to, from)
                return this.send('AssetRegistry', from, 'transferFrom', [from, to, a], `transfer asset ${a} to ${to}`)
            }
            case 'contributorBps': {
                const a = this.assetAt(op.asset)
                const owner = this.owner(a)
                const max = this.budget(a) + m.asset(a).contributorBps
                const bps = BigInt(op.bps) > max ? max : BigInt(op.bps)
                m.setContributorBps(a, bps, owner)
                return this.send('AssetRegistry', owner, 'setContributorBps', [a, Number(bps)], `setContributorBps(${a}, ${bps})`)
            }
            case 'link': {
                if (this.n < 2) return
                const a = BigInt((op.asset % (this.n - 1)) + 2)
                const p = BigInt((op.parent % Number(a - 1n)) + 1)
                return this.link(a, p, op.share, op.relation)
            }
            case 'status': {
                const a = this.assetAt(op.asset)
                const cur = m.asset(a).status
                if (cur === AssetStatus.RETIRED || cur === op.status) return
                const owner = this.owner(a)
                m.setStatus(a, op.status, owner)
                return this.send('AssetRegistry', owner, 'setStatus', [a, op.status], `setStatus(${a}, ${op.status})`)
            }
            case 'fee': {
                const old = m.protocolFeeBps
                if (BigInt(op.bps) === old) return
                m.setProtocolFeeBps(BigInt(op.bps))
                this.vaultLogs.push({eventName: 'ProtocolFeeUpdated', args: {oldBps: Number(old), newBps: op.bps}})
                return this.send('RevenueVault', this.addr.DualTrackGovernor, 'setProtocolFeeBps', [op.bps], `setProtocolFeeBps(${op.bps})`)
            }
            case 'claimOwner': {
                const who = OWNERS[op.who]
                const amount = m.claimOwner(who)
                if (amount > 0n) this.vaultLogs.push({eventName: 'OwnerClaimed', args: {account: who, amount}})
                return this.send('RevenueVault', who, 'claimOwner', [], `claimOwner ${who} (${amount})`)
            }
            case 'claimReceipts': {
                const holders = [...new Set([...m.receipts.values()].map((r) => r.contributor))]
                if (holders.length === 0) return
                const who = holders[op.who % holders.length] as Address
                const mine = [...m.receipts.values()].filter((r) => r.contributor === who).map((r) => r.id)
                const ids = mine.filter((_, i) => (op.mask >> i % 8) & 1)
                if (op.mask % 5 === 0 && ids.length > 0) ids.push(ids[0]) // a duplicate id
                for (const c of m.claimReceipts(who, ids)) this.vaultLogs.push({eventName: 'ReceiptClaimed', args: {receiptId: c.receiptId, contributor: who, amount: c.amount}})
                return this.send('RevenueVault', who, 'claimReceipts', [ids], `claimReceipts ${who} [${ids}]`)
            }
            case 'revokeLicense': {
                const ok = this.licenses.filter((l) => !l.revoked)
                if (ok.length === 0) return
                const l = ok[op.pick % ok.length]
                l.revoked = true
                this.licenseLogs.push({eventName: 'LicenseRevoked', args: {licenseId: l.id}})
                const owner = this.owner(this.terms[Number(l.termsId) - 1].assetId)
                return this.send('LicenseRegistry', owner, 'revoke', [l.id], `revoke license #${l.id}`)
            }
            case 'transferLicense': {
                if (this.licenses.length === 0) return
                const l = this.licenses[op.pick % this.licenses.length]
                const to = PAYERS[op.to]
                const from = l.holder
                l.holder = to
                return this.send('LicenseRegistry', from, 'transferFrom', [from, to, l.id], `transfer license #${l.id} to ${to}`)
            }
        }
    }
}

// ------------------------------------------------------------------------------------------------
// Chain helpers

async function blockNumber(): Promise<bigint> {
    return BigInt(await rpc<Hex>(chain.client, 'eth_blockNumber'))
}

function normalize(v: unknown): unknown {
    if (typeof v === 'string' && /^0x[0-9a-fA-F]{40}$/.test(v)) return v.toLowerCase()
    return v
}

async function logsOf(name: string, from: bigint, to: bigint) {
    const raw = await chain.client.getLogs({address: chain.manifest.contracts[name as 'RevenueVault'], fromBlock: from, toBlock: to})
    return parseEventLogs({abi: chain.abi[name as 'RevenueVault'], logs: raw}).map((l: any) => ({
        eventName: l.eventName as string,
        args: Object.fromEntries(Object.entries(l.args).map(([k, v]) => [k, normalize(v)])),
        blockNumber: l.blockNumber as bigint,
        logIndex: l.logIndex as number,
        address: (l.address as string).toLowerCase(),
    }))
}

function read(name: string, functionName: string, args: unknown[] = []): Promise<any> {
    return chain.client.readContract({address: chain.manifest.contracts[name as 'RevenueVault'], abi: chain.abi[name as 'RevenueVault'], functionName, args} as any)
}

async function runScenario(plan: Plan, startBlock: bigint, baseline: {treasury: bigint; vault: bigint}) {
    const addr = chain.manifest.contracts as Record<string, Address>
    const s = new Scenario(addr, chain.abi as any)
    s.buildGraph(plan)
    for (const op of [...plan.setup, ...plan.ops]) s.apply(op)
    const m = s.model
    m.checkInvariants()

    // send, one evm_mine per block
    for (const block of s.blocks) {
        if (block.length === 0) continue
        try {
            await sendBatch(
                chain.client,
                block.map((b) => b.tx),
            )
        } catch (e: any) {
            const i = /transaction (\d+) of the batch/.exec(e.message)?.[1]
            throw new Error(`${e.message}\n  operation: ${i != null ? block[Number(i)].what : '?'}\n  block ops: ${block.map((b) => b.what).join('; ')}`)
        }
    }
    const endBlock = await blockNumber()

    // 1. complete event streams
    const vaultLogs = await logsOf('RevenueVault', startBlock + 1n, endBlock)
    expect(vaultLogs.map(({eventName, args}) => ({eventName, args}))).toEqual(s.vaultLogs)
    const treasuryLogs = (await logsOf('Treasury', startBlock + 1n, endBlock)).filter((l) => l.eventName === 'FeeReceived')
    expect(treasuryLogs.map(({eventName, args}) => ({eventName, args}))).toEqual(s.treasuryLogs)

    // license, invocation and receipt events, with their payment ids
    const stream = async (name: string) =>
        (await logsOf(name, startBlock + 1n, endBlock)).filter((l) => !['Transfer', 'Approval', 'ApprovalForAll'].includes(l.eventName))
    const licenseLogs = await stream('LicenseRegistry')
    const timestamps = new Map<bigint, bigint>()
    for (const l of licenseLogs) {
        const a = l.args as any
        if (l.eventName !== 'LicenseIssued' || a.expiresAt === 0n) continue
        if (!timestamps.has(l.blockNumber)) timestamps.set(l.blockNumber, (await chain.client.getBlock({blockNumber: l.blockNumber})).timestamp)
        if (a.expiresAt === timestamps.get(l.blockNumber)! + LICENSE_DURATION) a.expiresAt = 'duration'
    }
    expect(licenseLogs.map(({eventName, args}) => ({eventName, args}))).toEqual(s.licenseLogs)
    expect((await stream('InvocationRouter')).map(({eventName, args}) => ({eventName, args}))).toEqual(s.routerLogs)
    expect((await stream('ContributionReceipts')).map(({eventName, args}) => ({eventName, args}))).toEqual(s.receiptLogs)

    // 2. views, to the wei
    const assetIds = [...m.assets.keys()]
    const receiptIds = [...m.receipts.keys()]
    const accounts = [...new Set([...OWNERS, ...m.owners.keys()])]
    const [acc, tw, owners, accrued, claimable, claimed, ownerClaimable, treasuryBal, vaultBal, paymentCount, feeBps] = await Promise.all([
        Promise.all(assetIds.map((id) => read('RevenueVault', 'accRevenuePerWeight', [id]))),
        Promise.all(assetIds.map((id) => read('ContributionReceipts', 'totalWeight', [id]))),
        Promise.all(assetIds.map((id) => read('AssetRegistry', 'ownerOf', [id]))),
        Promise.all(receiptIds.map((id) => read('RevenueVault', 'receiptAccrued', [id]))),
        Promise.all(receiptIds.map((id) => read('RevenueVault', 'receiptClaimable', [id]))),
        Promise.all(receiptIds.map((id) => read('RevenueVault', 'receiptClaimed', [id]))),
        Promise.all(accounts.map((a) => read('RevenueVault', 'ownerClaimable', [a]))),
        read('SaharaToken', 'balanceOf', [addr.Treasury]),
        read('SaharaToken', 'balanceOf', [addr.RevenueVault]),
        read('RevenueVault', 'paymentCount'),
        read('RevenueVault', 'protocolFeeBps'),
    ])
    expect(acc).toEqual(assetIds.map((id) => m.accRevenuePerWeight(id)))
    expect(tw).toEqual(assetIds.map((id) => m.totalWeight(id)))
    expect(owners.map(lc)).toEqual(assetIds.map((id) => m.asset(id).owner))
    expect(accrued).toEqual(receiptIds.map((id) => m.receiptAccrued(id)))
    expect(claimable).toEqual(receiptIds.map((id) => m.receiptClaimable(id)))
    expect(claimed).toEqual(receiptIds.map((id) => m.receiptClaimed(id)))
    expect(ownerClaimable).toEqual(accounts.map((a) => m.ownerClaimable(a)))
    expect(treasuryBal - baseline.treasury).toBe(m.treasuryFees)
    expect(vaultBal - baseline.vault).toBe(m.vaultIn - m.vaultOut)
    expect(vaultBal - baseline.vault).toBe(m.expectedVaultBalance())
    expect(paymentCount).toBe(m.peekPaymentId() - 1n)
    expect(BigInt(feeBps)).toBe(m.protocolFeeBps)

    // 3. conservation per payment, from the emitted events
    const byPayment = new Map<bigint, {P: bigint; fee: bigint; sum: bigint}>()
    for (const l of vaultLogs) {
        const a = l.args as any
        if (l.eventName === 'PaymentReceived') byPayment.set(a.paymentId, {P: a.amount, fee: a.protocolFee, sum: 0n})
        if (l.eventName === 'RevenueDistributed') {
            byPayment.get(a.paymentId)!.sum += a.toOwner + a.toContributors
            expect(a.amount).toBe(a.toOwner + a.toContributors + a.toUpstream)
        }
    }
    for (const [id, p] of byPayment) expect(p.P, `payment ${id}`).toBe(p.fee + p.sum)

    // 4. indexer-style replay from logs: accumulators, attribution sums, residuals
    const receiptLogs = await logsOf('ContributionReceipts', startBlock + 1n, endBlock)
    const all = [...receiptLogs, ...vaultLogs].sort((x, y) => (x.blockNumber === y.blockNumber ? x.logIndex - y.logIndex : Number(x.blockNumber - y.blockNumber)))
    const replay = new EventReplay()
    for (const l of all) replay.apply(l.eventName, l.args)
    assetIds.forEach((id, i) => expect(replay.acc.get(id) ?? 0n, `acc of asset ${id}`).toBe(acc[i]))
    receiptIds.forEach((id, i) => {
        expect(replay.accrued(id), `attributions of receipt ${id}`).toBe(accrued[i])
        expect(replay.receipts.get(id)!.claimed).toBe(claimed[i])
        expect(m.attributionsForReceipt(id).reduce((s, x) => s + x.amount, 0n)).toBe(accrued[i])
    })
    for (const id of assetIds) {
        expect(replay.residual(id), `residual of asset ${id}`).toBeGreaterThanOrEqual(0n)
        expect(replay.residual(id)).toBe(m.residual(id))
    }
    return {residual: assetIds.reduce((s, id) => s + m.residual(id), 0n), events: m.events.length, payments: m.payments.length, txs: s.blocks.reduce((n, b) => n + b.length, 0), maxDepth: Math.max(0, ...m.events.map((e) => e.depth))}
}

// ------------------------------------------------------------------------------------------------
// Fixed examples (always run first): deep chain past the depth cap, stacked diamonds, dust.

const chainPlan: Plan = {
    shape: 'chain',
    assets: Array.from({length: 12}, (_, i) => ({owner: i % 4, contributorBps: i === 1 || i === 2 ? 1000 : 0, kind: 1, parents: [{pick: 0, share: 10_000, relation: 0}]})),
    setup: [],
    ops: [
        {t: 'issue', asset: 0, who: 0, weight: 1n, ctype: 0}, // asset 1: beyond depth 8 from asset 12
        {t: 'issue', asset: 1, who: 1, weight: 3n, ctype: 0}, // asset 2
        {t: 'issue', asset: 2, who: 2, weight: 7n, ctype: 0}, // asset 3
        {t: 'terms', asset: 11, ltype: 2, price: 10n ** 21n, ppc: 10n ** 18n, perpetual: true},
        {t: 'terms', asset: 10, ltype: 1, price: 999n, ppc: 1n, perpetual: false},
        {t: 'mine'},
        {t: 'purchase', pick: 0, payer: 0, licensee: 1},
        {t: 'purchase', pick: 1, payer: 2, licensee: 2},
        {t: 'invoke', pick: 0, units: 3},
        {t: 'invoke', pick: 1, units: 1},
        {t: 'transferAsset', asset: 1, to: 7},
        {t: 'mine'},
        {t: 'purchase', pick: 0, payer: 3, licensee: 3},
        {t: 'issue', asset: 1, who: 3, weight: 10n ** 20n, ctype: 1},
        {t: 'fee', bps: 0},
        {t: 'purchase', pick: 1, payer: 3, licensee: 3},
        {t: 'revoke', pick: 1},
        {t: 'invoke', pick: 2, units: 5},
        {t: 'claimOwner', who: 7},
        {t: 'claimReceipts', who: 0, mask: 255},
        {t: 'fee', bps: 2000},
        {t: 'purchase', pick: 0, payer: 4, licensee: 4},
    ],
}

const diamondPlan: Plan = {
    shape: 'diamonds',
    assets: Array.from({length: 9}, (_, i) => ({owner: i % 3, contributorBps: 2500, kind: 2, parents: []})),
    setup: [],
    ops: [
        {t: 'issue', asset: 0, who: 0, weight: 1n, ctype: 0},
        {t: 'issue', asset: 0, who: 1, weight: 2n, ctype: 0},
        {t: 'issue', asset: 3, who: 2, weight: 5n, ctype: 0},
        {t: 'terms', asset: 8, ltype: 2, price: 10n ** 22n + 7n, ppc: 333n, perpetual: true},
        {t: 'purchase', pick: 0, payer: 0, licensee: 0},
        {t: 'invoke', pick: 0, units: 1},
        {t: 'issue', asset: 0, who: 3, weight: 4n, ctype: 0},
        {t: 'mine'},
        {t: 'purchase', pick: 0, payer: 1, licensee: 1},
        {t: 'status', asset: 0, status: 1}, // paused ancestor still receives
        {t: 'purchase', pick: 0, payer: 1, licensee: 1},
        {t: 'revoke', pick: 0},
        {t: 'invoke', pick: 1, units: 2},
        {t: 'claimReceipts', who: 1, mask: 255},
        {t: 'claimOwner', who: 0},
        {t: 'claimOwner', who: 0},
    ],
}

const dustPlan: Plan = {
    shape: 'random',
    assets: [
        {owner: 0, contributorBps: 10_000, kind: 0, parents: []},
        {owner: 1, contributorBps: 5000, kind: 0, parents: [{pick: 0, share: 2000, relation: 0}]},
        {owner: 2, contributorBps: 0, kind: 0, parents: [{pick: 0, share: 0, relation: 0}, {pick: 1, share: 10_000, relation: 1}]},
    ],
    setup: [],
    ops: [
        {t: 'issue', asset: 0, who: 0, weight: 3n, ctype: 0},
        {t: 'issue', asset: 1, who: 1, weight: 10n ** 24n, ctype: 0},
        {t: 'issue', asset: 1, who: 2, weight: 1n, ctype: 0},
        ...[1n, 2n, 19n, 20n, 21n, 39n, 41n, 199n].map((price) => ({t: 'terms' as const, asset: 2, ltype: 1, price, ppc: price, perpetual: true})),
        ...Array.from({length: 8}, (_, i) => ({t: 'purchase' as const, pick: i, payer: i, licensee: i})),
        ...Array.from({length: 8}, (_, i) => ({t: 'invoke' as const, pick: i, units: 1 + (i % 3)})),
        {t: 'terms', asset: 2, ltype: 0, price: 0n, ppc: 0n, perpetual: true}, // open use: free
        {t: 'purchase', pick: 8, payer: 9, licensee: 9},
        {t: 'invoke', pick: 8, units: 4}, // fee 0: no payment
        {t: 'claimReceipts', who: 0, mask: 1},
    ],
}

describe('RevenueVault and lineage against the SPEC model', () => {
    let baseline: {treasury: bigint; vault: bigint}
    let snapshot: Hex

    beforeAll(async () => {
        const c = chain.client
        const {LicenseRegistry, InvocationRouter, SaharaToken, DualTrackGovernor} = chain.manifest.contracts
        await rpc(c, 'anvil_setBalance', [DualTrackGovernor, '0x3635c9adc5dea00000'])
        await setAutomine(c, false)
        const txs: Tx[] = []
        for (const p of PAYERS) {
            for (const spender of [LicenseRegistry, InvocationRouter]) {
                txs.push({from: p, to: SaharaToken, data: encodeFunctionData({abi: chain.abi.SaharaToken, functionName: 'approve', args: [spender, MAX_UINT]})})
            }
        }
        await sendBatch(c, txs)
        baseline = {
            treasury: await read('SaharaToken', 'balanceOf', [chain.manifest.contracts.Treasury]),
            vault: await read('SaharaToken', 'balanceOf', [chain.manifest.contracts.RevenueVault]),
        }
        snapshot = await rpc<Hex>(c, 'evm_snapshot')
    })

    async function isolated<T>(f: (start: bigint) => Promise<T>): Promise<T> {
        try {
            return await f(await blockNumber())
        } finally {
            await rpc(chain.client, 'evm_revert', [snapshot])
            snapshot = await rpc<Hex>(chain.client, 'evm_snapshot')
        }
    }

    it('fixed: chain of 12 past the depth cap (receipts at depth 8 and beyond), fee changes, claims', async () => {
        const r = await isolated((start) => runScenario(chainPlan, start, baseline))
        expect(r.maxDepth).toBe(8)
        expect(r.payments).toBe(8)
    })

    it('fixed: stacked diamonds (ancestors reached once per path), paused ancestor', async () => {
        const r = await isolated((start) => runScenario(diamondPlan, start, baseline))
        expect(r.events).toBeGreaterThan(20)
    })

    it('fixed: dust amounts (zero fees, zero upstream parts, floors and residuals)', async () => {
        const r = await isolated((start) => runScenario(dustPlan, start, baseline))
        expect(r.payments).toBe(16)
    })

    it('SPEC edge semantics and revert conditions of §2-§6 (real transactions, checked by status)', async () => {
        await isolated(async () => {
            const c = chain.client
            const A = chain.manifest.contracts
            const [O1, O2] = OWNERS
            const [P1, P2] = PAYERS
            const [K1, K2] = CONTRIBUTORS
            const stranger = lc(SIM[100])
            const gov = A.DualTrackGovernor
            type T = {to: keyof typeof A; from: Address; fn: string; args: unknown[]; ok: boolean; what: string}
            const t = (to: keyof typeof A, from: Address, fn: string, args: unknown[], ok: boolean, what: string): T => ({to, from, fn, args, ok, what})
            const block = async (txs: T[]) => {
                const hashes: Hex[] = []
                for (const x of txs) {
                    const data = encodeFunctionData({abi: chain.abi[x.to], functionName: x.fn, args: x.args} as any)
                    hashes.push(await rpc<Hex>(c, 'eth_sendTransaction', [{from: x.from, to: A[x.to], data, gas: '0x1c9c380'}]))
                }
                await rpc(c, 'evm_mine', [])
                const receipts = await Promise.all(hashes.map((h) => rpc<any>(c, 'eth_getTransactionReceipt', [h])))
                const wrong = txs.filter((x, i) => (receipts[i].status === '0x1') !== x.ok).map((x) => `${x.what}: expected ${x.ok ? 'success' : 'revert'}`)
                expect(wrong).toEqual([])
                return receipts
            }
            const h = ZERO32
            // assets 1..10 by O1, asset 11 by O2
            await block([
                t('AssetRegistry', O1, 'register', [0, 'a', h, 10_001], false, 'register contributorBps 10001'),
                ...Array.from({length: 10}, (_, i) => t('AssetRegistry', O1, 'register', [i % 4, `a${i + 1}`, h, 1000], true, `register ${i + 1}`)),
                t('AssetRegistry', O2, 'register', [1, 'a11', h, 10_000], true, 'register 11 with contributorBps 10000'),
                t('AssetRegistry', O1, 'register', [4, 'bad kind', h, 0], false, 'register kind 4 (no such AssetKind)'),
            ])
            expect(await read('AssetRegistry', 'assetCount')).toBe(11n)
            await block([
                t('AssetRegistry', O1, 'link', [2n, 2n, 0, 100], false, 'link to itself'),
                t('AssetRegistry', O1, 'link', [2n, 3n, 0, 100], false, 'link to a later asset'),
                t('AssetRegistry', O1, 'link', [2n, 99n, 0, 100], false, 'link to an unknown parent'),
                t('AssetRegistry', O1, 'link', [99n, 1n, 0, 100], false, 'link of an unknown asset'),
                t('AssetRegistry', O2, 'link', [2n, 1n, 0, 100], false, 'link by a non-owner'),
                t('AssetRegistry', O1, 'link', [2n, 1n, 5, 100], false, 'link with relation 5 (no such Relation)'),
                t('AssetRegistry', O1, 'link', [2n, 1n, 0, 9000], true, 'link 2 -> 1 at 9000 (with contributorBps 1000: sum 10000)'),
                t('AssetRegistry', O1, 'link', [2n, 1n, 1, 0], false, 'duplicate link'),
                ...Array.from({length: 8}, (_, i) => t('AssetRegistry', O1, 'link', [10n, BigInt(i + 1), i % 5, 100], true, `link 10 -> ${i + 1}`)),
                t('AssetRegistry', O1, 'link', [10n, 9n, 0, 0], false, 'a 9th parent'),
                t('AssetRegistry', O1, 'link', [9n, 3n, 0, 9001], false, 'upstream sum above the budget'),
                t('AssetRegistry', O2, 'link', [11n, 1n, 0, 0], true, 'a 0 bps link when contributorBps is 10000'),
                t('AssetRegistry', O2, 'link', [11n, 2n, 0, 1], false, 'a 1 bps link when contributorBps is 10000'),
                t('AssetRegistry', O1, 'setContributorBps', [2n, 1001], false, 'setContributorBps above the budget'),
                t('AssetRegistry', O2, 'setContributorBps', [3n, 0], false, 'setContributorBps by a non-owner'),
                t('AssetRegistry', O1, 'setContributorBps', [2n, 0], true, 'setContributorBps 0'),
                t('AssetRegistry', O1, 'setContributorBps', [2n, 1000], true, 'setContributorBps back to 1000'),
                t('AssetRegistry', O1, 'update', [3n, 'v2', h], true, 'update 3 (version 2)'),
                t('AssetRegistry', O1, 'update', [3n, 'v3', h], true, 'update 3 (version 3)'),
                t('AssetRegistry', O2, 'update', [3n, 'x', h], false, 'update by a non-owner'),
                t('AssetRegistry', O1, 'update', [99n, 'x', h], false, 'update of an unknown asset'),
                t('AssetRegistry', O1, 'setStatus', [4n, 2], true, 'retire 4'),
                t('AssetRegistry', O1, 'setStatus', [4n, 0], false, 'reactivate a retired asset'),
                t('AssetRegistry', O1, 'setStatus', [4n, 2], false, 'retire twice'),
                t('AssetRegistry', O1, 'setStatus', [5n, 1], true, 'pause 5'),
                t('AssetRegistry', O2, 'setStatus', [6n, 1], false, 'setStatus by a non-owner'),
                t('AssetRegistry', O1, 'setStatus', [6n, 3], false, 'setStatus 3 (no such AssetStatus)'),
            ])
            expect(await read('AssetRegistry', 'version', [3n])).toBe(3)
            const [parentIds, bps] = await read('AssetRegistry', 'parents', [10n])
            expect(parentIds).toEqual([1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n])
            expect(bps).toEqual(Array(8).fill(100))
            // receipts
            await block([
                t('ContributionReceipts', O1, 'issue', [1n, K1, 0, 0n, h], false, 'issue weight 0'),
                t('ContributionReceipts', O2, 'issue', [1n, K1, 0, 1n, h], false, 'issue by a non-owner'),
                t('ContributionReceipts', O1, 'issue', [99n, K1, 0, 1n, h], false, 'issue on an unknown asset'),
                t('ContributionReceipts', O1, 'issue', [1n, K1, 6, 1n, h], false, 'issue contributionType 6 (no such type)'),
                t('ContributionReceipts', O1, 'issue', [1n, K1, 5, 2n, h], true, 'receipt 1 on asset 1'),
                t('ContributionReceipts', O1, 'issue', [4n, K2, 0, 1n, h], true, 'receipt 2 on retired asset 4'),
                t('ContributionReceipts', O1, 'issue', [2n, K2, 1, 1n, h], true, 'receipt 3 on asset 2'),
                t('ContributionReceipts', O2, 'revoke', [3n], false, 'revoke by a non-owner'),
                t('ContributionReceipts', O1, 'revoke', [3n], true, 'revoke receipt 3'),
                t('ContributionReceipts', O1, 'revoke', [3n], false, 'revoke twice'),
                t('ContributionReceipts', O1, 'revoke', [99n], false, 'revoke an unknown receipt'),
                t('ContributionReceipts', K1, 'transferFrom', [K1, K2, 1n], false, 'a receipt is soulbound'),
            ])
            expect(await read('ContributionReceipts', 'totalWeight', [1n])).toBe(2n)
            expect(await read('ContributionReceipts', 'totalWeight', [2n])).toBe(0n)
            // terms, licenses, invocations
            await block([
                t('LicenseRegistry', O1, 'createTerms', [1n, 0, 1n, 0n, 0n], false, 'OPEN_USE with a price'),
                t('LicenseRegistry', O2, 'createTerms', [1n, 1, 1n, 0n, 0n], false, 'createTerms by a non-owner'),
                t('LicenseRegistry', O1, 'createTerms', [99n, 1, 1n, 0n, 0n], false, 'createTerms on an unknown asset'),
                t('LicenseRegistry', O1, 'createTerms', [1n, 3, 1n, 0n, 0n], false, 'licenseType 3 (no such type)'),
                t('LicenseRegistry', O1, 'createTerms', [2n, 0, 0n, 0n, 5n], true, 'terms 1: open use, per call 5'),
                t('LicenseRegistry', O1, 'createTerms', [2n, 2, 1000n, 100n, 7n], true, 'terms 2: 100 s'),
                t('LicenseRegistry', O1, 'createTerms', [4n, 1, 10n, 0n, 0n], true, 'terms 3 on a retired asset'),
                t('LicenseRegistry', O1, 'createTerms', [5n, 1, 10n, 0n, 0n], true, 'terms 4 on a paused asset'),
                t('LicenseRegistry', P1, 'purchase', [1n, P1], true, 'license 1 (free)'),
                t('LicenseRegistry', P1, 'purchase', [2n, P2], true, 'license 2 (paid by P1 for P2)'),
                t('LicenseRegistry', P1, 'purchase', [3n, P1], false, 'purchase on a retired asset'),
                t('LicenseRegistry', P1, 'purchase', [4n, P1], false, 'purchase on a paused asset'),
                t('LicenseRegistry', P1, 'purchase', [99n, P1], false, 'purchase unknown terms'),
                t('LicenseRegistry', stranger, 'purchase', [2n, stranger], false, 'purchase without approval'),
                t('InvocationRouter', P1, 'invoke', [1n, 0, h], false, 'invoke 0 units'),
                t('InvocationRouter', P2, 'invoke', [1n, 1, h], false, 'invoke by a non-holder'),
                t('InvocationRouter', P1, 'invoke', [1n, 3, h], true, 'invocation 1: fee 15'),
                t('InvocationRouter', P2, 'invoke', [2n, 1, h], true, 'invocation 2: fee 7'),
                t('InvocationRouter', P1, 'invoke', [99n, 1, h], false, 'invoke an unknown license'),
                t('LicenseRegistry', O2, 'revoke', [1n], false, 'license revoke by a non-owner of the asset'),
                t('LicenseRegistry', O1, 'revoke', [1n], true, 'revoke license 1'),
                t('LicenseRegistry', O1, 'revoke', [1n], false, 'revoke license 1 twice'),
                t('InvocationRouter', P1, 'invoke', [1n, 1, h], false, 'invoke a revoked license'),
                t('RevenueVault', gov, 'setProtocolFeeBps', [2001], false, 'fee above 2000'),
                t('RevenueVault', O1, 'setProtocolFeeBps', [100], false, 'fee set by a non-governor'),
                t('RevenueVault', stranger, 'routePayment', [1n, stranger, 0, 1n], false, 'routePayment by a stranger'),
                t('RevenueVault', K2, 'claimReceipts', [[1n]], false, 'claim a receipt of someone else'),
                t('RevenueVault', stranger, 'claimOwner', [], true, 'claimOwner with nothing: no-op'),
                t('Treasury', stranger, 'recordFee', [1n, 1n], false, 'recordFee by a stranger'),
                t('Treasury', stranger, 'disburse', [stranger, 1n, 0, 'x'], false, 'disburse by a stranger'),
            ])
            expect(await read('LicenseRegistry', 'isValid', [1n])).toBe(false)
            expect(await read('LicenseRegistry', 'isValid', [2n])).toBe(true)
            expect(await read('LicenseRegistry', 'isValid', [99n])).toBe(false)
            const lastBlock = await blockNumber()
            const logs = [...(await logsOf('LicenseRegistry', lastBlock, lastBlock)), ...(await logsOf('InvocationRouter', lastBlock, lastBlock))]
            const ts = (await c.getBlock({blockNumber: lastBlock})).timestamp
            expect(logs.filter((l) => l.eventName === 'LicenseIssued').map((l) => [l.args.licenseId, l.args.expiresAt, l.args.pricePaid, l.args.paymentId])).toEqual([
                [1n, 0n, 0n, 0n],
                [2n, ts + 100n, 1000n, 1n],
            ])
            expect(logs.filter((l) => l.eventName === 'Invoked').map((l) => [l.args.invocationId, l.args.fee, l.args.paymentId])).toEqual([
                [1n, 15n, 2n],
                [2n, 7n, 3n],
            ])
            // expiry: valid strictly before expiresAt
            await rpc(c, 'evm_setNextBlockTimestamp', [toHex(ts + 99n)])
            await block([t('InvocationRouter', P2, 'invoke', [2n, 1, h], true, 'invoke 1 s before expiry')])
            await rpc(c, 'evm_setNextBlockTimestamp', [toHex(ts + 100n)])
            await block([t('InvocationRouter', P2, 'invoke', [2n, 1, h], false, 'invoke at expiresAt')])
            expect(await read('LicenseRegistry', 'isValid', [2n])).toBe(false)
            // revenue still flows to the retired and paused ancestors (4 and 5 are parents of 10)
            await block([
                t('LicenseRegistry', O1, 'createTerms', [10n, 2, 10n ** 18n, 0n, 0n], true, 'terms 5 on asset 10'),
                t('LicenseRegistry', P1, 'purchase', [5n, P1], true, 'purchase on asset 10'),
            ])
            const n = await blockNumber()
            const dist = (await logsOf('RevenueVault', n, n)).filter((l) => l.eventName === 'RevenueDistributed').map((l) => l.args.assetId)
            expect(dist).toEqual([1n, 1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 10n])
        })
    })

    it(`random scenarios (${RUNS} runs)`, async () => {
        const stats = {events: 0, payments: 0, txs: 0, deep: 0, residual: 0n}
        await fc.assert(
            fc.asyncProperty(planArb, async (plan) => {
                const r = await isolated((start) => runScenario(plan, start, baseline))
                stats.events += r.events
                stats.payments += r.payments
                stats.txs += r.txs
                if (r.maxDepth === 8) stats.deep++
                stats.residual += r.residual
            }),
            {numRuns: RUNS, seed: SEED, endOnFailure: true},
        )
        console.log(`vault property: ${RUNS} scenarios, ${stats.txs} transactions, ${stats.payments} payments, ${stats.events} RevenueDistributed events, ${stats.deep} scenarios reaching depth 8, total residual ${stats.residual} wei`)
    })
})

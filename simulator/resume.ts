/**
 * Resuming a simulated economy: the simulator keeps its model of the protocol (simulator/world.ts)
 * in memory only, so on a chain it has already driven (a restarted `npm start`, a loaded state
 * dump) it rebuilds that model from the chain's events instead of seeding a second economy on top
 * of the first (the seed scenario registers its ~23 showcase assets at once). The chain is the
 * truth: what a run killed hard had queued but never mined is simply not there.
 */
import {toEventSelector, type Address, type Hex} from 'viem'
import type {DeploymentManifest} from '../src/config/manifest'
import {Contracts, protocolAbis, type ContractName} from './contracts'
import {forEachLogPage} from './counts'
import {Rng} from './rng'
import {hexToNumber, Rpc} from './rpc'
import {STATUS, World, type License, type Receipt} from './world'

export interface ResumeSummary {
    assets: number
    terms: number
    licenses: number
    receipts: number
    /** Governance rounds already on the chain (ProposalCreated / 10, rounded up). */
    rounds: number
    fromBlock: number
    toBlock: number
}

/** How many assets the AssetRegistry holds (0 on a chain the simulator has not driven yet). */
export async function assetCount(rpc: Rpc, c: Contracts): Promise<number> {
    return hexToNumber(await rpc.call<Hex>('eth_call', [{to: c.address.AssetRegistry, data: c.encode('AssetRegistry', 'assetCount', [])}, 'latest']))
}

function topicOf(contract: ContractName, event: string): Hex {
    const item = protocolAbis()[contract].find((x: any) => x.type === 'event' && x.name === event)
    if (!item) throw new Error(`no event ${contract}.${event}`)
    return toEventSelector(item)
}

const word = (data: Hex, i: number): bigint => BigInt(`0x${data.slice(2 + 64 * i, 2 + 64 * (i + 1)) || '0'}`)
const topicNumber = (t: Hex | undefined): number => Number(BigInt(t ?? '0x0'))
const topicAddress = (t: Hex | undefined): Address => `0x${(t ?? '').slice(26)}`.toLowerCase() as Address
const ZERO = '0x0000000000000000000000000000000000000000'

/**
 * Replays the protocol's events in [fromBlock, toBlock] into `world`, in chain order: assets (owner,
 * kind, status, shares, lineage), license terms, licenses (holder, expiry, revocation) and receipts.
 * What the chain does not record is drawn again: popularity from `rng`; the lineage showcases
 * (the first `protectedCount` assets, see Economy.showcases) stay protected. Every asset is settled.
 */
export async function rebuildWorld(
    rpc: Rpc,
    m: DeploymentManifest,
    world: World,
    opts: {fromBlock: number; toBlock: number; rng: Rng; protectedCount: number},
): Promise<ResumeSummary> {
    const a = (addr: string) => addr.toLowerCase()
    const reg = a(m.contracts.AssetRegistry)
    const lic = a(m.contracts.LicenseRegistry)
    const rec = a(m.contracts.ContributionReceipts)
    const gov = a(m.contracts.DualTrackGovernor)
    const T = {
        registered: topicOf('AssetRegistry', 'AssetRegistered'),
        linked: topicOf('AssetRegistry', 'AssetLinked'),
        status: topicOf('AssetRegistry', 'AssetStatusChanged'),
        share: topicOf('AssetRegistry', 'ContributorShareSet'),
        transfer: topicOf('AssetRegistry', 'Transfer'), // the same signature on all three NFTs
        terms: topicOf('LicenseRegistry', 'LicenseTermsCreated'),
        issued: topicOf('LicenseRegistry', 'LicenseIssued'),
        revoked: topicOf('LicenseRegistry', 'LicenseRevoked'),
        receipt: topicOf('ContributionReceipts', 'ReceiptIssued'),
        receiptRevoked: topicOf('ContributionReceipts', 'ReceiptRevoked'),
        proposal: topicOf('DualTrackGovernor', 'ProposalCreated'),
    }
    const licenses = new Map<number, License>()
    const receipts = new Map<number, Receipt>()
    let proposals = 0
    await forEachLogPage(rpc, m, opts.fromBlock, opts.toBlock, (logs) => {
        for (const l of logs) {
            const at = a(l.address)
            const [t0, t1, t2, t3] = l.topics
            if (at === reg) {
                if (t0 === T.registered) {
                    const id = topicNumber(t1)
                    world.addAsset({
                        id,
                        owner: topicAddress(t2),
                        kind: Number(word(l.data, 0)),
                        status: STATUS.ACTIVE,
                        contributorBps: Number(word(l.data, 3)),
                        popularity: opts.rng.pareto(1.1),
                        protected: id <= opts.protectedCount,
                    })
                } else if (t0 === T.linked) {
                    const child = world.assets.get(topicNumber(t1))
                    const parent = world.assets.get(topicNumber(t2))
                    if (child && parent) world.link(child, parent, Number(word(l.data, 1)))
                } else if (t0 === T.status) {
                    const x = world.assets.get(topicNumber(t1))
                    if (x) x.status = Number(word(l.data, 0))
                } else if (t0 === T.share) {
                    const x = world.assets.get(topicNumber(t1))
                    if (x) x.contributorBps = Number(word(l.data, 0))
                } else if (t0 === T.transfer && topicAddress(t1) !== ZERO) {
                    const x = world.assets.get(topicNumber(t3))
                    if (x) x.owner = topicAddress(t2)
                }
            } else if (at === lic) {
                if (t0 === T.terms) {
                    const id = topicNumber(t1)
                    const x = world.assets.get(topicNumber(t2))
                    if (!x) continue
                    world.terms.set(id, {id, assetId: x.id, type: Number(word(l.data, 0)), price: word(l.data, 1), duration: Number(word(l.data, 2)), pricePerCall: word(l.data, 3)})
                    x.terms.push(id)
                } else if (t0 === T.issued) {
                    const terms = world.terms.get(topicNumber(t2))
                    const x = world.assets.get(topicNumber(t3))
                    if (!terms || !x) continue
                    const id = topicNumber(t1)
                    const weight = x.popularity * (terms.pricePerCall > 0n ? 1 : 0.3)
                    const holder = `0x${l.data.slice(2 + 24, 2 + 64)}`.toLowerCase() as Address
                    const license = world.addLicense({id, termsId: terms.id, assetId: x.id, holder, expiresAt: Number(word(l.data, 1)), revoked: false, pricePerCall: terms.pricePerCall}, weight)
                    licenses.set(id, license)
                } else if (t0 === T.revoked) {
                    const x = licenses.get(topicNumber(t1))
                    if (x) {
                        x.revoked = true
                        world.usable.set(x.slot, 0)
                    }
                } else if (t0 === T.transfer && topicAddress(t1) !== ZERO) {
                    const x = licenses.get(topicNumber(t3))
                    if (x) x.holder = topicAddress(t2)
                }
            } else if (at === rec) {
                if (t0 === T.receipt) {
                    if (!world.assets.has(topicNumber(t2))) continue
                    const r: Receipt = {id: topicNumber(t1), assetId: topicNumber(t2), contributor: topicAddress(t3), weight: word(l.data, 1), revoked: false}
                    world.addReceipt(r)
                    receipts.set(r.id, r)
                } else if (t0 === T.receiptRevoked) {
                    const r = receipts.get(topicNumber(t1))
                    if (r) r.revoked = true
                }
            } else if (at === gov && t0 === T.proposal) {
                proposals++
            }
        }
    })
    for (const x of [...world.assets.values()].sort((p, q) => p.id - q.id)) world.settle(x)
    return {
        assets: world.registeredCount,
        terms: world.terms.size,
        licenses: world.licenses.length,
        receipts: world.receipts.length,
        rounds: Math.ceil(proposals / 10),
        fromBlock: opts.fromBlock,
        toBlock: opts.toBlock,
    }
}

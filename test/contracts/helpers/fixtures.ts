/** Small builders for protocol state used by several test files. */
import {type Address, type Hex} from 'viem'
import {h32, type Protocol, type Sent} from './protocol'

export const KIND = {DATASET: 0, MODEL: 1, AGENT: 2, PIPELINE: 3} as const
export const STATUS = {ACTIVE: 0, PAUSED: 1, RETIRED: 2} as const
export const LICENSE = {OPEN_USE: 0, NON_COMMERCIAL: 1, COMMERCIAL_REMIX: 2} as const
export const SOURCE = {LICENSE: 0, INVOCATION: 1} as const

export async function registerAsset(P: Protocol, owner: Address, contributorBps = 0, kind: number = KIND.MODEL): Promise<bigint> {
    return (await P.send(owner, 'AssetRegistry', 'register', [kind, `ipfs://asset-${contributorBps}`, h32('content'), contributorBps])).result
}

export async function link(P: Protocol, owner: Address, assetId: bigint, parentId: bigint, upstreamBps: number, relation = 0): Promise<Sent> {
    return P.send(owner, 'AssetRegistry', 'link', [assetId, parentId, relation, upstreamBps])
}

export async function createTerms(
    P: Protocol,
    owner: Address,
    assetId: bigint,
    t: {type?: number; price?: bigint; duration?: bigint; pricePerCall?: bigint} = {},
): Promise<bigint> {
    const args = [assetId, t.type ?? LICENSE.COMMERCIAL_REMIX, t.price ?? 0n, t.duration ?? 0n, t.pricePerCall ?? 0n]
    return (await P.send(owner, 'LicenseRegistry', 'createTerms', args)).result
}

/** Funds `payer` from the deployer if needed, approves the LicenseRegistry and purchases. */
export async function buyLicense(P: Protocol, payer: Address, termsId: bigint, licensee: Address = payer): Promise<Sent> {
    const [, , price] = await P.read('LicenseRegistry', 'terms', [termsId])
    if (price > 0n) await fundAndApprove(P, payer, 'LicenseRegistry', price)
    return P.send(payer, 'LicenseRegistry', 'purchase', [termsId, licensee])
}

export async function fundAndApprove(P: Protocol, account: Address, spender: 'LicenseRegistry' | 'InvocationRouter' | 'Treasury', amount: bigint) {
    const bal: bigint = await P.balance(account)
    if (bal < amount) await P.fund(account, amount - bal)
    await P.approve(account, spender, amount)
}

export async function issueReceipt(P: Protocol, owner: Address, assetId: bigint, contributor: Address, weight: bigint, type = 0): Promise<bigint> {
    return (await P.send(owner, 'ContributionReceipts', 'issue', [assetId, contributor, type, weight, h32(`evidence-${weight}`) as Hex])).result
}

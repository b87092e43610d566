/**
 * An independent oracle of SPEC §6.2 (distribute), computed from the chain's current lineage,
 * contributor shares, receipt weights and owners: the RevenueDistributed events a payment must
 * emit, in post-order, and the increments of accRevenuePerWeight.
 */
import {type Address} from 'viem'
import {expect} from 'vitest'
import {createTerms, buyLicense} from './fixtures'
import {eventsOf, type Protocol, type Sent} from './protocol'

const BPS = 10_000n
const SCALE = 10n ** 18n
const MAX_DEPTH = 8

export interface Distribution {
    paymentId: bigint
    assetId: bigint
    depth: number
    amount: bigint
    toOwner: bigint
    toContributors: bigint
    toUpstream: bigint
    owner: Address
}

export interface Expected {
    fee: bigint
    events: Distribution[]
    accDelta: Map<bigint, bigint>
    ownerDelta: Map<Address, bigint>
}

export async function expectedPayment(P: Protocol, paymentId: bigint, assetId: bigint, amount: bigint): Promise<Expected> {
    const feeBps = BigInt(await P.read('RevenueVault', 'protocolFeeBps'))
    const fee = (amount * feeBps) / BPS
    const events: Distribution[] = []
    const accDelta = new Map<bigint, bigint>()
    const ownerDelta = new Map<Address, bigint>()
    async function visit(a: bigint, amt: bigint, depth: number): Promise<void> {
        if (amt === 0n) return
        const [parentIds, upstreamBps] = (await P.read('AssetRegistry', 'parents', [a])) as [bigint[], number[]]
        let upstream = 0n
        for (let i = 0; i < parentIds.length; i++) {
            const u = (amt * BigInt(upstreamBps[i])) / BPS
            if (depth < MAX_DEPTH) {
                await visit(parentIds[i], u, depth + 1)
                upstream += u
            }
        }
        const w: bigint = await P.read('ContributionReceipts', 'totalWeight', [a])
        let c = 0n
        if (w > 0n) {
            c = (amt * BigInt(await P.read('AssetRegistry', 'contributorBps', [a]))) / BPS
            accDelta.set(a, (accDelta.get(a) ?? 0n) + (c * SCALE) / w)
        }
        const o = amt - upstream - c
        const owner: Address = await P.read('AssetRegistry', 'ownerOf', [a])
        ownerDelta.set(owner, (ownerDelta.get(owner) ?? 0n) + o)
        events.push({paymentId, assetId: a, depth, amount: amt, toOwner: o, toContributors: c, toUpstream: upstream, owner})
    }
    await visit(assetId, amount - fee, 0)
    return {fee, events, accDelta, ownerDelta}
}

/** Pays `amount` to `assetId` through a fresh license purchase by `payer`. */
export async function pay(P: Protocol, payer: Address, assetId: bigint, amount: bigint): Promise<Sent> {
    const owner: Address = await P.read('AssetRegistry', 'ownerOf', [assetId])
    const terms = await createTerms(P, owner, assetId, {price: amount})
    return buyLicense(P, payer, terms)
}

/** Pays and checks every vault effect against the model: events, order, accumulators, owners. */
export async function payAndCheck(P: Protocol, payer: Address, assetId: bigint, amount: bigint): Promise<{sent: Sent; expected: Expected}> {
    const paymentId = (await P.read('RevenueVault', 'paymentCount')) + 1n
    const expected = await expectedPayment(P, paymentId, assetId, amount)
    const accBefore = new Map<bigint, bigint>()
    for (const a of expected.accDelta.keys()) accBefore.set(a, await P.read('RevenueVault', 'accRevenuePerWeight', [a]))
    const ownerBefore = new Map<Address, bigint>()
    for (const o of expected.ownerDelta.keys()) ownerBefore.set(o, await P.read('RevenueVault', 'ownerClaimable', [o]))

    const sent = await pay(P, payer, assetId, amount)
    const vaultEvents = eventsOf(sent).filter((e) => e.contract === 'RevenueVault' || e.contract === 'Treasury')
    const names = vaultEvents.map((e) => e.eventName)
    const head = expected.fee > 0n ? ['FeeReceived', 'PaymentReceived'] : ['PaymentReceived']
    expect(names).toEqual([...head, ...expected.events.map(() => 'RevenueDistributed')])
    if (expected.fee > 0n) expect(vaultEvents[0].args).toEqual({paymentId, amount: expected.fee})
    expect(vaultEvents[head.length - 1].args).toEqual({paymentId, assetId, payer, source: 0, amount, protocolFee: expected.fee})
    expect(vaultEvents.slice(head.length).map((e) => e.args)).toEqual(expected.events)
    // Conservation: P = fee + sum(toOwner + toContributors).
    const kept = expected.events.reduce((s, e) => s + e.toOwner + e.toContributors, 0n)
    expect(expected.fee + kept).toBe(amount)
    for (const [a, d] of expected.accDelta) {
        expect(await P.read('RevenueVault', 'accRevenuePerWeight', [a])).toBe(accBefore.get(a)! + d)
    }
    for (const [o, d] of expected.ownerDelta) {
        expect(await P.read('RevenueVault', 'ownerClaimable', [o])).toBe(ownerBefore.get(o)! + d)
    }
    return {sent, expected}
}

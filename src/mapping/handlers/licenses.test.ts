/**
 * LicenseRegistry and InvocationRouter handlers on real PostgreSQL (test/helpers/batch.ts):
 * terms, licenses (free and paid, transfers, revocation) and invocations at the type maxima.
 */
import {describe, expect, it} from 'vitest'
import {ALICE, BOB, CAROL, block, ev, MAX_UINT256, MAX_UINT32, MAX_UINT64, registerAsset, useBatchHarness, ZERO} from '../../../test/helpers/batch'
import {Account, Asset, AssetKind, CallerDayData, Invocation, License, LicenseTerms, LicenseTransfer, LicenseType, Protocol, Revocation} from '../../model'

const h = useBatchHarness()

/** Asset 1 (a MODEL of ALICE) with terms 1 (pay per call at `pricePerCall`). */
async function assetWithTerms(pricePerCall = 3n) {
    await h.run([block(1, [...registerAsset(1, ALICE, {kind: 1}), ev.LicenseTermsCreated({termsId: 1, assetId: 1, licenseType: 2, price: 0n, duration: 0n, pricePerCall})])])
}

/** `purchase`: the license NFT's mint Transfer, then LicenseIssued (free: payment id 0). */
function purchase(licenseId: number, licensee: string, extra: {expiresAt?: bigint; pricePaid?: bigint; paymentId?: number} = {}) {
    return [ev.LicenseTransfer({from: ZERO, to: licensee, tokenId: licenseId}), ev.LicenseIssued({licenseId, termsId: 1, assetId: 1, licensee, ...extra})]
}

describe('LicenseTermsCreated / LicenseIssued', () => {
    it('terms at the uint64 / uint256 maxima are stored exactly', async () => {
        await h.run([block(1, [...registerAsset(1, ALICE), ev.LicenseTermsCreated({termsId: 7, assetId: 1, licenseType: 1, price: MAX_UINT256, duration: MAX_UINT64, pricePerCall: MAX_UINT256})])])
        const t = (await h.get(LicenseTerms, '7'))!
        expect(t).toMatchObject({licenseType: LicenseType.NON_COMMERCIAL, price: MAX_UINT256, duration: MAX_UINT64, pricePerCall: MAX_UINT256, licenseCount: 0})
        expect((await h.get(Asset, '1'))!.termsCount).toBe(1)
        expect((await h.get(Protocol, 'sahara'))!.termsCount).toBe(1)
    })

    it('a free perpetual license: no payment, expiresAt 0, counted on terms, asset, protocol and holder', async () => {
        await assetWithTerms()
        await h.run([block(2, purchase(1, BOB))])
        const l = (await h.get(License, '1', {licensee: true, holder: true, payment: true, terms: true}))!
        expect([l.licensee.id, l.holder.id, l.expiresAt, l.pricePaid, l.payment ?? null, l.terms.id, l.revoked]).toEqual([BOB, BOB, 0n, 0n, null, '1', false])
        expect((await h.get(LicenseTerms, '1'))!.licenseCount).toBe(1)
        expect((await h.get(Asset, '1'))!.licenseCount).toBe(1)
        expect((await h.get(Account, BOB))!.licenseCount).toBe(1)
        expect((await h.get(Protocol, 'sahara'))!.licenseCount).toBe(1)
    })
})

describe('LicenseTransfer / LicenseRevoked', () => {
    it('a transfer moves the holder (not the licensee); a transfer to oneself changes no count', async () => {
        await assetWithTerms()
        await h.run([block(2, purchase(1, BOB))])
        await h.run([block(3, [ev.LicenseTransfer({from: BOB, to: CAROL, tokenId: 1}), ev.LicenseTransfer({from: CAROL, to: CAROL, tokenId: 1})])])
        const l = (await h.get(License, '1', {licensee: true, holder: true}))!
        expect([l.licensee.id, l.holder.id]).toEqual([BOB, CAROL])
        expect((await h.get(Account, BOB))!.licenseCount).toBe(0)
        expect((await h.get(Account, CAROL))!.licenseCount).toBe(1)
        expect(await h.count(LicenseTransfer)).toBe(3)
    })

    it('revoked in the batch that issued it: revoked at that block, with a revocation row', async () => {
        await assetWithTerms()
        await h.run([block(2, [...purchase(1, BOB, {expiresAt: 123n}), ev.LicenseRevoked({licenseId: 1})])])
        const l = (await h.get(License, '1'))!
        expect([l.revoked, l.revokedAtBlock, l.expiresAt]).toEqual([true, 2, 123n])
        const [r] = await h.find(Revocation, {}, {license: true})
        expect([r.target, r.license?.id]).toEqual(['license', '1'])
    })
})

describe('Invoked', () => {
    it('units = 2^32 - 1 (the uint32 maximum) and a fee beyond 64 bits are stored exactly', async () => {
        await assetWithTerms(10n ** 30n)
        await h.run([block(2, purchase(1, BOB))])
        const fee = BigInt(MAX_UINT32) * 10n ** 30n
        const invoke = ev.Invoked({invocationId: 1, assetId: 1, caller: BOB, licenseId: 1, units: MAX_UINT32, fee, paymentId: 1})
        const paid = ev.PaymentReceived({paymentId: 1, assetId: 1, payer: BOB, source: 1, amount: fee, protocolFee: 0n})
        const {stats} = await h.run([block(3, [paid, invoke])])
        expect(stats).toMatchObject({events: 2, skipped: 0})
        const i = (await h.get(Invocation, '1', {payment: true}))!
        expect([i.units, i.fee, i.payment?.id]).toEqual([BigInt(MAX_UINT32), fee, '1'])
        const l = (await h.get(License, '1'))!
        expect([l.invocationCount, l.invocationFees]).toEqual([1, fee])
    })

    it('a zero fee: no payment; the caller’s day bucket is of the asset’s kind', async () => {
        await assetWithTerms(0n)
        await h.run([block(2, purchase(1, BOB))])
        await h.run([block(3, [ev.Invoked({invocationId: 1, assetId: 1, caller: BOB, licenseId: 1, units: 1, fee: 0n, paymentId: 0})]), block(4, [ev.Invoked({invocationId: 2, assetId: 1, caller: BOB, licenseId: 1, units: 2, fee: 0n, paymentId: 0})])])
        const invs = await h.find(Invocation, {}, {payment: true})
        expect(invs.map((i) => [i.id, i.units, i.payment ?? null])).toEqual([
            ['1', 1n, null],
            ['2', 2n, null],
        ])
        const days = await h.find(CallerDayData)
        expect(days.map((d) => [d.kind, d.invocations, d.fees])).toEqual([[AssetKind.MODEL, 2, 0n]])
        expect((await h.get(Account, BOB))!.invocationCount).toBe(2)
        expect((await h.get(Protocol, 'sahara'))!).toMatchObject({invocationCount: 2, paymentCount: 0})
    })
})

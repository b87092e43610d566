import {describe, expect, it} from 'vitest'
import {expectRevert} from './helpers/errors'
import {buyLicense, createTerms, fundAndApprove, registerAsset, SOURCE, STATUS} from './helpers/fixtures'
import {E18, eventNames, h32, theEvent, useProtocol} from './helpers/protocol'

// SPEC §5 InvocationRouter
describe('InvocationRouter', () => {
    const P = useProtocol({fund: false})
    const owner = () => P.sim(1)
    const user = () => P.sim(2)
    const other = () => P.sim(3)

    /** An asset with one license held by user(): returns ids. */
    async function licensed(t: {pricePerCall?: bigint; duration?: bigint; price?: bigint} = {}) {
        const assetId = await registerAsset(P, owner())
        const termsId = await createTerms(P, owner(), assetId, t)
        const licenseId: bigint = (await buyLicense(P, user(), termsId)).result
        return {assetId, termsId, licenseId}
    }

    it('fee = units * pricePerCall, routed through the vault as an INVOCATION payment', async () => {
        const {assetId, licenseId} = await licensed({price: 100n * E18, pricePerCall: 3n * 10n ** 15n})
        const fee = 7n * 3n * 10n ** 15n
        await fundAndApprove(P, user(), 'InvocationRouter', fee)
        const s = await P.send(user(), 'InvocationRouter', 'invoke', [licenseId, 7, h32('req-1')])
        expect(s.result).toBe(1n)
        expect(eventNames(s)).toEqual([
            'SaharaToken.Transfer',
            'SaharaToken.Transfer',
            'Treasury.FeeReceived',
            'RevenueVault.PaymentReceived',
            'RevenueVault.RevenueDistributed',
            'InvocationRouter.Invoked',
        ])
        expect(s.events[0].args).toEqual({from: user(), to: P.addr.RevenueVault, value: fee})
        // The license purchase was payment 1: payment ids are shared by both sources.
        expect(theEvent(s, 'PaymentReceived')).toEqual({
            paymentId: 2n, assetId, payer: user(), source: SOURCE.INVOCATION, amount: fee, protocolFee: fee / 20n,
        })
        expect(theEvent(s, 'FeeReceived')).toEqual({paymentId: 2n, amount: fee / 20n})
        expect(theEvent(s, 'Invoked')).toEqual({
            invocationId: 1n, assetId, caller: user(), licenseId, units: 7, fee, requestHash: h32('req-1'), paymentId: 2n,
        })
        expect(await P.read('InvocationRouter', 'invocationCount')).toBe(1n)
    })

    it('a zero fee has paymentId 0 and routes nothing; invocation ids increase from 1', async () => {
        const {assetId, licenseId} = await licensed({pricePerCall: 0n})
        const s1 = await P.send(user(), 'InvocationRouter', 'invoke', [licenseId, 5, h32('a')])
        expect(eventNames(s1)).toEqual(['InvocationRouter.Invoked'])
        expect(theEvent(s1, 'Invoked')).toEqual({
            invocationId: 1n, assetId, caller: user(), licenseId, units: 5, fee: 0n, requestHash: h32('a'), paymentId: 0n,
        })
        const s2 = await P.send(user(), 'InvocationRouter', 'invoke', [licenseId, 1, h32('b')])
        expect(theEvent(s2, 'Invoked')).toMatchObject({invocationId: 2n, paymentId: 0n})
        expect(await P.read('RevenueVault', 'paymentCount')).toBe(0n)
    })

    it('uint32 max units multiply without overflow', async () => {
        const {licenseId} = await licensed({pricePerCall: E18 / 10n})
        const units = 2 ** 32 - 1
        const fee = BigInt(units) * (E18 / 10n)
        await fundAndApprove(P, user(), 'InvocationRouter', fee)
        const s = await P.send(user(), 'InvocationRouter', 'invoke', [licenseId, units, h32('max')])
        expect(theEvent(s, 'Invoked')).toMatchObject({units, fee, paymentId: 1n})
    })

    it('only the license holder may invoke (the holder changes with a transfer)', async () => {
        const {licenseId} = await licensed()
        await expectRevert(P.send(other(), 'InvocationRouter', 'invoke', [licenseId, 1, h32('x')]), 'InvocationRouterNotLicenseHolder', [licenseId, other()])
        await P.send(user(), 'LicenseRegistry', 'transferFrom', [user(), other(), licenseId])
        await expectRevert(P.send(user(), 'InvocationRouter', 'invoke', [licenseId, 1, h32('x')]), 'InvocationRouterNotLicenseHolder', [licenseId, user()])
        const s = await P.send(other(), 'InvocationRouter', 'invoke', [licenseId, 1, h32('x')])
        expect(theEvent(s, 'Invoked').caller).toBe(other())
    })

    it('the license must be valid: unknown, revoked or expired licenses revert', async () => {
        await expectRevert(P.send(user(), 'InvocationRouter', 'invoke', [9n, 1, h32('x')]), 'InvocationRouterLicenseInvalid', [9n])
        const {licenseId} = await licensed({duration: 1000n})
        await P.send(user(), 'InvocationRouter', 'invoke', [licenseId, 1, h32('x')])
        await P.increaseTime(1001)
        await P.mine()
        await expectRevert(P.send(user(), 'InvocationRouter', 'invoke', [licenseId, 1, h32('x')]), 'InvocationRouterLicenseInvalid', [licenseId])
        const {licenseId: l2} = await licensed()
        await P.send(owner(), 'LicenseRegistry', 'revoke', [l2])
        await expectRevert(P.send(user(), 'InvocationRouter', 'invoke', [l2, 1, h32('x')]), 'InvocationRouterLicenseInvalid', [l2])
    })

    it('the asset must be ACTIVE', async () => {
        const {assetId, licenseId} = await licensed()
        await P.send(owner(), 'AssetRegistry', 'setStatus', [assetId, STATUS.PAUSED])
        await expectRevert(P.send(user(), 'InvocationRouter', 'invoke', [licenseId, 1, h32('x')]), 'InvocationRouterAssetNotActive', [assetId, STATUS.PAUSED])
        await P.send(owner(), 'AssetRegistry', 'setStatus', [assetId, STATUS.ACTIVE])
        await P.send(user(), 'InvocationRouter', 'invoke', [licenseId, 1, h32('x')])
        await P.send(owner(), 'AssetRegistry', 'setStatus', [assetId, STATUS.RETIRED])
        await expectRevert(P.send(user(), 'InvocationRouter', 'invoke', [licenseId, 1, h32('x')]), 'InvocationRouterAssetNotActive', [assetId, STATUS.RETIRED])
    })

    it('units must be > 0', async () => {
        const {licenseId} = await licensed()
        await expectRevert(P.send(user(), 'InvocationRouter', 'invoke', [licenseId, 0, h32('x')]), 'InvocationRouterZeroUnits', [licenseId])
    })

    it('the caller pays: without allowance the token error bubbles up', async () => {
        const {licenseId} = await licensed({pricePerCall: 10n})
        await expectRevert(P.send(user(), 'InvocationRouter', 'invoke', [licenseId, 2, h32('x')]), 'ERC20InsufficientAllowance', [P.addr.InvocationRouter, 0n, 20n])
        expect(await P.read('InvocationRouter', 'invocationCount')).toBe(0n)
    })

    it('only the LicenseRegistry and the router may route payments into the vault', async () => {
        await expectRevert(P.send(user(), 'RevenueVault', 'routePayment', [1n, user(), 0, 1n]), 'RevenueVaultOnlyPaymentSource', [user()])
    })
})

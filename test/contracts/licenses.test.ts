import {describe, expect, it} from 'vitest'
import {type Address} from 'viem'
import {expectRevert} from './helpers/errors'
import {buyLicense, createTerms, LICENSE, registerAsset, SOURCE, STATUS} from './helpers/fixtures'
import {E18, eventNames, theEvent, useProtocol} from './helpers/protocol'

// SPEC §4 LicenseRegistry
const ZERO: Address = '0x0000000000000000000000000000000000000000'
const DAY = 86_400n

describe('LicenseRegistry', () => {
    const P = useProtocol({fund: false})
    const owner = () => P.sim(1)
    const buyer = () => P.sim(2)
    const holder = () => P.sim(3)

    it('is the ERC-721 "Sahara License" (SAL)', async () => {
        expect(await P.read('LicenseRegistry', 'name')).toBe('Sahara License')
        expect(await P.read('LicenseRegistry', 'symbol')).toBe('SAL')
    })

    describe('createTerms', () => {
        it('ids start at 1; emits; terms are readable', async () => {
            const a = await registerAsset(P, owner())
            const s = await P.send(owner(), 'LicenseRegistry', 'createTerms', [a, LICENSE.NON_COMMERCIAL, 5n * E18, 30n * DAY, 7n])
            expect(s.result).toBe(1n)
            expect(theEvent(s, 'LicenseTermsCreated')).toEqual({
                termsId: 1n, assetId: a, licenseType: LICENSE.NON_COMMERCIAL, price: 5n * E18, duration: 30n * DAY, pricePerCall: 7n,
            })
            expect(await P.read('LicenseRegistry', 'terms', [1n])).toEqual([a, LICENSE.NON_COMMERCIAL, 5n * E18, 30n * DAY, 7n])
            expect(await createTerms(P, owner(), a, {type: LICENSE.OPEN_USE, price: 0n, pricePerCall: 3n})).toBe(2n)
            expect(await createTerms(P, owner(), a, {type: LICENSE.COMMERCIAL_REMIX, price: 1n})).toBe(3n)
            expect(await P.read('LicenseRegistry', 'termsCount')).toBe(3n)
        })

        it('OPEN_USE terms must be free', async () => {
            const a = await registerAsset(P, owner())
            await expectRevert(P.send(owner(), 'LicenseRegistry', 'createTerms', [a, LICENSE.OPEN_USE, 1n, 0n, 0n]), 'LicenseRegistryOpenUseNotFree', [1n])
        })

        it('reverts for an unknown asset, a non-owner, an unknown type; allowed whatever the status', async () => {
            const a = await registerAsset(P, owner())
            await expectRevert(P.send(owner(), 'LicenseRegistry', 'createTerms', [9n, 1, 0n, 0n, 0n]), 'LicenseRegistryUnknownAsset', [9n])
            await expectRevert(P.send(buyer(), 'LicenseRegistry', 'createTerms', [a, 1, 0n, 0n, 0n]), 'LicenseRegistryNotAssetOwner', [a, buyer()])
            await expectRevert(P.send(owner(), 'LicenseRegistry', 'createTerms', [a, 3, 0n, 0n, 0n]), 'LicenseRegistryInvalidType', [3])
            await P.send(owner(), 'AssetRegistry', 'setStatus', [a, STATUS.RETIRED])
            expect(await createTerms(P, owner(), a)).toBe(1n)
            await expectRevert(P.read('LicenseRegistry', 'terms', [2n]), 'LicenseRegistryUnknownTerms', [2n])
        })
    })

    describe('purchase', () => {
        it('free terms: paymentId 0, nothing routed, perpetual license to the licensee', async () => {
            const a = await registerAsset(P, owner())
            const t = await createTerms(P, owner(), a, {type: LICENSE.OPEN_USE})
            const s = await P.send(buyer(), 'LicenseRegistry', 'purchase', [t, holder()])
            expect(s.result).toBe(1n)
            expect(eventNames(s)).toEqual(['LicenseRegistry.Transfer', 'LicenseRegistry.LicenseIssued'])
            expect(theEvent(s, 'Transfer')).toEqual({from: ZERO, to: holder(), tokenId: 1n})
            expect(theEvent(s, 'LicenseIssued')).toEqual({
                licenseId: 1n, termsId: t, assetId: a, licensee: holder(), expiresAt: 0n, pricePaid: 0n, paymentId: 0n,
            })
            expect(await P.read('LicenseRegistry', 'ownerOf', [1n])).toBe(holder())
            expect(await P.read('LicenseRegistry', 'isValid', [1n])).toBe(true)
            expect(await P.read('LicenseRegistry', 'licenseInfo', [1n])).toEqual([t, a, 0n, false, 0n])
            expect(await P.read('RevenueVault', 'paymentCount')).toBe(0n)
        })

        it('paid terms: the payer pays the price, routed through the vault as a LICENSE payment', async () => {
            const a = await registerAsset(P, owner())
            const price = 1000n * E18
            const t = await createTerms(P, owner(), a, {price, duration: DAY, pricePerCall: 2n})
            const s = await buyLicense(P, buyer(), t, holder())
            expect(eventNames(s)).toEqual([
                'SaharaToken.Transfer', // payer -> vault
                'SaharaToken.Transfer', // vault -> treasury (fee)
                'Treasury.FeeReceived',
                'RevenueVault.PaymentReceived',
                'RevenueVault.RevenueDistributed',
                'LicenseRegistry.Transfer',
                'LicenseRegistry.LicenseIssued',
            ])
            expect(s.events[0].args).toEqual({from: buyer(), to: P.addr.RevenueVault, value: price})
            expect(s.events[1].args).toEqual({from: P.addr.RevenueVault, to: P.addr.Treasury, value: 50n * E18})
            expect(theEvent(s, 'PaymentReceived')).toEqual({
                paymentId: 1n, assetId: a, payer: buyer(), source: SOURCE.LICENSE, amount: price, protocolFee: 50n * E18,
            })
            const ts = await P.timestamp(s.blockNumber)
            expect(theEvent(s, 'LicenseIssued')).toEqual({
                licenseId: 1n, termsId: t, assetId: a, licensee: holder(), expiresAt: ts + DAY, pricePaid: price, paymentId: 1n,
            })
            expect(await P.balance(buyer())).toBe(0n)
            expect(await P.read('RevenueVault', 'ownerClaimable', [owner()])).toBe(950n * E18)
            // A second purchase gets the next license and payment ids.
            const s2 = await buyLicense(P, buyer(), t)
            expect(theEvent(s2, 'LicenseIssued')).toMatchObject({licenseId: 2n, paymentId: 2n, licensee: buyer()})
        })

        it('reverts without allowance or balance (token errors bubble up)', async () => {
            const a = await registerAsset(P, owner())
            const t = await createTerms(P, owner(), a, {price: 10n})
            await expectRevert(P.send(buyer(), 'LicenseRegistry', 'purchase', [t, buyer()]), 'ERC20InsufficientAllowance', [P.addr.LicenseRegistry, 0n, 10n])
            await P.approve(buyer(), 'LicenseRegistry', 10n)
            await expectRevert(P.send(buyer(), 'LicenseRegistry', 'purchase', [t, buyer()]), 'ERC20InsufficientBalance', [buyer(), 0n, 10n])
        })

        it('requires known terms and an ACTIVE asset', async () => {
            const a = await registerAsset(P, owner())
            const t = await createTerms(P, owner(), a)
            await expectRevert(P.send(buyer(), 'LicenseRegistry', 'purchase', [5n, buyer()]), 'LicenseRegistryUnknownTerms', [5n])
            await P.send(owner(), 'AssetRegistry', 'setStatus', [a, STATUS.PAUSED])
            await expectRevert(P.send(buyer(), 'LicenseRegistry', 'purchase', [t, buyer()]), 'LicenseRegistryAssetNotActive', [a, STATUS.PAUSED])
            await P.send(owner(), 'AssetRegistry', 'setStatus', [a, STATUS.ACTIVE])
            await buyLicense(P, buyer(), t)
            await P.send(owner(), 'AssetRegistry', 'setStatus', [a, STATUS.RETIRED])
            await expectRevert(P.send(buyer(), 'LicenseRegistry', 'purchase', [t, buyer()]), 'LicenseRegistryAssetNotActive', [a, STATUS.RETIRED])
        })
    })

    describe('expiry and validity', () => {
        it('expiresAt = block.timestamp + duration; valid strictly before it', async () => {
            const a = await registerAsset(P, owner())
            const t = await createTerms(P, owner(), a, {duration: 100n})
            const s = await buyLicense(P, buyer(), t)
            const expiresAt = (await P.timestamp(s.blockNumber)) + 100n
            expect(theEvent(s, 'LicenseIssued').expiresAt).toBe(expiresAt)
            expect((await P.read('LicenseRegistry', 'licenseInfo', [1n]))[2]).toBe(expiresAt)
            await P.setNextTimestamp(expiresAt - 1n)
            await P.mine()
            expect(await P.timestamp()).toBe(expiresAt - 1n)
            expect(await P.read('LicenseRegistry', 'isValid', [1n])).toBe(true)
            await P.setNextTimestamp(expiresAt)
            await P.mine()
            expect(await P.timestamp()).toBe(expiresAt)
            expect(await P.read('LicenseRegistry', 'isValid', [1n])).toBe(false)
        })

        it('a timed license expires after evm_increaseTime; a perpetual one never does', async () => {
            const a = await registerAsset(P, owner())
            const timed = await createTerms(P, owner(), a, {duration: 30n * DAY})
            const forever = await createTerms(P, owner(), a, {duration: 0n})
            await buyLicense(P, buyer(), timed)
            await buyLicense(P, buyer(), forever)
            expect(await P.read('LicenseRegistry', 'isValid', [1n])).toBe(true)
            await P.increaseTime(30n * DAY + 1n)
            await P.mine()
            expect(await P.read('LicenseRegistry', 'isValid', [1n])).toBe(false)
            expect(await P.read('LicenseRegistry', 'isValid', [2n])).toBe(true)
            await P.increaseTime(100n * 365n * DAY)
            await P.mine()
            expect(await P.read('LicenseRegistry', 'isValid', [2n])).toBe(true)
        })

        it('isValid of an unknown license id is false', async () => {
            expect(await P.read('LicenseRegistry', 'isValid', [0n])).toBe(false)
            expect(await P.read('LicenseRegistry', 'isValid', [42n])).toBe(false)
            await expectRevert(P.read('LicenseRegistry', 'licenseInfo', [42n]), 'LicenseRegistryUnknownLicense', [42n])
        })
    })

    describe('revoke', () => {
        it('asset owner only; emits; invalidates; twice reverts', async () => {
            const a = await registerAsset(P, owner())
            const t = await createTerms(P, owner(), a)
            await buyLicense(P, buyer(), t)
            await expectRevert(P.send(buyer(), 'LicenseRegistry', 'revoke', [1n]), 'LicenseRegistryNotAssetOwner', [a, buyer()])
            const s = await P.send(owner(), 'LicenseRegistry', 'revoke', [1n])
            expect(eventNames(s)).toEqual(['LicenseRegistry.LicenseRevoked'])
            expect(theEvent(s, 'LicenseRevoked')).toEqual({licenseId: 1n})
            expect(await P.read('LicenseRegistry', 'isValid', [1n])).toBe(false)
            expect((await P.read('LicenseRegistry', 'licenseInfo', [1n]))[3]).toBe(true)
            await expectRevert(P.send(owner(), 'LicenseRegistry', 'revoke', [1n]), 'LicenseRegistryAlreadyRevoked', [1n])
            await expectRevert(P.send(owner(), 'LicenseRegistry', 'revoke', [2n]), 'LicenseRegistryUnknownLicense', [2n])
        })

        it('the current asset owner revokes after an ownership transfer', async () => {
            const a = await registerAsset(P, owner())
            const t = await createTerms(P, owner(), a)
            await buyLicense(P, buyer(), t)
            await P.send(owner(), 'AssetRegistry', 'transferFrom', [owner(), holder(), a])
            await expectRevert(P.send(owner(), 'LicenseRegistry', 'revoke', [1n]), 'LicenseRegistryNotAssetOwner', [a, owner()])
            await P.send(holder(), 'LicenseRegistry', 'revoke', [1n])
        })
    })

    it('licenses are transferable ERC-721 tokens', async () => {
        const a = await registerAsset(P, owner())
        const t = await createTerms(P, owner(), a, {duration: DAY})
        await buyLicense(P, buyer(), t)
        const s = await P.send(buyer(), 'LicenseRegistry', 'transferFrom', [buyer(), holder(), 1n])
        expect(eventNames(s)).toEqual(['LicenseRegistry.Transfer'])
        expect(theEvent(s, 'Transfer')).toEqual({from: buyer(), to: holder(), tokenId: 1n})
        expect(await P.read('LicenseRegistry', 'ownerOf', [1n])).toBe(holder())
        expect(await P.read('LicenseRegistry', 'isValid', [1n])).toBe(true)
        await P.send(holder(), 'LicenseRegistry', 'safeTransferFrom', [holder(), buyer(), 1n])
        expect(await P.read('LicenseRegistry', 'ownerOf', [1n])).toBe(buyer())
        await expectRevert(P.send(holder(), 'LicenseRegistry', 'transferFrom', [buyer(), holder(), 1n]), 'ERC721InsufficientApproval', [holder(), 1n])
    })
})

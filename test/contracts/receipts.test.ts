import {describe, expect, it} from 'vitest'
import {type Address} from 'viem'
import {expectRevert} from './helpers/errors'
import {eventNames, h32, theEvent, useProtocol, ZERO_HASH} from './helpers/protocol'

// SPEC §3 ContributionReceipts
const DATA = 0, CODE = 5
const RETIRED = 2
const ZERO: Address = '0x0000000000000000000000000000000000000000'

describe('ContributionReceipts', () => {
    const P = useProtocol({fund: false})
    const owner = () => P.sim(1)
    const alice = () => P.sim(2)
    const bob = () => P.sim(3)

    async function asset(by: Address = owner()): Promise<bigint> {
        return (await P.send(by, 'AssetRegistry', 'register', [0, 'ipfs://a', h32('a'), 2000])).result
    }
    async function issue(assetId: bigint, to: Address, weight: bigint, type = DATA, by: Address = owner()): Promise<bigint> {
        return (await P.send(by, 'ContributionReceipts', 'issue', [assetId, to, type, weight, h32(`ev-${weight}`)])).result
    }

    it('is the ERC-721 "Sahara Receipt" (SAR)', async () => {
        expect(await P.read('ContributionReceipts', 'name')).toBe('Sahara Receipt')
        expect(await P.read('ContributionReceipts', 'symbol')).toBe('SAR')
        expect(await P.read('ContributionReceipts', 'receiptCount')).toBe(0n)
    })

    it('issue: ids start at 1, mints to the contributor, emits, adds to totalWeight', async () => {
        const a = await asset()
        const sent = await P.send(owner(), 'ContributionReceipts', 'issue', [a, alice(), CODE, 7n, h32('evidence')])
        expect(sent.result).toBe(1n)
        expect(eventNames(sent)).toEqual(['ContributionReceipts.Transfer', 'ContributionReceipts.ReceiptIssued'])
        expect(theEvent(sent, 'Transfer')).toEqual({from: ZERO, to: alice(), tokenId: 1n})
        expect(theEvent(sent, 'ReceiptIssued')).toEqual({
            receiptId: 1n, assetId: a, contributor: alice(), contributionType: CODE, weight: 7n, evidence: h32('evidence'),
        })
        expect(await P.read('ContributionReceipts', 'ownerOf', [1n])).toBe(alice())
        expect(await P.read('ContributionReceipts', 'receiptInfo', [1n])).toEqual([a, alice(), 7n, false])
        expect(await P.read('ContributionReceipts', 'contributionTypeOf', [1n])).toBe(CODE)
        const maxWeight = 2n ** 128n - 1n
        expect(await issue(a, bob(), maxWeight)).toBe(2n)
        expect(await P.read('ContributionReceipts', 'totalWeight', [a])).toBe(7n + maxWeight)
        expect(await P.read('ContributionReceipts', 'totalWeight', [99n])).toBe(0n)
    })

    it('issue: unknown asset, non-owner, zero weight and unknown type revert', async () => {
        const a = await asset()
        await expectRevert(P.send(owner(), 'ContributionReceipts', 'issue', [9n, alice(), DATA, 1n, ZERO_HASH]), 'ContributionReceiptsUnknownAsset', [9n])
        await expectRevert(P.send(alice(), 'ContributionReceipts', 'issue', [a, alice(), DATA, 1n, ZERO_HASH]), 'ContributionReceiptsNotAssetOwner', [a, alice()])
        await expectRevert(P.send(owner(), 'ContributionReceipts', 'issue', [a, alice(), DATA, 0n, ZERO_HASH]), 'ContributionReceiptsZeroWeight', [a])
        await expectRevert(P.send(owner(), 'ContributionReceipts', 'issue', [a, alice(), 6, 1n, ZERO_HASH]), 'ContributionReceiptsInvalidType', [6])
        await expectRevert(P.send(owner(), 'ContributionReceipts', 'issue', [a, ZERO, DATA, 1n, ZERO_HASH]), 'ERC721InvalidReceiver', [ZERO])
        expect(await P.read('ContributionReceipts', 'receiptCount')).toBe(0n)
    })

    it('issue and revoke are allowed whatever the asset status', async () => {
        const a = await asset()
        await P.send(owner(), 'AssetRegistry', 'setStatus', [a, RETIRED])
        const r = await issue(a, alice(), 3n)
        await P.send(owner(), 'ContributionReceipts', 'revoke', [r])
    })

    it('revoke: owner only, emits, removes the weight, twice reverts', async () => {
        const a = await asset()
        const r1 = await issue(a, alice(), 3n)
        await issue(a, bob(), 5n)
        await expectRevert(P.send(alice(), 'ContributionReceipts', 'revoke', [r1]), 'ContributionReceiptsNotAssetOwner', [a, alice()])
        const sent = await P.send(owner(), 'ContributionReceipts', 'revoke', [r1])
        expect(eventNames(sent)).toEqual(['ContributionReceipts.ReceiptRevoked'])
        expect(theEvent(sent, 'ReceiptRevoked')).toEqual({receiptId: r1, assetId: a})
        expect(await P.read('ContributionReceipts', 'totalWeight', [a])).toBe(5n)
        expect(await P.read('ContributionReceipts', 'receiptInfo', [r1])).toEqual([a, alice(), 3n, true])
        // The revoked receipt stays with its holder (no burn).
        expect(await P.read('ContributionReceipts', 'ownerOf', [r1])).toBe(alice())
        await expectRevert(P.send(owner(), 'ContributionReceipts', 'revoke', [r1]), 'ContributionReceiptsAlreadyRevoked', [r1])
        expect(await P.read('ContributionReceipts', 'totalWeight', [a])).toBe(5n)
    })

    it('revoke and views of an unknown receipt revert', async () => {
        await expectRevert(P.send(owner(), 'ContributionReceipts', 'revoke', [1n]), 'ContributionReceiptsUnknownReceipt', [1n])
        await expectRevert(P.read('ContributionReceipts', 'receiptInfo', [1n]), 'ContributionReceiptsUnknownReceipt', [1n])
        await expectRevert(P.read('ContributionReceipts', 'contributionTypeOf', [1n]), 'ContributionReceiptsUnknownReceipt', [1n])
    })

    it('only the current asset owner issues and revokes (after an ownership transfer)', async () => {
        const a = await asset()
        const r = await issue(a, alice(), 1n)
        await P.send(owner(), 'AssetRegistry', 'transferFrom', [owner(), bob(), a])
        await expectRevert(P.send(owner(), 'ContributionReceipts', 'issue', [a, alice(), DATA, 1n, ZERO_HASH]), 'ContributionReceiptsNotAssetOwner', [a, owner()])
        await expectRevert(P.send(owner(), 'ContributionReceipts', 'revoke', [r]), 'ContributionReceiptsNotAssetOwner', [a, owner()])
        await issue(a, alice(), 2n, DATA, bob())
        await P.send(bob(), 'ContributionReceipts', 'revoke', [r])
        expect(await P.read('ContributionReceipts', 'totalWeight', [a])).toBe(2n)
    })

    describe('receipts are not transferable', () => {
        it('transferFrom and both safeTransferFrom revert with ContributionReceiptsNonTransferable', async () => {
            const a = await asset()
            const r = await issue(a, alice(), 1n)
            const err = [r, alice(), bob()]
            await expectRevert(P.send(alice(), 'ContributionReceipts', 'transferFrom', [alice(), bob(), r]), 'ContributionReceiptsNonTransferable', err)
            await expectRevert(P.send(alice(), 'ContributionReceipts', 'safeTransferFrom', [alice(), bob(), r]), 'ContributionReceiptsNonTransferable', err)
            await expectRevert(P.send(alice(), 'ContributionReceipts', 'safeTransferFrom', [alice(), bob(), r, '0x1234']), 'ContributionReceiptsNonTransferable', err)
            expect(await P.read('ContributionReceipts', 'ownerOf', [r])).toBe(alice())
        })

        it('an approved operator cannot move it either, nor can the asset owner', async () => {
            const a = await asset()
            const r = await issue(a, alice(), 1n)
            await P.send(alice(), 'ContributionReceipts', 'approve', [bob(), r])
            await P.send(alice(), 'ContributionReceipts', 'setApprovalForAll', [owner(), true])
            await expectRevert(P.send(bob(), 'ContributionReceipts', 'transferFrom', [alice(), bob(), r]), 'ContributionReceiptsNonTransferable', [r, alice(), bob()])
            await expectRevert(P.send(owner(), 'ContributionReceipts', 'safeTransferFrom', [alice(), owner(), r]), 'ContributionReceiptsNonTransferable', [r, alice(), owner()])
        })
    })

    it('issue/revoke checkpoint the vault; only ContributionReceipts may call checkpointReceipt', async () => {
        await expectRevert(P.send(alice(), 'RevenueVault', 'checkpointReceipt', [1n]), 'RevenueVaultOnlyReceipts', [alice()])
        const a = await asset()
        const r = await issue(a, alice(), 4n)
        expect(await P.read('RevenueVault', 'receiptAccrued', [r])).toBe(0n)
        expect(await P.read('RevenueVault', 'receiptClaimable', [r])).toBe(0n)
    })
})

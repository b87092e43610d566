import {describe, expect, it} from 'vitest'
import {type Address} from 'viem'
import {expectRevert} from './helpers/errors'
import {eventNames, h32, theEvent, useProtocol} from './helpers/protocol'

// SPEC §2 AssetRegistry
const DATASET = 0, MODEL = 1, PIPELINE = 3
const ACTIVE = 0, PAUSED = 1, RETIRED = 2
const TRAINED_ON = 0, EVALUATED_ON = 4

describe('AssetRegistry', () => {
    const P = useProtocol({fund: false})
    const alice = () => P.sim(1)
    const bob = () => P.sim(2)

    async function register(owner: Address, bps = 0, kind = DATASET, uri = 'ipfs://x'): Promise<bigint> {
        return (await P.send(owner, 'AssetRegistry', 'register', [kind, uri, h32(uri), bps])).result
    }

    it('is the ERC-721 "Sahara Ownership" (SAO) with at most 8 parents', async () => {
        expect(await P.read('AssetRegistry', 'name')).toBe('Sahara Ownership')
        expect(await P.read('AssetRegistry', 'symbol')).toBe('SAO')
        expect(await P.read('AssetRegistry', 'MAX_PARENTS')).toBe(8)
        expect(await P.read('AssetRegistry', 'assetCount')).toBe(0n)
    })

    it('register: ids start at 1, version 1, ACTIVE, mints the ownership NFT and emits', async () => {
        const sent = await P.send(alice(), 'AssetRegistry', 'register', [MODEL, 'ipfs://model', h32('m'), 2500])
        expect(sent.result).toBe(1n)
        expect(eventNames(sent)).toEqual(['AssetRegistry.Transfer', 'AssetRegistry.AssetRegistered'])
        expect(theEvent(sent, 'Transfer')).toEqual({from: '0x0000000000000000000000000000000000000000', to: alice(), tokenId: 1n})
        expect(theEvent(sent, 'AssetRegistered')).toEqual({
            assetId: 1n, owner: alice(), kind: MODEL, uri: 'ipfs://model', contentHash: h32('m'), contributorBps: 2500,
        })
        expect(await P.read('AssetRegistry', 'ownerOf', [1n])).toBe(alice())
        expect(await P.read('AssetRegistry', 'version', [1n])).toBe(1)
        expect(await P.read('AssetRegistry', 'status', [1n])).toBe(ACTIVE)
        expect(await P.read('AssetRegistry', 'kind', [1n])).toBe(MODEL)
        expect(await P.read('AssetRegistry', 'contributorBps', [1n])).toBe(2500)
        expect(await P.read('AssetRegistry', 'parents', [1n])).toEqual([[], []])
        expect(await register(bob(), 10_000, PIPELINE)).toBe(2n)
        expect(await P.read('AssetRegistry', 'assetCount')).toBe(2n)
    })

    it('register: rejects an unknown kind and contributorBps > 10000', async () => {
        await expectRevert(P.send(alice(), 'AssetRegistry', 'register', [4, 'u', h32('u'), 0]), 'AssetRegistryInvalidKind', [4])
        await expectRevert(P.send(alice(), 'AssetRegistry', 'register', [0, 'u', h32('u'), 10_001]), 'AssetRegistryShareTooHigh', [1n, 10_001, 0])
    })

    it('update: owner only, version increments, whatever the status', async () => {
        const id = await register(alice())
        const s1 = await P.send(alice(), 'AssetRegistry', 'update', [id, 'ipfs://v2', h32('v2')])
        expect(theEvent(s1, 'AssetUpdated')).toEqual({assetId: id, version: 2, uri: 'ipfs://v2', contentHash: h32('v2')})
        await P.send(alice(), 'AssetRegistry', 'setStatus', [id, RETIRED])
        const s2 = await P.send(alice(), 'AssetRegistry', 'update', [id, 'ipfs://v3', h32('v3')])
        expect(theEvent(s2, 'AssetUpdated').version).toBe(3)
        expect(await P.read('AssetRegistry', 'version', [id])).toBe(3)
        await expectRevert(P.send(bob(), 'AssetRegistry', 'update', [id, 'x', h32('x')]), 'AssetRegistryNotOwner', [id, bob()])
    })

    it('unknown asset ids revert in every function and view', async () => {
        await register(alice())
        const u = 7n
        await expectRevert(P.send(alice(), 'AssetRegistry', 'update', [u, 'x', h32('x')]), 'AssetRegistryUnknownAsset', [u])
        await expectRevert(P.send(alice(), 'AssetRegistry', 'link', [u, 1n, 0, 0]), 'AssetRegistryUnknownAsset', [u])
        await expectRevert(P.send(alice(), 'AssetRegistry', 'setContributorBps', [u, 0]), 'AssetRegistryUnknownAsset', [u])
        await expectRevert(P.send(alice(), 'AssetRegistry', 'setStatus', [u, 0]), 'AssetRegistryUnknownAsset', [u])
        await expectRevert(P.send(alice(), 'AssetRegistry', 'setStatus', [0n, 0]), 'AssetRegistryUnknownAsset', [0n])
        for (const view of ['parents', 'status', 'kind', 'contributorBps', 'version']) {
            await expectRevert(P.read('AssetRegistry', view, [u]), 'AssetRegistryUnknownAsset', [u])
        }
        expect(await P.read('AssetRegistry', 'exists', [u])).toBe(false)
    })

    describe('link', () => {
        it('appends parents in order with relation and upstream share', async () => {
            const a = await register(alice())
            const b = await register(bob())
            const c = await register(alice(), 1000)
            const s1 = await P.send(alice(), 'AssetRegistry', 'link', [c, b, TRAINED_ON, 3000])
            expect(theEvent(s1, 'AssetLinked')).toEqual({assetId: c, parentId: b, relation: TRAINED_ON, upstreamBps: 3000})
            await P.send(alice(), 'AssetRegistry', 'link', [c, a, EVALUATED_ON, 0])
            expect(await P.read('AssetRegistry', 'parents', [c])).toEqual([[b, a], [3000, 0]])
            expect(await P.read('AssetRegistry', 'isLinked', [c, b])).toBe(true)
            expect(await P.read('AssetRegistry', 'isLinked', [b, c])).toBe(false)
        })

        it('requires 0 < parentId < assetId, a valid relation and no duplicate pair', async () => {
            const a = await register(alice())
            const b = await register(alice())
            await expectRevert(P.send(alice(), 'AssetRegistry', 'link', [a, b, 0, 0]), 'AssetRegistryInvalidParent', [a, b])
            await expectRevert(P.send(alice(), 'AssetRegistry', 'link', [b, b, 0, 0]), 'AssetRegistryInvalidParent', [b, b])
            await expectRevert(P.send(alice(), 'AssetRegistry', 'link', [b, 0n, 0, 0]), 'AssetRegistryInvalidParent', [b, 0n])
            await expectRevert(P.send(alice(), 'AssetRegistry', 'link', [b, 5n, 0, 0]), 'AssetRegistryInvalidParent', [b, 5n])
            await expectRevert(P.send(alice(), 'AssetRegistry', 'link', [b, a, 5, 0]), 'AssetRegistryInvalidRelation', [5])
            await P.send(alice(), 'AssetRegistry', 'link', [b, a, 0, 100])
            await expectRevert(P.send(alice(), 'AssetRegistry', 'link', [b, a, 1, 100]), 'AssetRegistryAlreadyLinked', [b, a])
        })

        it('only the owner of the child links; the parent may belong to anyone', async () => {
            const a = await register(bob())
            const b = await register(alice())
            await expectRevert(P.send(bob(), 'AssetRegistry', 'link', [b, a, 0, 0]), 'AssetRegistryNotOwner', [b, bob()])
            await P.send(alice(), 'AssetRegistry', 'link', [b, a, 0, 0])
        })

        it('allows at most 8 parents', async () => {
            for (let i = 0; i < 9; i++) await register(alice())
            const child = await register(alice())
            for (let p = 1n; p <= 8n; p++) await P.send(alice(), 'AssetRegistry', 'link', [child, p, 0, 10])
            await expectRevert(P.send(alice(), 'AssetRegistry', 'link', [child, 9n, 0, 10]), 'AssetRegistryTooManyParents', [child, 9n])
            expect((await P.read('AssetRegistry', 'parents', [child]))[0]).toHaveLength(8)
        })
    })

    describe('contributorBps + sum(upstreamBps) <= 10000', () => {
        it('link rejects an upstream share that would exceed 10000 (exactly 10000 is fine)', async () => {
            const a = await register(alice())
            const b = await register(alice())
            const c = await register(alice(), 4000)
            await P.send(alice(), 'AssetRegistry', 'link', [c, a, 0, 5000])
            await expectRevert(P.send(alice(), 'AssetRegistry', 'link', [c, b, 0, 1001]), 'AssetRegistryShareTooHigh', [c, 4000, 6001])
            await expectRevert(P.send(alice(), 'AssetRegistry', 'link', [c, b, 0, 65535]), 'AssetRegistryShareTooHigh', [c, 4000, 65535])
            await P.send(alice(), 'AssetRegistry', 'link', [c, b, 0, 1000])
            expect((await P.read('AssetRegistry', 'parents', [c]))[1]).toEqual([5000, 1000])
        })

        it('setContributorBps: owner only, bounded by the upstream sum, emits', async () => {
            const a = await register(alice())
            const b = await register(alice(), 0)
            await P.send(alice(), 'AssetRegistry', 'link', [b, a, 0, 7000])
            await expectRevert(P.send(alice(), 'AssetRegistry', 'setContributorBps', [b, 3001]), 'AssetRegistryShareTooHigh', [b, 3001, 7000])
            const s = await P.send(alice(), 'AssetRegistry', 'setContributorBps', [b, 3000])
            expect(theEvent(s, 'ContributorShareSet')).toEqual({assetId: b, contributorBps: 3000})
            expect(await P.read('AssetRegistry', 'contributorBps', [b])).toBe(3000)
            await expectRevert(P.send(bob(), 'AssetRegistry', 'setContributorBps', [b, 0]), 'AssetRegistryNotOwner', [b, bob()])
        })
    })

    describe('setStatus', () => {
        it('owner only, emits, rejects unknown statuses; RETIRED is final', async () => {
            const id = await register(alice())
            await expectRevert(P.send(bob(), 'AssetRegistry', 'setStatus', [id, PAUSED]), 'AssetRegistryNotOwner', [id, bob()])
            await expectRevert(P.send(alice(), 'AssetRegistry', 'setStatus', [id, 3]), 'AssetRegistryInvalidStatus', [3])
            const s = await P.send(alice(), 'AssetRegistry', 'setStatus', [id, PAUSED])
            expect(theEvent(s, 'AssetStatusChanged')).toEqual({assetId: id, status: PAUSED})
            await P.send(alice(), 'AssetRegistry', 'setStatus', [id, ACTIVE])
            await P.send(alice(), 'AssetRegistry', 'setStatus', [id, RETIRED])
            expect(await P.read('AssetRegistry', 'status', [id])).toBe(RETIRED)
            for (const st of [ACTIVE, PAUSED, RETIRED]) {
                await expectRevert(P.send(alice(), 'AssetRegistry', 'setStatus', [id, st]), 'AssetRegistryRetired', [id])
            }
        })

        it('link and setContributorBps are allowed whatever the status', async () => {
            const a = await register(alice())
            const b = await register(alice())
            await P.send(alice(), 'AssetRegistry', 'setStatus', [a, PAUSED])
            await P.send(alice(), 'AssetRegistry', 'setStatus', [b, RETIRED])
            await P.send(alice(), 'AssetRegistry', 'link', [b, a, 0, 100])
            await P.send(alice(), 'AssetRegistry', 'setContributorBps', [b, 100])
        })
    })

    it('transferring the ownership NFT changes who may act', async () => {
        const a = await register(alice())
        const b = await register(alice())
        const s = await P.send(alice(), 'AssetRegistry', 'transferFrom', [alice(), bob(), b])
        expect(theEvent(s, 'Transfer')).toEqual({from: alice(), to: bob(), tokenId: b})
        expect(await P.read('AssetRegistry', 'ownerOf', [b])).toBe(bob())
        await expectRevert(P.send(alice(), 'AssetRegistry', 'update', [b, 'x', h32('x')]), 'AssetRegistryNotOwner', [b, alice()])
        await expectRevert(P.send(alice(), 'AssetRegistry', 'link', [b, a, 0, 0]), 'AssetRegistryNotOwner', [b, alice()])
        await expectRevert(P.send(alice(), 'AssetRegistry', 'setContributorBps', [b, 1]), 'AssetRegistryNotOwner', [b, alice()])
        await expectRevert(P.send(alice(), 'AssetRegistry', 'setStatus', [b, PAUSED]), 'AssetRegistryNotOwner', [b, alice()])
        await P.send(bob(), 'AssetRegistry', 'update', [b, 'y', h32('y')])
        await P.send(bob(), 'AssetRegistry', 'link', [b, a, 0, 0])
        await P.send(bob(), 'AssetRegistry', 'setContributorBps', [b, 1])
        await P.send(bob(), 'AssetRegistry', 'setStatus', [b, PAUSED])
        // A non-owner cannot move it (standard ERC-721 authorization).
        await expectRevert(P.send(alice(), 'AssetRegistry', 'transferFrom', [bob(), alice(), b]), 'ERC721InsufficientApproval', [alice(), b])
    })
})

/**
 * AssetRegistry handlers on real PostgreSQL (test/helpers/batch.ts): synthetic logs through
 * processBatch, then the rows. Corner cases the simulator rarely emits.
 */
import {describe, expect, it} from 'vitest'
import {ALICE, BOB, block, ev, rawLog, registerAsset, STRANGER, useBatchHarness, utf8, ZERO} from '../../../test/helpers/batch'
import {Account, Asset, AssetKind, AssetLink, AssetStatus, AssetStatusChange, AssetTransfer, AssetVersion, Protocol, Relation, SkippedLog} from '../../model'

const h = useBatchHarness()

describe('AssetRegistered', () => {
    it('registers one asset of every kind, counted on the owner and the protocol, version 1', async () => {
        const kinds = [AssetKind.DATASET, AssetKind.MODEL, AssetKind.AGENT, AssetKind.PIPELINE]
        await h.run([block(1, kinds.flatMap((_, i) => registerAsset(i + 1, ALICE, {kind: i, contributorBps: 1000 * i})))])
        const assets = await h.find(Asset, {}, {owner: true, creator: true})
        expect(assets.map((a) => [a.id, a.kind, a.status, a.version, a.contributorBps, a.owner.id, a.creator.id])).toEqual(
            kinds.map((k, i) => [String(i + 1), k, AssetStatus.ACTIVE, 1, 1000 * i, ALICE, ALICE]),
        )
        expect((await h.get(Account, ALICE))!.assetCount).toBe(4)
        expect((await h.get(Protocol, 'sahara'))!.assetCount).toBe(4)
        expect((await h.find(AssetVersion)).map((v) => v.id)).toEqual(['1-1', '2-1', '3-1', '4-1'])
        // The mint Transfers are history rows; they do not count the asset twice.
        expect(await h.count(AssetTransfer)).toBe(4)
    })

    it('a kind outside the SPEC is skipped before any mutation: no asset, no counter moved', async () => {
        const [, outOfRange] = registerAsset(2, ALICE, {kind: 4})
        const {stats} = await h.run([block(1, [...registerAsset(1, ALICE), outOfRange])])
        expect(stats).toMatchObject({events: 2, skipped: 1, skippedByKind: {AssetRegistered: 1}})
        expect((await h.find(Asset)).map((a) => a.id)).toEqual(['1'])
        expect((await h.get(Protocol, 'sahara'))!.assetCount).toBe(1)
        expect((await h.get(Account, ALICE))!.assetCount).toBe(1)
        const [skipped] = await h.find(SkippedLog)
        expect(skipped).toMatchObject({kind: 'AssetRegistered', reason: 'AssetKind 4 is out of range', block: 1})
    })

    // BUG (skip is not "never fatal"): `register` emits the ownership NFT's mint Transfer before
    // AssetRegistered. When AssetRegistered is skipped (out of range, or undecodable), the mint's
    // AssetTransfer row is still written and references an asset that is never created: the
    // batch's INSERT fails on the asset_transfer -> asset foreign key, the batch is rolled back
    // and the processor halts on it at every restart. Same class of bug: a skipped
    // PaymentReceived (vault.test.ts) and a skipped ProposalCreated (governance.test.ts).
    it.fails('BUG: an out-of-range AssetRegistered after its mint Transfer (as the contract emits them) is skipped without failing the batch', async () => {
        const {stats} = await h.run([block(1, [...registerAsset(1, ALICE), ...registerAsset(2, ALICE, {kind: 4})])])
        expect(stats.skippedByKind).toEqual({AssetRegistered: 1})
        expect((await h.find(Asset)).map((a) => a.id)).toEqual(['1'])
    })

    it('keeps a uri of arbitrary bytes (invalid UTF-8, NUL) exactly, with a storable display text', async () => {
        const raw = new Uint8Array([0x61, 0x00, 0xff, 0xfe, 0x62])
        await h.run([block(1, registerAsset(1, ALICE, {uri: raw}))])
        const a = (await h.get(Asset, '1'))!
        expect(Buffer.from(a.uriRaw)).toEqual(Buffer.from(raw))
        expect(a.uri).toBe('a\uFFFD\uFFFD\uFFFDb')
        expect(a.uriTruncated).toBe(false)
    })
})

describe('AssetUpdated, ContributorShareSet, AssetLinked', () => {
    it('updates bump the version and keep every version row', async () => {
        await h.run([block(1, registerAsset(1, ALICE))])
        await h.run([block(2, [ev.AssetUpdated({assetId: 1, version: 2, uri: 'v2'}), ev.AssetUpdated({assetId: 1, version: 3, uri: utf8('v3')})])])
        const a = (await h.get(Asset, '1'))!
        expect([a.version, a.uri, a.updatedAtBlock, a.createdAtBlock]).toEqual([3, 'v3', 2, 1])
        expect((await h.find(AssetVersion)).map((v) => [v.id, v.uri])).toEqual([
            ['1-1', 'ipfs://asset/1'],
            ['1-2', 'v2'],
            ['1-3', 'v3'],
        ])
    })

    it('links keep their order (position) and sum the upstream shares', async () => {
        await h.run([block(1, [...registerAsset(1, ALICE), ...registerAsset(2, ALICE), ...registerAsset(3, BOB, {contributorBps: 0})])])
        await h.run([
            block(2, [
                ev.AssetLinked({assetId: 3, parentId: 2, relation: 4, upstreamBps: 6000}),
                ev.AssetLinked({assetId: 3, parentId: 1, relation: 0, upstreamBps: 4000}),
                ev.ContributorShareSet({assetId: 3, contributorBps: 0}),
            ]),
        ])
        const links = await h.find(AssetLink)
        expect(links.map((l) => [l.id, l.relation, l.upstreamBps, l.position])).toEqual([
            ['3-1', Relation.TRAINED_ON, 4000, 1],
            ['3-2', Relation.EVALUATED_ON, 6000, 0],
        ])
        const [a1, a2, a3] = await h.find(Asset)
        expect([a3.parentCount, a3.upstreamBpsSum, a3.contributorBps]).toEqual([2, 10000, 0])
        expect([a1.childCount, a2.childCount]).toEqual([1, 1])
    })
})

describe('AssetStatusChanged', () => {
    it('every change is a history row; the last one in the batch wins; RETIRED is recorded as such', async () => {
        await h.run([block(1, registerAsset(1, ALICE))])
        await h.run([
            block(2, [ev.AssetStatusChanged({assetId: 1, status: 1}), ev.AssetStatusChanged({assetId: 1, status: 0})]),
            block(3, [ev.AssetStatusChanged({assetId: 1, status: 2})]),
        ])
        expect((await h.get(Asset, '1'))!.status).toBe(AssetStatus.RETIRED)
        expect((await h.find(AssetStatusChange)).map((c) => [c.block, c.status])).toEqual([
            [2, AssetStatus.PAUSED],
            [2, AssetStatus.ACTIVE],
            [3, AssetStatus.RETIRED],
        ])
    })

    it('a status outside the SPEC is skipped and the asset keeps its status', async () => {
        await h.run([block(1, registerAsset(1, ALICE))])
        const {stats} = await h.run([block(2, [ev.AssetStatusChanged({assetId: 1, status: 3})])])
        expect(stats.skippedByKind).toEqual({AssetStatusChanged: 1})
        const a = (await h.get(Asset, '1'))!
        expect([a.status, a.updatedAtBlock]).toEqual([AssetStatus.ACTIVE, 1])
        expect(await h.count(AssetStatusChange)).toBe(0)
    })
})

describe('AssetTransfer', () => {
    it('moves ownership and the owners’ counts; a transfer to oneself changes nothing but history', async () => {
        await h.run([block(1, registerAsset(1, ALICE))])
        await h.run([block(2, [ev.AssetTransfer({from: ALICE, to: BOB, tokenId: 1}), ev.AssetTransfer({from: BOB, to: BOB, tokenId: 1})])])
        const a = (await h.get(Asset, '1', {owner: true, creator: true}))!
        expect([a.owner.id, a.creator.id]).toEqual([BOB, ALICE])
        expect((await h.get(Account, ALICE))!.assetCount).toBe(0)
        expect((await h.get(Account, BOB))!.assetCount).toBe(1)
        expect((await h.find(AssetTransfer)).map((t) => [t.from, t.to])).toEqual([
            [ZERO, ALICE],
            [ALICE, BOB],
            [BOB, BOB],
        ])
    })
})

describe('logs that are not protocol events', () => {
    it('an AssetRegistered from another address and an unknown topic of the registry are ignored', async () => {
        const foreign = registerAsset(1, ALICE).map((l) => ({...l, address: STRANGER}))
        const unknown = rawLog(h.manifest.contracts.AssetRegistry, ['0x' + 'ab'.repeat(32)], '0x')
        const {stats} = await h.run([block(1, [...foreign, unknown])])
        expect(stats).toEqual({events: 0, skipped: 0, skippedByKind: {}})
        expect(await h.counts()).toEqual({indexed_head: 1, deployed_contract: 8}) // the head moved; nothing else
    })

    it('a registry log with truncated data is skipped as undecodable, the rest of the batch applies', async () => {
        const status = ev.AssetStatusChanged({assetId: 1, status: 1})
        const truncated = {...status, data: status.data.slice(0, 2 + 31 * 2)}
        const {stats} = await h.run([block(1, [...registerAsset(1, ALICE), truncated, ev.AssetUpdated({assetId: 1, version: 2, uri: 'v2'})])])
        expect(stats).toMatchObject({events: 3, skipped: 1, skippedByKind: {unknown: 1}})
        const a = (await h.get(Asset, '1'))!
        expect([a.status, a.version]).toEqual([AssetStatus.ACTIVE, 2])
        expect(await h.count(AssetStatusChange)).toBe(0)
        const [skipped] = await h.find(SkippedLog)
        expect(skipped.kind).toBeNull()
        expect(skipped.reason).toMatch(/^undecodable: /)
    })

    it.fails('BUG: an undecodable AssetRegistered after its mint Transfer is skipped without failing the batch (dangling mint row, see above)', async () => {
        const [mint, registered] = registerAsset(2, BOB)
        const truncated = {...registered, data: registered.data.slice(0, 2 + 64 * 2)}
        const {stats} = await h.run([block(1, [...registerAsset(1, ALICE), mint, truncated])])
        expect(stats.skippedByKind).toEqual({unknown: 1})
        expect((await h.find(Asset)).map((a) => a.id)).toEqual(['1'])
    })
})

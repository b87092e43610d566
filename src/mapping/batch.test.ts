/**
 * processBatch itself on real PostgreSQL (test/helpers/batch.ts): what a batch carries over (only
 * the database), that batch boundaries do not change the result, all-or-nothing batches, stats.
 */
import {describe, expect, it} from 'vitest'
import {ALICE, BOB, CAROL, block, ev, issueReceipt, mintTokens, rawLog, registerAsset, TREASURY, useBatchHarness, VAULT, type SyntheticBlock} from '../../test/helpers/batch'
import {Account, Asset, Protocol, Receipt, SkippedLog} from '../model'
import {isView} from '../store/views'

const h = useBatchHarness()

/** Every row of every entity table, in id order (the index as a value). */
async function dump(): Promise<Record<string, unknown[]>> {
    const out: Record<string, unknown[]> = {}
    for (const m of h.ds.entityMetadatas.filter((m) => !isView(m.tableName))) {
        const rows = await h.query(`SELECT * FROM "${m.tableName}" ORDER BY id`)
        if (rows.length > 0) out[m.tableName] = rows
    }
    return out
}

/** A little economy: tokens, assets with lineage, receipts, a fee-paying payment, claims, a proposal. */
function economy(): SyntheticBlock[] {
    return [
        block(1, [
            ev.ProtocolFeeUpdated({oldBps: 0, newBps: 500}),
            ev.GovernanceParamsSet({votingDelay: 1n, votingPeriod: 3n, proposalThreshold: 1n, quorumBps: 1000, thresholdBps: 5000, vetoBps: 3340, councilApprovalBps: 5000}),
            mintTokens(ALICE, 10_000n),
            mintTokens(CAROL, 5_000n),
        ]),
        block(2, [...registerAsset(1, BOB, {contributorBps: 0}), ...registerAsset(2, ALICE, {kind: 1, contributorBps: 2000}), ev.AssetLinked({assetId: 2, parentId: 1, relation: 1, upstreamBps: 1000})]),
        block(3, [...issueReceipt(1, 2, CAROL, 3n), ev.ProposalCreated({proposalId: 1, track: 1, proposer: ALICE, snapshotBlock: 4, voteStartBlock: 5, voteEndBlock: 7})]),
        block(4, [
            ev.TokenTransfer({from: CAROL, to: VAULT, value: 1000n}),
            ev.TokenTransfer({from: VAULT, to: TREASURY, value: 50n}),
            ev.FeeReceived({paymentId: 1, amount: 50n}),
            ev.PaymentReceived({paymentId: 1, assetId: 2, payer: CAROL, source: 0, amount: 1000n, protocolFee: 50n}),
            ev.RevenueDistributed({paymentId: 1, assetId: 1, depth: 1, amount: 95n, toOwner: 95n, owner: BOB}),
            ev.RevenueDistributed({paymentId: 1, assetId: 2, depth: 0, amount: 950n, toOwner: 665n, toContributors: 190n, toUpstream: 95n, owner: ALICE}),
        ]),
        block(5, [ev.VoteCast({proposalId: 1, voter: ALICE, support: 1, weight: 10_000n}), ev.OwnerClaimed({account: BOB, amount: 95n})]),
        block(6, [ev.ReceiptRevoked({receiptId: 1, assetId: 2}), ev.ReceiptClaimed({receiptId: 1, contributor: CAROL, amount: 189n})]),
        block(7),
        block(8, [ev.ProposalExecuted({proposalId: 1})]),
    ]
}

describe('processBatch', () => {
    it('one batch or one batch per block: the same database, row for row', async () => {
        const {stats} = await h.run(economy())
        expect(stats).toMatchObject({events: 23, skipped: 0})
        const whole = await dump()
        expect(Object.keys(whole).length).toBeGreaterThanOrEqual(20) // of the 33 tables
        await h.reset()
        for (const b of economy()) await h.run([b])
        expect(await dump()).toEqual(whole)
    })

    it('a batch starts from the database, not from memory: a row changed between batches is what the next batch sees', async () => {
        await h.run([block(1, [mintTokens(ALICE, 100n), ...registerAsset(1, ALICE)])])
        await h.query(`UPDATE account SET balance = 1000 WHERE id = $1`, [ALICE])
        await h.query(`UPDATE protocol SET asset_count = 41`)
        await h.run([block(2, [ev.TokenTransfer({from: ALICE, to: BOB, value: 10n}), ...registerAsset(2, BOB)])])
        expect((await h.get(Account, ALICE))!.balance).toBe(990n)
        expect((await h.get(Protocol, 'sahara'))!.assetCount).toBe(42)
        expect((await h.get(Protocol, 'sahara'))!.totalSupply).toBe(100n)
    })

    it('a batch that throws writes nothing, and the next batch goes on from the previous one', async () => {
        await h.run([block(1, [...registerAsset(1, ALICE), ...issueReceipt(1, 1, BOB, 2n)])])
        const before = await dump()
        // An event out of order (an unknown receipt) is a consistency error: the batch fails as a whole.
        await expect(h.run([block(2, [...issueReceipt(2, 1, CAROL, 5n)]), block(3, [ev.ReceiptRevoked({receiptId: 7, assetId: 1})])])).rejects.toThrow(/receipt 7 is not known/)
        expect(await dump()).toEqual(before)
        await h.run([block(2, [...issueReceipt(2, 1, CAROL, 5n)])])
        expect((await h.get(Asset, '1'))!).toMatchObject({totalWeight: 7n, receiptCount: 2})
        expect(await h.count(Receipt)).toBe(2)
    })

    it('counts applied and skipped events by kind, logs a warning per skipped log and records it', async () => {
        const status = ev.AssetStatusChanged({assetId: 1, status: 1})
        const {stats, warnings} = await h.run([
            block(1, [
                ...registerAsset(1, ALICE),
                ev.AssetStatusChanged({assetId: 1, status: 9}),
                {...status, data: '0x1234'}, // malformed: undecodable
                rawLog(h.manifest.contracts.AssetRegistry, [status.topics[0]], status.data), // a topic missing: not this event
                ev.AssetLinked({assetId: 1, parentId: 1, relation: 7}),
            ]),
            block(2, []),
        ])
        expect(stats).toEqual({events: 2, skipped: 3, skippedByKind: {AssetStatusChanged: 1, unknown: 1, AssetLinked: 1}})
        expect(warnings).toHaveLength(3)
        expect(warnings[0]).toMatch(/^skipped AssetStatusChanged 0000000001-000002-\w+ of 0x5a0+2 \(tx 0x[0-9a-f]{64}\): AssetStatus 9 is out of range$/)
        expect((await h.find(SkippedLog)).map((s) => [s.kind, s.block])).toEqual([
            ['AssetStatusChanged', 1],
            [null, 1],
            ['AssetLinked', 1],
        ])
        // Nothing of the skipped logs was applied.
        expect((await h.get(Asset, '1'))!).toMatchObject({status: 'ACTIVE', parentCount: 0, childCount: 0})
    })

    it('a batch without protocol logs writes only the indexed head and the deployment contracts; an empty batch writes nothing', async () => {
        await h.run([])
        expect(await h.counts()).toEqual({})
        const {stats} = await h.run([block(1), block(2, [rawLog(CAROL, ['0x' + '00'.repeat(32)], '0x')])])
        expect(stats).toEqual({events: 0, skipped: 0, skippedByKind: {}})
        expect(await h.counts()).toEqual({indexed_head: 1, deployed_contract: 8})
        const [head] = await h.query('SELECT height FROM indexed_head')
        expect(head).toEqual({height: 2})
    })
})

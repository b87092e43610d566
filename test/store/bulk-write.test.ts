/**
 * src/store/bulk-write.ts against typeorm-store's own upsert / insert on real PostgreSQL (the batch
 * harness): the same rows for awkward values (quotes, backslashes, braces, commas, the word NULL,
 * non-ASCII text, empty and binary bytes, negative and 200-digit bigints, nulls), relations
 * written as `<name>_id`, and a row loaded without its relations keeping its foreign keys.
 */
import {describe, expect, it} from 'vitest'
import {useBatchHarness} from '../helpers/batch'
import {newAccount} from '../../src/mapping/state'
import {Account, Asset, AssetKind, AssetStatus, AssetVersion, SkippedLog} from '../../src/model'
import {bulkInsert, bulkUpsert} from '../../src/store/bulk-write'

const h = useBatchHarness()
const A = '0x' + 'a'.repeat(40)
const B = '0x' + 'b'.repeat(40)
const AWKWARD = ['plain', 'a "quoted" word', 'back\\slash \\\\x00', '{braces}, commas', 'NULL', '', ' spaced ', 'ünïcødé ✓ 🚀', "it's", 'tab\tnew\nline']

function asset(id: string, owner: Account | undefined, i: number): Asset {
    return new Asset({
        id,
        number: BigInt(id),
        kind: AssetKind.MODEL,
        status: AssetStatus.ACTIVE,
        owner,
        creator: owner,
        version: i,
        uri: AWKWARD[i % AWKWARD.length],
        uriRaw: i % 3 === 0 ? new Uint8Array() : Uint8Array.from([0, 92, 34, 255, i]),
        uriTruncated: i % 2 === 0,
        contentHash: new Uint8Array(32).fill(i),
        contributorBps: i,
        upstreamBpsSum: 0,
        parentCount: 0,
        childCount: 0,
        totalWeight: i % 2 ? -(10n ** 30n) - BigInt(i) : 10n ** 200n + BigInt(i),
        accRevenuePerWeight: 0n,
        receiptCount: 0,
        activeReceiptCount: 0,
        termsCount: 0,
        licenseCount: 0,
        invocationCount: 0,
        paymentCount: 0,
        grossRevenue: 0n,
        protocolFees: 0n,
        directRevenue: 0n,
        upstreamRevenue: 0n,
        ownerRevenue: 0n,
        contributorRevenue: 0n,
        sentUpstream: 0n,
        distributionCount: 0,
        createdAtBlock: i,
        createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i, 7)),
        updatedAtBlock: i,
    })
}

function skipped(i: number): SkippedLog {
    return new SkippedLog({id: `0000${i}-x`, address: A, kind: i % 2 ? null : AWKWARD[i % AWKWARD.length], reason: AWKWARD[(i + 3) % AWKWARD.length], block: i, timestamp: new Date(1_800_000_000_000 + i), txHash: '0x' + String(i).padStart(64, '0')})
}

/** Every row of the tables, as the driver reads them. */
async function rows(): Promise<unknown[]> {
    const out = []
    for (const t of ['account', 'asset', 'asset_version', 'skipped_log']) out.push(...(await h.query(`SELECT '${t}' AS t, * FROM "${t}" ORDER BY id`)))
    return out
}

/** Writes the same rows once with typeorm-store and once with the bulk path; returns both databases' rows. */
async function both(write: (bulk: boolean) => Promise<void>): Promise<[unknown[], unknown[]]> {
    await write(false)
    const a = await rows()
    await h.reset()
    await write(true)
    const b = await rows()
    return [a, b]
}

describe('bulk writes', () => {
    it('write the same rows as store.upsert / store.insert, awkward values included', async () => {
        const [a, b] = await both((bulk) =>
            h.withStore(async (store) => {
                const up = (r: any[]) => (bulk ? bulkUpsert(store, r) : store.upsert(r))
                const ins = (r: any[]) => (bulk ? bulkInsert(store, r) : store.insert(r))
                const [alice, bob] = [newAccount(A, 1), newAccount(B, 2)]
                bob.delegate = A
                await up([alice, bob])
                await up(AWKWARD.map((_s, i) => asset(String(i + 1), i % 2 ? alice : bob, i)))
                await ins([new AssetVersion({id: '1-1', asset: new Asset({id: '1'}), version: 1, uri: AWKWARD[2], uriRaw: Uint8Array.from([1]), uriTruncated: false, contentHash: new Uint8Array(32), block: 1, timestamp: new Date(0), txHash: '0x1'})])
                await ins(AWKWARD.map((_s, i) => skipped(i)))
            }),
        )
        expect(b.length).toBe(AWKWARD.length * 2 + 2 + 1)
        expect(b).toEqual(a)
    })

    it('keep the foreign keys of a row loaded without its relations, and set those given', async () => {
        const [a, b] = await both(async (bulk) => {
            const [alice, bob] = [newAccount(A, 1), newAccount(B, 2)]
            await h.withStore((store) => store.upsert([alice, bob]).then(() => store.upsert([asset('1', alice, 1), asset('2', alice, 2)])))
            await h.withStore(async (store) => {
                const [one, two] = await store.find(Asset, {order: {id: 'ASC'}})
                expect(one.owner, 'find() without relations leaves them undefined').toBeUndefined()
                one.version = 9 // loaded: owner_id and creator_id stay
                two.owner = bob // set: owner_id changes, creator_id stays
                const fresh = asset('3', bob, 3)
                await (bulk ? bulkUpsert(store, [one, two, fresh]) : store.upsert([one, two, fresh]))
            })
        })
        expect(b).toEqual(a)
        const assets = b.filter((r: any) => r.t === 'asset') as any[]
        expect(assets.map((r) => [r.id, r.version, r.owner_id, r.creator_id])).toEqual([
            ['1', 9, A, A],
            ['2', 2, B, A],
            ['3', 3, B, B],
        ])
    })

    it('fail on a duplicate id in an insert, as store.insert does', async () => {
        await h.withStore((store) => bulkInsert(store, [skipped(1)]))
        await expect(h.withStore((store) => bulkInsert(store, [skipped(1)]))).rejects.toThrow(/duplicate key/)
    })
})

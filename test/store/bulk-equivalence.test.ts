/**
 * The bulk write path (src/store/bulk-write.ts, BULK_WRITES on, the default) and typeorm-store's
 * query-builder path (BULK_WRITES=0) write identical databases from the same chain: a simulated
 * `small` economy plus mixed activity, indexed with a finality depth that leaves the tail hot
 * (one hot transaction a block, every write recorded in the change log), then a reorg of the
 * hot tail seen on restart, which rolls back through the change log the bulk path recorded.
 * Every row of every entity table must match, and so must the hot blocks and their change log.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {rpc} from '../../devnet/chain'
import {mixedActivityBlock} from '../helpers/activity'
import type {TestDatabase} from '../helpers/database'
import {diffDumps, dumpEntities} from '../helpers/dump'
import {useIndexedEconomy} from '../helpers/economy'
import {indexedHeight, startProcessor} from '../helpers/processor'

/** Deeper than the mixed activity on top of the simulation: those blocks and the simulation's last ones are hot. */
const FINALITY = 12

describe('bulk writes and query-builder writes', () => {
    const chain = useIndexedEconomy({seed: 3, scale: 'small', index: false, timeoutMs: 600_000})
    let builder: TestDatabase
    let bulk: TestDatabase

    beforeAll(async () => {
        builder = await chain.db.fresh()
        bulk = await chain.db.fresh()
    })
    afterAll(async () => {
        await builder?.close()
        await bulk?.close()
    })

    async function index(db: TestDatabase, bulkWrites: boolean): Promise<void> {
        const run = startProcessor({
            dbUrl: db.url,
            manifest: chain.manifest,
            exitAtHead: true,
            env: {FINALITY_CONFIRMATION: String(FINALITY), BULK_WRITES: bulkWrites ? '' : '0'},
        })
        const code = await run.exited
        if (code !== 0) throw new Error(`processor (BULK_WRITES=${bulkWrites ? 'on' : '0'}) exited with ${code}:\n${run.output().slice(-5000)}`)
    }

    async function indexBoth(): Promise<void> {
        await index(builder, false)
        await index(bulk, true)
        const head = Number(await chain.client.getBlockNumber())
        expect(await indexedHeight(builder.query)).toBe(head)
        expect(await indexedHeight(bulk.query)).toBe(head)
    }

    /** The hot blocks and their change log (what a rollback would replay), as text. */
    async function hotState(db: TestDatabase): Promise<string[]> {
        const blocks = await db.query(`SELECT height, hash FROM squid_processor.hot_block ORDER BY height`)
        const log = await db.query(`SELECT block_height, index, change FROM squid_processor.hot_change_log ORDER BY block_height, index`)
        return [...blocks, ...log].map((r) => JSON.stringify(r))
    }

    async function expectSame(): Promise<void> {
        const [a0, b0] = [await dumpEntities(builder.query), await dumpEntities(bulk.query)]
        expect(fieldDiffs(a0, b0)).toEqual([])
        expect(diffDumps(a0, b0)).toEqual([])
        const [a, b] = [await hotState(builder), await hotState(bulk)]
        expect(a.length).toBe(b.length)
        expect(a).toEqual(b)
        const status = 'SELECT height, hash FROM squid_processor.status'
        expect(await bulk.query(status)).toEqual(await builder.query(status))
    }

    it('index the same chain, hot tail included, into the same rows and the same change log', async () => {
        for (let v = 1; v <= 3; v++) await mixedActivityBlock(chain.client, chain.manifest, v)
        await indexBoth()
        const hot = await bulk.query(`SELECT count(*)::int AS n FROM squid_processor.hot_change_log`)
        expect(hot[0].n, 'the tail was meant to be hot (change log written)').toBeGreaterThan(0)
        expect((await bulk.query(`SELECT count(*)::int AS n FROM payment`))[0].n).toBeGreaterThan(0)
        await expectSame()
    }, 600_000)

    it('roll a reorged hot tail back to the same rows', async () => {
        const snapshot = await rpc<string>(chain.client, 'evm_snapshot')
        for (let v = 10; v <= 12; v++) await mixedActivityBlock(chain.client, chain.manifest, v)
        await indexBoth()
        const before = (await bulk.query(`SELECT count(*)::int AS n FROM payment`))[0].n
        // Replace those 3 blocks by 4 others; each processor sees the fork when it starts again.
        expect(await rpc<boolean>(chain.client, 'evm_revert', [snapshot])).toBe(true)
        for (let v = 100; v <= 103; v++) await mixedActivityBlock(chain.client, chain.manifest, v)
        await indexBoth()
        expect((await bulk.query(`SELECT count(*)::int AS n FROM payment`))[0].n).toBe(before + 2) // 3 blocks out, 4 in, 2 payments each
        await expectSame()
    }, 600_000)
})

/** A row's key: its id, and the block of the version in history tables (several rows per id). */
const rowKey = (r: {id: string; valid_from?: number}) => (r.valid_from == null ? r.id : `${r.id}@${r.valid_from}`)

/** Rows present in both dumps (same key) whose fields differ, as `table id: column builder -> bulk`: the readable form of a mismatch. */
function fieldDiffs(a: Record<string, string[]>, b: Record<string, string[]>, max = 20): string[] {
    const out: string[] = []
    for (const [table, rows] of Object.entries(a)) {
        const other = new Map((b[table] ?? []).map((r) => [rowKey(JSON.parse(r)), JSON.parse(r)]))
        for (const text of rows) {
            const x = JSON.parse(text)
            const y = other.get(rowKey(x))
            if (y == null) continue
            for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) {
                const [vx, vy] = [JSON.stringify(x[k]), JSON.stringify(y[k])]
                if (vx !== vy) out.push(`${table} ${rowKey(x)}: ${k} ${vx?.slice(0, 120)} -> ${vy?.slice(0, 120)}`)
                if (out.length >= max) return out
            }
        }
    }
    return out
}

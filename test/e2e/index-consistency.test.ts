import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {simulate} from '../../src/simulator'
import {openTestDatabase, TestDatabase} from '../helpers/database'
import {useDevnet} from '../helpers/devnet'
import {indexedHeight, indexToHead} from '../helpers/processor'
import {verifyAgainstChain} from '../helpers/verify'

/**
 * The whole pipeline on real parts: a simulated `small` economy on anvil, indexed by the real
 * processor into a real PostgreSQL, then every figure compared with the contracts' views.
 */
describe('indexing a simulated economy', () => {
    const chain = useDevnet()
    let db: TestDatabase

    beforeAll(async () => {
        db = await openTestDatabase()
        await simulate({rpcUrl: chain.devnet.anvil.rpcUrl, manifest: chain.manifest, seed: 7, scale: 'small'})
        await indexToHead({dbUrl: db.url, manifest: chain.manifest})
    }, 600_000)

    afterAll(async () => {
        await db?.close()
    })

    it('indexes up to the chain head', async () => {
        const head = await chain.client.getBlockNumber()
        expect(await indexedHeight(db.query)).toBe(Number(head))
    })

    it('equals the chain: event rows, owners, validity, accruals, claimables, treasury, tallies', async () => {
        const head = await chain.client.getBlockNumber()
        const mismatches = await verifyAgainstChain(db.query, chain.devnet.anvil.rpcUrl, chain.manifest, head)
        expect(mismatches.slice(0, 20)).toEqual([])
    })

    it('conserves every payment: fee + owner parts + contributor pools = amount', async () => {
        const rows = await db.query(`
            SELECT p.id, p.amount, p.protocol_fee,
                   COALESCE(sum(d.to_owner + d.to_contributors), 0) AS distributed
            FROM payment p LEFT JOIN revenue_distribution d ON d.payment_id = p.id
            GROUP BY p.id, p.amount, p.protocol_fee`)
        expect(rows.length).toBeGreaterThan(0)
        const broken = rows.filter((r) => BigInt(r.amount) !== BigInt(r.protocol_fee) + BigInt(r.distributed))
        expect(broken).toEqual([])
    })

    it('keeps hostile strings losslessly and displays them safely', async () => {
        const rows = await db.query(`SELECT uri, uri_raw FROM asset_version WHERE position(E'\\\\x00'::bytea in uri_raw) > 0 OR length(uri_raw) > 4096`)
        expect(rows.length).toBeGreaterThan(0)
        for (const r of rows) {
            expect(r.uri).not.toContain('\u0000')
            expect(r.uri.length).toBeLessThanOrEqual(1024)
        }
    })

    it('computes proposal outcomes that no event announces', async () => {
        const rows = await db.query(`SELECT state, count(*)::int AS n FROM proposal GROUP BY state`)
        const states = Object.fromEntries(rows.map((r) => [r.state, r.n]))
        expect(states.DEFEATED ?? 0).toBeGreaterThan(0)
        expect(states.VETOED ?? 0).toBeGreaterThan(0)
        expect(states.EXECUTED ?? 0).toBeGreaterThan(0)
        expect(states.CANCELED ?? 0).toBeGreaterThan(0)
    })
})

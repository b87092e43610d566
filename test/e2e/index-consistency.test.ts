import {decodeAbiParameters, toEventSelector} from 'viem'
import {beforeAll, describe, expect, it} from 'vitest'
import type {DeploymentManifest} from '../../src/config/manifest'
import {fundSimAccounts} from '../../devnet/accounts'
import {deployProtocol} from '../../devnet/deploy'
import {mixedActivityBlock} from '../helpers/activity'
import type {TestDatabase} from '../helpers/database'
import {useIndexedEconomy} from '../helpers/economy'
import {indexedHeight} from '../helpers/processor'
import {verifyAgainstChain} from '../helpers/verify'

/**
 * The whole pipeline on real parts: a simulated `small` economy on anvil, indexed by the real
 * processor into a real PostgreSQL, then every figure compared with the contracts' views.
 */
describe('indexing a simulated economy', () => {
    let decoy: DeploymentManifest
    const chain = useIndexedEconomy({
        seed: 7,
        scale: 'small',
        beforeIndex: async (e) => {
            // A second deployment that is not in the manifest emits look-alike events (same topics).
            decoy = await deployProtocol({rpcUrl: e.devnet.anvil.rpcUrl})
            await fundSimAccounts(e.client, decoy, 80)
            for (let v = 1; v <= 3; v++) await mixedActivityBlock(e.client, decoy, v)
        },
        timeoutMs: 600_000,
    })
    let db: TestDatabase

    beforeAll(() => {
        db = chain.db
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

    it('ignores look-alike events of a deployment outside the manifest', async () => {
        const read = (m: DeploymentManifest) =>
            chain.client.readContract({address: m.contracts.AssetRegistry as any, abi: chain.abi.AssetRegistry, functionName: 'assetCount'}) as Promise<bigint>
        const [ours, theirs] = await Promise.all([read(chain.manifest), read(decoy)])
        expect(theirs).toBeGreaterThan(0n)
        const [{n}] = await db.query('SELECT count(*)::int AS n FROM asset')
        expect(BigInt(n)).toBe(ours)
        const decoyAddresses = Object.values(decoy.contracts)
        const [{leaked}] = await db.query('SELECT count(*)::int AS leaked FROM account WHERE id = ANY($1)', [decoyAddresses])
        expect(leaked).toBe(0)
    })

    it('notices a corrupted figure (the comparison is not vacuous)', async () => {
        const [r] = await db.query('SELECT id FROM receipt WHERE claimed > 0 ORDER BY id LIMIT 1')
        await db.query('UPDATE receipt SET claimed = claimed + 1 WHERE id = $1', [r.id])
        try {
            const head = await chain.client.getBlockNumber()
            const mismatches = await verifyAgainstChain(db.query, chain.devnet.anvil.rpcUrl, chain.manifest, head)
            // both the SPEC formula over the columns and the served Receipt.accrual read the corrupted claimed
            expect(mismatches).toEqual([expect.stringContaining(`receipt ${r.id} claimable`), expect.stringContaining(`receipt ${r.id} served accrual.claimable`)])
        } finally {
            await db.query('UPDATE receipt SET claimed = claimed - 1 WHERE id = $1', [r.id])
        }
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

    it('keeps the dashboard day buckets equal to the event tables', async () => {
        const [t] = await db.query(`
            SELECT (SELECT COALESCE(sum(invocations), 0)::int FROM caller_day_data) AS bucket_invocations,
                   (SELECT count(*)::int FROM invocation) AS invocations,
                   (SELECT COALESCE(sum(fees), 0)::text FROM caller_day_data) AS bucket_fees,
                   (SELECT COALESCE(sum(fee), 0)::text FROM invocation) AS fees,
                   (SELECT COALESCE(sum(distributions), 0)::int FROM royalty_depth_day_data) AS bucket_distributions,
                   (SELECT count(*)::int FROM revenue_distribution) AS distributions,
                   (SELECT COALESCE(sum(amount), 0)::text FROM royalty_depth_day_data) AS bucket_amount,
                   (SELECT COALESCE(sum(amount), 0)::text FROM revenue_distribution) AS amount`)
        expect(t.invocations).toBeGreaterThan(0)
        expect(t.distributions).toBeGreaterThan(0)
        expect([t.bucket_invocations, t.bucket_fees, t.bucket_distributions, t.bucket_amount]).toEqual([t.invocations, t.fees, t.distributions, t.amount])
        // Per bucket too: every (caller, kind, day) and (kind, depth, day) equals its events.
        const callers = await db.query(`
            SELECT b.id, e.id AS eid FROM caller_day_data b
            FULL JOIN (SELECT i.caller_id || '-' || a.kind || '-' || floor(extract(epoch FROM i.timestamp) / 86400)::bigint AS id,
                              count(*)::int AS n, sum(i.fee) AS fees
                       FROM invocation i JOIN asset a ON a.id = i.asset_id GROUP BY 1) e ON e.id = b.id
            WHERE b.id IS NULL OR e.id IS NULL OR b.invocations <> e.n OR b.fees <> e.fees`)
        expect(callers).toEqual([])
        const depths = await db.query(`
            SELECT b.id, e.id AS eid FROM royalty_depth_day_data b
            FULL JOIN (SELECT a.kind || '-' || rd.depth || '-' || floor(extract(epoch FROM rd.timestamp) / 86400)::bigint AS id,
                              count(*)::int AS n, sum(rd.amount) AS amount
                       FROM revenue_distribution rd JOIN asset a ON a.id = rd.asset_id GROUP BY 1) e ON e.id = b.id
            WHERE b.id IS NULL OR e.id IS NULL OR b.distributions <> e.n OR b.amount <> e.amount`)
        expect(depths).toEqual([])
        // Treasury: the categories sum to the disbursements, and each equals its flows.
        const days = await db.query(`
            SELECT d.id FROM treasury_day_data d
            LEFT JOIN (SELECT floor(extract(epoch FROM timestamp) / 86400)::bigint::text AS id,
                              COALESCE(sum(amount) FILTER (WHERE category = 'GRANT'), 0) AS grants,
                              COALESCE(sum(amount) FILTER (WHERE category = 'REWARDS'), 0) AS rewards,
                              COALESCE(sum(amount) FILTER (WHERE category = 'OPERATIONS'), 0) AS operations,
                              COALESCE(sum(amount) FILTER (WHERE category = 'LIQUIDITY'), 0) AS liquidity,
                              COALESCE(sum(amount) FILTER (WHERE category = 'OTHER' OR category IS NULL), 0) AS other_spend
                       FROM treasury_flow WHERE kind = 'DISBURSEMENT' GROUP BY 1) f ON f.id = d.id
            WHERE d.grants + d.rewards + d.operations + d.liquidity + d.other_spend <> d.disbursements
               OR (d.grants, d.rewards, d.operations, d.liquidity, d.other_spend)
                  IS DISTINCT FROM (COALESCE(f.grants, 0), COALESCE(f.rewards, 0), COALESCE(f.operations, 0), COALESCE(f.liquidity, 0), COALESCE(f.other_spend, 0))`)
        expect(days).toEqual([])
        const [{spent}] = await db.query(`SELECT COALESCE(sum(grants + rewards + operations + liquidity + other_spend), 0)::text AS spent FROM treasury_day_data`)
        const [{disbursed}] = await db.query(`SELECT COALESCE(sum(amount), 0)::text AS disbursed FROM treasury_flow WHERE kind = 'DISBURSEMENT'`)
        expect(spent).toBe(disbursed)
        expect(BigInt(disbursed)).toBeGreaterThan(0n)
    })

    it('keeps hostile strings losslessly and displays them safely', async () => {
        const rows = await db.query(`SELECT uri, uri_raw FROM asset_version WHERE position(E'\\\\x00'::bytea in uri_raw) > 0 OR length(uri_raw) > 4096`)
        expect(rows.length).toBeGreaterThan(0)
        for (const r of rows) {
            expect(r.uri).not.toContain('\u0000')
            expect(r.uri.length).toBeLessThanOrEqual(1024)
        }
    })

    it('stores every contract string byte for byte (checked against the raw logs)', async () => {
        const topic = toEventSelector('AssetRegistered(uint256,address,uint8,string,bytes32,uint16)')
        const logs: any[] = await chain.client.request({
            method: 'eth_getLogs',
            params: [{address: chain.manifest.contracts.AssetRegistry, topics: [topic], fromBlock: '0x0', toBlock: 'latest'}],
        } as any)
        expect(logs.length).toBeGreaterThan(0)
        const rows = await db.query("SELECT asset_id, encode(uri_raw, 'hex') AS raw, uri FROM asset_version WHERE version = 1")
        const stored = new Map(rows.map((r) => [r.asset_id, r]))
        let hostile = 0
        for (const log of logs) {
            const [, uri] = decodeAbiParameters([{type: 'uint8'}, {type: 'bytes'}, {type: 'bytes32'}, {type: 'uint16'}], log.data)
            const row = stored.get(BigInt(log.topics[1]).toString())
            expect(row, `asset ${BigInt(log.topics[1])}`).toBeDefined()
            expect(`0x${row.raw}`).toBe(uri)
            const text = new TextDecoder().decode(Buffer.from(uri.slice(2), 'hex')).replace(/\u0000/g, '\uFFFD')
            expect(row.uri).toBe(text.slice(0, 1024).replace(/[\uD800-\uDBFF]$/, ''))
            if (text.includes('\uFFFD')) hostile += 1
        }
        expect(hostile).toBeGreaterThan(0)
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

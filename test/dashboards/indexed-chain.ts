import {fundSimAccounts} from '../../devnet/accounts'
import {startAnvil, type Anvil} from '../../devnet/anvil'
import {deployProtocol, publicClientFor} from '../../devnet/deploy'
import {simulate, type SimulationResult} from '../../simulator'
import {openTestDatabase, type TestDatabase} from '../helpers/database'
import {indexToHead} from '../helpers/processor'

/** Genesis time of the preview chain: 2026-01-01T00:00:00Z, so that day buckets are reproducible. */
export const CHAIN_START = Date.UTC(2026, 0, 1) / 1000
/** Seconds between simulated blocks: the `small` economy's ~50 blocks then span about four weeks of day buckets. */
export const BLOCK_TIME = 12 * 3600
export const SEED = 7
/** A fixed Grafana time range that covers the whole simulated chain (checked by the tests). */
export const FIXED_RANGE = {from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-02-01T00:00:00Z')}

export interface IndexedChain {
    db: TestDatabase
    sim: SimulationResult
    anvil: Anvil
    /** The time range the chain covers, whole UTC days. */
    range: {from: Date; to: Date}
    stop(): Promise<void>
}

/**
 * A simulated `small` economy with pinned timestamps (fixed genesis, one block an hour),
 * indexed by the real processor (lib/main.js: `npm run build` first) into a fresh PostgreSQL.
 * The same seed gives the same rows, so previews rendered from it are reproducible.
 */
export async function indexedSimulatedChain(opts: {log?: (msg: string) => void} = {}): Promise<IndexedChain> {
    const log = opts.log ?? (() => {})
    const anvil = await startAnvil({port: 0, timestamp: CHAIN_START})
    let db: TestDatabase | undefined
    try {
        const manifest = await deployProtocol({rpcUrl: anvil.rpcUrl})
        const client = publicClientFor(anvil.rpcUrl)
        await fundSimAccounts(client, manifest)
        // Pin the first simulated block to a whole hour after genesis, whatever the deployment took.
        await client.request({method: 'evm_mine', params: [CHAIN_START + BLOCK_TIME]} as any)
        log('simulating')
        const sim = await simulate({rpcUrl: anvil.rpcUrl, manifest, seed: SEED, scale: 'small', blockTime: BLOCK_TIME})
        db = await openTestDatabase()
        log(`indexing ${sim.blocks} blocks`)
        await indexToHead({dbUrl: db.url, manifest})
        const [r] = await db.query(`SELECT min(date) AS lo, max(date) AS hi FROM treasury_day_data`)
        const range = {from: new Date(r.lo), to: new Date(new Date(r.hi).getTime() + 86_400_000)}
        const opened = db
        return {
            db: opened,
            sim,
            anvil,
            range,
            async stop() {
                await opened.close()
                await anvil.stop()
            },
        }
    } catch (e) {
        await db?.close()
        await anvil.stop()
        throw e
    }
}

import type {Anvil} from '../../devnet/anvil'
import type {SimulationResult} from '../../simulator'
import type {TestDatabase} from '../helpers/database'
import {indexedEconomy} from '../helpers/economy'

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
 * A simulated `small` economy with pinned timestamps (fixed genesis, one block every BLOCK_TIME),
 * indexed by the real processor (lib/main.js: `npm run build` first) into a fresh PostgreSQL.
 * The same seed gives the same rows, so previews rendered from it are reproducible.
 */
export async function indexedSimulatedChain(opts: {log?: (msg: string) => void} = {}): Promise<IndexedChain> {
    // fixed genesis, and the first simulated block pinned to CHAIN_START + BLOCK_TIME whatever the deployment took
    const e = await indexedEconomy({seed: SEED, scale: 'small', blockTime: BLOCK_TIME, timestamp: CHAIN_START, log: opts.log})
    try {
        const [r] = await e.db.query(`SELECT min(date) AS lo, max(date) AS hi FROM treasury_day_data`)
        const range = {from: new Date(r.lo), to: new Date(new Date(r.hi).getTime() + 86_400_000)}
        return {db: e.db, sim: e.sim!, anvil: e.devnet.anvil, range, stop: () => e.stop()}
    } catch (err) {
        await e.stop()
        throw err
    }
}

/**
 * The end-to-end fixture: a devnet with a simulated economy on it, indexed by the real processor
 * (lib/main.js: `npm run build` first) into a fresh PostgreSQL, optionally served by the real API
 * process. `indexedEconomy()` builds one (for scripts and custom hooks), `useIndexedEconomy()`
 * builds one per test file in beforeAll and stops it in afterAll.
 */
import {afterAll, beforeAll} from 'vitest'
import {simulate, type ScaleConfig, type ScaleName, type SimulationResult} from '../../simulator'
import {startTestApi, type TestApi} from './api'
import {openTestDatabase, type TestDatabase} from './database'
import {startTestChain, type TestChain} from './devnet'
import {indexedHeight, indexToHead} from './processor'

export interface EconomyOptions {
    /** Simulate an economy with this seed (with `scale`); without it the chain has only the deployment and `beforeIndex`'s activity. */
    seed?: number
    scale?: ScaleName | ScaleConfig
    /** Seconds between the simulated blocks (simulate's default: 12). */
    blockTime?: number
    /**
     * Genesis timestamp (seconds): the chain is reproducible to the second, because the first
     * simulated block is also pinned, to `timestamp + blockTime`, whatever the deployment took.
     */
    timestamp?: number
    /** anvil --prune-history (default 256); `false` keeps every state, for reads at old blocks. */
    pruneHistory?: number | false
    /** Fund and delegate the simulated accounts (default true). */
    fund?: boolean
    /** Activity on top of the simulation, before indexing (direct transactions, mined blocks...). */
    beforeIndex?: (economy: IndexedEconomy) => Promise<void>
    /** Index from the start block to the head (default true); false leaves an empty, migrated database. */
    index?: boolean
    /** Start the API process on the indexed database (default false). */
    api?: boolean
    /** beforeAll's timeout for `useIndexedEconomy` (default 300 s). */
    timeoutMs?: number
    log?: (msg: string) => void
}

export interface IndexedEconomy extends TestChain {
    db: TestDatabase
    /** The simulation's result, when a seed was given. */
    sim?: SimulationResult
    /** The indexed height (-1 when not indexed). */
    height: number
    /** The API process, when `api: true`. */
    api?: TestApi
    /** Stops the API, the database server and the devnet. */
    stop(): Promise<void>
}

/** `IndexedEconomy` with `api` set when the options ask for it. */
export type EconomyOf<O extends EconomyOptions> = IndexedEconomy & (O['api'] extends true ? {api: TestApi} : {})

/**
 * Builds an indexed simulated economy: the devnet and the database start side by side, then the
 * simulation (seed, scale, block time as given), `beforeIndex`, the index to the head and the API.
 * Whatever fails, what was started is stopped again.
 */
export async function indexedEconomy<O extends EconomyOptions>(opts: O): Promise<EconomyOf<O>> {
    const log = opts.log ?? (() => {})
    const [chain, db] = await Promise.allSettled([startTestChain({fund: opts.fund, pruneHistory: opts.pruneHistory, timestamp: opts.timestamp}), openTestDatabase()])
    if (chain.status === 'rejected' || db.status === 'rejected') {
        if (chain.status === 'fulfilled') await chain.value.devnet.stop()
        if (db.status === 'fulfilled') await db.value.close()
        throw chain.status === 'rejected' ? chain.reason : (db as PromiseRejectedResult).reason
    }
    const e: IndexedEconomy = {
        ...chain.value,
        db: db.value,
        height: -1,
        async stop() {
            await e.api?.stop()
            await e.db.close()
            await e.devnet.stop()
        },
    }
    try {
        if (opts.seed != null) {
            const blockTime = opts.blockTime ?? 12
            if (opts.timestamp != null) await e.client.request({method: 'evm_mine', params: [opts.timestamp + blockTime]} as any)
            log(`simulating seed ${opts.seed}`)
            e.sim = await simulate({rpcUrl: e.devnet.anvil.rpcUrl, manifest: e.manifest, seed: opts.seed, scale: opts.scale ?? 'small', blockTime: opts.blockTime})
        }
        await opts.beforeIndex?.(e)
        if (opts.index ?? true) {
            log(`indexing${e.sim ? ` ${e.sim.blocks} simulated blocks` : ''}`)
            await indexToHead({dbUrl: e.db.url, manifest: e.manifest})
            e.height = await indexedHeight(e.db.query)
        }
        // RPC_URL: the API reads the time of an asOfBlock below the head from the chain
        if (opts.api) e.api = await startTestApi(e.db.url, {env: {RPC_URL: e.devnet.anvil.rpcUrl}})
    } catch (err) {
        await e.stop()
        throw err
    }
    return e as EconomyOf<O>
}

/**
 * `indexedEconomy(opts)` for the test file: built in beforeAll (hooks registered after this call
 * run after it, and see it built), stopped in afterAll. The returned object is filled in place.
 */
export function useIndexedEconomy<O extends EconomyOptions>(opts: O): EconomyOf<O> {
    const economy = {} as EconomyOf<O>
    beforeAll(async () => {
        Object.assign(economy, await indexedEconomy(opts))
    }, opts.timeoutMs ?? 300_000)
    afterAll(async () => {
        await economy.stop?.()
    })
    return economy
}

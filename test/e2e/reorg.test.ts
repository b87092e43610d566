import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {rpc} from '../../devnet/chain'
import {mixedActivityBlock} from '../helpers/activity'
import type {TestDatabase} from '../helpers/database'
import {diffDumps, dumpEntities} from '../helpers/dump'
import {useIndexedEconomy} from '../helpers/economy'
import {indexedHeight, indexToHead, ProcessorRun, startProcessor, waitFor} from '../helpers/processor'
import {verifyAgainstChain} from '../helpers/verify'

const FINALITY = 15

/**
 * Reorgs while the processor follows the head: a fork replaces the last blocks (shallower than
 * the finality depth) with different transactions, three times. The database must end up equal
 * to a fresh index of the final chain, and equal to the chain's views.
 */
describe('chain reorganisations', () => {
    // no simulation, nothing indexed yet: the test adds blocks and follows them with a processor
    const chain = useIndexedEconomy({index: false})
    let db: TestDatabase
    let run: ProcessorRun | undefined

    beforeAll(() => {
        db = chain.db
    })
    afterAll(async () => {
        await run?.stop()
    })

    async function headHash(): Promise<string> {
        return (await chain.client.getBlock()).hash!
    }

    async function waitIndexed(): Promise<void> {
        const head = Number(await chain.client.getBlockNumber())
        const hash = await headHash()
        await waitFor(`the processor to index block ${head} (${hash})`, async () => {
            if ((await indexedHeight(db.query)) !== head) return false
            const rows = await db.query('SELECT hash FROM squid_processor.hot_block WHERE height = $1', [head])
            return rows[0]?.hash === hash
        }, 90_000).catch((e) => {
            throw new Error(`${e.message}\nprocessor output:\n${run?.output().slice(-3000)}`)
        })
    }

    it('ends equal to a fresh index of the final chain', async () => {
        for (let v = 1; v <= 3; v++) await mixedActivityBlock(chain.client, chain.manifest, v)
        run = startProcessor({dbUrl: db.url, manifest: chain.manifest, env: {FINALITY_CONFIRMATION: String(FINALITY)}})
        await waitIndexed()

        for (let round = 1; round <= 3; round++) {
            const snapshot = await rpc<string>(chain.client, 'evm_snapshot')
            for (let i = 0; i < 3; i++) await mixedActivityBlock(chain.client, chain.manifest, 10 * round + i)
            await waitIndexed()
            const orphaned = await db.query('SELECT count(*)::int AS n FROM payment')
            // Replace the last 3 blocks by 4 others with different transactions.
            expect(await rpc<boolean>(chain.client, 'evm_revert', [snapshot])).toBe(true)
            for (let i = 0; i < 4; i++) await mixedActivityBlock(chain.client, chain.manifest, 100 * round + i)
            await waitIndexed()
            const now = await db.query('SELECT count(*)::int AS n FROM payment')
            expect(now[0].n).toBe(orphaned[0].n + 2) // 3 orphaned blocks gone, 4 new ones in, 2 payments each
        }
        expect(run.output()).toContain('navigating a fork')
        await run.stop()
        run = undefined

        const head = await chain.client.getBlockNumber()
        expect(await verifyAgainstChain(db.query, chain.devnet.anvil.rpcUrl, chain.manifest, head)).toEqual([])

        const fresh = await db.fresh()
        await indexToHead({dbUrl: fresh.url, manifest: chain.manifest})
        expect(diffDumps(await dumpEntities(db.query), await dumpEntities(fresh.query))).toEqual([])
    }, 400_000)
})

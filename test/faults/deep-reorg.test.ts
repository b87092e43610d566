import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {rpc} from '../../devnet/chain'
import {EXIT_DEEP_REORG} from '../../src/store/fork-check'
import {mixedActivityBlock} from '../helpers/activity'
import {openTestDatabase, type TestDatabase} from '../helpers/database'
import {useDevnet} from '../helpers/devnet'
import {diffDumps, dumpEntities} from '../helpers/dump'
import {indexedHeight, indexToHead, startProcessor, waitFor, type ProcessorRun} from '../helpers/processor'

const FINALITY = 3

/**
 * A reorg deeper than FINALITY_CONFIRMATION: the processor stops, and on restart says what
 * happened (fork block, depth, the configured depth) and how to recover, exiting with a code a
 * supervisor does not retry; the recovery (REINDEX=1, what `npm run process -- --reindex` sets)
 * ends equal to a fresh index of the new chain.
 */
describe('reorg deeper than the finality depth', () => {
    const chain = useDevnet()
    let db: TestDatabase
    let run: ProcessorRun | undefined
    const env = {FINALITY_CONFIRMATION: String(FINALITY)}

    beforeAll(async () => {
        db = await openTestDatabase()
    })
    afterAll(async () => {
        await run?.stop()
        await db?.close()
    })

    it('stops with a message that says what happened and how to recover; the recovery ends equal to a fresh index', async () => {
        for (let v = 1; v <= 3; v++) await mixedActivityBlock(chain.client, chain.manifest, v)
        run = startProcessor({dbUrl: db.url, manifest: chain.manifest, env})
        const snapshot = await rpc<string>(chain.client, 'evm_snapshot')
        const forkBase = Number(await chain.client.getBlockNumber())
        for (let i = 0; i < FINALITY + 4; i++) await mixedActivityBlock(chain.client, chain.manifest, 10 + i)
        const head = Number(await chain.client.getBlockNumber())
        await waitFor('the orphaned blocks to be final', async () => {
            const rows = await db.query('SELECT height FROM squid_processor.status WHERE id = 0').catch(() => [])
            return rows[0] && Number(rows[0].height) > forkBase + 1 && (await indexedHeight(db.query)) === head
        }, 90_000)
        // Replace everything after forkBase — deeper than FINALITY — by a longer fork.
        expect(await rpc<boolean>(chain.client, 'evm_revert', [snapshot])).toBe(true)
        for (let i = 0; i < FINALITY + 6; i++) await mixedActivityBlock(chain.client, chain.manifest, 100 + i)
        const code = await Promise.race([run.exited, new Promise<null>((r) => setTimeout(() => r(null), 60_000))])
        if (code == null) await run.stop()
        run = undefined

        const again = startProcessor({dbUrl: db.url, manifest: chain.manifest, env})
        expect(await again.exited).toBe(EXIT_DEEP_REORG)
        const out = again.output()
        expect(out).toContain('DEEP REORG')
        expect(out).toContain(`FINALITY_CONFIRMATION=${FINALITY}`)
        expect(out).toMatch(/fork at or below block \d+/)
        expect(out).toContain('npm run process -- --reindex')

        const recovered = startProcessor({dbUrl: db.url, manifest: chain.manifest, exitAtHead: true, env: {...env, REINDEX: '1'}})
        expect(await recovered.exited, recovered.output().slice(-3000)).toBe(0)
        const fresh = await db.fresh()
        await indexToHead({dbUrl: fresh.url, manifest: chain.manifest})
        expect(diffDumps(await dumpEntities(db.query), await dumpEntities(fresh.query))).toEqual([])
    }, 300_000)
})

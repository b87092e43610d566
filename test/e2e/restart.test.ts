import {beforeAll, describe, expect, it} from 'vitest'
import type {TestDatabase} from '../helpers/database'
import {diffDumps, dumpEntities} from '../helpers/dump'
import {useIndexedEconomy} from '../helpers/economy'
import {indexedHeight, indexToHead, startProcessor, waitFor} from '../helpers/processor'

/**
 * A processor killed hard (SIGKILL) in the middle of a sync and started again must end with
 * exactly the database of an uninterrupted run: batches are atomic and nothing is kept in memory.
 */
describe('restart after a crash', () => {
    // the test indexes itself: a run killed mid-sync, a second one, a clean one
    const chain = useIndexedEconomy({seed: 3, scale: 'small', index: false})
    let db: TestDatabase

    beforeAll(() => {
        db = chain.db
    })

    it('resumes from the last committed block and ends equal to an uninterrupted run', async () => {
        const head = Number(await chain.client.getBlockNumber())
        const start = chain.manifest.startBlock
        // A low RPC rate limit keeps the first run mid-sync long enough to kill it there.
        const first = startProcessor({dbUrl: db.url, manifest: chain.manifest, env: {RPC_RATE_LIMIT: '15'}})
        const killedAt = await waitFor('a first committed batch', async () => {
            const h = await indexedHeight(db.query)
            return h > start ? h : undefined
        })
        first.child.kill('SIGKILL')
        await first.exited
        expect(killedAt).toBeLessThan(head)
        const afterKill = await indexedHeight(db.query)
        expect(afterKill).toBeGreaterThanOrEqual(killedAt)
        expect(afterKill).toBeLessThan(head)

        const second = startProcessor({dbUrl: db.url, manifest: chain.manifest, exitAtHead: true})
        expect(await second.exited).toBe(0)
        // It resumed: the second run did not start from the manifest's start block.
        expect(second.output()).toContain(`processing blocks from ${afterKill + 1}`)

        const clean = await db.fresh()
        await indexToHead({dbUrl: clean.url, manifest: chain.manifest})
        expect(diffDumps(await dumpEntities(db.query), await dumpEntities(clean.query))).toEqual([])
    })
})

import fs from 'fs'
import os from 'os'
import path from 'path'
import pg from 'pg'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startEmbeddedPostgres, type EmbeddedDb} from '../../local/embedded-postgres'
import {applyMigrations} from '../../local/child'
import {simulate} from '../../simulator'
import {freePort} from '../../src/util/ports'
import {openTestDatabase, type TestDatabase} from '../helpers/database'
import {useDevnet} from '../helpers/devnet'
import {diffDumps, dumpEntities} from '../helpers/dump'
import {indexedHeight, indexToHead, startProcessor, waitFor} from '../helpers/processor'

/**
 * PostgreSQL stopped in the middle of a sync and started again a few seconds later: the processor
 * waits it out (it says so in its log) and goes on — zero exits — and ends equal to a clean index.
 */
describe('PostgreSQL restart mid-sync', () => {
    const chain = useDevnet()
    let dir: string
    let server: EmbeddedDb | undefined
    let port: number
    let reference: TestDatabase

    beforeAll(async () => {
        await simulate({rpcUrl: chain.devnet.anvil.rpcUrl, manifest: chain.manifest, seed: 3, scale: 'small'})
        dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sahara-pg-restart-'))
        fs.chmodSync(dir, 0o755)
        port = await freePort()
        server = await startEmbeddedPostgres({dataDir: path.join(dir, 'pg'), port, database: 'squid'})
        await applyMigrations(server.url)
        reference = await openTestDatabase()
        await indexToHead({dbUrl: reference.url, manifest: chain.manifest})
    }, 300_000)
    afterAll(async () => {
        await server?.stop()
        await reference?.close()
        if (dir) fs.rmSync(dir, {recursive: true, force: true})
    })

    it('waits for the database, resumes, and ends equal to a clean index', async () => {
        const url = server!.url
        const query = async (sql: string) => {
            const c = new pg.Client(url)
            await c.connect()
            try {
                return (await c.query(sql)).rows
            } finally {
                await c.end()
            }
        }
        const head = Number(await chain.client.getBlockNumber())
        // A low RPC rate limit keeps the run mid-sync long enough to stop the database under it.
        const run = startProcessor({dbUrl: url, manifest: chain.manifest, exitAtHead: true, env: {RPC_RATE_LIMIT: '10'}})
        await waitFor('a first committed batch', async () => ((await indexedHeight(query)) > chain.manifest.startBlock ? true : undefined))
        expect(await indexedHeight(query)).toBeLessThan(head)
        await server!.stop()
        await new Promise((r) => setTimeout(r, 3000))
        expect(run.child.exitCode, run.output().slice(-2000)).toBeNull()
        server = await startEmbeddedPostgres({dataDir: path.join(dir, 'pg'), port, database: 'squid'})
        const code = await run.exited
        expect(code, run.output().slice(-3000)).toBe(0)
        expect(run.output()).toMatch(/PostgreSQL unreachable while/)
        const dump = await dumpEntities(async (sql: string, params?: unknown[]) => {
            const c = new pg.Client(url)
            await c.connect()
            try {
                return (await c.query(sql, params as any[])).rows
            } finally {
                await c.end()
            }
        })
        expect(diffDumps(dump, await dumpEntities(reference.query))).toEqual([])
    }, 300_000)
})

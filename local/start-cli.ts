/**
 * `npm start`: the whole product on one machine with no server installed.
 *  - PostgreSQL: embedded (data under .data/postgres) unless DATABASE_URL is set;
 *  - chain: a local devnet (anvil, state kept in .data/devnet) with live simulated activity,
 *    unless RPC_URL and MANIFEST point at a deployment;
 *  - the processor (lib/main.js) and the GraphQL API (port 4350).
 * Ctrl-C stops everything; the next `npm start` resumes where it stopped (the chain from its state
 * dump, the index from its last block, the simulated economy from the chain).
 * One start per data folder: `<DATA_DIR>/instance.json` (local/instance.ts) is taken before anything
 * starts; a second start prints where the first one serves and exits 1.
 * Exit codes: 0 stopped by a signal, 1 failed (or already running), 2 bad configuration (ConfigError:
 * its lines, no stack).
 */
import fs from 'fs'
import path from 'path'
import {readManifest, writeManifest, DeploymentManifest} from '../src/config/manifest'
import {fundSimAccounts} from '../devnet/accounts'
import {Anvil, startAnvil} from '../devnet/anvil'
import {deployProtocol, publicClientFor} from '../devnet/deploy'
import {SCALES, simulate} from '../simulator'
import {applyMigrations, PROCESSOR_MAIN, runNode} from './child'
import {loadLocalConfig} from '../src/config/local'
import {openDatabase, redact} from './database'
import {startApi} from './api'
import {PROCESSOR_FATAL} from './exit-codes'
import {supervise} from './supervisor'
import {printBanner, waitForStart} from './banner'
import {ConfigError} from '../src/config/schema'
import {isPortInUse, portInUseMessage, suggestFreePort} from '../src/util/ports'
import {acquireInstance, alreadyRunningMessage, leftoversMessage} from './instance'

/** 2 for configuration errors (their message is the whole story), 1 for anything else. */
const exitCodeOf = (e: unknown) => (e instanceof ConfigError ? 2 : 1)
/** The message of an error, without its stack: what the user must read and change. */
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e))

async function main() {
    const cfg = loadLocalConfig(process.env)
    const {dataDir, gqlPort, devnetPort, metricsPort, verbose} = cfg

    // One instance per data folder, decided before anything starts or any port is looked at.
    const taken = acquireInstance(dataDir, {graphqlUrl: `http://localhost:${gqlPort}/graphql`})
    if (!taken.ok) {
        console.error('running' in taken ? alreadyRunningMessage(taken.running) : leftoversMessage(taken.stale, taken.leftovers))
        process.exit(1)
    }
    const lock = taken.lock
    let forced = false
    // a forced exit keeps the lock: it names the children that may still run to the next start
    process.once('exit', () => forced || lock.release())

    const stops: (() => Promise<unknown>)[] = [async () => lock.release()]
    let stopping = false
    const stopAll = async (code: number) => {
        if (stopping) return
        stopping = true
        console.log('\nstopping...')
        for (const stop of stops.reverse()) {
            try {
                await stop()
            } catch (e: any) {
                console.error(`while stopping: ${e?.message ?? e}`)
            }
        }
        process.exit(code)
    }
    // One stop per signal burst: `timeout`, a terminal or a process manager often deliver the same
    // signal twice (to the process and to its group), and a second default-handled signal would
    // kill this process mid-stop, leaving its children and the lock behind. A signal a second or
    // more after the first forces the exit (what a user pressing Ctrl-C again means).
    let firstSignalAt = 0
    const onSignal = (signal: NodeJS.Signals) => {
        if (!stopping) {
            firstSignalAt = Date.now()
            void stopAll(0)
        } else if (Date.now() - firstSignalAt > 1000) {
            console.error(`${signal} again: exiting without waiting for the rest to stop`)
            forced = true
            process.exit(130)
        }
    }
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal)
    const unexpected = (e: unknown) => {
        // a configuration error is its message; anything else is a bug worth its stack
        console.error(e instanceof ConfigError ? e.message : `unexpected error: ${(e as Error)?.stack ?? e}`)
        void stopAll(exitCodeOf(e))
    }
    process.on('uncaughtException', unexpected)
    process.on('unhandledRejection', unexpected)

    try {
        await checkPorts(cfg)
        const db = await openDatabase(cfg.database, (m) => console.log(m))
        stops.push(() => db.stop())
        if (db.embedded && cfg.database.kind === 'embedded') {
            lock.update({dbPort: Number(new URL(db.url).port)})
            lock.child('PostgreSQL', postmasterPid(cfg.database.dataDir))
        }
        await applyMigrations(db.url)

        let manifest: DeploymentManifest
        let manifestFile: string
        let rpcUrl: string
        if (cfg.chain.kind === 'external') {
            manifestFile = cfg.chain.manifestFile
            manifest = readManifest(manifestFile)
            rpcUrl = cfg.chain.rpcUrl
            console.log(`indexing ${rpcUrl} (chain ${manifest.chainId}) from block ${manifest.startBlock}`)
        } else {
            const devnet = await startLocalDevnet(cfg.chain.dir, devnetPort)
            stops.push(() => devnet.anvil.stop())
            lock.child('anvil devnet', devnet.anvil.process.pid)
            manifest = devnet.manifest
            manifestFile = devnet.manifestFile
            rpcUrl = devnet.anvil.rpcUrl
            const abort = new AbortController()
            stops.push(async () => abort.abort())
            void runSimulator(rpcUrl, manifest, cfg.simSeed, devnet.fresh, abort.signal, verbose)
        }
        lock.update({rpcUrl})

        const processor = supervise({
            name: 'the processor',
            start: () => {
                const child = runNode(PROCESSOR_MAIN, [], {DB_URL: db.url, MANIFEST: manifestFile, RPC_URL: rpcUrl, PROCESSOR_PROMETHEUS_PORT: String(metricsPort)}, {prefix: '[processor] ', quiet: !verbose})
                lock.child('processor', child.pid)
                return child
            },
            fatalCodes: PROCESSOR_FATAL,
            onGiveUp: (reason) => {
                console.error(reason)
                void stopAll(1)
            },
        })
        stops.push(() => processor.stop())

        // the API's own read-only login (API_DATABASE_URL, else made here), else the owner's with one warning
        const apiDb = await (await import('./api-login')).apiDatabaseFor(db.url, process.env)
        if (apiDb.warning) console.warn(apiDb.warning)
        else if (apiDb.note) console.log(apiDb.note)
        const api = supervise({
            name: 'the GraphQL API',
            start: () => {
                const child = startApi({dbUrl: apiDb.url, port: gqlPort, verbose, env: {RPC_URL: rpcUrl}})
                lock.child('GraphQL API', child.pid)
                return child
            },
            fatalCodes: new Map([[2, 'it cannot start (see the message above)']]),
            onGiveUp: (reason) => {
                console.error(reason)
                void stopAll(1)
            },
        })
        stops.push(() => api.stop())

        const state = await waitForStart(gqlPort)
        printBanner({gqlPort, metricsPort, rpcUrl, dbUrl: redact(db.url), embedded: db.embedded, state, dataDir})
        lock.update({ready: true})
    } catch (e) {
        console.error(messageOf(e))
        await stopAll(exitCodeOf(e))
    }
}

/**
 * The ports this start listens on, checked before anything starts: one taken by another program is
 * reported with its variable and a free example. (The embedded Postgres checks DB_PORT itself,
 * after checking that no PostgreSQL of an earlier run still holds its folder.)
 */
async function checkPorts(cfg: ReturnType<typeof loadLocalConfig>): Promise<void> {
    const wanted: [string, string, number][] = [
        ['GQL_PORT', 'the GraphQL API', cfg.gqlPort],
        ['PROCESSOR_PROMETHEUS_PORT', 'the processor metrics', cfg.metricsPort],
    ]
    if (cfg.chain.kind === 'devnet') wanted.push(['DEVNET_PORT', 'the devnet (anvil)', cfg.devnetPort])
    const used = wanted.map(([, , port]) => port)
    if (cfg.database.kind === 'embedded') used.push(cfg.database.port)
    for (const [variable, what, port] of wanted) {
        if (port === 0 || !(await isPortInUse(port))) continue
        throw new Error(portInUseMessage({what, port, variable, example: await suggestFreePort(port, '127.0.0.1', used)}))
    }
}

/** The pid of the embedded PostgreSQL (first line of its postmaster.pid), for the instance lock. */
function postmasterPid(clusterDir: string): number | undefined {
    try {
        const pid = Number(fs.readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0])
        return Number.isInteger(pid) && pid > 0 ? pid : undefined
    } catch {
        return undefined
    }
}

/** anvil with its state kept in `dir` (loaded at start, dumped at stop), deployed on first use. */
async function startLocalDevnet(dir: string, port: number): Promise<{anvil: Anvil; manifest: DeploymentManifest; manifestFile: string; fresh: boolean}> {
    fs.mkdirSync(dir, {recursive: true})
    const stateFile = path.join(dir, 'state.json')
    const manifestFile = path.join(dir, 'deployment.json')
    const fresh = !fs.existsSync(stateFile) || !fs.existsSync(manifestFile)
    if (fresh) for (const f of [stateFile, manifestFile]) fs.rmSync(f, {force: true})
    // --state: loaded at start, dumped on exit (SIGTERM/SIGINT) and every 10 s, so that a devnet
    // killed hard (kill -9 of the whole group) loses at most ~7 live blocks (one per 1.5 s): fewer
    // than the finality depth (15), so the processor follows that as a reorg instead of stopping.
    const anvil = await startAnvil({port, portVariable: 'DEVNET_PORT', args: ['--state', stateFile, '--state-interval', '10']})
    try {
        let manifest: DeploymentManifest
        if (fresh) {
            manifest = await deployProtocol({rpcUrl: anvil.rpcUrl})
            await fundSimAccounts(publicClientFor(anvil.rpcUrl), manifest)
            writeManifest(manifestFile, manifest)
            console.log(`devnet: deployed the protocol on ${anvil.rpcUrl}`)
        } else {
            manifest = {...readManifest(manifestFile), rpcUrl: anvil.rpcUrl}
            writeManifest(manifestFile, manifest)
            console.log(`devnet: resumed ${anvil.rpcUrl} from ${stateFile}`)
        }
        return {anvil, manifest, manifestFile, fresh}
    } catch (e) {
        await anvil.stop()
        throw e
    }
}

/**
 * The simulated economy: on a fresh devnet the seed scenario ('small'), then live activity; on a
 * resumed one only live activity, continuing the economy on the chain (the simulator rebuilds its
 * assets, terms, licenses and receipts from the chain's events and says so in one line).
 */
async function runSimulator(rpcUrl: string, manifest: DeploymentManifest, seed: number, fresh: boolean, signal: AbortSignal, verbose: boolean) {
    const scale = fresh ? SCALES.small : {events: 0, rounds: 0, assets: SCALES.small.assets}
    const log = (m: string) => {
        if (verbose || m.startsWith('resumed')) console.log(`simulator: ${m}`)
    }
    try {
        await simulate({rpcUrl, manifest, seed, scale, follow: true, signal, log})
    } catch (e: any) {
        if (!signal.aborted) console.error(`simulator stopped: ${e?.message ?? e}`)
    }
}

main().catch((e) => {
    // configuration problems: one line each, no stack
    console.error(messageOf(e))
    process.exit(exitCodeOf(e))
})

/**
 * `npm start`: the whole product on one machine with no server installed.
 *  - PostgreSQL: embedded (data under .data/postgres) unless DATABASE_URL is set;
 *  - chain: a local devnet (anvil, state kept in .data/devnet) with live simulated activity,
 *    unless RPC_URL and MANIFEST point at a deployment;
 *  - the processor (lib/main.js) and the GraphQL API (port 4350).
 * Ctrl-C stops everything; the next `npm start` resumes where it stopped.
 */
import fs from 'fs'
import path from 'path'
import {readManifest, writeManifest, DeploymentManifest} from '../src/config/manifest'
import {fundSimAccounts} from '../devnet/accounts'
import {Anvil, startAnvil} from '../devnet/anvil'
import {deployProtocol, publicClientFor} from '../devnet/deploy'
import {simulate} from '../simulator'
import {applyMigrations, PROCESSOR_MAIN, runNode} from './child'
import {loadLocalConfig} from '../src/config/local'
import {openDatabase, redact} from './database'
import {startApi} from './api'
import {PROCESSOR_FATAL} from './exit-codes'
import {supervise} from './supervisor'
import {printBanner, waitForStart} from './banner'

async function main() {
    const cfg = loadLocalConfig(process.env)
    const {dataDir, gqlPort, devnetPort, metricsPort, verbose} = cfg
    fs.mkdirSync(dataDir, {recursive: true})

    const stops: (() => Promise<unknown>)[] = []
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
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => void stopAll(0))
    process.once('uncaughtException', (e) => {
        console.error(`unexpected error: ${e.stack ?? e}`)
        void stopAll(1)
    })

    try {
        const db = await openDatabase(cfg.database, (m) => console.log(m))
        stops.push(() => db.stop())
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
            manifest = devnet.manifest
            manifestFile = devnet.manifestFile
            rpcUrl = devnet.anvil.rpcUrl
            const abort = new AbortController()
            stops.push(async () => abort.abort())
            void runSimulator(rpcUrl, manifest, cfg.simSeed, devnet.fresh, abort.signal)
        }

        const processor = supervise({
            name: 'the processor',
            start: () =>
                runNode(PROCESSOR_MAIN, [], {DB_URL: db.url, MANIFEST: manifestFile, RPC_URL: rpcUrl, PROCESSOR_PROMETHEUS_PORT: String(metricsPort)}, {prefix: '[processor] ', quiet: !verbose}),
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
            start: () => startApi({dbUrl: apiDb.url, port: gqlPort, verbose, env: {RPC_URL: rpcUrl}}),
            fatalCodes: new Map([[2, 'it cannot start (see the message above)']]),
            onGiveUp: (reason) => {
                console.error(reason)
                void stopAll(1)
            },
        })
        stops.push(() => api.stop())

        const state = await waitForStart(gqlPort)
        printBanner({gqlPort, metricsPort, rpcUrl, dbUrl: redact(db.url), embedded: db.embedded, state, dataDir})
    } catch (e: any) {
        console.error(e instanceof Error ? e.message : e)
        await stopAll(1)
    }
}

/** anvil with its state kept in `dir` (loaded at start, dumped at stop), deployed on first use. */
async function startLocalDevnet(dir: string, port: number): Promise<{anvil: Anvil; manifest: DeploymentManifest; manifestFile: string; fresh: boolean}> {
    fs.mkdirSync(dir, {recursive: true})
    const stateFile = path.join(dir, 'state.json')
    const manifestFile = path.join(dir, 'deployment.json')
    const fresh = !fs.existsSync(stateFile) || !fs.existsSync(manifestFile)
    if (fresh) for (const f of [stateFile, manifestFile]) fs.rmSync(f, {force: true})
    const anvil = await startAnvil({port, args: ['--state', stateFile, '--state-interval', '30']})
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

async function runSimulator(rpcUrl: string, manifest: DeploymentManifest, seed: number, fresh: boolean, signal: AbortSignal) {
    try {
        await simulate({rpcUrl, manifest, seed, scale: fresh ? 'small' : {events: 0, rounds: 0, assets: 0}, follow: true, signal, log: () => {}})
    } catch (e: any) {
        if (!signal.aborted) console.error(`simulator stopped: ${e?.message ?? e}`)
    }
}

main().catch((e) => {
    // configuration problems: one line each, no stack
    console.error(e instanceof Error ? e.message : e)
    process.exit(1)
})

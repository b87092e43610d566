/**
 * npm run simulate -- --seed N --scale small|medium|large|none [--rpc URL] [--manifest FILE]
 *                     [--port N] [--follow] [--save-state FILE] [--load-state FILE] [--block-time S]
 *                     [--prune-history N]
 *
 * Without --rpc: starts its own devnet (anvil on a free port or --port; from --load-state if
 * given), simulates, optionally saves the state (+ manifest beside it) and stops the devnet.
 * With --rpc: drives a running devnet (e.g. `npm run devnet`) described by --manifest
 * (default MANIFEST, else <DATA_DIR>/devnet/deployment.json, which npm run devnet writes). --follow keeps producing live activity until Ctrl-C.
 */
import fs from 'fs'
import path from 'path'
import {parseArgs} from 'util'
import {readManifest, writeManifest, type DeploymentManifest} from '../src/config/manifest'
import {defaultManifestFile} from '../src/config/local'
import {parsePort} from '../src/config/schema'
import {startDevnet, stateManifestFile, type Devnet} from '../devnet/devnet'
import {resolveScale, simulate, type ScaleConfig, type ScaleName} from '../simulator'
import {SPEC_EVENTS} from '../simulator/counts'
import {formatDuration, formatProgress} from '../simulator/progress'
import {dumpState} from '../simulator/state'

async function main() {
    const {values} = parseArgs({
        options: {
            seed: {type: 'string', default: '1'},
            scale: {type: 'string'},
            rpc: {type: 'string'},
            manifest: {type: 'string'},
            port: {type: 'string', default: '0'},
            follow: {type: 'boolean', default: false},
            'save-state': {type: 'string'},
            'load-state': {type: 'string'},
            'block-time': {type: 'string', default: '12'},
            'prune-history': {type: 'string', default: '64'},
        },
    })
    const seed = Number(values.seed)
    if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`--seed must be a non-negative integer, got ${values.seed}`)
    const scaleArg = values.scale ?? (values['load-state'] ? 'none' : 'small')
    const scale: ScaleConfig = scaleArg === 'none' ? {events: 0, rounds: 0, assets: 0} : resolveScale(scaleArg as ScaleName)
    const port = parsePort('--port', values.port)
    const blockTime = Number(values['block-time'])
    if (!(blockTime >= 1)) throw new Error(`--block-time must be >= 1 second, got ${values['block-time']}`)

    let devnet: Devnet | undefined
    let stopping = false
    let manifest: DeploymentManifest
    let rpcUrl: string
    if (values.rpc) {
        if (values['load-state']) throw new Error('--load-state starts a devnet: it cannot be combined with --rpc')
        manifest = {...readManifest(values.manifest ? path.resolve(values.manifest) : defaultManifestFile(process.env)), rpcUrl: values.rpc}
        rpcUrl = values.rpc
    } else {
        const t = Date.now()
        // anvil keeps a full copy of the state per block for the last `prune-history` blocks: with a
        // large chain 256 copies take many GB, and the simulator only reads the latest state.
        const pruneHistory = Number(values['prune-history'])
        if (!Number.isInteger(pruneHistory) || pruneHistory < 1) throw new Error(`--prune-history must be a positive integer, got ${values['prune-history']}`)
        devnet = await startDevnet({port, pruneHistory, loadState: values['load-state'] ? path.resolve(values['load-state']) : undefined})
        devnet.anvil.process.once('exit', (code, signal) => {
            if (!stopping) console.error(`anvil exited unexpectedly (code ${code}, signal ${signal})`)
        })
        manifest = devnet.manifest
        rpcUrl = devnet.anvil.rpcUrl
        console.error(`devnet ${rpcUrl} ready in ${formatDuration(Date.now() - t)}${values['load-state'] ? ` (state ${values['load-state']})` : ''}`)
        if (values.manifest) writeManifest(path.resolve(values.manifest), manifest)
    }

    const controller = new AbortController()
    let signals = 0
    const onSignal = (sig: string) => {
        if (++signals > 1) process.exit(130)
        console.error(`\n${sig}: finishing the current block (again to force)`)
        controller.abort()
    }
    process.on('SIGINT', () => onSignal('SIGINT'))
    process.on('SIGTERM', () => onSignal('SIGTERM'))

    try {
        console.error(`simulating seed ${seed}, scale ${scaleArg} (${scale.events.toLocaleString('en-US')} events, ${scale.rounds} governance rounds) on ${rpcUrl}`)
        const result = await simulate({
            rpcUrl,
            manifest,
            seed,
            scale,
            blockTime,
            follow: values.follow,
            signal: controller.signal,
            onProgress: (p) => console.error(formatProgress(p)),
            log: (msg) => console.error(msg),
        })
        const width = Math.max(...Object.keys(result.events).map((k) => k.length), 10)
        console.log(`\nevents in blocks ${result.fromBlock}..${result.toBlock} (${result.blocks} blocks):`)
        for (const [k, n] of Object.entries(result.events)) console.log(`  ${k.padEnd(width)} ${n.toLocaleString('en-US').padStart(10)}`)
        const missing = SPEC_EVENTS.filter((e) => !result.events[e])
        console.log(`  ${'total'.padEnd(width)} ${result.totalEvents.toLocaleString('en-US').padStart(10)}`)
        if (missing.length > 0) console.log(`events of the SPEC not emitted in this range: ${missing.join(', ')}`)
        const outcomes = new Map<string, number>()
        for (const g of result.governance) outcomes.set(`${g.track} ${g.observed}`, (outcomes.get(`${g.track} ${g.observed}`) ?? 0) + 1)
        console.log(`governance: ${result.governance.length} proposals; ${[...outcomes.entries()].sort().map(([k, n]) => `${k}: ${n}`).join(', ')}`)
        if (result.warnings.length > 0) {
            console.log(`WARNING: ${result.warnings.length} governance outcome(s) differ from the plan:`)
            for (const w of result.warnings) console.log(`  - ${w}`)
        }
        const secs = result.wallMs / 1000
        console.log(`wall time ${formatDuration(result.wallMs)}, ${Math.round(result.totalEvents / secs).toLocaleString('en-US')} events/s`)

        if (values['save-state']) {
            const file = path.resolve(values['save-state'])
            fs.mkdirSync(path.dirname(file), {recursive: true})
            const t = Date.now()
            const size = await dumpState(rpcUrl, file)
            writeManifest(stateManifestFile(file), manifest)
            console.log(`saved state to ${file} (${(size / 1e6).toFixed(1)} MB in ${formatDuration(Date.now() - t)}), manifest ${stateManifestFile(file)}`)
        }
    } finally {
        stopping = true
        await devnet?.stop()
    }
}

main().then(
    () => process.exit(0),
    (e) => {
        console.error(e instanceof Error ? e.message : e)
        process.exit(1)
    },
)

/**
 * npm run bench:sync -- --scale small|medium|large [--seed 1] [--batch 10] [--concurrency 2] [--logs-per-call 500]
 * On one saved simulated chain, in one run: first the fetch limit (bench/fetch-limit.ts: every
 * header and log of the range by batched JSON-RPC, nothing decoded; best of two runs), then our
 * sync (the real processor indexing the chain from an empty database). Prints both with their
 * ratio, the CPU-seconds of the processor, of Postgres and of anvil (bench/cpu.ts), the peak RSS
 * of the processor and the RPC requests it made; then the figures as JSON (events/s, blocks/s,
 * peakRssMb, rpcHttpRequests, ... as before, plus the new ones).
 */
import {spawn} from 'child_process'
import fs from 'fs'
import os from 'os'
import path from 'path'
import {parseArgs} from 'util'
import {startEmbeddedPostgres} from '../local/embedded-postgres'
import {applyMigrations} from '../local/child'
import {countEvents, headBlock, totalEvents} from '../simulator/counts'
import {benchChain} from './chain'
import {clockTicks, postgresTicks, processTicks, reapedChildrenTicks} from './cpu'
import {fetchLimit, FETCH_LIMIT_DEFAULTS, type FetchLimitResult} from './fetch-limit'
import {countingProxy} from './rpc-counter'
import {formatRatio, formatSyncReport, rate} from './sync-report'

async function main() {
    const {values} = parseArgs({
        options: {
            scale: {type: 'string', default: 'small'},
            seed: {type: 'string', default: '1'},
            batch: {type: 'string', default: String(FETCH_LIMIT_DEFAULTS.batch)},
            concurrency: {type: 'string', default: String(FETCH_LIMIT_DEFAULTS.concurrency)},
            'logs-per-call': {type: 'string', default: String(FETCH_LIMIT_DEFAULTS.logsPerCall)},
            // a V8 CPU profile of the processor (node --cpu-prof) into this folder, for chrome://inspect or speedscope
            'cpu-prof': {type: 'string'},
            // experiments: extra node options for the processor, e.g. --node-option=--max-old-space-size=256
            'node-option': {type: 'string', multiple: true},
        },
    })
    const scale = values.scale as 'small' | 'medium' | 'large'
    if (!['small', 'medium', 'large'].includes(scale)) throw new Error(`--scale must be small, medium or large, got "${values.scale}"`)
    const seed = Number(values.seed)
    const fetchOpts = {batch: positive('--batch', values.batch), concurrency: positive('--concurrency', values.concurrency), logsPerCall: positive('--logs-per-call', values['logs-per-call'])}
    const main = path.resolve('lib/main.js')
    if (!fs.existsSync(main)) throw new Error('lib/main.js is missing: npm run build')
    // Before any CPU is measured: getconf runs as a child, and reaped children count (bench/cpu.ts).
    const hz = clockTicks()

    const devnet = await benchChain(scale, seed, (m) => console.error(m))
    const anvilPid = devnet.anvil.process.pid!
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sahara-bench-'))
    fs.chmodSync(tmp, 0o755)
    const db = await startEmbeddedPostgres({dataDir: path.join(tmp, 'pg'), database: 'bench'})
    const proxy = await countingProxy(devnet.anvil.rpcUrl)
    try {
        await applyMigrations(db.url)
        const head = await headBlock(devnet.anvil.rpcUrl)
        const from = devnet.manifest.startBlock
        const blocks = head - from + 1
        console.error(`counting the chain's events in blocks ${from}..${head}...`)
        const events = totalEvents(await countEvents(devnet.anvil.rpcUrl, devnet.manifest, from, head))

        // The fetch limit, straight to anvil (no proxy), twice: the best run counts.
        const fetchSettings = `batch ${fetchOpts.batch} calls a request, ${fetchOpts.concurrency} requests in flight for headers and ${fetchOpts.concurrency} for logs, ~${fetchOpts.logsPerCall} logs an eth_getLogs call`
        let best: (FetchLimitResult & {anvilCpuSeconds: number}) | undefined
        for (const run of [1, 2]) {
            console.error(`fetch limit ${run}/2: ${blocks} headers and every log of the manifest's addresses (${fetchSettings})...`)
            const anvilBefore = processTicks(anvilPid)
            const r = await fetchLimit(devnet.anvil.rpcUrl, devnet.manifest, from, head, fetchOpts)
            const res = {...r, anvilCpuSeconds: (processTicks(anvilPid) - anvilBefore) / hz}
            console.error(`fetch limit ${run}/2: ${r.events} logs in ${r.seconds.toFixed(2)} s (${Math.round(rate(r))} events/s, ${r.httpRequests} requests)`)
            if (r.events !== events) throw new Error(`the fetch limit fetched ${r.events} logs but the chain has ${events} events in blocks ${from}..${head}: bench/fetch-limit.ts misses or repeats ranges`)
            if (!best || res.seconds < best.seconds) best = res
        }

        const manifestFile = path.join(tmp, 'deployment.json')
        fs.writeFileSync(manifestFile, JSON.stringify({...devnet.manifest, rpcUrl: proxy.url}))
        console.error(`indexing ${events} events in ${blocks} blocks from an empty database...`)
        const anvilBefore = processTicks(anvilPid)
        const pgBefore = postgresTicks(db.dataDir)
        const reapedBefore = reapedChildrenTicks()
        const started = process.hrtime.bigint()
        const profile = values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(values['cpu-prof'])}`] : []
        const child = spawn(process.execPath, [...profile, ...(values['node-option'] ?? []), main], {
            env: {...process.env, DB_URL: db.url, MANIFEST: manifestFile, RPC_URL: proxy.url, EXIT_AT_HEAD: '1'},
            stdio: ['ignore', 'inherit', 'inherit'],
        })
        let peakKb = 0
        let polledTicks = 0
        const poll = setInterval(() => {
            try {
                const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))
                if (m) peakKb = Math.max(peakKb, Number(m[1]))
                polledTicks = Math.max(polledTicks, processTicks(child.pid!))
            } catch {
                // exited
            }
        }, 100)
        const code: number = await new Promise((r) => child.once('exit', (c) => r(c ?? 1)))
        clearInterval(poll)
        const seconds = Number(process.hrtime.bigint() - started) / 1e9
        // Exact once Node has reaped the child (it has, when 'exit' fires); the last poll is the floor.
        const processorTicks = Math.max(reapedChildrenTicks() - reapedBefore, polledTicks)
        const postgresCpuSeconds = (postgresTicks(db.dataDir) - pgBefore) / hz
        const anvilCpuSeconds = (processTicks(anvilPid) - anvilBefore) / hz
        if (code !== 0) throw new Error(`processor exited with ${code}`)

        const fl = best!
        const sync = {
            events,
            seconds,
            clientCpuSeconds: processorTicks / hz,
            anvilCpuSeconds,
            postgresCpuSeconds,
            peakRssMb: Math.round(peakKb / 1024),
            rpcHttpRequests: proxy.requests(),
            rpcCalls: proxy.calls(),
        }
        console.log(formatSyncReport({fetchLimit: fl, sync, fetchSettings}))
        const result = {
            scale,
            seed,
            events,
            blocks,
            seconds: +seconds.toFixed(2),
            eventsPerSecond: Math.round(events / seconds),
            blocksPerSecond: Math.round(blocks / seconds),
            peakRssMb: sync.peakRssMb,
            rpcHttpRequests: sync.rpcHttpRequests,
            rpcCalls: sync.rpcCalls,
            processorCpuSeconds: +sync.clientCpuSeconds.toFixed(2),
            processorCpuSecondsPer100kEvents: +((sync.clientCpuSeconds * 100_000) / events).toFixed(2),
            postgresCpuSeconds: +postgresCpuSeconds.toFixed(2),
            anvilCpuSeconds: +anvilCpuSeconds.toFixed(2),
            fetchLimit: {
                events: fl.events,
                seconds: +fl.seconds.toFixed(2),
                eventsPerSecond: Math.round(rate(fl)),
                httpRequests: fl.httpRequests,
                calls: fl.calls,
                clientCpuSeconds: +fl.clientCpuSeconds.toFixed(2),
                anvilCpuSeconds: +fl.anvilCpuSeconds.toFixed(2),
                settings: fetchOpts,
            },
            ratio: +formatRatio(rate(sync) / rate(fl)),
        }
        console.log(JSON.stringify(result, null, 2))
    } finally {
        proxy.close()
        await db.stop()
        await devnet.stop()
        fs.rmSync(tmp, {recursive: true, force: true})
    }
}

function positive(flag: string, v: string | undefined): number {
    const n = Number(v)
    if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} must be a whole number >= 1, got "${v}"`)
    return n
}

main().catch((e) => {
    console.error(e instanceof Error ? e.message : e)
    process.exit(1)
})

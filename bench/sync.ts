/**
 * npm run bench:sync -- --scale small|medium|large [--seed 1]
 * Indexes a saved simulated chain from an empty database with the real processor and prints
 * events/s, blocks/s, peak RSS of the processor and the RPC requests it made.
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
import {countingProxy} from './rpc-counter'

async function main() {
    const {values} = parseArgs({options: {scale: {type: 'string', default: 'small'}, seed: {type: 'string', default: '1'}}})
    const scale = values.scale as 'small' | 'medium' | 'large'
    if (!['small', 'medium', 'large'].includes(scale)) throw new Error(`--scale must be small, medium or large, got "${values.scale}"`)
    const seed = Number(values.seed)
    const main = path.resolve('lib/main.js')
    if (!fs.existsSync(main)) throw new Error('lib/main.js is missing: npm run build')

    const devnet = await benchChain(scale, seed, (m) => console.error(m))
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sahara-bench-'))
    fs.chmodSync(tmp, 0o755)
    const db = await startEmbeddedPostgres({dataDir: path.join(tmp, 'pg'), database: 'bench'})
    const proxy = await countingProxy(devnet.anvil.rpcUrl)
    try {
        await applyMigrations(db.url)
        const head = await headBlock(devnet.anvil.rpcUrl)
        const from = devnet.manifest.startBlock
        console.error(`counting the chain's events in blocks ${from}..${head}...`)
        const events = totalEvents(await countEvents(devnet.anvil.rpcUrl, devnet.manifest, from, head))
        const manifestFile = path.join(tmp, 'deployment.json')
        fs.writeFileSync(manifestFile, JSON.stringify({...devnet.manifest, rpcUrl: proxy.url}))

        console.error(`indexing ${events} events in ${head - from + 1} blocks from an empty database...`)
        const started = process.hrtime.bigint()
        const child = spawn(process.execPath, [main], {
            env: {...process.env, DB_URL: db.url, MANIFEST: manifestFile, RPC_URL: proxy.url, EXIT_AT_HEAD: '1'},
            stdio: ['ignore', 'inherit', 'inherit'],
        })
        let peakKb = 0
        const poll = setInterval(() => {
            try {
                const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))
                if (m) peakKb = Math.max(peakKb, Number(m[1]))
            } catch {
                // exited
            }
        }, 100)
        const code: number = await new Promise((r) => child.once('exit', (c) => r(c ?? 1)))
        clearInterval(poll)
        const seconds = Number(process.hrtime.bigint() - started) / 1e9
        if (code !== 0) throw new Error(`processor exited with ${code}`)
        const blocks = head - from + 1
        const result = {
            scale,
            seed,
            events,
            blocks,
            seconds: +seconds.toFixed(2),
            eventsPerSecond: Math.round(events / seconds),
            blocksPerSecond: Math.round(blocks / seconds),
            peakRssMb: Math.round(peakKb / 1024),
            rpcHttpRequests: proxy.requests(),
            rpcCalls: proxy.calls(),
        }
        console.log(JSON.stringify(result, null, 2))
    } finally {
        proxy.close()
        await db.stop()
        await devnet.stop()
        fs.rmSync(tmp, {recursive: true, force: true})
    }
}

main().catch((e) => {
    console.error(e instanceof Error ? e.message : e)
    process.exit(1)
})

/**
 * npm run bench:export -- [--scale small|medium|large] [--seed 1] [--format csv|parquet|both] [--dataset attributions]
 *                         [--keep-db] [--receipts-scaling]
 *
 * Attribution export benchmark: a simulated chain (loaded from .data/chains/<scale>-seed<seed>.json
 * when saved, else simulated once and saved), indexed from an empty database by the real
 * processor, then `npm run export -- <dataset>` (local/export-cli.ts) run as a child: rows, rows/s, bytes and the
 * exporter's peak RSS (VmHWM). The export is checked: per receipt, the exported shares sum to the
 * receipt's accrued amount; and it is run again with a 40 MB V8 heap (--max-old-space-size), which
 * it only survives if its memory does not grow with the number of rows. Database: an embedded PostgreSQL in a temporary folder, or a fresh
 * database on BENCH_DATABASE_URL's server (kept with --keep-db).
 *
 * --receipts-scaling: indexes two small chains with the same payments to one asset, one with 10
 * receipts on it and one with 3 000, and prints how long each took (the processor keeps an
 * accumulator per asset, so the payments' cost must not grow with the receipts); the second chain
 * is then a large attribution export (~4.5 M rows), run as CSV and as Parquet with a 40 MB heap.
 */
import fs from 'fs'
import os from 'os'
import path from 'path'
import pg from 'pg'
import {parseArgs} from 'util'
import {encodeFunctionData, maxUint256, toHex, type Address} from 'viem'
import type {DeploymentManifest, ManifestContract} from '../src/config/manifest'
import {startEmbeddedPostgres} from '../local/embedded-postgres'
import {simAccount} from '../devnet/accounts'
import {enableImpersonation, sendBatch, setAutomine, type Tx} from '../devnet/chain'
import {loadArtifacts} from '../devnet/compile'
import {publicClientFor} from '../devnet/deploy'
import {startDevnet, stateManifestFile, type Devnet} from '../devnet/devnet'
import {applyMigrations, runNode} from '../local/child'
import {simulate, type ScaleName} from '../simulator'
import {dumpState} from '../simulator/state'

const ROOT = path.resolve(__dirname, '..')
const EXPORT_CLI = path.join(ROOT, 'local', 'export-cli.ts')
/** V8 old-space limit of the second export run, which shows that memory does not grow with rows. */
const HEAP_CAP_MB = 40
const log = (m: string) => console.error(m)

/** The saved chain of `scale`/`seed`, or a fresh simulation saved for next time. */
async function chain(scale: ScaleName, seed: number): Promise<Devnet> {
    const file = path.join(ROOT, '.data/chains', `${scale}-seed${seed}.json`)
    if (fs.existsSync(file) && fs.existsSync(stateManifestFile(file))) {
        log(`loading the saved ${scale} chain ${path.relative(ROOT, file)}`)
        return startDevnet({loadState: file})
    }
    log(`no saved ${scale} chain: simulating it (saved to ${path.relative(ROOT, file)})`)
    const devnet = await startDevnet({})
    try {
        const res = await simulate({rpcUrl: devnet.anvil.rpcUrl, manifest: devnet.manifest, seed, scale})
        log(`simulated ${res.totalEvents} events in ${(res.wallMs / 1000).toFixed(1)} s`)
        fs.mkdirSync(path.dirname(file), {recursive: true})
        await dumpState(devnet.anvil.rpcUrl, file)
        fs.writeFileSync(stateManifestFile(file), JSON.stringify(devnet.manifest, null, 2))
        return devnet
    } catch (e) {
        await devnet.stop()
        throw e
    }
}

export interface BenchDb {
    url: string
    stop(): Promise<void>
}

let embedded: {url: string; stop(): Promise<void>} | undefined

/** The server that holds the bench databases: BENCH_DATABASE_URL's, or one embedded PostgreSQL for the whole run. */
async function server(): Promise<string> {
    if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL
    if (!embedded) {
        const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sahara-bench-export-'))
        fs.chmodSync(tmp, 0o755)
        const db = await startEmbeddedPostgres({dataDir: path.join(tmp, 'pg'), database: 'postgres'})
        embedded = {
            url: db.url,
            async stop() {
                await db.stop()
                fs.rmSync(tmp, {recursive: true, force: true})
            },
        }
    }
    return embedded.url
}

/** A new, migrated database named `<prefix>_<time>`; dropped by stop() unless `keep`. Also used by bench/api-abuse.ts. */
export async function freshDatabase(keep: boolean, prefix = 'bench_export'): Promise<BenchDb> {
    const admin = await server()
    const name = `${prefix}_${Date.now()}`
    const c = new pg.Client(admin)
    await c.connect()
    await c.query(`CREATE DATABASE ${name}`)
    await c.end()
    const u = new URL(admin)
    u.pathname = `/${name}`
    const url = u.toString()
    await applyMigrations(url)
    return {
        url,
        async stop() {
            if (keep) return log(`kept database ${url}`)
            const c = new pg.Client(admin)
            await c.connect()
            await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
            await c.end()
        },
    }
}

/** Runs a node script to completion (.ts through tsx), tracking its peak RSS; returns the end of its stderr. */
async function runTracked(script: string, args: string[], env: NodeJS.ProcessEnv, nodeArgs: string[] = []): Promise<{code: number; stderr: string; peakRssMb: number; seconds: number}> {
    const started = process.hrtime.bigint()
    const child = runNode(script, args, env, {quiet: true, nodeArgs, maxOutput: 100_000})
    let peakKb = 0
    const poll = setInterval(() => {
        try {
            const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))
            if (m) peakKb = Math.max(peakKb, Number(m[1]))
        } catch {
            // exited
        }
    }, 50)
    const code = (await child.exited) ?? 1
    clearInterval(poll)
    return {code, stderr: child.output('stderr'), peakRssMb: Math.round(peakKb / 1024), seconds: Number(process.hrtime.bigint() - started) / 1e9}
}

/** Indexes the chain of `manifest` into `dbUrl` to its head with the real processor (lib/main.js); returns the seconds it took. */
export async function indexChain(dbUrl: string, manifest: DeploymentManifest, dir: string): Promise<number> {
    const manifestFile = path.join(dir, `deployment-${Date.now()}.json`)
    fs.writeFileSync(manifestFile, JSON.stringify(manifest))
    const r = await runTracked(path.join(ROOT, 'lib/main.js'), [], {DB_URL: dbUrl, MANIFEST: manifestFile, RPC_URL: manifest.rpcUrl, EXIT_AT_HEAD: '1'})
    if (r.code !== 0) throw new Error(`processor exited with ${r.code}:\n${r.stderr.slice(-3000)}`)
    return r.seconds
}

async function exportBench(o: {scale: ScaleName; seed: number; formats: string[]; dataset: string; keep: boolean}) {
    const devnet = await chain(o.scale, o.seed)
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sahara-bench-export-out-'))
    const db = await freshDatabase(o.keep)
    try {
        log('indexing the chain from an empty database...')
        const indexSeconds = await indexChain(db.url, devnet.manifest, tmp)
        const c = new pg.Client(db.url)
        await c.connect()
        const [{receipts, distributions, payments}] = (
            await c.query(`SELECT (SELECT count(*) FROM receipt)::int AS receipts, (SELECT count(*) FROM revenue_distribution)::int AS distributions, (SELECT count(*) FROM payment)::int AS payments`)
        ).rows
        const results: any[] = []
        for (const format of o.formats) {
            const file = path.join(tmp, `${o.dataset}.${format}`)
            log(`exporting ${o.dataset} as ${format}...`)
            const r = await runTracked(EXPORT_CLI, [o.dataset, '--format', format, '--out', file, '--json'], {DATABASE_URL: db.url})
            if (r.code !== 0) throw new Error(`export exited with ${r.code}:\n${r.stderr.slice(-3000)}`)
            const summary = JSON.parse(r.stderr.trim().split('\n').pop()!)
            results.push({
                format,
                rows: summary.rows,
                megabytes: +(summary.bytes / 1e6).toFixed(1),
                exportSeconds: +(summary.elapsedMs / 1000).toFixed(2),
                rowsPerSecond: summary.rowsPerSecond,
                processSeconds: +r.seconds.toFixed(2),
                peakRssMb: r.peakRssMb,
            })
            if (format === 'csv' && o.dataset === 'attributions') await checkCsv(file, c)
            fs.rmSync(file, {force: true})
            // constant memory: the same export must also finish with a small V8 heap
            const capped = await runTracked(EXPORT_CLI, [o.dataset, '--format', format, '--out', file], {DATABASE_URL: db.url}, [`--max-old-space-size=${HEAP_CAP_MB}`])
            if (capped.code !== 0) throw new Error(`export with a ${HEAP_CAP_MB} MB heap exited with ${capped.code}:\n${capped.stderr.slice(-2000)}`)
            results[results.length - 1].heapCappedRun = {maxOldSpaceMb: HEAP_CAP_MB, seconds: +capped.seconds.toFixed(2), peakRssMb: capped.peakRssMb}
            fs.rmSync(file, {force: true})
        }
        await c.end()
        console.log(JSON.stringify({scale: o.scale, seed: o.seed, dataset: o.dataset, receipts, distributions, payments, indexSeconds: +indexSeconds.toFixed(1), exports: results}, null, 2))
    } finally {
        await db.stop()
        await devnet.stop()
        fs.rmSync(tmp, {recursive: true, force: true})
    }
}

/** Per receipt, the exported shares sum to the accrued amount the database holds. */
async function checkCsv(file: string, c: pg.Client) {
    const sums = new Map<string, bigint>()
    const lines = fs.readFileSync(file, 'utf8').split('\r\n')
    const header = lines[0].split(',')
    const ri = header.indexOf('receipt_id')
    const ai = header.indexOf('amount')
    for (const l of lines.slice(1)) {
        if (!l) continue
        const f = l.split(',')
        sums.set(f[ri], (sums.get(f[ri]) ?? 0n) + BigInt(f[ai]))
    }
    const rows = (
        await c.query(`SELECT r.id, (CASE WHEN r.revoked THEN div(r.weight * (r.acc_at_revoke - r.acc_snapshot), 1e18) ELSE div(r.weight * (a.acc_revenue_per_weight - r.acc_snapshot), 1e18) END)::text AS accrued
                       FROM receipt r JOIN asset a ON a.id = r.asset_id`)
    ).rows
    let bad = 0
    for (const r of rows) if ((sums.get(r.id) ?? 0n) !== BigInt(r.accrued)) bad++
    if (bad) throw new Error(`${bad} receipts' exported shares do not sum to their accrued amount`)
    log(`checked: ${rows.length} receipts, exported shares sum to accrued for each`)
}

/** Two chains with the same 1 500 payments to one asset, with 10 vs 3 000 receipts on it. */
async function receiptsScaling(keep: boolean) {
    const out: any[] = []
    for (const receipts of [10, 3000]) {
        const devnet = await startDevnet({})
        const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sahara-bench-scaling-'))
        const db = await freshDatabase(keep)
        try {
            const built = await buildScalingChain(devnet, receipts, 1500)
            const seconds = await indexChain(db.url, devnet.manifest, tmp)
            const c = new pg.Client(db.url)
            await c.connect()
            const [{n}] = (await c.query(`SELECT count(*)::int AS n FROM revenue_distribution WHERE asset_id = '1'`)).rows
            await c.end()
            const entry: any = {receiptsOnAsset: receipts, payments: built.payments, distributionsOnAsset: n, indexSeconds: +seconds.toFixed(2)}
            if (receipts > 10) {
                // the same chain is a large attribution export (receipts x distributions rows)
                entry.exports = []
                for (const [format, nodeArgs] of [['csv', []], ['parquet', [`--max-old-space-size=${HEAP_CAP_MB}`]]] as const) {
                    const file = path.join(tmp, `attributions.${format}`)
                    const r = await runTracked(EXPORT_CLI, ['attributions', '--format', format, '--out', file, '--json'], {DATABASE_URL: db.url}, [...nodeArgs])
                    if (r.code !== 0) throw new Error(`export exited with ${r.code}:\n${r.stderr.slice(-3000)}`)
                    const summary = JSON.parse(r.stderr.trim().split('\n').pop()!)
                    entry.exports.push({format, nodeArgs, rows: summary.rows, megabytes: +(summary.bytes / 1e6).toFixed(1), rowsPerSecond: summary.rowsPerSecond, peakRssMb: r.peakRssMb})
                    fs.rmSync(file, {force: true})
                }
            }
            out.push(entry)
        } finally {
            await db.stop()
            await devnet.stop()
            fs.rmSync(tmp, {recursive: true, force: true})
        }
    }
    console.log(JSON.stringify({receiptsScaling: out}, null, 2))
}

async function buildScalingChain(devnet: Devnet, receipts: number, payments: number): Promise<{payments: number}> {
    const m = devnet.manifest
    const client = publicClientFor(devnet.anvil.rpcUrl)
    const art = loadArtifacts()
    const call = (name: ManifestContract, functionName: string, args: unknown[]) => encodeFunctionData({abi: art[name].abi, functionName, args} as any)
    const owner = simAccount(10)
    const buyer = simAccount(30)
    await enableImpersonation(client)
    await setAutomine(client, false)
    const setup: Tx[] = [
        {from: owner, to: m.contracts.AssetRegistry, data: call('AssetRegistry', 'register', [1, 'ipfs://scaling', toHex(1, {size: 32}), 3000])},
        {from: owner, to: m.contracts.LicenseRegistry, data: call('LicenseRegistry', 'createTerms', [1n, 2, 10n ** 18n, 0n, 10n ** 15n])},
        {from: buyer, to: m.contracts.SaharaToken, data: call('SaharaToken', 'approve', [m.contracts.LicenseRegistry, maxUint256])},
        {from: buyer, to: m.contracts.SaharaToken, data: call('SaharaToken', 'approve', [m.contracts.InvocationRouter, maxUint256])},
        {from: buyer, to: m.contracts.LicenseRegistry, data: call('LicenseRegistry', 'purchase', [1n, buyer])},
    ]
    await sendBatch(client, setup)
    for (let i = 0; i < receipts; i += 100) {
        const txs: Tx[] = []
        for (let k = i; k < Math.min(receipts, i + 100); k++) {
            txs.push({from: owner, to: m.contracts.ContributionReceipts, data: call('ContributionReceipts', 'issue', [1n, simAccount(40 + (k % 40)) as Address, k % 6, BigInt(1 + (k % 97)), toHex(k, {size: 32})])})
        }
        await sendBatch(client, txs)
    }
    for (let i = 0; i < payments; i += 100) {
        const txs: Tx[] = []
        for (let k = i; k < Math.min(payments, i + 100); k++) txs.push({from: buyer, to: m.contracts.InvocationRouter, data: call('InvocationRouter', 'invoke', [1n, 1 + (k % 5), toHex(k, {size: 32})])})
        await sendBatch(client, txs)
    }
    return {payments: payments + 1}
}

/** Stops the embedded server started by freshDatabase, if any (a no-op on BENCH_DATABASE_URL). */
export async function stopBenchServer(): Promise<void> {
    await embedded?.stop()
    embedded = undefined
}

async function main() {
    const {values} = parseArgs({
        options: {
            scale: {type: 'string', default: 'medium'},
            seed: {type: 'string', default: '1'},
            format: {type: 'string', default: 'both'},
            dataset: {type: 'string', default: 'attributions'},
            'keep-db': {type: 'boolean', default: false},
            'receipts-scaling': {type: 'boolean', default: false},
        },
    })
    for (const f of ['lib/main.js']) if (!fs.existsSync(path.join(ROOT, f))) throw new Error(`${f} is missing: npm run build`)
    try {
        await run(values)
    } finally {
        await stopBenchServer()
    }
}

async function run(values: Record<string, string | boolean | undefined>) {
    if (values['receipts-scaling']) return receiptsScaling(values['keep-db'] as boolean)
    const scale = values.scale as ScaleName
    if (!['small', 'medium', 'large'].includes(scale)) throw new Error(`--scale must be small, medium or large, got "${values.scale}"`)
    const seed = Number(values.seed)
    if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`--seed must be a non-negative integer, got "${values.seed}"`)
    const formats = values.format === 'both' ? ['csv', 'parquet'] : [values.format as string]
    for (const f of formats) if (!['csv', 'parquet'].includes(f)) throw new Error(`--format must be csv, parquet or both, got "${values.format}"`)
    await exportBench({scale, seed, formats, dataset: values.dataset as string, keep: values['keep-db'] as boolean})
}

// run as `npm run bench:export`, not when another benchmark imports its set-up
if (require.main === module) {
    main().catch((e) => {
        console.error(process.env.DEBUG ? e : e instanceof Error ? e.message : e)
        process.exit(1)
    })
}

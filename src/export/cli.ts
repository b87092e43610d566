/**
 * npm run export -- <dataset> --format csv|parquet [--from BLOCK] [--to BLOCK] [--asset ID] [--finalized] [--out FILE] [--json]
 *
 * Streams a research dataset (docs/exports.md) from the squid's database (which one is chosen by
 * the caller: local/export-cli.ts for `npm run export`).
 * Progress with an ETA goes to stderr; the data to --out FILE (written to FILE.partial, renamed
 * when complete) or to stdout (use `npm run -s export` so npm's banner stays out of it).
 * The stamp (./stamp.ts) goes to FILE.stamp.json beside the file, or to stderr as one
 * `stamp: {...}` line when the data goes to stdout (CSV readers choke on comment lines).
 * `--finalized` exports finalized blocks only (a `--to` beyond them is clamped, said on stderr).
 * Exit codes: 0 done, 2 bad arguments, 1 any other failure.
 */
import fs from 'fs'
import path from 'path'
import pg from 'pg'
import {parseArgs} from 'util'
import {redact} from '../util/redact'
import {DATASET_NAMES} from './datasets'
import {checkFinalized, ExportParamError, parseDataset, parseFilters, parseFormat} from './params'
import {formatProgress, formatSeconds, runExport, type ExportProgress} from './run'
import {sidecarPath, type ExportStamp} from './stamp'
import {EXPORT_USAGE} from './usage'

const USAGE = EXPORT_USAGE

/** The database an export reads: opened by the caller (local/export-cli.ts picks external or embedded). */
export interface ExportDatabase {
    url: string
    stop(): Promise<void>
}

/** Runs the export command line; resolves with the exit code (0 done, 2 bad arguments). */
export async function exportCli(argv: string[], openDatabase: (log: (m: string) => void) => Promise<ExportDatabase>): Promise<number> {
    let args
    try {
        args = parseArgs({
            args: argv,
            allowPositionals: true,
            options: {
                format: {type: 'string'},
                from: {type: 'string'},
                to: {type: 'string'},
                asset: {type: 'string'},
                finalized: {type: 'boolean', default: false},
                out: {type: 'string'},
                json: {type: 'boolean', default: false},
                help: {type: 'boolean', default: false},
            },
        })
    } catch (e: any) {
        throw new ExportParamError(`${e.message}\n${USAGE}`)
    }
    const {values, positionals} = args
    if (values.help) {
        console.log(USAGE)
        return 0
    }
    if (positionals.length > 1) throw new ExportParamError(`one dataset at a time, got ${positionals.join(' ')}`)
    const dataset = parseDataset(positionals[0])
    const format = parseFormat(values.format)
    const filters = parseFilters({from: values.from, to: values.to, asset: values.asset})
    const finalizedOnly = values.finalized
    checkFinalized(dataset, finalizedOnly)
    if (!values.out && format === 'parquet' && process.stdout.isTTY) throw new ExportParamError('refusing to write Parquet to a terminal: pass --out FILE or redirect stdout')
    const outFile = values.out ? path.resolve(values.out) : undefined
    if (outFile && !fs.existsSync(path.dirname(outFile))) throw new ExportParamError(`--out: folder ${path.dirname(outFile)} does not exist`)

    const err = (m: string) => process.stderr.write(`${m}\n`)
    const db = await openDatabase(err)
    const client = new pg.Client({connectionString: db.url})
    const tmp = outFile ? `${outFile}.partial` : undefined
    const stampFile = outFile ? sidecarPath(outFile) : undefined
    const stampTmp = stampFile ? `${stampFile}.partial` : undefined
    let out: NodeJS.WritableStream & import('stream').Writable = process.stdout
    try {
        await client.connect()
        const ok = await client.query(`SELECT to_regclass('public.revenue_distribution') IS NOT NULL AS ok`)
        if (!ok.rows[0].ok) throw new Error(`${redact(db.url)} has no indexed data (no revenue_distribution table): run \`npm run process\` or \`npm start\` first`)
        if (tmp) out = fs.createWriteStream(tmp)
        const tty = process.stderr.isTTY
        let last = 0
        const onProgress = (p: ExportProgress) => {
            const now = Date.now()
            if (now - last < (tty ? 250 : 5000)) return
            last = now
            const line = formatProgress(dataset, p)
            process.stderr.write(tty ? `\r${line}\x1b[K` : `${line}\n`)
        }
        const onStamp = (s: ExportStamp) => {
            if (!finalizedOnly) return
            const f = s.finalizedHeight ?? 'none yet'
            if (filters.to != null && (s.exportedRange == null || s.exportedRange.to < filters.to)) err(`--finalized: --to ${filters.to} is above the finalized height (${f}): exporting up to ${f}`)
            else if (filters.to == null) err(`--finalized: exporting up to the finalized height (${f}); pass --to ${s.finalizedHeight ?? 'BLOCK'} to repeat this export byte for byte`)
        }
        const res = await runExport(client, {dataset, format, filters, finalizedOnly, out, onProgress, onStamp})
        const stampJson = JSON.stringify(res.stamp)
        if (tmp) {
            await new Promise<void>((resolve, reject) => (out as fs.WriteStream).end((e?: Error | null) => (e ? reject(e) : resolve())))
            fs.writeFileSync(stampTmp!, JSON.stringify(res.stamp, null, 2) + '\n')
            fs.renameSync(tmp, outFile!)
            fs.renameSync(stampTmp!, stampFile!)
        }
        if (tty) process.stderr.write('\r\x1b[K')
        if (!outFile) err(`stamp: ${stampJson}`)
        const peakRssBytes = process.resourceUsage().maxRSS * 1024
        const rate = res.elapsedMs > 0 ? Math.round((res.rows * 1000) / res.elapsedMs) : res.rows
        err(
            `${dataset}: ${res.rows.toLocaleString('en-US')} rows, ${(res.bytes / 1e6).toFixed(1)} MB ${format} in ${formatSeconds(res.elapsedMs)} ` +
                `(${rate.toLocaleString('en-US')} rows/s), peak RSS ${Math.round(peakRssBytes / 1e6)} MB${outFile ? ` -> ${outFile} (stamp: ${stampFile})` : ''}`,
        )
        if (values.json) err(JSON.stringify({dataset, format, filters, rows: res.rows, bytes: res.bytes, elapsedMs: res.elapsedMs, rowsPerSecond: rate, peakRssBytes, stamp: res.stamp}))
        return 0
    } catch (e) {
        if (tmp) {
            out.destroy()
            fs.rmSync(tmp, {force: true})
            fs.rmSync(stampTmp!, {force: true})
        }
        throw e
    } finally {
        await client.end().catch(() => {})
        await db.stop()
    }
}

/** Prints an export failure in one line (with the usage after a bad argument); returns the exit code. */
export function exportFailure(e: unknown): number {
    const bad = e instanceof ExportParamError
    const msg = e instanceof Error ? e.message : String(e)
    console.error(`export: ${msg}${bad && !msg.includes('usage:') ? `\n${USAGE}` : ''}`)
    return bad ? 2 : 1
}

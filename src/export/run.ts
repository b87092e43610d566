/**
 * Streams one dataset from PostgreSQL to a CSV or Parquet byte stream in constant memory: a
 * server-side cursor (DECLARE ... CURSOR, then FETCH in batches) inside one REPEATABLE READ,
 * READ ONLY transaction (the count for the progress and the rows see the same snapshot while the
 * processor keeps writing), each batch written with backpressure before the next is fetched.
 * A declared cursor is planned for fast start (cursor_tuple_fraction), so the attribution join
 * streams in chain order from the block index instead of sorting the whole join first.
 * The stamp (./stamp.ts) is read first in the same transaction, so it names the heads the rows
 * were read at; with `finalizedOnly` the rows stop at the finalized height.
 */
import type {Writable} from 'stream'
import type pg from 'pg'
import {csvHeader, csvRows} from './csv'
import {datasetQuery, DATASETS, finalizedRefusal, progressQuery, type DatasetName, type ExportFilters} from './datasets'
import {writeChunk} from './output'
import {ParquetSink} from './parquet'
import {buildStamp, embeddedStamp, type ExportStamp} from './stamp'

export type ExportFormat = 'csv' | 'parquet'
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'parquet']

export const CONTENT_TYPES: Record<ExportFormat, string> = {
    csv: 'text/csv; charset=utf-8; header=present',
    parquet: 'application/vnd.apache.parquet',
}

export interface ExportProgress {
    rows: number
    /** Driving rows done (distributions for attributions, else rows) and their total. */
    units: number
    totalUnits: number
    elapsedMs: number
}

export interface ExportResult {
    /** The stamp with the row count. */
    stamp: ExportStamp
    rows: number
    bytes: number
    elapsedMs: number
}

export interface ExportOptions {
    dataset: DatasetName
    format: ExportFormat
    filters: ExportFilters
    /** Only rows of finalized blocks (`to` clamped to the finalized height); no wall-clock time in the stamp. */
    finalizedOnly?: boolean
    /** Called with the stamp (without `rows`) before the first byte is written: the HTTP export sends it as headers. */
    onStamp?: (stamp: ExportStamp) => void
    out: Writable
    /** Rows per cursor read (default 5 000). */
    batchRows?: number
    /** Rows per Parquet row group. */
    rowGroupRows?: number
    onProgress?: (p: ExportProgress) => void
    signal?: AbortSignal
}

/**
 * Runs the export on `client` (a dedicated connection: it holds a transaction for the whole
 * export). Does not end `out`. Throws on database errors, output errors and abort.
 */
export async function runExport(client: pg.ClientBase, o: ExportOptions): Promise<ExportResult> {
    const ds = DATASETS[o.dataset]
    const finalizedOnly = o.finalizedOnly ?? false
    // callers check it first (params.checkFinalized: exit code 2, HTTP 400)
    const refused = finalizedOnly ? finalizedRefusal(ds) : undefined
    if (refused) throw new Error(refused)
    const started = Date.now()
    const batch = o.batchRows ?? 5_000
    const stats = {bytes: 0}
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    try {
        // an export may outlast the API's per-statement limit; it is bounded by the data instead
        await client.query('SET LOCAL statement_timeout = 0')
        const {stamp, filters} = await buildStamp(client, {ds, format: o.format, filters: o.filters, finalizedOnly})
        o.onStamp?.(stamp)
        const pq = progressQuery(ds, filters)
        const totalUnits = Number((await client.query(pq.sql, pq.params)).rows[0].n)
        const q = datasetQuery(ds, filters)
        await client.query(`DECLARE sahara_export NO SCROLL CURSOR FOR ${q.sql}`, q.params)
        const unitIdx = ds.progress.unitKey ? ds.columns.findIndex((c) => c.name === ds.progress.unitKey) : -1
        let lastUnit: unknown = undefined
        let units = 0
        let rows = 0
        const meta = {'sahara.filters': JSON.stringify(o.filters)}
        const parquet = o.format === 'parquet' ? new ParquetSink(ds, o.out, meta, o.rowGroupRows, stats) : undefined
        if (!parquet) await writeChunk(o.out, csvHeader(ds.columns), stats)
        const fetch = () => {
            const r = client.query({text: `FETCH ${batch} FROM sahara_export`, rowMode: 'array'})
            r.catch(() => {}) // awaited below; this only keeps an abandoned FETCH from being an unhandled rejection
            return r
        }
        // one FETCH in flight while the previous batch is written: the database and the encoder overlap
        let pending: Promise<pg.QueryResult> | undefined = fetch()
        while (pending) {
            const got = (await pending).rows as unknown[][]
            pending = got.length === batch ? fetch() : undefined
            if (o.signal?.aborted) {
                await pending?.catch(() => {})
                throw new Error('export aborted')
            }
            if (got.length === 0) break
            if (parquet) await parquet.write(got)
            else await writeChunk(o.out, csvRows(ds.columns, got), stats)
            rows += got.length
            if (unitIdx >= 0) {
                for (const r of got) {
                    if (r[unitIdx] !== lastUnit) {
                        units++
                        lastUnit = r[unitIdx]
                    }
                }
            } else units = rows
            o.onProgress?.({rows, units, totalUnits, elapsedMs: Date.now() - started})
        }
        const done: ExportStamp = {...stamp, rows}
        if (parquet) await parquet.finish({'sahara.stamp': JSON.stringify(embeddedStamp(done))})
        await client.query('CLOSE sahara_export')
        await client.query('COMMIT')
        o.onProgress?.({rows, units: totalUnits, totalUnits, elapsedMs: Date.now() - started})
        return {stamp: done, rows, bytes: stats.bytes, elapsedMs: Date.now() - started}
    } catch (e) {
        // ROLLBACK closes the cursor too
        await client.query('ROLLBACK').catch(() => {})
        throw e
    }
}

/** "12.3 s", "4 min 05 s". */
export function formatSeconds(ms: number): string {
    const s = ms / 1000
    if (s < 60) return `${s.toFixed(1)} s`
    const m = Math.floor(s / 60)
    return `${m} min ${String(Math.round(s - m * 60)).padStart(2, '0')} s`
}

/** One progress line: rows, % of driving rows, rate and ETA. */
export function formatProgress(dataset: string, p: ExportProgress): string {
    const frac = p.totalUnits > 0 ? Math.min(1, p.units / p.totalUnits) : 1
    const rate = p.elapsedMs > 0 ? (p.rows * 1000) / p.elapsedMs : 0
    const eta = frac > 0 && frac < 1 ? formatSeconds((p.elapsedMs * (1 - frac)) / frac) : frac >= 1 ? '0 s' : '?'
    return `${dataset}: ${p.rows.toLocaleString('en-US')} rows, ${(frac * 100).toFixed(1)} % (${p.units.toLocaleString('en-US')}/${p.totalUnits.toLocaleString('en-US')}), ${Math.round(rate).toLocaleString('en-US')} rows/s, ETA ${eta}`
}

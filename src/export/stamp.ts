/**
 * The stamp of an export (docs/exports.md, "Stamps"): what a file holds (dataset, format, filters,
 * the block range covered, whether every row is final, rows, schema version, generator) and the
 * database it came from (indexed and finalized heights with their hashes). It is read inside the
 * export's REPEATABLE READ transaction, before the first row, so it describes the same snapshot
 * as the rows, and the HTTP export can send it as headers.
 *
 * A `--finalized` export must be byte-identical to any other of the same range, while the
 * indexed and finalized heads move on: its Parquet file therefore embeds the stamp without them
 * (`embeddedStamp`), and without a wall-clock time; the sidecar, stderr and HTTP headers carry
 * the whole stamp.
 */
import fs from 'fs'
import path from 'path'
import type pg from 'pg'
import {hotRowsQuery, type Dataset, type ExportFilters} from './datasets'
import type {ExportFormat} from './run'

export interface ExportStamp {
    dataset: string
    format: ExportFormat
    /** The filters as requested (from, to, asset). */
    filters: ExportFilters
    /** Whether the export was limited to finalized blocks (`--finalized`, `finalized=1`). */
    finalizedOnly: boolean
    /** The blocks the rows' filter block lies in: from (default 0) to min(to, ceiling); null when empty. */
    exportedRange: {from: number; to: number} | null
    /** Every row is final: its block (for head-state datasets: the indexed head) <= finalizedHeight. */
    final: boolean
    /** Rows written (known once the export ends: absent from HTTP headers). */
    rows?: number
    /** Name of the latest applied migration (table public.migrations), or null. */
    schemaVersion: string | null
    /** "sahara-squid <package.json version>". */
    generator: string
    indexedHeight?: number | null
    indexedHash?: string | null
    finalizedHeight?: number | null
    finalizedHash?: string | null
    /** ISO 8601 UTC; only in exports that are not `--finalized`. */
    exportedAt?: string
}

/** Heads and schema version of the database, as seen by the export's transaction. */
export interface StampState {
    indexedHeight: number | null
    indexedHash: string | null
    finalizedHeight: number | null
    finalizedHash: string | null
    schemaVersion: string | null
}

let version: string | undefined
/** "sahara-squid 0.1.0": package.json is two folders up from src/export and lib/export alike. */
export function generator(): string {
    version ??= String(JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')).version)
    return `sahara-squid ${version}`
}

/**
 * Reads the heads and the schema version. indexed_head (written by every processor batch) is the
 * indexed head; without it (a database indexed before it existed) the top hot block, or the
 * finalized block. squid_processor.status is the last finalized block (height -1 when none).
 */
export async function readStampState(client: pg.ClientBase): Promise<StampState> {
    const t = (
        await client.query(
            `SELECT to_regclass('public.indexed_head') IS NOT NULL AS head, to_regclass('squid_processor.status') IS NOT NULL AS status,
                    to_regclass('squid_processor.hot_block') IS NOT NULL AS hot, to_regclass('public.migrations') IS NOT NULL AS migrations`,
        )
    ).rows[0]
    if (!t.status) throw new Error('the database has no processor state (no squid_processor.status): run `npm run process` or `npm start` first')
    const fin = (await client.query(`SELECT height, hash FROM squid_processor.status WHERE id = 0`)).rows[0]
    const finalizedHeight = fin && Number(fin.height) >= 0 ? Number(fin.height) : null
    const finalizedHash = finalizedHeight != null ? String(fin.hash) : null
    let head: {height: number; hash: string} | undefined = t.head ? (await client.query(`SELECT height, hash FROM indexed_head WHERE id = 'head'`)).rows[0] : undefined
    if (!head && t.hot) head = (await client.query(`SELECT height, hash FROM squid_processor.hot_block ORDER BY height DESC LIMIT 1`)).rows[0]
    const indexed = head ? {height: Number(head.height), hash: String(head.hash)} : finalizedHeight != null ? {height: finalizedHeight, hash: finalizedHash!} : undefined
    const mig = t.migrations ? (await client.query(`SELECT name FROM migrations ORDER BY timestamp DESC, id DESC LIMIT 1`)).rows[0] : undefined
    return {
        indexedHeight: indexed?.height ?? null,
        indexedHash: indexed?.hash ?? null,
        finalizedHeight,
        finalizedHash,
        schemaVersion: mig ? String(mig.name) : null,
    }
}

/**
 * The stamp of an export about to run, and the filters its queries use: with `finalizedOnly`,
 * `to` is clamped to the finalized height (so no row above it is read). `rows` is added at the end.
 */
export async function buildStamp(
    client: pg.ClientBase,
    o: {ds: Dataset; format: ExportFormat; filters: ExportFilters; finalizedOnly: boolean; now?: Date},
): Promise<{stamp: ExportStamp; filters: ExportFilters}> {
    const s = await readStampState(client)
    const ceiling = o.finalizedOnly ? (s.finalizedHeight ?? -1) : (s.indexedHeight ?? -1)
    const from = o.filters.from ?? 0
    const to = Math.min(o.filters.to ?? ceiling, ceiling)
    const filters: ExportFilters = o.finalizedOnly ? {...o.filters, to} : o.filters
    let final: boolean
    if (o.finalizedOnly) final = true
    else if (o.ds.asOfHead) final = s.indexedHeight != null && s.finalizedHeight != null && s.indexedHeight <= s.finalizedHeight
    else {
        const q = hotRowsQuery(o.ds, filters, s.finalizedHeight ?? -1)
        final = !(await client.query(q.sql, q.params)).rows[0].hot
    }
    const stamp: ExportStamp = {
        dataset: o.ds.name,
        format: o.format,
        filters: o.filters,
        finalizedOnly: o.finalizedOnly,
        exportedRange: from <= to ? {from, to} : null,
        final,
        schemaVersion: s.schemaVersion,
        generator: generator(),
        indexedHeight: s.indexedHeight,
        indexedHash: s.indexedHash,
        finalizedHeight: s.finalizedHeight,
        finalizedHash: s.finalizedHash,
    }
    if (!o.finalizedOnly) stamp.exportedAt = (o.now ?? new Date()).toISOString()
    return {stamp, filters}
}

/** The fields of a stamp that describe the database at export time rather than the file's content. */
const OBSERVED = ['indexedHeight', 'indexedHash', 'finalizedHeight', 'finalizedHash', 'exportedAt'] as const

/**
 * The stamp written into the file (Parquet `sahara.stamp`): the whole stamp, except in a
 * `--finalized` export, whose file must not change as the heads move on: there, only what the
 * range and the rows determine.
 */
export function embeddedStamp(s: ExportStamp): ExportStamp {
    if (!s.finalizedOnly) return s
    const out = {...s}
    for (const k of OBSERVED) delete out[k]
    return out
}

/** `<file>.stamp.json`: the sidecar of an export written to a file. */
export function sidecarPath(file: string): string {
    return `${file}.stamp.json`
}

/** The stamp as HTTP response headers (ASCII only: hashes, digits, JSON of digits and names). */
export function stampHeaders(s: ExportStamp): Record<string, string> {
    const opt = (v: unknown) => (v == null ? '' : String(v))
    const {rows: _rows, ...withoutRows} = s
    return {
        'x-sahara-dataset': s.dataset,
        'x-sahara-indexed-height': opt(s.indexedHeight),
        'x-sahara-indexed-hash': opt(s.indexedHash),
        'x-sahara-finalized-height': opt(s.finalizedHeight),
        'x-sahara-finalized-hash': opt(s.finalizedHash),
        'x-sahara-final': String(s.final),
        'x-sahara-finalized-only': String(s.finalizedOnly),
        'x-sahara-schema-version': opt(s.schemaVersion),
        'x-sahara-filters': JSON.stringify(s.filters),
        'x-sahara-exported-range': JSON.stringify(s.exportedRange),
        'x-sahara-generator': s.generator,
        'x-sahara-stamp': JSON.stringify(withoutRows),
    }
}

/** The trailer sent after the body: the row count, known only then. */
export const ROWS_TRAILER = 'x-sahara-rows'

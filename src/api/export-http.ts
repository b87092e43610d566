/**
 * Research exports over HTTP, for the API process: `GET /export/<dataset>.csv|.parquet?from=&to=&asset=&finalized=1`
 * streams the same bytes as `npm run export` (chunked, constant memory, the connection's
 * backpressure respected). The stamp (src/export/stamp.ts) is read in the export's transaction
 * before the first byte and sent as `x-sahara-*` headers; the row count, known at the end, as the
 * `x-sahara-rows` trailer. Bad parameters get 400 with `{"error": ...}`; an unknown dataset 404;
 * more than MAX_CONCURRENT_EXPORTS at once 429. A client that disconnects cancels its export.
 * A failure after the first byte cuts the connection (no terminating chunk), so a truncated
 * download is never mistaken for a complete file.
 */
import type http from 'http'
import type pg from 'pg'
import {DATASET_NAMES, isDatasetName} from '../export/datasets'
import {checkFinalized, ExportParamError, parseFilters, parseFinalized, parseFormat} from '../export/params'
import {CONTENT_TYPES, runExport} from '../export/run'
import {ROWS_TRAILER, stampHeaders, type ExportStamp} from '../export/stamp'

export const EXPORT_PATH_PREFIX = '/export/'
/** Exports served at the same time by one API process (each holds a database connection). */
export const MAX_CONCURRENT_EXPORTS = 2

let running = 0

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, {'content-type': 'application/json', 'cache-control': 'no-store', ...headers})
    res.end(JSON.stringify(body))
}

/**
 * Serves an export request; returns false when the path is not under /export/ (the next route
 * may take it). Resolves when the response is finished or aborted.
 */
export async function handleExport(req: http.IncomingMessage, res: http.ServerResponse, pool: pg.Pool): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (!url.pathname.startsWith(EXPORT_PATH_PREFIX)) return false
    if (req.method !== 'GET' && req.method !== 'HEAD') {
        sendJson(res, 405, {error: `use GET on ${url.pathname}`}, {allow: 'GET, HEAD'})
        return true
    }
    const m = /^\/export\/([a-z]+)\.([a-z]+)$/.exec(url.pathname)
    if (!m || !isDatasetName(m[1])) {
        sendJson(res, 404, {error: `no such export: ${url.pathname.slice(0, 100)}`, datasets: DATASET_NAMES.map((d) => `/export/${d}.csv|.parquet`)})
        return true
    }
    const dataset = m[1]
    let format, filters, finalizedOnly
    try {
        const known = ['from', 'to', 'asset', 'finalized']
        for (const k of url.searchParams.keys()) if (!known.includes(k)) throw new ExportParamError(`unknown parameter "${k.slice(0, 40)}": use ${known.join(', ')}`)
        for (const k of known) if (url.searchParams.getAll(k).length > 1) throw new ExportParamError(`parameter ${k} given more than once`)
        format = parseFormat(m[2])
        filters = parseFilters({from: url.searchParams.get('from'), to: url.searchParams.get('to'), asset: url.searchParams.get('asset')})
        finalizedOnly = parseFinalized(url.searchParams.get('finalized'))
        checkFinalized(dataset, finalizedOnly)
    } catch (e) {
        if (e instanceof ExportParamError) {
            sendJson(res, 400, {error: e.message})
            return true
        }
        throw e
    }
    const headers = {
        'content-type': CONTENT_TYPES[format],
        'content-disposition': `attachment; filename="sahara-${dataset}.${format}"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
    }
    if (req.method === 'HEAD') {
        res.writeHead(200, headers)
        res.end()
        return true
    }
    if (running >= MAX_CONCURRENT_EXPORTS) {
        sendJson(res, 429, {error: `${MAX_CONCURRENT_EXPORTS} exports are running: retry later`}, {'retry-after': '10'})
        return true
    }
    running++
    const abort = new AbortController()
    const onClose = () => {
        if (!res.writableFinished) abort.abort()
    }
    res.once('close', onClose)
    let client: pg.PoolClient | undefined
    try {
        client = await pool.connect()
        const onStamp = (stamp: ExportStamp) => res.writeHead(200, {...headers, ...stampHeaders(stamp), trailer: ROWS_TRAILER})
        const done = await runExport(client, {dataset, format, filters, finalizedOnly, out: res, signal: abort.signal, onStamp})
        res.addTrailers({[ROWS_TRAILER]: String(done.rows)})
        res.end()
    } catch (e: any) {
        if (!res.headersSent) sendJson(res, 500, {error: 'export failed', detail: String(e?.message ?? e)})
        else res.destroy()
        // a connection whose cursor or transaction was cut is not reused
        client?.release(true)
        client = undefined
    } finally {
        client?.release()
        running--
        res.off('close', onClose)
    }
    return true
}

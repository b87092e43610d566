/**
 * Stamped exports end to end (issue 14), on a simulated economy plus a deep diamond (its payments
 * in the last, unfinalized blocks) indexed by the real processor into a real PostgreSQL, with the
 * real API process:
 * - two `--finalized` exports of the same range (CSV and Parquet), with more activity mined and
 *   indexed in between, are byte-identical, and their stamps name the finalized height and hash
 *   of squid_processor.status at each export, final = true;
 * - a plain export's stamp names indexed_head's height and hash, and is final only when no row
 *   lies above the finalized block;
 * - the Parquet key-value metadata `sahara.stamp` reads back in DuckDB;
 * - the HTTP export sends the same stamp as headers (and the row count as a trailer).
 */
import fs from 'fs'
import http from 'http'
import os from 'os'
import path from 'path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {ExportStamp} from '../../src/export/stamp'
import {buildDeepDiamond, csvObjects, duck, runExportCli} from '../attribution/helpers'
import {useIndexedEconomy} from '../helpers/economy'
import {indexToHead} from '../helpers/processor'

const VERSION: string = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')).version

interface Head {
    height: number
    hash: string
}

describe('stamped exports', () => {
    const chain = useIndexedEconomy({
        seed: 14,
        scale: 'small',
        api: true,
        // payments in the last blocks, above the finalized one
        beforeIndex: async (e) => void (await buildDeepDiamond(e.client, e.manifest)),
        timeoutMs: 600_000,
    })
    let tmp: string
    let schemaVersion: string
    /** The finalized block when the first exports ran: the end of the repeated range. */
    let first: {finalized: Head; indexed: Head}
    let T: number
    const FINAL_JOBS = [
        ['attributions', 'csv'],
        ['attributions', 'parquet'],
        ['payments', 'csv'],
        ['payments', 'parquet'],
        ['lineage', 'parquet'],
    ] as const
    const firstRun = new Map<string, {bytes: Buffer; stamp: ExportStamp}>()
    const secondRun = new Map<string, {bytes: Buffer; stamp: ExportStamp}>()

    const q = (sql: string, params?: unknown[]) => chain.db.query(sql, params)
    async function heads(): Promise<{finalized: Head; indexed: Head}> {
        const [f] = await q(`SELECT height, hash FROM squid_processor.status WHERE id = 0`)
        const [i] = await q(`SELECT height, hash FROM indexed_head WHERE id = 'head'`)
        return {finalized: {height: Number(f.height), hash: f.hash}, indexed: {height: Number(i.height), hash: i.hash}}
    }
    /** Runs the CLI to a file; returns the file's bytes, its sidecar stamp and stderr. */
    async function cli(args: string[], file: string) {
        const r = await runExportCli([...args, '--out', file], {DATABASE_URL: chain.db.url})
        if (r.code !== 0) throw new Error(`export ${args.join(' ')} failed (${r.code}): ${r.stderr}`)
        return {bytes: fs.readFileSync(file), stamp: JSON.parse(fs.readFileSync(`${file}.stamp.json`, 'utf8')) as ExportStamp, stderr: r.stderr}
    }
    async function kvStamp(file: string): Promise<ExportStamp> {
        const kv = await duck(`SELECT decode(key) AS k, decode(value) AS v FROM parquet_kv_metadata('${file}')`)
        const s = kv.find((m) => m.k === 'sahara.stamp')
        expect(s, `sahara.stamp in ${file}`).toBeDefined()
        return JSON.parse(s!.v)
    }
    const finalRuns = (run: string, into: Map<string, {bytes: Buffer; stamp: ExportStamp}>) =>
        Promise.all(
            FINAL_JOBS.map(async ([ds, format]) => {
                const got = await cli([ds, '--format', format, '--finalized', '--to', String(T)], path.join(tmp, `${run}-${ds}.${format}`))
                into.set(`${ds}.${format}`, {bytes: got.bytes, stamp: got.stamp})
            }),
        )

    beforeAll(async () => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sahara-stamped-'))
        ;[{name: schemaVersion}] = await q(`SELECT name FROM migrations ORDER BY timestamp DESC LIMIT 1`)
        first = await heads()
        T = first.finalized.height
        await finalRuns('first', firstRun)
    }, 300_000)

    afterAll(() => {
        if (tmp) fs.rmSync(tmp, {recursive: true, force: true})
    })

    it('starts with rows below and above the finalized block', async () => {
        expect(first.indexed.height).toBeGreaterThan(first.finalized.height)
        const [{below, above}] = await q(`SELECT count(*) FILTER (WHERE block <= $1)::int AS below, count(*) FILTER (WHERE block > $1)::int AS above FROM payment`, [T])
        expect(below).toBeGreaterThan(10)
        expect(above).toBeGreaterThan(0)
    })

    it('a plain export names indexed_head and is final only when no row lies above the finalized block', async () => {
        const h = await heads()
        const plain = await cli(['payments', '--format', 'parquet'], path.join(tmp, 'plain-payments.parquet'))
        const rows = csvObjects((await cli(['payments', '--format', 'csv'], path.join(tmp, 'plain-payments.csv'))).bytes.toString('utf8'))
        expect(plain.stamp).toMatchObject({
            dataset: 'payments',
            format: 'parquet',
            filters: {},
            finalizedOnly: false,
            exportedRange: {from: 0, to: h.indexed.height},
            final: false,
            rows: rows.length,
            schemaVersion,
            generator: `sahara-squid ${VERSION}`,
            indexedHeight: h.indexed.height,
            indexedHash: h.indexed.hash,
            finalizedHeight: h.finalized.height,
            finalizedHash: h.finalized.hash,
        })
        expect(Date.parse(plain.stamp.exportedAt!)).toBeGreaterThan(0)
        expect(rows.some((r) => Number(r.block) > h.finalized.height)).toBe(true)
        // inside the file: the whole stamp, heads and time included
        expect(await kvStamp(path.join(tmp, 'plain-payments.parquet'))).toEqual(plain.stamp)
        // up to the finalized block, a plain export is final; a head-state dataset is not while hot blocks exist
        const below = await cli(['payments', '--format', 'csv', '--to', String(h.finalized.height)], path.join(tmp, 'plain-below.csv'))
        expect(below.stamp).toMatchObject({final: true, exportedRange: {from: 0, to: h.finalized.height}, filters: {to: h.finalized.height}})
        const assets = await cli(['assets', '--format', 'csv'], path.join(tmp, 'plain-assets.csv'))
        expect(assets.stamp).toMatchObject({final: false, indexedHeight: h.indexed.height})
        // to stdout: the CSV as is (no comment line), the stamp as one line on stderr
        const out = await runExportCli(['lineage', '--format', 'csv'], {DATABASE_URL: chain.db.url})
        expect(out.code).toBe(0)
        expect(out.stdout.toString('utf8').split('\r\n')[0]).toBe('child_id,parent_id,relation,upstream_bps,position,block,timestamp,tx_hash')
        const line = out.stderr.split('\n').find((l) => l.startsWith('stamp: '))
        expect(JSON.parse(line!.slice('stamp: '.length))).toMatchObject({dataset: 'lineage', indexedHeight: h.indexed.height, indexedHash: h.indexed.hash})
    })

    it('two --finalized exports of the same range are byte-identical after more blocks were mined and indexed', async () => {
        // more payments and links, then enough empty blocks that the first run's hot blocks become final
        await buildDeepDiamond(chain.client, chain.manifest)
        await chain.client.request({method: 'anvil_mine', params: ['0x20']} as any)
        await indexToHead({dbUrl: chain.db.url, manifest: chain.manifest})
        const second = await heads()
        expect(second.finalized.height).toBeGreaterThan(first.indexed.height)
        // the repeated range ends at T: rows above it are final now, and would change an open range
        const [{after}] = await q(`SELECT count(*)::int AS after FROM payment WHERE block > $1 AND block <= $2`, [T, second.finalized.height])
        expect(after).toBeGreaterThan(0)

        await finalRuns('second', secondRun)
        for (const [key, a] of firstRun) {
            const b = secondRun.get(key)!
            expect(b.bytes.equals(a.bytes), `${key} byte-identical`).toBe(true)
            for (const [stamp, h] of [
                [a.stamp, first],
                [b.stamp, second],
            ] as const) {
                expect(stamp, key).toMatchObject({
                    filters: {to: T},
                    finalizedOnly: true,
                    exportedRange: {from: 0, to: T},
                    final: true,
                    schemaVersion,
                    generator: `sahara-squid ${VERSION}`,
                    finalizedHeight: h.finalized.height,
                    finalizedHash: h.finalized.hash,
                    indexedHeight: h.indexed.height,
                    indexedHash: h.indexed.hash,
                })
                expect(stamp.exportedAt, key).toBeUndefined()
            }
            expect(b.stamp.rows).toBe(a.stamp.rows)
        }
        expect(firstRun.get('payments.csv')!.stamp.rows).toBe(csvObjects(firstRun.get('payments.csv')!.bytes.toString('utf8')).length)
        expect(csvObjects(firstRun.get('payments.csv')!.bytes.toString('utf8')).every((r) => Number(r.block) <= T)).toBe(true)
        // inside the Parquet file: the stamp without the heads, which move on
        const file = path.join(tmp, 'second-attributions.parquet')
        const {indexedHeight, indexedHash, finalizedHeight, finalizedHash, ...content} = secondRun.get('attributions.parquet')!.stamp
        expect(await kvStamp(file)).toEqual(content)
        expect((await duck(`SELECT count(*)::INTEGER AS n, max(block)::INTEGER AS top FROM read_parquet('${file}')`))[0]).toMatchObject({n: content.rows})
    })

    it('clamps a --to above the finalized height, and refuses head-state datasets', async () => {
        const h = await heads()
        const got = await cli(['payments', '--format', 'csv', '--finalized', '--to', String(h.indexed.height + 1000)], path.join(tmp, 'clamped.csv'))
        expect(got.stderr).toContain(`--to ${h.indexed.height + 1000} is above the finalized height (${h.finalized.height}): exporting up to ${h.finalized.height}`)
        expect(got.stamp).toMatchObject({exportedRange: {from: 0, to: h.finalized.height}, final: true, finalizedHeight: h.finalized.height})
        expect(csvObjects(got.bytes.toString('utf8')).every((r) => Number(r.block) <= h.finalized.height)).toBe(true)
        for (const ds of ['contributions', 'assets']) {
            const r = await runExportCli([ds, '--format', 'csv', '--finalized'], {DATABASE_URL: chain.db.url})
            expect(r.code, ds).toBe(2)
            expect(r.stderr).toMatch(/holds the state at the indexed head.*without --finalized/)
        }
    })

    it('the HTTP export sends the stamp as headers, the same bytes as the CLI, and the row count as a trailer', async () => {
        const api = chain.api
        const h = await heads()
        const res = await fetch(`${api.url}/export/payments.parquet?finalized=1&to=${T}`)
        expect(res.status).toBe(200)
        const bytes = Buffer.from(await res.arrayBuffer())
        expect(bytes.equals(secondRun.get('payments.parquet')!.bytes), 'same bytes as the CLI').toBe(true)
        const file = path.join(tmp, 'http-payments.parquet')
        fs.writeFileSync(file, bytes)
        const inFile = await kvStamp(file)
        const header = JSON.parse(res.headers.get('x-sahara-stamp')!) as ExportStamp
        expect(header).toEqual({...inFile, rows: undefined, indexedHeight: h.indexed.height, indexedHash: h.indexed.hash, finalizedHeight: h.finalized.height, finalizedHash: h.finalized.hash})
        expect({
            indexedHeight: res.headers.get('x-sahara-indexed-height'),
            indexedHash: res.headers.get('x-sahara-indexed-hash'),
            finalizedHeight: res.headers.get('x-sahara-finalized-height'),
            finalizedHash: res.headers.get('x-sahara-finalized-hash'),
            final: res.headers.get('x-sahara-final'),
            finalizedOnly: res.headers.get('x-sahara-finalized-only'),
            schemaVersion: res.headers.get('x-sahara-schema-version'),
            filters: JSON.parse(res.headers.get('x-sahara-filters')!),
            exportedRange: JSON.parse(res.headers.get('x-sahara-exported-range')!),
        }).toEqual({
            indexedHeight: String(h.indexed.height),
            indexedHash: h.indexed.hash,
            finalizedHeight: String(h.finalized.height),
            finalizedHash: h.finalized.hash,
            final: 'true',
            finalizedOnly: 'true',
            schemaVersion,
            filters: {to: T},
            exportedRange: {from: 0, to: T},
        })
        // a plain CSV: headers name indexed_head, the trailer the rows written
        const plain = await new Promise<{headers: http.IncomingHttpHeaders; trailers: NodeJS.Dict<string>; body: string}>((resolve, reject) => {
            http.get(`${api.url}/export/payments.csv`, (r) => {
                let body = ''
                r.setEncoding('utf8')
                r.on('data', (d) => (body += d))
                r.on('end', () => resolve({headers: r.headers, trailers: r.trailers, body}))
                r.on('error', reject)
            }).on('error', reject)
        })
        const rows = csvObjects(plain.body)
        expect(plain.headers['x-sahara-indexed-height']).toBe(String(h.indexed.height))
        expect(plain.headers['x-sahara-indexed-hash']).toBe(h.indexed.hash)
        expect(plain.headers['x-sahara-final']).toBe(String(rows.every((r) => Number(r.block) <= h.finalized.height)))
        expect(JSON.parse(plain.headers['x-sahara-stamp'] as string)).toMatchObject({finalizedOnly: false, exportedRange: {from: 0, to: h.indexed.height}})
        expect(plain.trailers['x-sahara-rows']).toBe(String(rows.length))
        for (const [url, pattern] of [
            ['/export/contributions.csv?finalized=1', /holds the state at the indexed head/],
            ['/export/payments.csv?finalized=yes', /finalized must be 1/],
        ] as const) {
            const r = await fetch(`${api.url}${url}`)
            expect(r.status, url).toBe(400)
            expect((await r.json()).error, url).toMatch(pattern)
        }
    })
})

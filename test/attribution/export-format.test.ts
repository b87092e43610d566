/**
 * The export writers and request validation without a chain: CSV (RFC 4180) and Parquet read back
 * by independent readers (a CSV reader written in the test, DuckDB), exact uint256 values, nulls,
 * several row groups under backpressure, parameterized filters, and docs/exports.md in step with
 * the column tables.
 */
import fs from 'fs'
import os from 'os'
import path from 'path'
import {Writable} from 'stream'
import {afterAll, describe, expect, it} from 'vitest'
import {csvField, csvHeader, csvRows} from '../../src/export/csv'
import {datasetQuery, DATASETS, DATASET_NAMES, hotRowsQuery, progressQuery, type Column, type Dataset} from '../../src/export/datasets'
import {DOCS_FILE, renderDatasetDocs, updatedDocs} from '../../src/export/docs'
import {checkFinalized, ExportParamError, parseAssetId, parseBlock, parseDataset, parseFilters, parseFinalized, parseFormat} from '../../src/export/params'
import {ParquetSink} from '../../src/export/parquet'
import {embeddedStamp, stampHeaders, type ExportStamp} from '../../src/export/stamp'
import {duck, parseCsv} from './helpers'

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sahara-export-format-'))
afterAll(() => fs.rmSync(tmp, {recursive: true, force: true}))

const COLUMNS: Column[] = [
    {name: 'id', type: 'id', unit: '', description: '', sql: ''},
    {name: 'amount', type: 'uint', unit: 'wei', description: '', sql: ''},
    {name: 'maybe', type: 'uint', nullable: true, unit: 'wei', description: '', sql: ''},
    {name: 'small', type: 'int32', unit: '', description: '', sql: ''},
    {name: 'block', type: 'int64', unit: 'block', description: '', sql: ''},
    {name: 'at', type: 'timestamp', unit: 'UTC', description: '', sql: ''},
    {name: 'flag', type: 'bool', unit: '', description: '', sql: ''},
    {name: 'note', type: 'text', unit: '', description: '', sql: ''},
]
const FAKE: Dataset = {...DATASETS.payments, columns: COLUMNS}
const UINT256_MAX = (1n << 256n) - 1n
const HOSTILE = ['plain', 'comma, inside', 'quote " inside', '"quoted"', 'line\nbreak', 'crlf\r\nbreak', '', ' lead and trail ', 'ünïcødé \uFFFD', ',', '"']

/** node-postgres rowMode 'array' values, as the exporter receives them. */
function row(i: number): unknown[] {
    const amount = i === 0 ? UINT256_MAX : (BigInt(i) * 10n ** 30n + BigInt(i)) % UINT256_MAX
    return [String(i + 1), amount.toString(), i % 3 === 0 ? null : String(BigInt(i) ** 5n), i % 1000, 2_000_000_000 + i, String(1_795_600_000_000 + i * 1000), i % 2 === 0, HOSTILE[i % HOSTILE.length]]
}

/** A Writable that accepts slowly, so that backpressure is exercised. */
function slowFile(file: string): Writable {
    const fd = fs.openSync(file, 'w')
    return new Writable({
        highWaterMark: 1024,
        write(chunk, _enc, cb) {
            fs.writeSync(fd, chunk)
            setImmediate(cb)
        },
        final(cb) {
            fs.closeSync(fd)
            cb()
        },
    })
}

describe('export writers', () => {
    it('CSV: RFC 4180 quoting, CRLF, exact integers, read back by an independent reader and by DuckDB', async () => {
        expect(csvField('a,b')).toBe('"a,b"')
        expect(csvField('say "hi"')).toBe('"say ""hi"""')
        expect(csvField('x\ny')).toBe('"x\ny"')
        expect(csvField('plain')).toBe('plain')
        const rows = Array.from({length: 500}, (_, i) => row(i))
        const text = csvHeader(COLUMNS) + csvRows(COLUMNS, rows)
        const file = path.join(tmp, 'fake.csv')
        fs.writeFileSync(file, text)
        const parsed = parseCsv(text)
        expect(parsed[0]).toEqual(COLUMNS.map((c) => c.name))
        expect(parsed.length).toBe(501)
        parsed.slice(1).forEach((r, i) => {
            const src = row(i)
            expect(r[1]).toBe(src[1])
            expect(r[2]).toBe(src[2] ?? '')
            expect(r[5]).toBe(new Date(Number(src[5])).toISOString())
            expect(r[6]).toBe(src[6] ? 'true' : 'false')
            expect(r[7]).toBe(src[7])
        })
        const viaDuck = await duck(`SELECT amount, note FROM read_csv('${file}', all_varchar = true, header = true, quote = '"', escape = '"', delim = ',') ORDER BY id::INTEGER`)
        expect(viaDuck.map((r) => [r.amount, r.note ?? ''])).toEqual(rows.map((r) => [r[1], r[7]]))
    })

    it('Parquet: several row groups under backpressure, exact uint256 strings, nulls and typed columns in DuckDB', async () => {
        const file = path.join(tmp, 'fake.parquet')
        const out = slowFile(file)
        const stats = {bytes: 0}
        const sink = new ParquetSink(FAKE, out, {'sahara.filters': '{}'}, 1000, stats)
        const n = 4321
        for (let i = 0; i < n; i += 777) await sink.write(Array.from({length: Math.min(777, n - i)}, (_, k) => row(i + k)))
        await sink.finish()
        await new Promise<void>((resolve) => out.end(resolve))
        expect(fs.statSync(file).size).toBe(stats.bytes)
        const got = await duck(`SELECT id, amount, maybe, small, block, epoch_ms("at") AS ms, flag, note FROM read_parquet('${file}') ORDER BY id::INTEGER`)
        expect(got.length).toBe(n)
        got.forEach((r, i) => {
            const src = row(i)
            expect([r.id, r.amount, r.maybe, r.small, r.block, Number(r.ms), r.flag, r.note]).toEqual([src[0], src[1], src[2], src[3], BigInt(src[4] as number), Number(src[5]), src[6], src[7]])
        })
        const groups = await duck(`SELECT count(DISTINCT row_group_id)::INTEGER AS n FROM parquet_metadata('${file}')`)
        expect(groups[0].n).toBe(5)
        const meta = await duck(`SELECT decode(key) AS k FROM parquet_kv_metadata('${file}')`)
        expect(meta.map((m) => m.k).sort()).toEqual(['sahara.columns', 'sahara.dataset', 'sahara.filters'])
    })

    it('an empty export is a valid file in both formats', async () => {
        const file = path.join(tmp, 'empty.parquet')
        const out = fs.createWriteStream(file)
        const sink = new ParquetSink(FAKE, out, {})
        await sink.finish()
        await new Promise<void>((resolve) => out.end(resolve))
        expect((await duck(`SELECT count(*)::INTEGER AS n FROM read_parquet('${file}')`))[0].n).toBe(0)
        expect(parseCsv(csvHeader(COLUMNS))).toEqual([COLUMNS.map((c) => c.name)])
    })
})

describe('export requests', () => {
    it('validates datasets, formats, blocks and asset ids with messages that say what is accepted', () => {
        expect(parseDataset('attributions')).toBe('attributions')
        expect(() => parseDataset('receipts')).toThrow(/unknown dataset "receipts": use one of contributions, attributions/)
        expect(parseFormat('parquet')).toBe('parquet')
        expect(() => parseFormat('json')).toThrow(ExportParamError)
        expect(parseBlock('from', '0')).toBe(0)
        expect(parseBlock('from', undefined)).toBeUndefined()
        for (const bad of ['-1', '1.5', '1e3', '0x10', ' 1', '2147483648', '99999999999']) expect(() => parseBlock('from', bad), bad).toThrow(/from must be a block number/)
        expect(parseAssetId('123')).toBe('123')
        for (const bad of ['0', '012', '1 ', "1' OR '1'='1", '1'.repeat(79)]) expect(() => parseAssetId(bad), bad).toThrow(/asset must be an asset id/)
        expect(() => parseFilters({from: '9', to: '3'})).toThrow(/from \(9\) must not be after to \(3\)/)
        expect(parseFilters({from: '3', asset: '7'})).toEqual({from: 3, asset: '7'})
    })

    it('puts filter values in bound parameters only', () => {
        for (const name of DATASET_NAMES) {
            const q = datasetQuery(DATASETS[name], {from: 123456, to: 654321, asset: '987654321'})
            expect(q.params).toEqual([123456, 654321, '987654321'])
            expect(q.sql).not.toMatch(/123456|654321|987654321/)
            const p = progressQuery(DATASETS[name], {asset: '987654321'})
            expect(p.params).toEqual(['987654321'])
            expect(p.sql).not.toMatch(/987654321/)
            const h = hotRowsQuery(DATASETS[name], {from: 123456, asset: '987654321'}, 555555)
            expect(h.params).toEqual([123456, '987654321', 555555])
            expect(h.sql).not.toMatch(/123456|987654321|555555/)
        }
    })

    it('docs/exports.md documents exactly the columns the exports write', () => {
        const docs = fs.readFileSync(DOCS_FILE, 'utf8')
        expect(updatedDocs(docs), 'regenerate with: node --import tsx src/export/docs.ts --write').toBe(docs)
        for (const name of DATASET_NAMES) for (const c of DATASETS[name].columns) expect(renderDatasetDocs()).toContain(`| \`${c.name}\` |`)
    })
})

describe('export stamps', () => {
    const stamp: ExportStamp = {
        dataset: 'payments',
        format: 'parquet',
        filters: {to: 90},
        finalizedOnly: true,
        exportedRange: {from: 0, to: 90},
        final: true,
        schemaVersion: 'Data1796347763528',
        generator: 'sahara-squid 0.1.0',
        indexedHeight: 120,
        indexedHash: '0xaa',
        finalizedHeight: 105,
        finalizedHash: '0xbb',
        rows: 7,
    }

    it('a --finalized file embeds only what its range and rows determine; a plain one the whole stamp', () => {
        expect(embeddedStamp(stamp)).toEqual({dataset: 'payments', format: 'parquet', filters: {to: 90}, finalizedOnly: true, exportedRange: {from: 0, to: 90}, final: true, schemaVersion: 'Data1796347763528', generator: 'sahara-squid 0.1.0', rows: 7})
        const plain = {...stamp, finalizedOnly: false, exportedAt: '2026-11-25T00:00:00.000Z'}
        expect(embeddedStamp(plain)).toEqual(plain)
    })

    it('HTTP headers carry every field but the row count (a trailer)', () => {
        const h = stampHeaders(stamp)
        expect(h).toMatchObject({
            'x-sahara-indexed-height': '120',
            'x-sahara-indexed-hash': '0xaa',
            'x-sahara-finalized-height': '105',
            'x-sahara-finalized-hash': '0xbb',
            'x-sahara-final': 'true',
            'x-sahara-schema-version': 'Data1796347763528',
            'x-sahara-filters': '{"to":90}',
        })
        const {rows, ...rest} = stamp
        expect(rows).toBe(7)
        expect(JSON.parse(h['x-sahara-stamp'])).toEqual(rest)
        for (const v of Object.values(h)) expect(v).toMatch(/^[\x20-\x7e]*$/)
    })

    it('accepts finalized=1|true|0|false and refuses --finalized for head-state datasets', () => {
        expect([parseFinalized('1'), parseFinalized('true'), parseFinalized('0'), parseFinalized(null), parseFinalized('')]).toEqual([true, true, false, false, false])
        expect(() => parseFinalized('yes')).toThrow(/finalized must be 1/)
        for (const name of DATASET_NAMES) {
            if (DATASETS[name].asOfHead) expect(() => checkFinalized(name, true), name).toThrow(ExportParamError)
            else expect(() => checkFinalized(name, true), name).not.toThrow()
            expect(() => checkFinalized(name, false)).not.toThrow()
        }
        expect(() => checkFinalized('contributions', true)).toThrow(/use --finalized with attributions, payments, lineage/)
    })
})

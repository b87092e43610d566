/**
 * CSV per RFC 4180: comma separated, CRLF line ends, a header row, and a field quoted with double
 * quotes (inner quotes doubled) when it holds a comma, a quote, CR or LF. Integers (bigints
 * included) are written as plain decimal digits, never in exponent form.
 */
import type {Column} from './datasets'

/** Quotes a field when RFC 4180 requires it. */
export function csvField(s: string): string {
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** Renders one value of a column (rowMode 'array' values from node-postgres). */
export function csvValue(c: Column, v: unknown): string {
    if (v == null) return ''
    switch (c.type) {
        case 'timestamp':
            return new Date(Number(v)).toISOString()
        case 'bool':
            return v ? 'true' : 'false'
        case 'text':
            return csvField(String(v))
        default:
            // digits, ids, 0x hex and addresses never need quoting
            return String(v)
    }
}

export function csvHeader(columns: readonly Column[]): string {
    return columns.map((c) => csvField(c.name)).join(',') + '\r\n'
}

export function csvRows(columns: readonly Column[], rows: readonly unknown[][]): string {
    let out = ''
    for (const r of rows) {
        let line = ''
        for (let i = 0; i < columns.length; i++) {
            if (i) line += ','
            line += csvValue(columns[i], r[i])
        }
        out += line + '\r\n'
    }
    return out
}

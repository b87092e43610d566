/**
 * What Grafana does to a PostgreSQL panel's SQL before it reaches the database, for a fixed time
 * range, so that tests and the preview renderer run exactly the SQL a dashboard would:
 *
 * 1. template variables (frontend): `$name`, `${name}`, `[[name]]`; a multi-value or include-all
 *    variable becomes a list of single-quoted values (quotes doubled), a single value stays raw;
 *    the globals `$__from`/`$__to` (epoch ms) and `$__interval`/`$__interval_ms`;
 * 2. the backend's macros, with the semantics of Grafana's PostgreSQL macro engine (without
 *    TimescaleDB): `$__time`, `$__timeEpoch`, `$__timeFilter`, `$__timeFrom`, `$__timeTo`,
 *    `$__timeGroup` (`AS "time"` added when a comma follows, as Grafana does), `$__timeGroupAlias`,
 *    `$__unixEpochFilter`, `$__unixEpochFrom`, `$__unixEpochTo`, `$__unixEpochGroup(Alias)`,
 *    `$__unixEpochNanoFilter`, `$__unixEpochNanoFrom`, `$__unixEpochNanoTo`.
 * Fill modes (a third $__timeGroup argument) are not supported: the dashboards do not use them.
 */

export interface GrafanaRange {
    from: Date
    to: Date
}

/** Variable values: a string is a single value (inserted raw), an array a multi-value selection (quoted list). */
export type VariableValues = Record<string, string | readonly string[]>

export interface ExpandOptions {
    range: GrafanaRange
    variables?: VariableValues
    /** `$__interval` (default 1d). */
    interval?: string
}

/** Go's time.RFC3339Nano in UTC: fractional seconds without trailing zeros, none when zero. */
export function rfc3339Nano(d: Date): string {
    const iso = d.toISOString() // 2026-01-01T00:00:00.000Z
    const [whole, frac] = iso.slice(0, -1).split('.')
    const f = frac.replace(/0+$/, '')
    return `${whole}${f ? `.${f}` : ''}Z`
}

const UNIT_SECONDS: Record<string, number> = {ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400, w: 604_800}

/** Interval in seconds (Grafana's gtime.ParseInterval, fixed-length units only). */
export function parseIntervalSeconds(text: string): number {
    const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)$/.exec(text.trim().replace(/^'|'$/g, ''))
    if (!m) throw new Error(`error parsing interval ${text}`)
    return Number(m[1]) * UNIT_SECONDS[m[2]]
}

function quoteSqlString(v: string): string {
    return `'${v.replace(/'/g, "''")}'`
}

/** Step 1: template variables and the frontend's global variables. */
export function interpolateVariables(sql: string, opts: ExpandOptions): string {
    const globals: VariableValues = {
        __from: String(opts.range.from.getTime()),
        __to: String(opts.range.to.getTime()),
        __interval: opts.interval ?? '1d',
        __interval_ms: String(Math.round(parseIntervalSeconds(opts.interval ?? '1d') * 1000)),
    }
    const values: VariableValues = {...globals, ...(opts.variables ?? {})}
    return sql.replace(/\$(\w+)|\[\[(\w+?)\]\]|\$\{(\w+)(?::([^}]+))?\}/g, (whole, a, b, c, format) => {
        const name = a ?? b ?? c
        if (!(name in values)) {
            if (name.startsWith('__')) return whole // a backend macro
            throw new Error(`unknown template variable $${name}`)
        }
        if (format) throw new Error(`variable format :${format} is not supported here`)
        const v = values[name]
        return typeof v === 'string' ? v : v.map(quoteSqlString).join(',')
    })
}

function macro(name: string, args: string[], range: GrafanaRange): string {
    const from = range.from
    const to = range.to
    const col = () => {
        if (!args[0]) throw new Error(`missing time column argument for macro ${name}`)
        return args[0]
    }
    const group = () => {
        if (args.length < 2) throw new Error(`macro ${name} needs time column and interval and optional fill value`)
        if (args.length > 2) throw new Error(`macro ${name}: fill modes are not supported here`)
        return parseIntervalSeconds(args[1])
    }
    const unix = (d: Date) => Math.floor(d.getTime() / 1000)
    const nanos = (d: Date) => (BigInt(d.getTime()) * 1_000_000n).toString()
    switch (name) {
        case '__time':
            return `${col()} AS "time"`
        case '__timeEpoch':
            return `extract(epoch from ${col()}) as "time"`
        case '__timeFilter':
            return `${col()} BETWEEN '${rfc3339Nano(from)}' AND '${rfc3339Nano(to)}'`
        case '__timeFrom':
            return `'${rfc3339Nano(from)}'`
        case '__timeTo':
            return `'${rfc3339Nano(to)}'`
        case '__timeGroup': {
            const s = group()
            return `floor(extract(epoch from ${col()})/${s})*${s}`
        }
        case '__timeGroupAlias':
            return `${macro('__timeGroup', args, range)} AS "time"`
        case '__unixEpochFilter':
            return `${col()} >= ${unix(from)} AND ${col()} <= ${unix(to)}`
        case '__unixEpochFrom':
            return String(unix(from))
        case '__unixEpochTo':
            return String(unix(to))
        case '__unixEpochNanoFilter':
            return `${col()} >= ${nanos(from)} AND ${col()} <= ${nanos(to)}`
        case '__unixEpochNanoFrom':
            return nanos(from)
        case '__unixEpochNanoTo':
            return nanos(to)
        case '__unixEpochGroup': {
            const s = group()
            return `floor((${col()})/${s})*${s}`
        }
        case '__unixEpochGroupAlias':
            return `${macro('__unixEpochGroup', args, range)} AS "time"`
        default:
            throw new Error(`unknown macro "${name}"`)
    }
}

/** Step 2: the backend's macros. */
export function expandMacros(sql: string, range: GrafanaRange): string {
    return sql.replace(/\$([_a-zA-Z0-9]+)\(([^)]*)\)/g, (whole, name: string, argText: string, offset: number) => {
        const args = argText.split(',').map((a) => a.trim())
        // Grafana: `$__timeGroup(...)` directly followed by a comma is the pre-5.3 form with an alias.
        if (name === '__timeGroup' && sql[offset + whole.length] === ',') name = '__timeGroupAlias'
        return macro(name, argText === '' ? [] : args, range)
    })
}

/** The SQL Grafana sends to PostgreSQL for this panel SQL, range and variables. */
export function expandGrafanaSql(sql: string, opts: ExpandOptions): string {
    return expandMacros(interpolateVariables(sql, opts), opts.range)
}

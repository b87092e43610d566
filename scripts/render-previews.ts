/**
 * `npm run previews`: renders the dashboards' key panels as SVG into docs/dashboards/ (committed,
 * shown in docs/dashboards.md), from the panels' own SQL — Grafana's macros expanded for a fixed
 * range — against a simulated `small` chain indexed by the real processor. The chain is seeded and
 * its timestamps pinned, so the same code renders the same images.
 *
 * Uses an embedded PostgreSQL (or TEST_DATABASE_URL) and its own anvil; needs `npm run build`
 * (the script runs it).
 */
import fs from 'fs'
import path from 'path'
import pg from 'pg'
import {buildAll} from '../dashboards/index'
import {expandGrafanaSql} from '../dashboards/lib/macros'
import {formatOf, type PanelSpec} from '../dashboards/lib/spec'
import {renderChart, type ChartInput, type Series} from '../dashboards/lib/svg-chart'
import {ASSET_KINDS} from '../dashboards/lib/variables'
import {FIXED_RANGE, indexedSimulatedChain} from '../test/dashboards/indexed-chain'

export const PREVIEW_DIR = path.resolve(__dirname, '../docs/dashboards')

/**
 * The panels shown in the docs, by dashboard uid and panel title, with the bucket they use and,
 * where the first day would flatten the chart, a later start (ISO date).
 */
export const PREVIEWS: {uid: string; title: string; bucket?: string; from?: string}[] = [
    {uid: 'sahara-overview', title: 'Gross payments and protocol fees over time'},
    {uid: 'sahara-overview', title: 'Invocations by kind'},
    {uid: 'sahara-overview', title: 'Active callers and earning contributors over time'},
    {uid: 'sahara-assets', title: 'Direct vs upstream revenue'},
    {uid: 'sahara-assets', title: 'Royalty depth'},
    {uid: 'sahara-contributors', title: 'Earnings distribution'},
    {uid: 'sahara-contributors', title: 'Owner vs contributor share'},
    {uid: 'sahara-treasury', title: 'Treasury balance'},
    // Day one holds the 5 M SAHARA seed deposit, which would dwarf every other day.
    {uid: 'sahara-treasury', title: 'Inflows by source', from: '2026-01-03T00:00:00Z'},
    {uid: 'sahara-treasury', title: 'Outflows by category'},
    {uid: 'sahara-governance', title: 'Proposals by outcome per track'},
    {uid: 'sahara-governance', title: 'Turnout vs quorum (DAO)'},
    {uid: 'sahara-governance', title: 'Largest delegates'},
]

export function previewFile(uid: string, title: string): string {
    const slug = title
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
    return `${uid.replace(/^sahara-/, '')}--${slug}.svg`
}

const num = (v: unknown) => (v == null ? null : Number(v))

/**
 * Query rows → chart input, the way Grafana reads the panel's format. Bars over time get a slot for
 * every time in `timeAxis` (the chain's days), so that quiet days show as gaps, as on a time axis.
 */
export function chartOf(spec: PanelSpec, rows: Record<string, unknown>[], timeAxis: number[] = []): ChartInput {
    const unitTitle = spec.stack === 'percent' ? '' : spec.unit === 'sahara' ? ' (SAHARA)' : spec.unit === 'suffix: days' ? ' (days)' : ''
    const base = {title: `${spec.title}${unitTitle}`, stack: spec.stack, horizontal: spec.horizontal, unit: spec.unit ?? 'short'}
    const kind = spec.viz === 'timeseries' ? ('line' as const) : ('bars' as const)
    if (formatOf(spec.viz) === 'time_series') {
        const extra = kind === 'bars' ? timeAxis : []
        const times = [...new Set([...extra, ...rows.map((r) => Number(r.time))])].sort((a, b) => a - b)
        const at = new Map(times.map((t, i) => [t, i]))
        let series: Series[]
        if (spec.columns.includes('metric')) {
            const names = [...new Set(rows.map((r) => String(r.metric)))].sort()
            series = names.map((name) => ({name, values: times.map(() => null as number | null)}))
            for (const r of rows) series[names.indexOf(String(r.metric))].values[at.get(Number(r.time))!] = num(r.value)
        } else {
            series = spec.columns.slice(1).map((c) => ({name: c, values: times.map(() => null as number | null)}))
            for (const r of rows) spec.columns.slice(1).forEach((c, k) => (series[k].values[at.get(Number(r.time))!] = num(r[c])))
        }
        return {...base, kind, x: times, series}
    }
    const [label, ...values] = spec.columns
    return {...base, kind: 'bars', x: rows.map((r) => String(r[label])), series: values.map((c) => ({name: c, values: rows.map((r) => num(r[c]))}))}
}

async function main(): Promise<void> {
    const t0 = Date.now()
    const log = (m: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)} s] ${m}`)
    const panels = new Map(buildAll().flatMap((d) => d.panels.map((p) => [`${d.spec.uid}/${p.spec.title}`, p.spec] as const)))
    const chain = await indexedSimulatedChain({log})
    const client = new pg.Client(chain.db.url)
    try {
        await client.connect()
        await client.query('SET ROLE sahara_api_readonly')
        fs.mkdirSync(PREVIEW_DIR, {recursive: true})
        const written = new Set<string>()
        const days: number[] = []
        for (let t = chain.range.from.getTime(); t < chain.range.to.getTime(); t += 86_400_000) days.push(t / 1000)
        for (const p of PREVIEWS) {
            const spec = panels.get(`${p.uid}/${p.title}`)
            if (!spec) throw new Error(`no panel "${p.title}" on ${p.uid}`)
            const range = p.from ? {from: new Date(p.from), to: FIXED_RANGE.to} : FIXED_RANGE
            const sql = expandGrafanaSql(spec.sql, {range, variables: {kind: [...ASSET_KINDS], bucket: p.bucket ?? '1d'}})
            const {rows} = await client.query(sql)
            if (rows.length === 0) throw new Error(`panel "${p.title}" returned no rows`)
            const file = previewFile(p.uid, p.title)
            fs.writeFileSync(path.join(PREVIEW_DIR, file), renderChart(chartOf(spec, rows, days.filter((d) => d * 1000 >= range.from.getTime()))))
            written.add(file)
            log(`wrote docs/dashboards/${file} (${rows.length} rows)`)
        }
        for (const old of fs.readdirSync(PREVIEW_DIR)) if (old.endsWith('.svg') && !written.has(old)) fs.rmSync(path.join(PREVIEW_DIR, old))
    } finally {
        await client.end().catch(() => {})
        await chain.stop()
    }
}

if (require.main === module) {
    main().catch((e) => {
        console.error(e)
        process.exit(1)
    })
}

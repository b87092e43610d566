import pg from 'pg'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {buildAll} from '../../dashboards/index'
import {expandGrafanaSql, type VariableValues} from '../../dashboards/lib/macros'
import {formatOf, type PanelSpec} from '../../dashboards/lib/spec'
import {renderChart} from '../../dashboards/lib/svg-chart'
import {ASSET_KINDS} from '../../dashboards/lib/variables'
import {chartOf, PREVIEWS} from '../../scripts/render-previews'
import {receiptAccruedSql} from '../../src/domain/attribution-sql'
import {FIXED_RANGE, indexedSimulatedChain, type IndexedChain} from './indexed-chain'

/**
 * Every panel's SQL, expanded as Grafana would for a fixed range, against a PostgreSQL indexed by
 * the real processor from a simulated chain, run as the read-only role Grafana connects with.
 */
const dashboards = buildAll()
const ALL: VariableValues = {kind: [...ASSET_KINDS], bucket: '1d'}
const DAY = 86_400_000

/** A SAHARA numeric (exact, 18 decimals at most) back to wei. */
function wei(value: string | null): bigint {
    if (value == null) return 0n
    const [whole, frac = ''] = String(value).split('.')
    return BigInt(whole) * 10n ** 18n + BigInt(frac.padEnd(18, '0'))
}

function panel(uid: string, title: string): PanelSpec {
    const d = dashboards.find((x) => x.spec.uid === uid)!
    const p = d.panels.find((x) => x.spec.title === title)
    if (!p) throw new Error(`no panel "${title}" on ${uid}`)
    return p.spec
}

describe('dashboard SQL on an indexed simulated chain', () => {
    let chain: IndexedChain
    let protocol: Record<string, string>
    let reader: pg.Client

    /** Runs the panel's SQL on the read-only connection; returns the column names and rows. */
    async function run(p: PanelSpec, variables: VariableValues = ALL, range = FIXED_RANGE) {
        const sql = expandGrafanaSql(p.sql, {range, variables})
        const res = await reader.query(sql).catch((e) => {
            throw new Error(`panel "${p.title}" failed: ${e.message}\n${sql}`)
        })
        return {columns: res.fields.map((f) => f.name), rows: res.rows as Record<string, any>[], sql}
    }

    beforeAll(async () => {
        chain = await indexedSimulatedChain()
        ;[protocol] = await chain.db.query(`SELECT * FROM protocol`)
        // Grafana connects with a login in the read-only role (grafana/reader-role.sql).
        reader = new pg.Client(chain.db.url)
        await reader.connect()
        await reader.query('SET ROLE sahara_api_readonly')
        await reader.query('SET default_transaction_read_only = on')
    }, 300_000)

    afterAll(async () => {
        await reader?.end()
        await chain?.stop()
    })

    it('the fixed range covers every day bucket of the chain', async () => {
        const [r] = await chain.db.query(`SELECT min(date) AS lo, max(date) AS hi, count(*)::int AS n FROM asset_day_data`)
        expect(r.n).toBeGreaterThan(10)
        expect(new Date(r.lo).getTime()).toBeGreaterThanOrEqual(FIXED_RANGE.from.getTime())
        expect(new Date(r.hi).getTime()).toBeLessThan(FIXED_RANGE.to.getTime())
    })

    for (const d of dashboards) {
        for (const {id, spec} of d.panels) {
            it(`${d.spec.uid} #${id} "${spec.title}" returns rows with the expected columns`, async () => {
                const {columns, rows} = await run(spec)
                expect(columns).toEqual(spec.columns)
                expect(rows.length).toBeGreaterThan(0)
                if (spec.viz === 'stat') expect(rows).toHaveLength(1)
                if (formatOf(spec.viz) === 'time_series') {
                    const times = rows.map((r) => Number(r.time))
                    expect(times.every((t) => Number.isFinite(t) && t % 86_400 === 0)).toBe(true)
                    expect([...times].sort((a, b) => a - b)).toEqual(times)
                    for (const r of rows) {
                        for (const c of spec.columns.slice(1)) {
                            if (c === 'metric') expect(typeof r[c]).toBe('string')
                            else expect(r[c] == null || Number.isFinite(Number(r[c])), `${c} = ${r[c]}`).toBe(true)
                        }
                    }
                }
                // Other variable values and a narrower range run too (rows may be empty).
                const narrow = {from: new Date(FIXED_RANGE.from.getTime() + 10 * DAY), to: new Date(FIXED_RANGE.from.getTime() + 17 * DAY)}
                for (const variables of [{kind: ['MODEL'], bucket: '7d'}, {kind: ['DATASET', 'AGENT'], bucket: '30d'}]) {
                    expect((await run(spec, variables, narrow)).columns).toEqual(spec.columns)
                }
            })
        }
    }

    it('overview totals equal the indexer\u2019s own totals (protocol row)', async () => {
        const [assets] = (await run(panel('sahara-overview', 'Assets registered'))).rows
        expect(Number(assets.Assets)).toBe(Number(protocol.asset_count))
        const [usage] = (await run(panel('sahara-overview', 'Invocations and payments'))).rows
        expect(Number(usage.Invocations)).toBe(Number(protocol.invocation_count))
        expect(Number(usage.Payments)).toBe(Number(protocol.payment_count))
        const [money] = (await run(panel('sahara-overview', 'Gross payments and protocol fees'))).rows
        expect(wei(money['Gross payments'])).toBe(BigInt(protocol.gross_payments))
        expect(wei(money['Protocol fees'])).toBe(BigInt(protocol.protocol_fees))
        expect(BigInt(protocol.gross_payments)).toBeGreaterThan(0n)

        const byKind = (await run(panel('sahara-overview', 'Assets by kind'))).rows
        expect(byKind.reduce((s, r) => s + Number(r.Assets), 0)).toBe(Number(protocol.asset_count))
        const invocations = (await run(panel('sahara-overview', 'Invocations by kind'))).rows
        expect(invocations.reduce((s, r) => s + Number(r.value), 0)).toBe(Number(protocol.invocation_count))
        const series = (await run(panel('sahara-overview', 'Gross payments and protocol fees over time'), {...ALL, bucket: '7d'})).rows
        expect(series.reduce((s, r) => s + wei(r['Gross payments']), 0n)).toBe(BigInt(protocol.gross_payments))
        expect(series.reduce((s, r) => s + wei(r['Protocol fees']), 0n)).toBe(BigInt(protocol.protocol_fees))
    })

    it('the asset-kind variable partitions the totals', async () => {
        let gross = 0n
        for (const k of ASSET_KINDS) {
            const [r] = (await run(panel('sahara-overview', 'Gross payments and protocol fees'), {kind: [k], bucket: '1d'})).rows
            gross += wei(r['Gross payments'])
        }
        expect(gross).toBe(BigInt(protocol.gross_payments))
    })

    it('owner parts and contributor pools equal the protocol\u2019s; receipts earned what they accrued', async () => {
        const [split] = (await run(panel('sahara-contributors', 'Owner parts and contributor pools'))).rows
        expect(wei(split['Owner parts'])).toBe(BigInt(protocol.owner_revenue))
        expect(wei(split['Contributor pools'])).toBe(BigInt(protocol.contributor_revenue))
        const [earned] = (await run(panel('sahara-contributors', 'Contributor earnings'))).rows
        const [{accrued}] = await chain.db.query(`SELECT sum(${receiptAccruedSql('r', 'a')}) AS accrued FROM receipt r JOIN asset a ON a.id = r.asset_id`)
        expect(wei(earned['Earned by receipts'])).toBe(BigInt(accrued))
        // Split into two ranges, the earnings add up (accumulator bounds chain).
        const mid = new Date(FIXED_RANGE.from.getTime() + 12 * DAY)
        const first = (await run(panel('sahara-contributors', 'Contributor earnings'), ALL, {from: FIXED_RANGE.from, to: new Date(mid.getTime() - 1)})).rows[0]
        const second = (await run(panel('sahara-contributors', 'Contributor earnings'), ALL, {from: mid, to: FIXED_RANGE.to})).rows[0]
        expect(wei(first['Earned by receipts']) + wei(second['Earned by receipts'])).toBe(BigInt(accrued))
        const top = (await run(panel('sahara-contributors', 'Top contributors'))).rows
        const dist = (await run(panel('sahara-contributors', 'Earnings distribution'))).rows
        const [{n}] = await chain.db.query(`SELECT count(DISTINCT r.contributor_id)::int AS n FROM receipt r JOIN asset a ON a.id = r.asset_id WHERE ${receiptAccruedSql('r', 'a')} > 0`)
        expect(dist.reduce((s, r) => s + Number(r.Contributors), 0)).toBe(n)
        expect(top.length).toBe(Math.min(20, n))
    })

    it('treasury balance, flows and runway match the treasury\u2019s movements', async () => {
        const [balance] = (await run(panel('sahara-treasury', 'Balance at the end of the range'))).rows
        expect(wei(balance.Balance)).toBe(BigInt(protocol.treasury_balance))
        // Independent model from the raw flows: per-day outflows, runway over the last 30 days.
        const flows = await chain.db.query(`SELECT kind, amount, balance_after, timestamp FROM treasury_flow ORDER BY id`)
        let inflow = 0n
        let outflow = 0n
        const outByDay = new Map<number, bigint>()
        for (const f of flows) {
            const out = f.kind === 'DISBURSEMENT' || f.kind === 'TRANSFER_OUT'
            if (out) {
                outflow += BigInt(f.amount)
                const day = Math.floor(new Date(f.timestamp).getTime() / DAY)
                outByDay.set(day, (outByDay.get(day) ?? 0n) + BigInt(f.amount))
            } else inflow += BigInt(f.amount)
        }
        const [totals] = (await run(panel('sahara-treasury', 'Flows in the range'))).rows
        expect(wei(totals.Inflow)).toBe(inflow)
        expect(wei(totals.Outflow)).toBe(outflow)
        expect(outflow).toBeGreaterThan(0n)
        const lastDay = Math.floor(new Date(flows[flows.length - 1].timestamp).getTime() / DAY)
        let window = 0n
        for (let d = lastDay - 29; d <= lastDay; d++) window += outByDay.get(d) ?? 0n
        const [runway] = (await run(panel('sahara-treasury', 'Runway'))).rows
        const expected = Number((BigInt(protocol.treasury_balance) * 30n * 1000n) / window) / 1000
        expect(Number(runway.Runway)).toBeCloseTo(expected, 2)
        const outflows = (await run(panel('sahara-treasury', 'Outflows by category'))).rows
        expect(outflows.reduce((s, r) => s + wei(r.value), 0n)).toBe(outflow)
    })

    it('governance panels count every proposal and match the tallies', async () => {
        const outcomes = (await run(panel('sahara-governance', 'Proposals by outcome per track'))).rows
        const counted = outcomes.reduce((s, r) => s + ['Executed', 'Succeeded', 'Defeated', 'Vetoed', 'Canceled', 'Open'].reduce((t, c) => t + Number(r[c]), 0), 0)
        expect(counted).toBe(Number(protocol.proposal_count))
        const [veto] = (await run(panel('sahara-governance', 'Veto rate'))).rows
        const [{dao, council}] = await chain.db.query(`
            SELECT (count(*) FILTER (WHERE track = 'DAO' AND state = 'VETOED'))::float8 / count(*) FILTER (WHERE track = 'DAO' AND state IN ('DEFEATED', 'VETOED', 'SUCCEEDED', 'EXECUTED')) AS dao,
                   (count(*) FILTER (WHERE track = 'COUNCIL' AND state = 'VETOED'))::float8 / count(*) FILTER (WHERE track = 'COUNCIL' AND state IN ('DEFEATED', 'VETOED', 'SUCCEEDED', 'EXECUTED')) AS council
            FROM proposal`)
        expect(veto.DAO).toBeCloseTo(dao, 12)
        expect(veto.Council).toBeCloseTo(council, 12)
        expect(dao).toBeGreaterThan(0)
        // Nakamoto coefficient against a model in JS over the delegates' votes.
        const votes = (await chain.db.query(`SELECT votes FROM account WHERE votes > 0`)).map((r) => BigInt(r.votes)).sort((a, b) => (a > b ? -1 : a < b ? 1 : 0))
        const total = votes.reduce((s, v) => s + v, 0n)
        const nakamoto = (bps: bigint) => {
            let cum = 0n
            for (let i = 0; i < votes.length; i++) if ((cum += votes[i]) * 10_000n > total * bps) return i + 1
            return null
        }
        const [conc] = (await run(panel('sahara-governance', 'Voting power concentration'))).rows
        expect(Number(conc.Delegates)).toBe(votes.length)
        expect(Number(conc['Nakamoto (> 33.4 %)'])).toBe(nakamoto(3340n))
        expect(Number(conc['Nakamoto (> 50 %)'])).toBe(nakamoto(5000n))
    })

    it('renders the preview charts from the panels\u2019 rows', async () => {
        for (const p of PREVIEWS) {
            const spec = panel(p.uid, p.title)
            const svg = renderChart(chartOf(spec, (await run(spec)).rows))
            expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'), p.title).toBe(true)
            expect(svg, p.title).toMatch(/<(rect|polyline) [^>]*fill="#73BF69"|<polyline [^>]*stroke="#73BF69"/)
            expect(svg, p.title).not.toMatch(/NaN|undefined|Infinity/)
        }
    })
})

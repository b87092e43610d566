/**
 * Participation analytics end to end: a simulated `small` economy spread over months (one block
 * every 36 hours, from a Monday), indexed by the real processor and served by the real API. Every
 * figure is checked against an independent computation in this file, from the raw event tables
 * (receipt, receipt_claim, asset, asset_version, asset_transfer, owner_claim, license,
 * license_transfer, invocation, vote, voting_power_change, council_change, revenue_distribution)
 * in plain SQL and JS, never from participation_day_data: the processor's day buckets, then
 * participation (DAY / WEEK / MONTH), cohortRetention, earningsDistribution and roleOverlap, then
 * the backfill migration (which must rebuild the same buckets from the event tables).
 */
import path from 'path'
import {beforeAll, describe, expect, it} from 'vitest'
import {csvObjects, runExportCli} from '../attribution/helpers'
import {useIndexedEconomy} from '../helpers/economy'
import {analyticsApiOf, expectError, type AnalyticsApi} from '../governance/analytics-api'

const ROLES = ['CONTRIBUTOR', 'OWNER', 'LICENSEE', 'CALLER', 'VOTER', 'DELEGATE', 'COUNCIL'] as const
type Role = (typeof ROLES)[number]
const ZERO = '0x0000000000000000000000000000000000000000'
const DAY_MS = 86_400_000
/** 2026-01-05, a Monday. */
const GENESIS = Date.UTC(2026, 0, 5) / 1000

/** Each role's actions as (account, time) rows, straight from the event tables. */
const ACTION_SQL: Record<Role, string> = {
    CONTRIBUTOR: `SELECT contributor_id AS a, issued_at AS t FROM receipt UNION ALL SELECT contributor_id, timestamp FROM receipt_claim`,
    OWNER: `SELECT creator_id AS a, created_at AS t FROM asset
            UNION ALL SELECT "to", timestamp FROM asset_transfer WHERE "to" <> '${ZERO}'
            UNION ALL SELECT account_id, timestamp FROM owner_claim
            UNION ALL SELECT (SELECT x."to" FROM asset_transfer x WHERE x.asset_id = v.asset_id AND x.block <= v.block ORDER BY x.block DESC, x.id DESC LIMIT 1), v.timestamp
                      FROM asset_version v WHERE v.version > 1`,
    LICENSEE: `SELECT licensee_id AS a, timestamp AS t FROM license UNION ALL SELECT "to", timestamp FROM license_transfer WHERE "from" <> '${ZERO}' AND "to" <> '${ZERO}'`,
    CALLER: `SELECT caller_id AS a, timestamp AS t FROM invocation`,
    VOTER: `SELECT voter_id AS a, timestamp AS t FROM vote`,
    DELEGATE: `SELECT delegate_id AS a, timestamp AS t FROM voting_power_change WHERE new_votes > previous_votes`,
    COUNCIL: `SELECT member_id AS a, timestamp AS t FROM council_change WHERE added
              UNION ALL SELECT v.voter_id, v.timestamp FROM vote v JOIN proposal p ON p.id = v.proposal_id WHERE p.track = 'COUNCIL'`,
}

type Interval = 'DAY' | 'WEEK' | 'MONTH'
const day = (t: Date | string) => Math.floor(new Date(t).getTime() / DAY_MS)
/** The first day of the interval containing `d`, by the calendar (not the resolvers' arithmetic). */
function periodStartDay(i: Interval, d: number): number {
    const t = new Date(d * DAY_MS)
    if (i === 'DAY') return d
    if (i === 'WEEK') return d - ((t.getUTCDay() + 6) % 7)
    return Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1) / DAY_MS
}
function nextStartDay(i: Interval, start: number): number {
    if (i === 'DAY') return start + 1
    if (i === 'WEEK') return start + 7
    const t = new Date(start * DAY_MS)
    return Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 1) / DAY_MS
}
const iso = (d: number) => new Date(d * DAY_MS).toISOString()

describe('participation analytics on an indexed simulated chain', () => {
    const economy = useIndexedEconomy({seed: 11, scale: 'small', blockTime: 36 * 3600, timestamp: GENESIS, api: true})
    let api: AnalyticsApi
    /** role -> account -> active days, from the event tables. */
    const days = new Map<Role, Map<string, Set<number>>>()
    let firstDay = Infinity
    let lastDay = -Infinity

    beforeAll(async () => {
        api = await analyticsApiOf(economy.api, economy.height)
        for (const role of ROLES) {
            const m = new Map<string, Set<number>>()
            for (const r of await economy.db.query<{a: string; t: Date}>(`SELECT a, t FROM (${ACTION_SQL[role]}) e WHERE a IS NOT NULL AND a <> '${ZERO}'`)) {
                const d = day(r.t)
                if (!m.has(r.a)) m.set(r.a, new Set())
                m.get(r.a)!.add(d)
                firstDay = Math.min(firstDay, d)
                lastDay = Math.max(lastDay, d)
            }
            days.set(role, m)
        }
    })

    it('simulates actors in every role over several months', () => {
        for (const role of ROLES) expect(days.get(role)!.size, role).toBeGreaterThan(0)
        expect(lastDay - firstDay).toBeGreaterThan(60)
    })

    it('keeps one bucket per account, role and day the account acted in', async () => {
        const rows = await economy.db.query<{account_id: string; role: Role; day: number}>(`SELECT account_id, role, day FROM participation_day_data WHERE actions > 0`)
        const got = new Set(rows.map((r) => `${r.account_id}|${r.role}|${r.day}`))
        const want = new Set<string>()
        for (const [role, m] of days) for (const [a, ds] of m) for (const d of ds) want.add(`${a}|${role}|${d}`)
        expect([...got].filter((k) => !want.has(k))).toEqual([])
        expect([...want].filter((k) => !got.has(k))).toEqual([])
    })

    it('keeps each day\'s owner parts and claims as earnings', async () => {
        const sql = (role: Role) => `SELECT account_id || '|' || day AS k, earnings FROM participation_day_data WHERE role = '${role}' AND earnings > 0 ORDER BY 1`
        const raw = (table: string, who: string, amount: string) =>
            `SELECT ${who} || '|' || floor(extract(epoch FROM timestamp) / 86400)::int AS k, sum(${amount}) AS earnings FROM ${table} WHERE ${amount} > 0 GROUP BY 1 ORDER BY 1`
        expect(await economy.db.query(sql('OWNER'))).toEqual(await economy.db.query(raw('revenue_distribution', 'owner_id', 'to_owner')))
        expect(await economy.db.query(sql('CONTRIBUTOR'))).toEqual(await economy.db.query(raw('receipt_claim', 'contributor_id', 'amount')))
        const [{n}] = await economy.db.query(`SELECT count(*)::int AS n FROM participation_day_data WHERE role NOT IN ('OWNER', 'CONTRIBUTOR') AND earnings <> 0`)
        expect(n).toBe(0)
    })

    for (const interval of ['DAY', 'WEEK', 'MONTH'] as const) {
        it(`participation per ${interval} equals the event tables' active, new, returning and churned accounts`, async () => {
            const first = periodStartDay(interval, firstDay)
            const last = periodStartDay(interval, lastDay)
            const seen = {returning: 0, churned: 0}
            for (const role of ROLES) {
                // account -> set of interval starts, and the first one
                const periods = new Map<string, Set<number>>()
                for (const [a, ds] of days.get(role)!) periods.set(a, new Set([...ds].map((d) => periodStartDay(interval, d))))
                const want = []
                for (let p = first; p <= last; p = nextStartDay(interval, p)) {
                    let active = 0, fresh = 0, churned = 0
                    for (const ps of periods.values()) {
                        if (ps.has(p)) {
                            active++
                            if (Math.min(...ps) === p) fresh++
                        } else if (ps.has(periodStartDay(interval, p - 1))) churned++
                    }
                    want.push({start: iso(p), end: iso(nextStartDay(interval, p)), active, new: fresh, returning: active - fresh, churned})
                }
                const got = await api.query<any>(
                    `{ participation(role: ${role}, interval: ${interval}, from: "${iso(firstDay)}", to: "${iso(lastDay)}") { role interval points { start end active new returning churned } } }`,
                )
                expect(got.participation.role).toBe(role)
                expect(got.participation.points, `${role} per ${interval}`).toEqual(want)
                seen.returning += want.reduce((a, p) => a + p.returning, 0)
                seen.churned += want.reduce((a, p) => a + p.churned, 0)
            }
            // the chain exercises every figure, not only zeros
            expect(seen.returning).toBeGreaterThan(0)
            expect(seen.churned).toBeGreaterThan(0)
        })
    }

    it('cohortRetention equals the cohorts of the event tables', async () => {
        let later = 0
        for (const interval of ['WEEK', 'MONTH'] as const) {
            for (const role of ROLES) {
                const last = periodStartDay(interval, lastDay)
                const starts: number[] = []
                for (let p = periodStartDay(interval, firstDay); p <= last; p = nextStartDay(interval, p)) starts.push(p)
                const cohorts = Math.min(6, starts.length)
                const want = starts.slice(-cohorts).map((c) => {
                    const later = starts.filter((p) => p >= c)
                    const retained = later.map(() => 0)
                    for (const ds of days.get(role)!.values()) {
                        const ps = new Set([...ds].map((d) => periodStartDay(interval, d)))
                        if (Math.min(...ps) !== c) continue
                        later.forEach((p, k) => (retained[k] += ps.has(p) ? 1 : 0))
                    }
                    return {start: iso(c), size: retained[0], retained, retentionBps: retained[0] === 0 ? [] : retained.map((n) => Math.floor((n * 10_000) / retained[0]))}
                })
                const got = await api.query<any>(`{ cohortRetention(role: ${role}, interval: ${interval}, cohorts: ${cohorts}, to: "${iso(lastDay)}") { end cohorts { start size retained retention { bps } } } }`)
                later += want.reduce((a, c) => a + c.retained.slice(1).reduce((x, y) => x + y, 0), 0)
                expect(got.cohortRetention.end).toBe(iso(nextStartDay(interval, last)))
                expect(
                    got.cohortRetention.cohorts.map((c: any) => ({start: c.start, size: c.size, retained: c.retained, retentionBps: c.retention.map((r: any) => r.bps)})),
                    `${role} per ${interval}`,
                ).toEqual(want)
            }
        }
        expect(later, 'accounts retained after their first interval').toBeGreaterThan(0)
    })

    it('earningsDistribution equals the shares, Gini and quantiles of the raw payouts', async () => {
        const mid = iso(Math.floor((firstDay + lastDay) / 2))
        for (const [role, table, who, amount] of [
            ['OWNER', 'revenue_distribution', 'owner_id', 'to_owner'],
            ['CONTRIBUTOR', 'receipt_claim', 'contributor_id', 'amount'],
        ] as const) {
            for (const [from, to] of [[iso(firstDay), iso(lastDay)], [mid, iso(lastDay)]]) {
                const rows = await economy.db.query<{e: string}>(
                    `SELECT sum(${amount}) AS e FROM ${table} WHERE timestamp >= $1 AND timestamp < $2::timestamptz + interval '1 day' AND ${amount} > 0 GROUP BY ${who}`,
                    [from, to],
                )
                const xs = rows.map((r) => BigInt(r.e)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
                const n = xs.length
                expect(n, `${role} earners`).toBeGreaterThan(0)
                const total = xs.reduce((a, b) => a + b, 0n)
                // Gini as the mean absolute difference over all pairs: sum |xi - xj| / (2 n total).
                let diff = 0n
                for (const a of xs) for (const b of xs) diff += a > b ? a - b : b - a
                const top = (k: number) => xs.slice(n - k).reduce((a, b) => a + b, 0n)
                const bps = (num: bigint, den: bigint) => Number((num * 10_000n) / den)
                const rank = (q: number) => xs[Math.max(1, Math.ceil(q * n - 1e-9)) - 1].toString()
                const got = (await api.query<any>(
                    `{ earningsDistribution(role: ${role}, from: "${from}", to: "${to}") { count total top1Share { bps } top10Share { bps } gini { bps } quantiles { min p10 p25 p50 p75 p90 p99 max } } }`,
                )).earningsDistribution
                expect(got).toEqual({
                    count: n,
                    total: total.toString(),
                    top1Share: {bps: bps(top(Math.ceil(n / 100)), total)},
                    top10Share: {bps: bps(top(Math.ceil(n / 10)), total)},
                    gini: {bps: bps(diff, 2n * BigInt(n) * total)},
                    quantiles: {min: xs[0].toString(), p10: rank(0.1), p25: rank(0.25), p50: rank(0.5), p75: rank(0.75), p90: rank(0.9), p99: rank(0.99), max: xs[n - 1].toString()},
                })
            }
        }
        const none = (await api.query<any>(`{ earningsDistribution(role: VOTER, from: "${iso(firstDay)}", to: "${iso(lastDay)}") { count total gini { bps } quantiles { p50 } } }`)).earningsDistribution
        expect(none).toEqual({count: 0, total: '0', gini: null, quantiles: null})
    })

    it('roleOverlap equals the role sets of the event tables', async () => {
        for (const [fromDay, toDay] of [[firstDay, lastDay], [firstDay + 7, firstDay + 20]]) {
            const roles = new Map<string, Set<Role>>()
            for (const [role, m] of days) {
                for (const [a, ds] of m) {
                    if (![...ds].some((d) => d >= fromDay && d <= toDay)) continue
                    if (!roles.has(a)) roles.set(a, new Set())
                    roles.get(a)!.add(role)
                }
            }
            const byCount = new Map<number, number>()
            for (const rs of roles.values()) byCount.set(rs.size, (byCount.get(rs.size) ?? 0) + 1)
            const pairs = []
            for (let i = 0; i < ROLES.length; i++) {
                for (let j = i + 1; j < ROLES.length; j++) {
                    const n = [...roles.values()].filter((rs) => rs.has(ROLES[i]) && rs.has(ROLES[j])).length
                    if (n > 0) pairs.push({a: ROLES[i], b: ROLES[j], accounts: n})
                }
            }
            const got = (await api.query<any>(
                `{ roleOverlap(from: "${iso(fromDay)}", to: "${iso(toDay)}") { accounts multiRole byRole { role accounts } byRoleCount { roles accounts } pairs { a b accounts } } }`,
            )).roleOverlap
            expect(got).toEqual({
                accounts: roles.size,
                multiRole: [...roles.values()].filter((rs) => rs.size > 1).length,
                byRole: ROLES.map((role) => ({role, accounts: [...roles.values()].filter((rs) => rs.has(role)).length})).filter((r) => r.accounts > 0),
                byRoleCount: [...byCount].sort((a, b) => a[0] - b[0]).map(([r, n]) => ({roles: r, accounts: n})),
                pairs,
            })
        }
    })

    it('rejects arguments out of range with what is allowed', async () => {
        expect((await expectError(api, `{ cohortRetention(role: OWNER, cohorts: 0) { end } }`)).message).toMatch(/cohorts must be an integer in \[1, 120\]/)
        expect((await expectError(api, `{ participation(role: OWNER, from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z") { role } }`)).message).toMatch(/must not be after/)
        expect((await expectError(api, `{ roleOverlap(from: "2000-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z") { accounts } }`)).message).toMatch(/at most 3660/)
    })

    it('exports the buckets as the participation dataset', async () => {
        const r = await runExportCli(['participation', '--format', 'csv'], {DATABASE_URL: economy.db.url})
        expect(r.code, r.stderr).toBe(0)
        const rows = csvObjects(r.stdout.toString('utf8'))
        const want = await economy.db.query(
            `SELECT day, account_id AS account, role, actions, earnings::text AS earnings, last_block FROM participation_day_data ORDER BY day, account_id, role`,
        )
        expect(rows.map((x) => ({day: Number(x.day), account: x.account, role: x.role, actions: Number(x.actions), earnings: x.earnings, last_block: Number(x.last_block)}))).toEqual(want)
        expect((await runExportCli(['participation', '--format', 'csv', '--finalized'], {DATABASE_URL: economy.db.url})).code).not.toBe(0)
    })

    it('the backfill migration rebuilds the same buckets from the event tables', async () => {
        const all = `SELECT id, account_id, role, date, day, actions, earnings, last_block FROM participation_day_data ORDER BY id`
        const before = await economy.db.query(all)
        await economy.db.query(`DELETE FROM participation_day_data`)
        const mod: any = await import(path.resolve(__dirname, '../../db/migrations/1796350078021-BackfillParticipation.js'))
        const Backfill = mod.default ?? mod
        await new Backfill().up({query: (sql: string, params?: unknown[]) => economy.db.query(sql, params)})
        expect(await economy.db.query(all)).toEqual(before)
    })
})

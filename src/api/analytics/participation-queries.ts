/**
 * SQL and interval arithmetic of the participation analytics. Everything reads
 * participation_day_data (one row per account, role and UTC day, see ParticipationDayData):
 * "active" is a row with actions > 0. Intervals are numbered so that consecutive intervals differ
 * by 1 (DAY: the day index; WEEK: ISO weeks, Monday-based; MONTH: year * 12 + month - 1), which
 * makes "the previous interval" and "k intervals later" plain integer arithmetic in SQL.
 */
import type {EntityManager} from 'typeorm'
import {dayIndexOf, dayStartOf} from '../../domain/treasury'
import type {ParticipationRole} from '../../model'
import {big} from './common'
import {ParticipationInterval} from './participation-types'

/** 1970-01-01 (day 0) was a Thursday: the ISO week of day d is floor((d + 3) / 7), starting on day 7w - 3. */
const WEEK_SHIFT = 3

/** The number of the interval containing a UTC day. */
export function periodOfDay(interval: ParticipationInterval, day: number): number {
    if (interval === ParticipationInterval.DAY) return day
    if (interval === ParticipationInterval.WEEK) return Math.floor((day + WEEK_SHIFT) / 7)
    const d = dayStartOf(day)
    return d.getUTCFullYear() * 12 + d.getUTCMonth()
}

export function periodOf(interval: ParticipationInterval, t: Date): number {
    return periodOfDay(interval, dayIndexOf(t))
}

/** Start (inclusive) of an interval. */
export function periodStart(interval: ParticipationInterval, p: number): Date {
    if (interval === ParticipationInterval.DAY) return dayStartOf(p)
    if (interval === ParticipationInterval.WEEK) return dayStartOf(p * 7 - WEEK_SHIFT)
    return new Date(Date.UTC(Math.floor(p / 12), p % 12, 1))
}

/** SQL of the interval number of a participation_day_data row (columns `day`, `date`). */
function periodSql(interval: ParticipationInterval): string {
    if (interval === ParticipationInterval.DAY) return 'day'
    if (interval === ParticipationInterval.WEEK) return `floor((day + ${WEEK_SHIFT}) / 7.0)::int`
    return `(extract(year FROM date AT TIME ZONE 'UTC') * 12 + extract(month FROM date AT TIME ZONE 'UTC') - 1)::int`
}

/** The distinct (account, interval) pairs of the role's activity before `end`, as a CTE. */
function actsCte(interval: ParticipationInterval): string {
    return `acts AS (SELECT DISTINCT account_id, ${periodSql(interval)} AS p FROM participation_day_data WHERE role = $1 AND actions > 0 AND date < $2),
            firsts AS (SELECT account_id, min(p) AS f FROM acts GROUP BY account_id)`
}

export interface PeriodCounts {
    p: number
    active: number
    new: number
    churned: number
}

/** Active, new and churned accounts of the role per interval in [first, last] (intervals without any omitted). */
export async function periodCounts(em: EntityManager, role: ParticipationRole, interval: ParticipationInterval, first: number, last: number): Promise<PeriodCounts[]> {
    const end = periodStart(interval, last + 1)
    const rows = await em.query(
        `WITH ${actsCte(interval)},
              act AS (SELECT a.p, count(*)::int AS active, count(*) FILTER (WHERE f.f = a.p)::int AS new
                      FROM acts a JOIN firsts f USING (account_id) WHERE a.p >= $3 GROUP BY a.p),
              gone AS (SELECT a.p + 1 AS p, count(*)::int AS churned FROM acts a
                       WHERE a.p >= $3 - 1 AND a.p < $4
                         AND NOT EXISTS (SELECT 1 FROM acts b WHERE b.account_id = a.account_id AND b.p = a.p + 1)
                       GROUP BY a.p)
         SELECT COALESCE(act.p, gone.p) AS p, COALESCE(act.active, 0) AS active, COALESCE(act.new, 0) AS new, COALESCE(gone.churned, 0) AS churned
         FROM act FULL JOIN gone ON gone.p = act.p ORDER BY 1`,
        [role, end, first, last],
    )
    return rows.map((r: any) => ({p: Number(r.p), active: r.active, new: r.new, churned: r.churned}))
}

/** The last interval in which the role had any activity, or null. */
export async function lastActivePeriod(em: EntityManager, role: ParticipationRole, interval: ParticipationInterval): Promise<number | null> {
    const rows = await em.query(`SELECT max(day) AS day FROM participation_day_data WHERE role = $1 AND actions > 0`, [role])
    return rows[0]?.day == null ? null : periodOfDay(interval, Number(rows[0].day))
}

export interface CohortCell {
    cohort: number
    k: number
    accounts: number
}

/** Accounts per (cohort interval in [first, last], intervals since it), activity up to `last`. */
export async function cohortCells(em: EntityManager, role: ParticipationRole, interval: ParticipationInterval, first: number, last: number): Promise<CohortCell[]> {
    const rows = await em.query(
        `WITH ${actsCte(interval)}
         SELECT f.f AS cohort, a.p - f.f AS k, count(*)::int AS accounts
         FROM acts a JOIN firsts f USING (account_id)
         WHERE f.f >= $3 AND f.f <= $4
         GROUP BY 1, 2 ORDER BY 1, 2`,
        [role, periodStart(interval, last + 1), first, last],
    )
    return rows.map((r: any) => ({cohort: Number(r.cohort), k: Number(r.k), accounts: r.accounts}))
}

/** Each account's earnings in the role in [start, end), those above 0, ascending. */
export async function accountEarnings(em: EntityManager, role: ParticipationRole, start: Date, end: Date): Promise<bigint[]> {
    const rows = await em.query(
        `SELECT sum(earnings) AS e FROM participation_day_data
         WHERE role = $1 AND date >= $2 AND date < $3 AND earnings > 0
         GROUP BY account_id ORDER BY 1`,
        [role, start, end],
    )
    return rows.map((r: any) => big(r.e))
}

export interface RoleSets {
    byRole: {role: ParticipationRole; accounts: number}[]
    byCount: {roles: number; accounts: number}[]
    pairs: {a: ParticipationRole; b: ParticipationRole; accounts: number}[]
}

/** The distinct (account, role) pairs active in [start, end), aggregated three ways. */
export async function roleSets(em: EntityManager, start: Date, end: Date): Promise<RoleSets> {
    const cte = `WITH ar AS (SELECT DISTINCT account_id, role FROM participation_day_data WHERE actions > 0 AND date >= $1 AND date < $2)`
    const [byRole, byCount, pairs]: any[][] = await Promise.all([
        em.query(`${cte} SELECT role, count(*)::int AS n FROM ar GROUP BY role`, [start, end]),
        em.query(`${cte} SELECT roles, count(*)::int AS n FROM (SELECT count(*)::int AS roles FROM ar GROUP BY account_id) c GROUP BY roles ORDER BY roles`, [start, end]),
        em.query(`${cte} SELECT x.role AS a, y.role AS b, count(*)::int AS n FROM ar x JOIN ar y ON y.account_id = x.account_id AND x.role < y.role GROUP BY 1, 2`, [start, end]),
    ])
    return {
        byRole: byRole.map((r: any) => ({role: r.role as ParticipationRole, accounts: r.n as number})),
        byCount: byCount.map((r: any) => ({roles: r.roles as number, accounts: r.n as number})),
        pairs: pairs.map((r: any) => ({a: r.a as ParticipationRole, b: r.b as ParticipationRole, accounts: r.n as number})),
    }
}

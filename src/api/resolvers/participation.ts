/**
 * Participation analytics (issue 15): who acts in each role per day, week or month (active, new,
 * returning, churned), cohort retention, how a role's earnings spread over its accounts, and how
 * many accounts act in several roles. Everything reads ParticipationDayData (kept by the
 * processor, see src/mapping/post/participation.ts); the SQL is in participation-queries.ts.
 */
import {Arg, Int, Query, Resolver} from 'type-graphql'
import type {EntityManager} from 'typeorm'
import {ratio} from '../../domain/ratio'
import {dayStartOf} from '../../domain/treasury'
import {ParticipationRole} from '../../model'
import {ArgumentError} from '../errors'
import {AnalyticsRatio, DayWindowInfo, dayWindow, requireInt} from '../analytics/common'
import {accountEarnings, cohortCells, lastActivePeriod, periodCounts, periodOf, periodStart, roleSets} from '../analytics/participation-queries'
import {gini, quantile, topShare} from '../analytics/participation-stats'
import {
    CohortRetention,
    EarningsDistribution,
    EarningsQuantiles,
    ParticipationCohort,
    ParticipationInterval,
    ParticipationPoint,
    ParticipationSeries,
    RoleCount,
    RoleCountBucket,
    RoleOverlap,
    RolePair,
} from '../analytics/participation-types'

/** Most cohorts of one cohortRetention answer. */
export const MAX_COHORTS = 120

const FROM_DOC = 'Any time in the first interval (UTC day) of the window (ISO 8601, e.g. "2026-11-01T00:00:00Z").'
const TO_DOC = 'Any time in the last interval (UTC day) of the window (included). At most 3 660 days after `from`.'
const ROLE_ORDER = Object.values(ParticipationRole) as ParticipationRole[]

@Resolver()
export class ParticipationAnalyticsResolver {
    constructor(private tx: () => Promise<EntityManager>) {}

    @Query(() => ParticipationSeries, {
        description:
            'Accounts active in a role per interval, from the interval containing `from` to the one containing `to`: active (acted at least once), new (first interval ever), returning (active and active before: active - new) and churned (active in the previous interval, not in this one).',
    })
    async participation(
        @Arg('role', () => ParticipationRole, {description: 'The role to count.'}) role: ParticipationRole,
        @Arg('interval', () => ParticipationInterval, {defaultValue: ParticipationInterval.DAY, description: 'DAY, WEEK or MONTH.'}) interval: ParticipationInterval,
        @Arg('from', () => Date, {description: FROM_DOC}) from: Date,
        @Arg('to', () => Date, {description: TO_DOC}) to: Date,
    ): Promise<ParticipationSeries> {
        dayWindow(from, to)
        const first = periodOf(interval, from)
        const last = periodOf(interval, to)
        const em = await this.tx()
        const counts = new Map((await periodCounts(em, role, interval, first, last)).map((c) => [c.p, c]))
        const points: ParticipationPoint[] = []
        for (let p = first; p <= last; p++) {
            const c = counts.get(p) ?? {active: 0, new: 0, churned: 0}
            points.push(
                Object.assign(new ParticipationPoint(), {
                    start: periodStart(interval, p),
                    end: periodStart(interval, p + 1),
                    active: c.active,
                    new: c.new,
                    returning: c.active - c.new,
                    churned: c.churned,
                }),
            )
        }
        return Object.assign(new ParticipationSeries(), {role, interval, points})
    }

    @Query(() => CohortRetention, {
        description:
            'Cohort retention of a role: for each of the last `cohorts` intervals up to the one containing `to` (default: the last interval with activity in the role), the accounts that first acted in the role then, and how many of them acted in it again 0, 1, 2 ... intervals later.',
    })
    async cohortRetention(
        @Arg('role', () => ParticipationRole, {description: 'The role to count.'}) role: ParticipationRole,
        @Arg('interval', () => ParticipationInterval, {defaultValue: ParticipationInterval.WEEK, description: 'DAY, WEEK or MONTH.'}) interval: ParticipationInterval,
        @Arg('cohorts', () => Int, {defaultValue: 12, description: `Number of cohorts, 1 to ${MAX_COHORTS}.`}) cohorts: number,
        @Arg('to', () => Date, {nullable: true, description: 'Any time in the last interval counted (default: the last interval with activity in the role).'}) to?: Date | null,
    ): Promise<CohortRetention> {
        requireInt('cohorts', cohorts, 1, MAX_COHORTS)
        if (to != null && (!(to instanceof Date) || Number.isNaN(to.getTime()))) throw new ArgumentError('to must be a DateTime')
        const em = await this.tx()
        const last = to != null ? periodOf(interval, to) : await lastActivePeriod(em, role, interval)
        if (last == null) return Object.assign(new CohortRetention(), {role, interval, end: null, cohorts: []})
        const first = last - cohorts + 1
        const cells = await cohortCells(em, role, interval, first, last)
        const list: ParticipationCohort[] = []
        for (let c = first; c <= last; c++) {
            const retained = new Array<number>(last - c + 1).fill(0)
            for (const x of cells) if (x.cohort === c) retained[x.k] = x.accounts
            const size = retained[0]
            list.push(
                Object.assign(new ParticipationCohort(), {
                    start: periodStart(interval, c),
                    size,
                    retained,
                    retention: size === 0 ? [] : retained.map((n) => AnalyticsRatio.of(ratio(BigInt(n), BigInt(size)))!),
                }),
            )
        }
        return Object.assign(new CohortRetention(), {role, interval, end: periodStart(interval, last + 1), cohorts: list})
    }

    @Query(() => EarningsDistribution, {
        description:
            'How the earnings of a role over a window of whole UTC days spread over its accounts: count, total, top 1 % and top 10 % shares, Gini coefficient and quantiles (OWNER: owner parts credited; CONTRIBUTOR: receipt claims, i.e. realised earnings; other roles earn nothing).',
    })
    async earningsDistribution(
        @Arg('role', () => ParticipationRole, {description: 'The role.'}) role: ParticipationRole,
        @Arg('from', () => Date, {description: 'Any time in the first UTC day of the window (ISO 8601).'}) from: Date,
        @Arg('to', () => Date, {description: TO_DOC}) to: Date,
    ): Promise<EarningsDistribution> {
        const w = dayWindow(from, to)
        const em = await this.tx()
        const asc = await accountEarnings(em, role, dayStartOf(w.fromDay), dayStartOf(w.toDay + 1))
        const q = (p: number) => quantile(asc, p)
        return Object.assign(new EarningsDistribution(), {
            role,
            window: DayWindowInfo.of(w),
            count: asc.length,
            total: asc.reduce((a, b) => a + b, 0n),
            top1Share: AnalyticsRatio.of(topShare(asc, 1)),
            top10Share: AnalyticsRatio.of(topShare(asc, 10)),
            gini: AnalyticsRatio.of(gini(asc)),
            quantiles:
                asc.length === 0
                    ? null
                    : Object.assign(new EarningsQuantiles(), {min: asc[0], p10: q(0.1), p25: q(0.25), p50: q(0.5), p75: q(0.75), p90: q(0.9), p99: q(0.99), max: asc[asc.length - 1]}),
        })
    }

    @Query(() => RoleOverlap, {description: 'How many accounts acted in more than one role over a window of whole UTC days: per role, per number of roles, and per pair of roles.'})
    async roleOverlap(
        @Arg('from', () => Date, {description: 'Any time in the first UTC day of the window (ISO 8601).'}) from: Date,
        @Arg('to', () => Date, {description: TO_DOC}) to: Date,
    ): Promise<RoleOverlap> {
        const w = dayWindow(from, to)
        const em = await this.tx()
        const r = await roleSets(em, dayStartOf(w.fromDay), dayStartOf(w.toDay + 1))
        const rank = (x: ParticipationRole) => ROLE_ORDER.indexOf(x)
        const pairs = r.pairs
            .map((p) => (rank(p.a) <= rank(p.b) ? p : {a: p.b, b: p.a, accounts: p.accounts}))
            .sort((x, y) => rank(x.a) - rank(y.a) || rank(x.b) - rank(y.b))
        return Object.assign(new RoleOverlap(), {
            window: DayWindowInfo.of(w),
            accounts: r.byCount.reduce((a, b) => a + b.accounts, 0),
            multiRole: r.byCount.filter((b) => b.roles > 1).reduce((a, b) => a + b.accounts, 0),
            byRole: r.byRole.sort((x, y) => rank(x.role) - rank(y.role)).map((x) => Object.assign(new RoleCount(), x)),
            byRoleCount: r.byCount.map((x) => Object.assign(new RoleCountBucket(), x)),
            pairs: pairs.map((x) => Object.assign(new RolePair(), x)),
        })
    }
}

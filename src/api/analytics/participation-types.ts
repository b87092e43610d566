/** GraphQL types of the participation analytics resolvers (issue 15). Amounts are SAHARA wei. */
import {Field, Int, ObjectType, registerEnumType} from 'type-graphql'
import {ParticipationRole} from '../../model'
import {AnalyticsRatio, DayWindowInfo} from './common'

// The entity API (OpenReader) declares this enum under the same name and values (ParticipationDayData.role).
registerEnumType(ParticipationRole, {
    name: 'ParticipationRole',
    description: 'A role an account plays in the protocol (what counts as acting in each is documented on ParticipationDayData).',
})

export enum ParticipationInterval {
    DAY = 'DAY',
    WEEK = 'WEEK',
    MONTH = 'MONTH',
}
registerEnumType(ParticipationInterval, {
    name: 'ParticipationInterval',
    description: 'DAY: a UTC day. WEEK: an ISO week, Monday 00:00 UTC to the next Monday. MONTH: a UTC calendar month.',
})

@ObjectType({description: 'Accounts active in a role in one interval, split by their history.'})
export class ParticipationPoint {
    @Field(() => Date, {description: 'Start of the interval (inclusive, UTC).'})
    start!: Date

    @Field(() => Date, {description: 'End of the interval (exclusive).'})
    end!: Date

    @Field(() => Int, {description: 'Accounts that acted in the role in the interval (at least one ParticipationDayData row with actions > 0).'})
    active!: number

    @Field(() => Int, {description: 'Active accounts for which this is the first interval they ever acted in the role.'})
    new!: number

    @Field(() => Int, {description: 'Active accounts that had acted in the role in an earlier interval: active - new.'})
    returning!: number

    @Field(() => Int, {description: 'Accounts active in the previous interval and not in this one.'})
    churned!: number
}

@ObjectType({description: 'Active, new, returning and churned accounts of a role per interval.'})
export class ParticipationSeries {
    @Field(() => ParticipationRole, {description: 'The role counted.'})
    role!: ParticipationRole

    @Field(() => ParticipationInterval, {description: 'The interval of the points.'})
    interval!: ParticipationInterval

    @Field(() => [ParticipationPoint], {description: 'One point per interval, from the interval containing `from` to the one containing `to`, intervals without activity included.'})
    points!: ParticipationPoint[]
}

@ObjectType({description: 'The accounts that first acted in a role in one interval (a cohort), and how many of them acted again in each later interval.'})
export class ParticipationCohort {
    @Field(() => Date, {description: 'Start of the cohort interval (UTC).'})
    start!: Date

    @Field(() => Int, {description: 'Accounts whose first interval in the role is this one.'})
    size!: number

    @Field(() => [Int], {description: 'retained[k]: accounts of the cohort active in the role k intervals after the cohort interval (retained[0] = size), up to the last interval asked for.'})
    retained!: number[]

    @Field(() => [AnalyticsRatio], {description: 'retained[k] / size, per k.'})
    retention!: AnalyticsRatio[]
}

@ObjectType({description: 'Cohort retention of a role: one cohort per interval, the latest last.'})
export class CohortRetention {
    @Field(() => ParticipationRole, {description: 'The role counted.'})
    role!: ParticipationRole

    @Field(() => ParticipationInterval, {description: 'The interval of the cohorts and of the retention steps.'})
    interval!: ParticipationInterval

    @Field(() => Date, {nullable: true, description: 'End (exclusive) of the last interval counted; null when the role has no activity at all.'})
    end!: Date | null

    @Field(() => [ParticipationCohort], {description: 'The cohorts, oldest first (cohorts without accounts included, size 0).'})
    cohorts!: ParticipationCohort[]
}

@ObjectType({description: 'Quantiles of the per-account earnings (nearest rank: the smallest value with at least q of the accounts at or below it).'})
export class EarningsQuantiles {
    @Field(() => BigInt, {description: 'Smallest earnings (wei).'})
    min!: bigint
    @Field(() => BigInt, {description: '10th percentile (wei).'})
    p10!: bigint
    @Field(() => BigInt, {description: '25th percentile (wei).'})
    p25!: bigint
    @Field(() => BigInt, {description: 'Median (wei).'})
    p50!: bigint
    @Field(() => BigInt, {description: '75th percentile (wei).'})
    p75!: bigint
    @Field(() => BigInt, {description: '90th percentile (wei).'})
    p90!: bigint
    @Field(() => BigInt, {description: '99th percentile (wei).'})
    p99!: bigint
    @Field(() => BigInt, {description: 'Largest earnings (wei).'})
    max!: bigint
}

@ObjectType({
    description:
        'How the earnings of a role in a window spread over its accounts: OWNER = owner parts credited, CONTRIBUTOR = receipt claims (realised earnings); other roles earn nothing (count 0).',
})
export class EarningsDistribution {
    @Field(() => ParticipationRole, {description: 'The role.'})
    role!: ParticipationRole

    @Field(() => DayWindowInfo, {description: 'The UTC days covered.'})
    window!: DayWindowInfo

    @Field(() => Int, {description: 'Accounts that earned more than 0 in the role in the window.'})
    count!: number

    @Field(() => BigInt, {description: 'Their earnings together (wei).'})
    total!: bigint

    @Field(() => AnalyticsRatio, {nullable: true, description: 'Share of `total` earned by the top 1 % of the accounts (ceil(count / 100) accounts); null when count is 0.'})
    top1Share!: AnalyticsRatio | null

    @Field(() => AnalyticsRatio, {nullable: true, description: 'Share of `total` earned by the top 10 % of the accounts (ceil(count / 10) accounts); null when count is 0.'})
    top10Share!: AnalyticsRatio | null

    @Field(() => AnalyticsRatio, {
        nullable: true,
        description: 'Gini coefficient of the per-account earnings, exact and rounded down: (2 * sum(i * x_i) - (n + 1) * total) / (n * total), x ascending, i from 1; 0 = equal, towards 1 = concentrated; null when count is 0.',
    })
    gini!: AnalyticsRatio | null

    @Field(() => EarningsQuantiles, {nullable: true, description: 'Quantiles of the per-account earnings; null when count is 0.'})
    quantiles!: EarningsQuantiles | null
}

@ObjectType({description: 'Accounts active in one role in the window.'})
export class RoleCount {
    @Field(() => ParticipationRole, {description: 'The role.'})
    role!: ParticipationRole

    @Field(() => Int, {description: 'Accounts that acted in it.'})
    accounts!: number
}

@ObjectType({description: 'Accounts active in two roles in the window.'})
export class RolePair {
    @Field(() => ParticipationRole, {description: 'One role (the first in ParticipationRole order).'})
    a!: ParticipationRole

    @Field(() => ParticipationRole, {description: 'The other role.'})
    b!: ParticipationRole

    @Field(() => Int, {description: 'Accounts that acted in both.'})
    accounts!: number
}

@ObjectType({description: 'Accounts by the number of roles they acted in.'})
export class RoleCountBucket {
    @Field(() => Int, {description: 'Number of distinct roles (1 to 7).'})
    roles!: number

    @Field(() => Int, {description: 'Accounts that acted in exactly that many roles.'})
    accounts!: number
}

@ObjectType({description: 'How many accounts act in more than one role in a window of whole UTC days.'})
export class RoleOverlap {
    @Field(() => DayWindowInfo, {description: 'The UTC days covered.'})
    window!: DayWindowInfo

    @Field(() => Int, {description: 'Accounts that acted in at least one role.'})
    accounts!: number

    @Field(() => Int, {description: 'Accounts that acted in two roles or more.'})
    multiRole!: number

    @Field(() => [RoleCount], {description: 'Accounts per role (roles without any omitted).'})
    byRole!: RoleCount[]

    @Field(() => [RoleCountBucket], {description: 'Accounts by their number of roles, ascending (empty buckets omitted).'})
    byRoleCount!: RoleCountBucket[]

    @Field(() => [RolePair], {description: 'Accounts per pair of roles (pairs without any omitted).'})
    pairs!: RolePair[]
}

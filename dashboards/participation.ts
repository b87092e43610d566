/**
 * Participation: how many accounts act in each role over time, how many are new, how earnings
 * spread over a role's accounts, and how many accounts act in several roles. Everything reads the
 * processor's participation day buckets (participation_day_data: one row per account, role and
 * UTC day; "active" = actions > 0), the table the participation resolvers read too.
 */
import type {DashboardSpec} from './lib/spec'
import {BUCKET, sahara} from './lib/sql'

/** The distinct (account, role) pairs active in the range. */
const ROLES_IN_RANGE_CTE = `ar AS (
  SELECT DISTINCT p.account_id, p.role
  FROM participation_day_data p
  WHERE p.actions > 0 AND $__timeFilter(p.date)
)`

/** Each account's earnings per role in the range, ranked ascending within the role. */
const EARNERS_CTE = `earners AS (
  SELECT e.role, e.earned,
         row_number() OVER (PARTITION BY e.role ORDER BY e.earned, e.account_id) AS i,
         count(*) OVER (PARTITION BY e.role) AS n,
         sum(e.earned) OVER (PARTITION BY e.role) AS total
  FROM (SELECT p.role, p.account_id, sum(p.earnings) AS earned
        FROM participation_day_data p
        WHERE p.earnings > 0 AND $__timeFilter(p.date)
        GROUP BY p.role, p.account_id) e
)`

export const participation: DashboardSpec = {
    uid: 'sahara-participation',
    title: 'Sahara / Participation',
    description:
        'Who takes part: accounts active per role (contributor, owner, licensee, caller, voter, delegate, council member), new accounts, how earnings spread over a role\u2019s accounts, and how many accounts play several roles.',
    tags: ['sahara', 'participation'],
    variables: ['bucket'],
    sections: [
        {
            title: 'Activity',
            panels: [
                {
                    title: 'Active accounts in the range',
                    description: 'Accounts that acted in at least one role in the range, and those that acted in two roles or more (participation day buckets).',
                    viz: 'stat',
                    columns: ['Accounts', 'Multi-role'],
                    w: 8,
                    h: 4,
                    sql: `
WITH ${ROLES_IN_RANGE_CTE}
SELECT count(*) AS "Accounts", count(*) FILTER (WHERE c.roles > 1) AS "Multi-role"
FROM (SELECT ar.account_id, count(*) AS roles FROM ar GROUP BY ar.account_id) c`,
                },
                {
                    title: 'Accounts by number of roles',
                    description: 'Accounts active in the range by how many distinct roles they acted in.',
                    viz: 'barchart',
                    columns: ['Roles', 'Accounts'],
                    w: 16,
                    h: 4,
                    sql: `
WITH ${ROLES_IN_RANGE_CTE}
SELECT c.roles::text AS "Roles", count(*) AS "Accounts"
FROM (SELECT ar.account_id, count(*) AS roles FROM ar GROUP BY ar.account_id) c
GROUP BY c.roles
ORDER BY c.roles`,
                },
                {
                    title: 'Active accounts by role',
                    description: 'Distinct accounts that acted in each role per bucket (an account counts once per bucket and role).',
                    viz: 'timeseries',
                    columns: ['time', 'metric', 'value'],
                    w: 12,
                    h: 8,
                    sql: `
SELECT $__timeGroupAlias(p.date, ${BUCKET}), p.role AS metric, count(DISTINCT p.account_id) AS value
FROM participation_day_data p
WHERE p.actions > 0 AND $__timeFilter(p.date)
GROUP BY 1, 2
ORDER BY 1, 2`,
                },
                {
                    title: 'New accounts by role',
                    description: 'Accounts whose first day ever in the role falls in the bucket, per role.',
                    viz: 'bars',
                    stack: 'normal',
                    columns: ['time', 'metric', 'value'],
                    w: 12,
                    h: 8,
                    sql: `
SELECT $__timeGroupAlias(f.first_date, ${BUCKET}), f.role AS metric, count(*) AS value
FROM (SELECT p.account_id, p.role, min(p.date) AS first_date
      FROM participation_day_data p
      WHERE p.actions > 0 AND p.date <= $__timeTo()
      GROUP BY p.account_id, p.role) f
WHERE $__timeFilter(f.first_date)
GROUP BY 1, 2
ORDER BY 1, 2`,
                },
                {
                    title: 'Role overlap',
                    description: 'Accounts that acted in both roles of a pair in the range (pairs without any omitted).',
                    viz: 'table',
                    columns: ['Role', 'Also', 'Accounts'],
                    w: 12,
                    h: 8,
                    sql: `
WITH ${ROLES_IN_RANGE_CTE}
SELECT x.role AS "Role", y.role AS "Also", count(*) AS "Accounts"
FROM ar x JOIN ar y ON y.account_id = x.account_id AND x.role < y.role
GROUP BY 1, 2
ORDER BY 3 DESC, 1, 2`,
                },
                {
                    title: 'Earnings concentration',
                    description:
                        'Per earning role in the range: accounts that earned, their earnings in SAHARA, the share of the top 10 % of them (ceil(n / 10) accounts) and the Gini coefficient (0 = equal, towards 1 = concentrated). OWNER earns owner parts; CONTRIBUTOR earns what it claimed (realised earnings).',
                    viz: 'table',
                    columns: ['Role', 'Earners', 'Earnings', 'Top 10 % share', 'Gini'],
                    w: 12,
                    h: 8,
                    sql: `
WITH ${EARNERS_CTE}
SELECT e.role AS "Role", max(e.n) AS "Earners", ${sahara('max(e.total)')} AS "Earnings",
       (sum(e.earned) FILTER (WHERE e.i > e.n - ceil(e.n / 10.0)))::float8 / max(e.total)::float8 AS "Top 10 % share",
       ((2 * sum(e.i * e.earned) - (max(e.n) + 1) * max(e.total)) / (max(e.n) * max(e.total)))::float8 AS "Gini"
FROM earners e
GROUP BY e.role
ORDER BY e.role`,
                },
            ],
        },
    ],
}

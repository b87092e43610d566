/** Treasury: balance, inflows by source, outflows by category, runway. */
import type {DashboardSpec} from './lib/spec'
import {BUCKET, sahara} from './lib/sql'

/** Days of the trailing window of the runway's average daily outflow (src/domain/treasury.ts RUNWAY_WINDOW_DAYS). */
export const RUNWAY_WINDOW_DAYS = 30

/**
 * Every treasury day up to the end of the range with its runway: closing balance × window /
 * outflow over the trailing window (the day and the 29 before); null when nothing flowed out.
 */
const RUNWAY_CTE = `runway AS (
  SELECT t.date, t.balance_close,
         sum(t.disbursements + t.transfers_out) OVER (ORDER BY t.date RANGE BETWEEN INTERVAL '${RUNWAY_WINDOW_DAYS - 1} days' PRECEDING AND CURRENT ROW) AS window_outflow
  FROM treasury_day_data t
  WHERE t.date <= $__timeTo()
)`

const RUNWAY_DAYS = `GREATEST(runway.balance_close, 0) * ${RUNWAY_WINDOW_DAYS} / NULLIF(runway.window_outflow, 0)`

export const treasury: DashboardSpec = {
    uid: 'sahara-treasury',
    title: 'Sahara / Treasury',
    description: 'The treasury\u2019s SAHARA balance, where its money comes from (fees, deposits, transfers), where it goes (disbursements by category, transfers out), and how long it lasts.',
    tags: ['sahara', 'treasury'],
    variables: ['bucket'],
    sections: [
        {
            title: 'Balance',
            panels: [
                {
                    title: 'Balance at the end of the range',
                    description: 'Treasury balance at the close of the last day with a movement up to the end of the range, in SAHARA (treasury day buckets).',
                    viz: 'stat',
                    unit: 'sahara',
                    decimals: 2,
                    columns: ['Balance'],
                    w: 6,
                    h: 4,
                    sql: `
SELECT ${sahara('t.balance_close')} AS "Balance"
FROM treasury_day_data t
WHERE t.date <= $__timeTo()
ORDER BY t.date DESC
LIMIT 1`,
                },
                {
                    title: 'Runway',
                    description: `Days the balance lasts at the average daily outflow of the ${RUNWAY_WINDOW_DAYS} days ending on the last treasury day of the range: balance × ${RUNWAY_WINDOW_DAYS} / outflow of those days; empty when nothing flowed out (unbounded).`,
                    viz: 'stat',
                    unit: 'suffix: days',
                    decimals: 1,
                    columns: ['Runway'],
                    w: 6,
                    h: 4,
                    sql: `
WITH ${RUNWAY_CTE}
SELECT ${RUNWAY_DAYS} AS "Runway"
FROM runway
ORDER BY runway.date DESC
LIMIT 1`,
                },
                {
                    title: 'Flows in the range',
                    description: 'Inflows (fees, deposits, transfers in), outflows (disbursements, transfers out) and their difference over the range, in SAHARA (treasury day buckets).',
                    viz: 'stat',
                    unit: 'sahara',
                    decimals: 2,
                    columns: ['Inflow', 'Outflow', 'Net flow'],
                    w: 8,
                    h: 4,
                    sql: `
SELECT ${sahara('COALESCE(sum(t.fees + t.deposits + t.transfers_in), 0)')} AS "Inflow",
       ${sahara('COALESCE(sum(t.disbursements + t.transfers_out), 0)')} AS "Outflow",
       ${sahara('COALESCE(sum(t.fees + t.deposits + t.transfers_in - t.disbursements - t.transfers_out), 0)')} AS "Net flow"
FROM treasury_day_data t
WHERE $__timeFilter(t.date)`,
                },
                {
                    title: 'Effective take rate',
                    description: 'Protocol fees received over gross payments in the range (treasury day buckets).',
                    viz: 'stat',
                    unit: 'percentunit',
                    decimals: 2,
                    columns: ['Take rate'],
                    w: 4,
                    h: 4,
                    sql: `
SELECT sum(t.fees)::float8 / NULLIF(sum(t.gross_payments), 0)::float8 AS "Take rate"
FROM treasury_day_data t
WHERE $__timeFilter(t.date)`,
                },
                {
                    title: 'Treasury balance',
                    description: 'Balance at the close of each bucket\u2019s last day with a movement, in SAHARA (treasury day buckets).',
                    viz: 'timeseries',
                    unit: 'sahara',
                    decimals: 0,
                    columns: ['time', 'Balance'],
                    w: 12,
                    h: 8,
                    sql: `
SELECT $__timeGroupAlias(t.date, ${BUCKET}),
       ${sahara('(array_agg(t.balance_close ORDER BY t.date DESC))[1]')} AS "Balance"
FROM treasury_day_data t
WHERE $__timeFilter(t.date)
GROUP BY 1
ORDER BY 1`,
                },
                {
                    title: 'Runway over time',
                    description: `Runway in days at the close of each bucket\u2019s last treasury day (balance × ${RUNWAY_WINDOW_DAYS} / outflow of the ${RUNWAY_WINDOW_DAYS} days ending there); gaps where nothing flowed out.`,
                    viz: 'timeseries',
                    unit: 'suffix: days',
                    decimals: 0,
                    columns: ['time', 'Runway'],
                    w: 12,
                    h: 8,
                    sql: `
WITH ${RUNWAY_CTE}
SELECT $__timeGroupAlias(runway.date, ${BUCKET}),
       (array_agg(${RUNWAY_DAYS} ORDER BY runway.date DESC))[1] AS "Runway"
FROM runway
WHERE $__timeFilter(runway.date)
GROUP BY 1
ORDER BY 1`,
                },
            ],
        },
        {
            title: 'Flows',
            panels: [
                {
                    title: 'Inflows by source',
                    description: 'Protocol fees, deposits and plain transfers into the treasury per bucket, in SAHARA (treasury day buckets).',
                    viz: 'bars',
                    stack: 'normal',
                    unit: 'sahara',
                    decimals: 2,
                    columns: ['time', 'Fees', 'Deposits', 'Transfers in'],
                    w: 12,
                    h: 8,
                    sql: `
SELECT $__timeGroupAlias(t.date, ${BUCKET}),
       ${sahara('sum(t.fees)')} AS "Fees",
       ${sahara('sum(t.deposits)')} AS "Deposits",
       ${sahara('sum(t.transfers_in)')} AS "Transfers in"
FROM treasury_day_data t
WHERE $__timeFilter(t.date)
GROUP BY 1
ORDER BY 1`,
                },
                {
                    title: 'Outflows by category',
                    description: 'Disbursements by executed proposals per bucket, by spending category, and plain transfers out, in SAHARA (treasury day buckets).',
                    viz: 'bars',
                    stack: 'normal',
                    unit: 'sahara',
                    decimals: 2,
                    columns: ['time', 'metric', 'value'],
                    w: 12,
                    h: 8,
                    sql: `
SELECT $__timeGroupAlias(d.date, ${BUCKET}), v.metric, ${sahara('sum(v.amount)')} AS value
FROM treasury_day_data d
CROSS JOIN LATERAL (VALUES ('GRANT', d.grants), ('REWARDS', d.rewards), ('OPERATIONS', d.operations),
                           ('LIQUIDITY', d.liquidity), ('OTHER', d.other_spend), ('TRANSFER_OUT', d.transfers_out)) AS v(metric, amount)
WHERE $__timeFilter(d.date) AND v.amount > 0
GROUP BY 1, 2
ORDER BY 1, 2`,
                },
            ],
        },
    ],
}

/** Governance: proposals by outcome per track, turnout vs quorum, veto rate, voting power concentration. */
import type {DashboardSpec} from './lib/spec'

/** Token-weighted votes cast (src/domain/governance-stats.ts castVotes): DAO no + yes + abstain + veto; COUNCIL veto. */
const CAST = `CASE WHEN p.track = 'DAO' THEN p.no + p.yes + p.abstain + p.veto ELSE p.veto END`

/** Delegates ranked by current votes, largest first (ties by address), with the running sum. */
const RANKED_CTE = `ranked AS (
  SELECT acct.id, acct.votes,
         row_number() OVER (ORDER BY acct.votes DESC, acct.id) AS n,
         sum(acct.votes) OVER (ORDER BY acct.votes DESC, acct.id ROWS UNBOUNDED PRECEDING) AS cum,
         sum(acct.votes) OVER () AS total
  FROM account acct
  WHERE acct.votes > 0
)`

const NOW_NOTE = 'Current delegated votes (account.votes), whatever the time range; shares are of the delegated votes, not of total supply (src/domain/voting-power.ts).'

export const governance: DashboardSpec = {
    uid: 'sahara-governance',
    title: 'Sahara / Governance',
    description: 'Dual-track governance: outcomes of proposals on the council and DAO tracks, turnout against quorum, vetoes, and how concentrated voting power is.',
    tags: ['sahara', 'governance'],
    variables: [],
    sections: [
        {
            title: 'Proposals',
            panels: [
                {
                    title: 'Decided proposals',
                    description: 'Proposals created in the range whose voting ended and that were not canceled, per track.',
                    viz: 'stat',
                    columns: ['Council', 'DAO'],
                    w: 8,
                    h: 4,
                    sql: `
SELECT count(*) FILTER (WHERE p.track = 'COUNCIL' AND p.state <> 'CANCELED' AND p.outcome IS NOT NULL) AS "Council",
       count(*) FILTER (WHERE p.track = 'DAO' AND p.state <> 'CANCELED' AND p.outcome IS NOT NULL) AS "DAO"
FROM proposal p
WHERE $__timeFilter(p.created_at)`,
                },
                {
                    title: 'Veto rate',
                    description: 'Vetoed proposals over decided ones (voting ended, not canceled; executed count as succeeded), per track, for proposals created in the range.',
                    viz: 'stat',
                    unit: 'percentunit',
                    decimals: 1,
                    columns: ['Council', 'DAO'],
                    w: 8,
                    h: 4,
                    sql: `
SELECT (count(*) FILTER (WHERE p.track = 'COUNCIL' AND p.state = 'VETOED'))::float8
         / NULLIF(count(*) FILTER (WHERE p.track = 'COUNCIL' AND p.state <> 'CANCELED' AND p.outcome IS NOT NULL), 0) AS "Council",
       (count(*) FILTER (WHERE p.track = 'DAO' AND p.state = 'VETOED'))::float8
         / NULLIF(count(*) FILTER (WHERE p.track = 'DAO' AND p.state <> 'CANCELED' AND p.outcome IS NOT NULL), 0) AS "DAO"
FROM proposal p
WHERE $__timeFilter(p.created_at)`,
                },
                {
                    title: 'Pass rate',
                    description: 'Succeeded (executed included) over decided proposals, per track, for proposals created in the range.',
                    viz: 'stat',
                    unit: 'percentunit',
                    decimals: 1,
                    columns: ['Council', 'DAO'],
                    w: 8,
                    h: 4,
                    sql: `
SELECT (count(*) FILTER (WHERE p.track = 'COUNCIL' AND p.state IN ('SUCCEEDED', 'EXECUTED')))::float8
         / NULLIF(count(*) FILTER (WHERE p.track = 'COUNCIL' AND p.state <> 'CANCELED' AND p.outcome IS NOT NULL), 0) AS "Council",
       (count(*) FILTER (WHERE p.track = 'DAO' AND p.state IN ('SUCCEEDED', 'EXECUTED')))::float8
         / NULLIF(count(*) FILTER (WHERE p.track = 'DAO' AND p.state <> 'CANCELED' AND p.outcome IS NOT NULL), 0) AS "DAO"
FROM proposal p
WHERE $__timeFilter(p.created_at)`,
                },
                {
                    title: 'Proposals by outcome per track',
                    description: 'Proposals created in the range, by track and by state at the indexed head (proposal table).',
                    viz: 'barchart',
                    stack: 'normal',
                    columns: ['Track', 'Executed', 'Succeeded', 'Defeated', 'Vetoed', 'Canceled', 'Open'],
                    w: 10,
                    h: 8,
                    sql: `
SELECT p.track AS "Track",
       count(*) FILTER (WHERE p.state = 'EXECUTED') AS "Executed",
       count(*) FILTER (WHERE p.state = 'SUCCEEDED') AS "Succeeded",
       count(*) FILTER (WHERE p.state = 'DEFEATED') AS "Defeated",
       count(*) FILTER (WHERE p.state = 'VETOED') AS "Vetoed",
       count(*) FILTER (WHERE p.state = 'CANCELED') AS "Canceled",
       count(*) FILTER (WHERE p.state IN ('PENDING', 'ACTIVE')) AS "Open"
FROM proposal p
WHERE $__timeFilter(p.created_at)
GROUP BY p.track
ORDER BY p.track`,
                },
                {
                    title: 'Turnout vs quorum (DAO)',
                    description: 'For each DAO proposal created in the range whose snapshot is indexed: votes cast (no + yes + abstain + veto) over total supply at the snapshot, against the quorum in force at creation.',
                    viz: 'barchart',
                    unit: 'percentunit',
                    decimals: 1,
                    columns: ['Proposal', 'Turnout', 'Quorum'],
                    w: 14,
                    h: 8,
                    sql: `
SELECT '#' || p.id AS "Proposal",
       (${CAST})::float8 / p.total_supply_at_snapshot::float8 AS "Turnout",
       p.quorum_bps / 10000.0 AS "Quorum"
FROM proposal p
WHERE p.track = 'DAO' AND p.total_supply_at_snapshot > 0 AND $__timeFilter(p.created_at)
ORDER BY length(p.id), p.id`,
                },
            ],
        },
        {
            title: 'Voting power',
            panels: [
                {
                    title: 'Voting power concentration',
                    description: `Delegates holding votes, and the Nakamoto coefficients: the fewest delegates, largest first, holding more than 33.4 % (the quorum and veto share) and more than 50 % of the delegated votes. ${NOW_NOTE}`,
                    viz: 'stat',
                    columns: ['Delegates', 'Nakamoto (> 33.4 %)', 'Nakamoto (> 50 %)'],
                    w: 12,
                    h: 4,
                    sql: `
WITH ${RANKED_CTE}
SELECT count(*) AS "Delegates",
       min(ranked.n) FILTER (WHERE ranked.cum * 10000 > ranked.total * 3340) AS "Nakamoto (> 33.4 %)",
       min(ranked.n) FILTER (WHERE ranked.cum * 10000 > ranked.total * 5000) AS "Nakamoto (> 50 %)"
FROM ranked`,
                },
                {
                    title: 'Top 10 delegates\u2019 share',
                    description: `Share of the delegated votes held by the 10 largest delegates. ${NOW_NOTE}`,
                    viz: 'stat',
                    unit: 'percentunit',
                    decimals: 1,
                    columns: ['Top 10 share'],
                    w: 12,
                    h: 4,
                    sql: `
WITH ${RANKED_CTE}
SELECT (sum(ranked.votes) FILTER (WHERE ranked.n <= 10))::float8 / NULLIF(max(ranked.total), 0)::float8 AS "Top 10 share"
FROM ranked`,
                },
                {
                    title: 'Largest delegates',
                    description: `The 10 largest delegates\u2019 share of the delegated votes. ${NOW_NOTE}`,
                    viz: 'barchart',
                    horizontal: true,
                    unit: 'percentunit',
                    decimals: 1,
                    columns: ['Delegate', 'Share'],
                    w: 24,
                    h: 9,
                    sql: `
WITH ${RANKED_CTE}
SELECT ranked.id AS "Delegate", ranked.votes::float8 / ranked.total::float8 AS "Share"
FROM ranked
WHERE ranked.n <= 10
ORDER BY ranked.n`,
                },
            ],
        },
    ],
}

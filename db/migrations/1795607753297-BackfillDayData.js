/**
 * HAND-WRITTEN DATA BACKFILL, not generated: it changes no schema, only rows.
 *
 * Belongs to the generated migration 1795607753296-Data.js (which adds caller_day_data,
 * royalty_depth_day_data and the per-category treasury_day_data columns) and runs right after it.
 * It fills them from the event tables, so that a database indexed before that migration needs no
 * resync; on an empty database it writes nothing.
 *
 * down() is deliberately a no-op: once the processor runs, the rows written here cannot be told
 * apart from the processor's own, so deleting "what this added" would delete indexed data. Reverting
 * 1795607753296-Data.js after this one drops the tables and columns, and with them the backfill.
 * The INSERTs skip ids that already exist, so reverting only this migration and applying it again
 * is safe.
 */
module.exports = class BackfillDayData1795607753297 {
    name = 'BackfillDayData1795607753297'

    async up(db) {
        await db.query(`
            UPDATE "treasury_day_data" d SET
                "grants" = f."grants", "rewards" = f."rewards", "operations" = f."operations",
                "liquidity" = f."liquidity", "other_spend" = f."other_spend"
            FROM (
                SELECT floor(extract(epoch FROM "timestamp") / 86400)::bigint::text AS id,
                       COALESCE(sum("amount") FILTER (WHERE "category" = 'GRANT'), 0) AS "grants",
                       COALESCE(sum("amount") FILTER (WHERE "category" = 'REWARDS'), 0) AS "rewards",
                       COALESCE(sum("amount") FILTER (WHERE "category" = 'OPERATIONS'), 0) AS "operations",
                       COALESCE(sum("amount") FILTER (WHERE "category" = 'LIQUIDITY'), 0) AS "liquidity",
                       COALESCE(sum("amount") FILTER (WHERE "category" = 'OTHER' OR "category" IS NULL), 0) AS "other_spend"
                FROM "treasury_flow" WHERE "kind" = 'DISBURSEMENT' GROUP BY 1
            ) f
            WHERE d."id" = f.id`)
        await db.query(`
            INSERT INTO "caller_day_data" ("id", "caller_id", "kind", "date", "invocations", "fees")
            SELECT i."caller_id" || '-' || a."kind" || '-' || x.day, i."caller_id", a."kind", to_timestamp(x.day * 86400),
                   count(*), sum(i."fee")
            FROM "invocation" i
            JOIN "asset" a ON a."id" = i."asset_id"
            CROSS JOIN LATERAL (SELECT floor(extract(epoch FROM i."timestamp") / 86400)::bigint AS day) x
            GROUP BY i."caller_id", a."kind", x.day
            ON CONFLICT ("id") DO NOTHING`)
        await db.query(`
            INSERT INTO "royalty_depth_day_data" ("id", "kind", "depth", "date", "distributions", "amount")
            SELECT a."kind" || '-' || rd."depth" || '-' || x.day, a."kind", rd."depth", to_timestamp(x.day * 86400),
                   count(*), sum(rd."amount")
            FROM "revenue_distribution" rd
            JOIN "asset" a ON a."id" = rd."asset_id"
            CROSS JOIN LATERAL (SELECT floor(extract(epoch FROM rd."timestamp") / 86400)::bigint AS day) x
            GROUP BY a."kind", rd."depth", x.day
            ON CONFLICT ("id") DO NOTHING`)
    }

    async down() {
        // No-op: see the comment at the top of this file.
    }
}

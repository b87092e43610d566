module.exports = class Data1795607753296 {
    name = 'Data1795607753296'

    async up(db) {
        await db.query(`CREATE TABLE "caller_day_data" ("id" character varying NOT NULL, "kind" character varying(8) NOT NULL, "date" TIMESTAMP WITH TIME ZONE NOT NULL, "invocations" integer NOT NULL, "fees" numeric NOT NULL, "caller_id" character varying, CONSTRAINT "PK_416a42f0d08fc0f04b9aae0550a" PRIMARY KEY ("id"))`)
        await db.query(`CREATE INDEX "IDX_55ada95fd4f7ff4ba8594247d8" ON "caller_day_data" ("caller_id") `)
        await db.query(`CREATE INDEX "IDX_c1651bff98f16708d5e6b9816a" ON "caller_day_data" ("kind") `)
        await db.query(`CREATE INDEX "IDX_9398c1cbb09d5f85865141146c" ON "caller_day_data" ("date") `)
        await db.query(`CREATE TABLE "royalty_depth_day_data" ("id" character varying NOT NULL, "kind" character varying(8) NOT NULL, "depth" integer NOT NULL, "date" TIMESTAMP WITH TIME ZONE NOT NULL, "distributions" integer NOT NULL, "amount" numeric NOT NULL, CONSTRAINT "PK_3338152db394dd7e790bc88fa08" PRIMARY KEY ("id"))`)
        await db.query(`CREATE INDEX "IDX_23d627f2d199e9dcdd6550f215" ON "royalty_depth_day_data" ("kind") `)
        await db.query(`CREATE INDEX "IDX_d07db03763173e4371e0949063" ON "royalty_depth_day_data" ("date") `)
        await db.query(`ALTER TABLE "treasury_day_data" ADD "grants" numeric NOT NULL DEFAULT 0`)
        await db.query(`ALTER TABLE "treasury_day_data" ADD "rewards" numeric NOT NULL DEFAULT 0`)
        await db.query(`ALTER TABLE "treasury_day_data" ADD "operations" numeric NOT NULL DEFAULT 0`)
        await db.query(`ALTER TABLE "treasury_day_data" ADD "liquidity" numeric NOT NULL DEFAULT 0`)
        await db.query(`ALTER TABLE "treasury_day_data" ADD "other_spend" numeric NOT NULL DEFAULT 0`)
        await db.query(`ALTER TABLE "caller_day_data" ADD CONSTRAINT "FK_55ada95fd4f7ff4ba8594247d86" FOREIGN KEY ("caller_id") REFERENCES "account"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`)
        // Backfill from the event tables, so that a database indexed before this migration needs no resync.
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
        for (const c of ['grants', 'rewards', 'operations', 'liquidity', 'other_spend']) {
            await db.query(`ALTER TABLE "treasury_day_data" ALTER COLUMN "${c}" DROP DEFAULT`)
        }
        await db.query(`
            INSERT INTO "caller_day_data" ("id", "caller_id", "kind", "date", "invocations", "fees")
            SELECT i."caller_id" || '-' || a."kind" || '-' || x.day, i."caller_id", a."kind", to_timestamp(x.day * 86400),
                   count(*), sum(i."fee")
            FROM "invocation" i
            JOIN "asset" a ON a."id" = i."asset_id"
            CROSS JOIN LATERAL (SELECT floor(extract(epoch FROM i."timestamp") / 86400)::bigint AS day) x
            GROUP BY i."caller_id", a."kind", x.day`)
        await db.query(`
            INSERT INTO "royalty_depth_day_data" ("id", "kind", "depth", "date", "distributions", "amount")
            SELECT a."kind" || '-' || rd."depth" || '-' || x.day, a."kind", rd."depth", to_timestamp(x.day * 86400),
                   count(*), sum(rd."amount")
            FROM "revenue_distribution" rd
            JOIN "asset" a ON a."id" = rd."asset_id"
            CROSS JOIN LATERAL (SELECT floor(extract(epoch FROM rd."timestamp") / 86400)::bigint AS day) x
            GROUP BY a."kind", rd."depth", x.day`)
    }

    async down(db) {
        await db.query(`DROP TABLE "caller_day_data"`)
        await db.query(`DROP INDEX "public"."IDX_55ada95fd4f7ff4ba8594247d8"`)
        await db.query(`DROP INDEX "public"."IDX_c1651bff98f16708d5e6b9816a"`)
        await db.query(`DROP INDEX "public"."IDX_9398c1cbb09d5f85865141146c"`)
        await db.query(`DROP TABLE "royalty_depth_day_data"`)
        await db.query(`DROP INDEX "public"."IDX_23d627f2d199e9dcdd6550f215"`)
        await db.query(`DROP INDEX "public"."IDX_d07db03763173e4371e0949063"`)
        await db.query(`ALTER TABLE "treasury_day_data" DROP COLUMN "grants"`)
        await db.query(`ALTER TABLE "treasury_day_data" DROP COLUMN "rewards"`)
        await db.query(`ALTER TABLE "treasury_day_data" DROP COLUMN "operations"`)
        await db.query(`ALTER TABLE "treasury_day_data" DROP COLUMN "liquidity"`)
        await db.query(`ALTER TABLE "treasury_day_data" DROP COLUMN "other_spend"`)
        await db.query(`ALTER TABLE "caller_day_data" DROP CONSTRAINT "FK_55ada95fd4f7ff4ba8594247d86"`)
    }
}

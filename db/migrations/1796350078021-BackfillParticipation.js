/**
 * HAND-WRITTEN DATA BACKFILL, not generated: it changes no schema, only rows.
 *
 * Belongs to the generated migration 1796350078020-Data.js (which adds participation_day_data) and
 * runs right after it. It fills the table from the event tables, as the processor would have
 * (src/mapping/post/participation.ts; the roles are documented on ParticipationRole in
 * schema.graphql), so that a database indexed before that migration needs no resync; on an empty
 * database it writes nothing. One difference: the owner that updated an asset is taken as the
 * receiver of the asset's last transfer at or before the update's block (the processor knows the
 * order inside a block; asset_version rows carry no log id).
 *
 * down() is deliberately a no-op: once the processor runs, the rows written here cannot be told
 * apart from the processor's own (see 1795607753297-BackfillDayData.js). The INSERT skips ids that
 * already exist, so reverting only this migration and applying it again is safe.
 */
module.exports = class BackfillParticipation1796350078021 {
    name = 'BackfillParticipation1796350078021'

    async up(db) {
        const zero = '0x0000000000000000000000000000000000000000'
        await db.query(
            `
            INSERT INTO "participation_day_data" ("id", "account_id", "role", "date", "day", "actions", "earnings", "last_block")
            SELECT e.account || '-' || e.role || '-' || x.day, e.account, e.role, to_timestamp(x.day * 86400), x.day,
                   sum(e.actions), sum(e.earnings), max(e.block)
            FROM (
                SELECT "contributor_id" AS account, 'CONTRIBUTOR' AS role, "issued_at" AS ts, "issued_at_block" AS block, 1 AS actions, 0::numeric AS earnings FROM "receipt"
                UNION ALL SELECT "contributor_id", 'CONTRIBUTOR', "timestamp", "block", 1, "amount" FROM "receipt_claim"
                UNION ALL SELECT "creator_id", 'OWNER', "created_at", "created_at_block", 1, 0 FROM "asset"
                UNION ALL SELECT (SELECT t."to" FROM "asset_transfer" t WHERE t."asset_id" = v."asset_id" AND t."block" <= v."block" ORDER BY t."block" DESC, t."id" DESC LIMIT 1),
                                 'OWNER', v."timestamp", v."block", 1, 0 FROM "asset_version" v WHERE v."version" > 1
                UNION ALL SELECT "to", 'OWNER', "timestamp", "block", 1, 0 FROM "asset_transfer" WHERE "from" <> $1 AND "to" <> $1
                UNION ALL SELECT "account_id", 'OWNER', "timestamp", "block", 1, 0 FROM "owner_claim"
                UNION ALL SELECT "owner_id", 'OWNER', "timestamp", "block", 0, "to_owner" FROM "revenue_distribution" WHERE "to_owner" > 0
                UNION ALL SELECT "licensee_id", 'LICENSEE', "timestamp", "block", 1, 0 FROM "license"
                UNION ALL SELECT "to", 'LICENSEE', "timestamp", "block", 1, 0 FROM "license_transfer" WHERE "from" <> $1 AND "to" <> $1
                UNION ALL SELECT "caller_id", 'CALLER', "timestamp", "block", 1, 0 FROM "invocation"
                UNION ALL SELECT "voter_id", 'VOTER', "timestamp", "block", 1, 0 FROM "vote"
                UNION ALL SELECT "delegate_id", 'DELEGATE', "timestamp", "block", 1, 0 FROM "voting_power_change" WHERE "new_votes" > "previous_votes"
                UNION ALL SELECT "member_id", 'COUNCIL', "timestamp", "block", 1, 0 FROM "council_change" WHERE "added"
                UNION ALL SELECT v."voter_id", 'COUNCIL', v."timestamp", v."block", 1, 0 FROM "vote" v JOIN "proposal" p ON p."id" = v."proposal_id" WHERE p."track" = 'COUNCIL'
            ) e
            CROSS JOIN LATERAL (SELECT floor(extract(epoch FROM e.ts) / 86400)::int AS day) x
            WHERE e.account IS NOT NULL AND e.account <> $1
            GROUP BY e.account, e.role, x.day
            ON CONFLICT ("id") DO NOTHING`,
            [zero],
        )
    }

    async down() {
        // No-op: see the comment at the top of this file.
    }
}

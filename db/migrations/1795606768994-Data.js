module.exports = class Data1795606768994 {
    name = 'Data1795606768994'

    async up(db) {
        await db.query(`DROP INDEX "public"."IDX_ec962da2e9a7fc94b5956f21af"`)
        await db.query(`DROP INDEX "public"."IDX_1798e748dd8ba72c7b28a8e011"`)
        await db.query(`DROP INDEX "public"."IDX_59eeb3e5376a6e3ac5519a4a23"`)
        await db.query(`CREATE INDEX "IDX_71572d8a0e7a099d1d56da4c7f" ON "payment" ("asset_id", "timestamp") `)
        await db.query(`CREATE INDEX "IDX_af91d8ff8642904b9587525fb2" ON "revenue_distribution" ("owner_id", "timestamp") `)
        await db.query(`CREATE INDEX "IDX_7a361c53370ab4c19e24d7e1a0" ON "revenue_distribution" ("asset_id", "timestamp") `)
    }

    async down(db) {
        await db.query(`CREATE INDEX "IDX_ec962da2e9a7fc94b5956f21af" ON "payment" ("asset_id") `)
        await db.query(`CREATE INDEX "IDX_1798e748dd8ba72c7b28a8e011" ON "revenue_distribution" ("asset_id") `)
        await db.query(`CREATE INDEX "IDX_59eeb3e5376a6e3ac5519a4a23" ON "revenue_distribution" ("owner_id") `)
        await db.query(`DROP INDEX "public"."IDX_71572d8a0e7a099d1d56da4c7f"`)
        await db.query(`DROP INDEX "public"."IDX_af91d8ff8642904b9587525fb2"`)
        await db.query(`DROP INDEX "public"."IDX_7a361c53370ab4c19e24d7e1a0"`)
    }
}

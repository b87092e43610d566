module.exports = class Data1795607117430 {
    name = 'Data1795607117430'

    async up(db) {
        await db.query(`DROP INDEX "public"."IDX_4889ebc36666eecd43d1b023c5"`)
        await db.query(`DROP INDEX "public"."IDX_480fc12cd1ad80b58993157f2c"`)
        await db.query(`CREATE INDEX "IDX_2e8626d702b7c8d1b409c93803" ON "payment" ("timestamp") `)
        await db.query(`CREATE INDEX "IDX_cf1952024c2c1a09685c4e64e1" ON "account" ("votes") `)
        await db.query(`CREATE INDEX "IDX_bd71fc2d4af38e42f94ddd6327" ON "treasury_flow" ("kind", "timestamp") `)
        await db.query(`CREATE INDEX "IDX_7124bf1cd77e250377f6c53706" ON "voting_power_change" ("delegate_id", "block") `)
    }

    async down(db) {
        await db.query(`CREATE INDEX "IDX_4889ebc36666eecd43d1b023c5" ON "treasury_flow" ("kind") `)
        await db.query(`CREATE INDEX "IDX_480fc12cd1ad80b58993157f2c" ON "voting_power_change" ("delegate_id") `)
        await db.query(`DROP INDEX "public"."IDX_2e8626d702b7c8d1b409c93803"`)
        await db.query(`DROP INDEX "public"."IDX_cf1952024c2c1a09685c4e64e1"`)
        await db.query(`DROP INDEX "public"."IDX_bd71fc2d4af38e42f94ddd6327"`)
        await db.query(`DROP INDEX "public"."IDX_7124bf1cd77e250377f6c53706"`)
    }
}

/**
 * Paged lists join after paging: OpenReader prints a list query with nested to-one selections
 * (`revenueDistributions(orderBy: block_DESC, limit: 50, offset: 5000) { payment { amount } }`) as
 * `FROM root LEFT JOIN payment … ORDER BY … LIMIT 50 OFFSET 5000`, so PostgreSQL joins every
 * skipped row (or every row it sorts) before it drops them. Its joins are to-one (a foreign key to
 * an id, or a unique @derivedFrom): each root row has at most one partner and is never repeated or
 * dropped, so when neither the filter nor the order reads a joined table, paging the root rows
 * first gives the same rows in the same order:
 *
 *     FROM (SELECT root.* FROM root WHERE … ORDER BY … LIMIT … OFFSET …) AS root LEFT JOIN … ORDER BY …
 *
 * and the joins run for the page only. Lists whose filter or order reads a joined table keep
 * OpenReader's form. test/api/paged-joins.test.ts compares pages with slices of the whole list.
 *
 * This replaces one method of the exactly pinned @subsquid/openreader (EntitySqlPrinter.printFrom,
 * whose original it calls for everything else); the test guards that it is still there. Install it
 * before src/api/stable-order.ts, which wraps the method again (its id tie-break is then in the
 * order both levels use).
 */
let installed = false

interface Join {
    table: string
    alias: string
    column: string
    rhs: string
}

export function installPagedJoins(): void {
    if (installed) return
    const {EntitySqlPrinter} = require('@subsquid/openreader/lib/sql/printer')
    const proto = EntitySqlPrinter?.prototype
    const printFrom = proto?.printFrom
    if (typeof printFrom !== 'function' || typeof proto.ident !== 'function') throw new Error('@subsquid/openreader changed: EntitySqlPrinter.printFrom is gone; update src/api/paged-joins.ts')
    proto.printFrom = function (this: any) {
        const joins: Join[] = []
        this.join?.forEach((j: Join) => joins.push(j))
        const paged = this.args?.limit != null || !!this.args?.offset
        if (!paged || joins.length === 0 || !Array.isArray(this.where) || !Array.isArray(this.orderBy)) return printFrom.call(this)
        const aliases = joins.map((j) => this.ident(j.alias) + '.')
        const readsJoin = (sql: string) => aliases.some((a) => sql.includes(a))
        if (this.where.some(readsJoin) || this.orderBy.some(readsJoin)) return printFrom.call(this)
        const root = this.ident(this.root.tableAlias)
        let inner = `SELECT ${root}.* FROM ${this.ident(this.root.table)} AS ${root}`
        if (this.where.length > 0) inner += ` WHERE ${this.where.join(' AND ')}`
        if (this.orderBy.length > 0) inner += ` ORDER BY ${this.orderBy.join(', ')}`
        if (this.args.limit != null) inner += ` LIMIT ${this.args.limit}`
        if (this.args.offset) inner += ` OFFSET ${this.args.offset}`
        let out = `FROM (${inner}) AS ${root}`
        for (const j of joins) out += ` LEFT OUTER JOIN ${this.ident(j.table)} ${this.ident(j.alias)} ON ${this.ident(j.alias)}.${this.ident(j.column)} = ${j.rhs}`
        if (this.orderBy.length > 0) out += ` ORDER BY ${this.orderBy.join(', ')}`
        return out
    }
    installed = true
}

/**
 * Stable paging for the generated entity API: every list query that orders or pages gets the
 * entity id as its last sort key (in the direction of the last requested key), so `orderBy: block_DESC` with `limit/offset` (or a
 * `*Connection`, whose cursors are offsets) returns each row exactly once across pages. OpenReader
 * orders by the requested fields only; rows that tie (many rows share a block) then come back in
 * an arbitrary order that can differ between two page requests.
 *
 * This wraps one method of the exactly pinned @subsquid/openreader (EntitySqlPrinter.printFrom);
 * a test guards that it is still there.
 */
const KEY = Symbol('sahara.stableOrder')

let installed = false

export function installStableOrder(): void {
    if (installed) return
    const {EntitySqlPrinter} = require('@subsquid/openreader/lib/sql/printer')
    const proto = EntitySqlPrinter?.prototype
    const printFrom = proto?.printFrom
    if (typeof printFrom !== 'function') throw new Error('@subsquid/openreader changed: EntitySqlPrinter.printFrom is gone; update src/api/stable-order.ts')
    proto.printFrom = function (this: any) {
        if (!this[KEY]) {
            this[KEY] = true
            const pages = this.args?.orderBy != null || this.args?.limit != null || this.args?.offset
            if (pages && Array.isArray(this.orderBy)) {
                const id = this.root.native('id')
                // the id goes the way of the last sort key, so that one (key, id) index serves the
                // order forwards or backwards (block_DESC, id DESC) without a sort step
                const last: string | undefined = this.orderBy[this.orderBy.length - 1]
                const dir = last != null && /\bDESC\b/i.test(last) ? 'DESC' : 'ASC'
                if (!this.orderBy.some((o: string) => o.startsWith(`${id} `))) this.orderBy.push(`${id} ${dir}`)
            }
        }
        return printFrom.call(this)
    }
    installed = true
}

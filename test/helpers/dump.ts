type Query = <T = any>(sql: string, params?: unknown[]) => Promise<T[]>

/**
 * Every row of every entity table, in id order, as text: two databases indexed from the same
 * chain must produce identical dumps whatever happened on the way (reorgs, restarts).
 */
export async function dumpEntities(query: Query): Promise<Record<string, string[]>> {
    const tables = await query<{table_name: string}>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations' ORDER BY table_name",
    )
    const out: Record<string, string[]> = {}
    for (const {table_name} of tables) {
        const rows = await query(`SELECT * FROM "${table_name}" ORDER BY id`)
        out[table_name] = rows.map((r) => JSON.stringify(r, (_k, v) => (Buffer.isBuffer(v) ? v.toString('hex') : v)))
    }
    return out
}

/** The first differences between two dumps, for a readable assertion message. */
export function diffDumps(a: Record<string, string[]>, b: Record<string, string[]>, max = 10): string[] {
    const diffs: string[] = []
    for (const t of new Set([...Object.keys(a), ...Object.keys(b)])) {
        const x = a[t] ?? []
        const y = b[t] ?? []
        if (x.length !== y.length) diffs.push(`${t}: ${x.length} rows vs ${y.length}`)
        const setY = new Set(y)
        for (const row of x) {
            if (!setY.has(row)) diffs.push(`${t}: only in first: ${row.slice(0, 300)}`)
            if (diffs.length >= max) return diffs
        }
        const setX = new Set(x)
        for (const row of y) {
            if (!setX.has(row)) diffs.push(`${t}: only in second: ${row.slice(0, 300)}`)
            if (diffs.length >= max) return diffs
        }
    }
    return diffs
}

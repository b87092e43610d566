/**
 * Opaque cursors of the analytics lists (keyset paging). A cursor is base64url JSON
 * `["c1", <list>, <scope>, ...<sort keys of the last row>]`: the list it belongs to (e.g.
 * `topContributors`), a short hash of the arguments that define the list (asset, window, delegate...)
 * and the sort keys of the last row of the page, its tie-breaker included. The next page is the rows
 * after those keys (`WHERE (key, id) > (...)` in the list's order), so inserts and deletes between
 * two requests neither repeat nor skip rows the way an offset would.
 *
 * Anything else is refused with a BAD_USER_INPUT error that says what is wrong and what to pass:
 * not a cursor, a cursor of another list, or of the same list with other arguments.
 */
import crypto from 'crypto'
import {ArgumentError} from '../errors'

const VERSION = 'c1'
/** Longest cursor accepted (the longest this API issues is well under 300 characters). */
export const MAX_CURSOR_LENGTH = 1024

/**
 * Kinds of sort keys: `int` a non-negative safe integer (block), `uint` a non-negative integer of
 * any size as bigint (wei, numeric ids), `address` a lower-case 0x address, `logId` an event id.
 */
export type KeyKind = 'int' | 'uint' | 'address' | 'logId'
type KeyValue<K extends KeyKind> = K extends 'int' ? number : K extends 'uint' ? bigint : string
export type Keys<T extends readonly KeyKind[]> = {-readonly [I in keyof T]: KeyValue<T[I]>}

/** A cursor-paged list: its name (as in the GraphQL schema) and the kinds of its sort keys. */
export interface CursorList<T extends readonly KeyKind[] = readonly KeyKind[]> {
    name: string
    keys: T
}

export function cursorList<const T extends readonly KeyKind[]>(name: string, keys: T): CursorList<T> {
    return {name, keys}
}

/** Short digest of the arguments that define a list: a cursor is valid only with the same ones. */
export function scopeOf(...args: unknown[]): string {
    const text = JSON.stringify(args.map((a) => (a instanceof Date ? a.toISOString() : a == null ? null : String(a))))
    return crypto.createHash('sha256').update(text).digest('base64url').slice(0, 12)
}

export function encodeCursor<T extends readonly KeyKind[]>(list: CursorList<T>, scope: string, keys: Keys<T>): string {
    // bigint is not JSON: `uint` keys travel as decimal strings
    const parts = (keys as unknown[]).map((k) => (typeof k === 'bigint' ? k.toString() : k))
    return Buffer.from(JSON.stringify([VERSION, list.name, scope, ...parts])).toString('base64url')
}

const LOG_ID = /^[0-9A-Za-z-]{1,100}$/
const ADDRESS = /^0x[0-9a-f]{40}$/
const UINT = /^(0|[1-9][0-9]{0,99})$/

function key(kind: KeyKind, v: unknown): number | bigint | string | undefined {
    switch (kind) {
        case 'int':
            return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : undefined
        case 'uint':
            return typeof v === 'string' && UINT.test(v) ? BigInt(v) : undefined
        case 'address':
            return typeof v === 'string' && ADDRESS.test(v) ? v : undefined
        case 'logId':
            return typeof v === 'string' && LOG_ID.test(v) ? v : undefined
    }
}

/**
 * The sort keys of a cursor of `list` issued with `scope`; `arg` names the argument in errors.
 * Throws ArgumentError (BAD_USER_INPUT) for anything that is not such a cursor.
 */
export function decodeCursor<T extends readonly KeyKind[]>(list: CursorList<T>, scope: string, cursor: string, arg = 'after'): Keys<T> {
    const bad = (why: string) =>
        new ArgumentError(
            `${arg} is not a cursor of ${list.name}: ${why}; pass the endCursor of a ${list.name} page requested with the same arguments (all but the page size), or omit ${arg} to start from the beginning`,
        )
    if (typeof cursor !== 'string' || cursor.length === 0) throw bad('it is empty')
    if (cursor.length > MAX_CURSOR_LENGTH) throw bad(`it is longer than ${MAX_CURSOR_LENGTH} characters`)
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw bad('it is not base64url text')
    let parsed: unknown
    try {
        parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    } catch {
        throw bad('it does not decode')
    }
    if (!Array.isArray(parsed) || parsed[0] !== VERSION || typeof parsed[1] !== 'string' || typeof parsed[2] !== 'string') throw bad('it does not decode')
    if (parsed[1] !== list.name) throw bad(`it belongs to another list (${JSON.stringify(parsed[1]).slice(0, 60)})`)
    if (parsed[2] !== scope) throw bad('it was issued for other arguments')
    const raw = parsed.slice(3)
    if (raw.length !== list.keys.length) throw bad('it does not decode')
    const out = raw.map((v, i) => key(list.keys[i], v))
    if (out.some((v) => v === undefined)) throw bad('it does not decode')
    return out as Keys<T>
}

/** decodeCursor of an optional argument: null when it is absent. */
export function afterKeys<T extends readonly KeyKind[]>(list: CursorList<T>, scope: string, after: string | null | undefined, arg = 'after'): Keys<T> | null {
    return after == null ? null : decodeCursor(list, scope, after, arg)
}

/** `offset` and a cursor together are ambiguous: one or the other. */
export function requireOffsetOrCursor(offsetName: string, offset: number, afterName: string, after: string | null | undefined): void {
    if (after != null && offset !== 0) throw new ArgumentError(`give ${offsetName} or ${afterName}, not both (${afterName} continues after the page it came from; ${offsetName} counts from the start)`)
}

/**
 * The end of a page fetched with one row more than `limit` (how the lists learn whether more
 * follow): the rows to return, hasNextPage, and the cursor of the last returned row (null if none).
 */
export function cursorPage<R, T extends readonly KeyKind[]>(
    rows: R[],
    limit: number,
    list: CursorList<T>,
    scope: string,
    keysOf: (row: R) => Keys<T>,
): {rows: R[]; hasNextPage: boolean; endCursor: string | null} {
    const shown = rows.slice(0, limit)
    return {rows: shown, hasNextPage: rows.length > limit, endCursor: shown.length ? encodeCursor(list, scope, keysOf(shown[shown.length - 1])) : null}
}

import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {ArgumentError} from '../errors'
import {afterKeys, cursorList, cursorPage, decodeCursor, encodeCursor, MAX_CURSOR_LENGTH, requireOffsetOrCursor, scopeOf} from './cursor'

const LIST = cursorList('demoList', ['int', 'uint', 'address', 'logId'] as const)
const OTHER = cursorList('otherList', ['int', 'uint', 'address', 'logId'] as const)
const SCOPE = scopeOf('0xabc', 10, null)

const keys = fc.tuple(
    fc.maxSafeNat(),
    fc.bigInt({min: 0n, max: 2n ** 256n - 1n}),
    fc.stringMatching(/^0x[0-9a-f]{40}$/),
    fc.stringMatching(/^[0-9A-Za-z-]{1,100}$/),
)
const raw = (parts: unknown) => Buffer.from(JSON.stringify(parts)).toString('base64url')

/** The ArgumentError decodeCursor throws for `cursor`. */
function refusal(cursor: string, scope = SCOPE): ArgumentError {
    try {
        decodeCursor(LIST, scope, cursor, 'after')
    } catch (e) {
        expect(e).toBeInstanceOf(ArgumentError)
        expect((e as ArgumentError).extensions.code).toBe('BAD_USER_INPUT')
        // says what to pass instead
        expect((e as Error).message).toMatch(/^after is not a cursor of demoList: .*; pass the endCursor of a demoList page .*omit after/)
        return e as ArgumentError
    }
    throw new Error(`accepted ${cursor}`)
}

describe('analytics cursors', () => {
    it('round-trips any keys of their kinds, as short opaque base64url', () => {
        fc.assert(
            fc.property(keys, (k) => {
                const c = encodeCursor(LIST, SCOPE, k)
                expect(c).toMatch(/^[A-Za-z0-9_-]+$/)
                expect(c.length).toBeLessThanOrEqual(MAX_CURSOR_LENGTH)
                expect(decodeCursor(LIST, SCOPE, c)).toEqual(k)
            }),
        )
    })

    it('scopes: the same arguments give the same scope, other arguments another', () => {
        expect(scopeOf('1', new Date('2026-01-01T00:00:00Z'), null)).toBe(scopeOf('1', new Date('2026-01-01T00:00:00.000Z'), undefined))
        expect(scopeOf('1', 2)).toBe(scopeOf('1', '2'))
        expect(scopeOf('1', 2)).not.toBe(scopeOf('12'))
        expect(scopeOf(null)).not.toBe(scopeOf('null'))
        expect(scopeOf(null)).not.toBe(scopeOf(''))
    })

    it('refuses garbage', () => {
        expect(refusal('').message).toMatch(/it is empty/)
        expect(refusal('not a cursor!').message).toMatch(/not base64url/)
        expect(refusal('abc').message).toMatch(/does not decode/)
        expect(refusal(raw({a: 1})).message).toMatch(/does not decode/)
        expect(refusal(raw(['c0', 'demoList', SCOPE, 1, '1', '0x' + '0'.repeat(40), 'x'])).message).toMatch(/does not decode/)
        fc.assert(
            fc.property(fc.string({maxLength: 200}), (s) => {
                try {
                    decodeCursor(LIST, SCOPE, s)
                } catch (e) {
                    expect(e).toBeInstanceOf(ArgumentError)
                    return
                }
                throw new Error(`accepted ${JSON.stringify(s)}`)
            }),
        )
    })

    it('refuses a cursor of another list', () => {
        const c = encodeCursor(OTHER, SCOPE, [1, 2n, '0x' + 'a'.repeat(40), '0000000001-abcde-000001'])
        expect(refusal(c).message).toMatch(/belongs to another list \("otherList"\)/)
    })

    it('refuses a cursor issued for other arguments', () => {
        const c = encodeCursor(LIST, scopeOf('0xabc', 11, null), [1, 2n, '0x' + 'a'.repeat(40), 'id'])
        expect(refusal(c).message).toMatch(/issued for other arguments/)
        expect(decodeCursor(LIST, scopeOf('0xabc', 11, null), c)).toEqual([1, 2n, '0x' + 'a'.repeat(40), 'id'])
    })

    it('refuses a cursor that is too long', () => {
        expect(refusal('A'.repeat(MAX_CURSOR_LENGTH + 1)).message).toMatch(new RegExp(`longer than ${MAX_CURSOR_LENGTH} characters`))
    })

    it('refuses bad keys: wrong count, kind or shape', () => {
        const ok = [1, '2', '0x' + 'a'.repeat(40), 'id']
        const variants: unknown[][] = [
            ok.slice(0, 3), // too few
            [...ok, 'more'], // too many
            [-1, ...ok.slice(1)], // int below 0
            [1.5, ...ok.slice(1)], // not an integer
            [2 ** 53, ...ok.slice(1)], // not a safe integer
            ['1', ...ok.slice(1)], // int as text
            [1, 2, ...ok.slice(2)], // uint as a number
            [1, '02', ...ok.slice(2)], // leading zero
            [1, '-2', ...ok.slice(2)],
            [1, '1'.repeat(101), ...ok.slice(2)], // too many digits
            [1, '2', '0x' + 'A'.repeat(40), 'id'], // address not lower-case
            [1, '2', '0x1234', 'id'],
            [1, '2', '0x' + 'a'.repeat(40), "id' OR 1=1"], // not a log id
            [1, '2', '0x' + 'a'.repeat(40), ''],
            [1, '2', '0x' + 'a'.repeat(40), null],
        ]
        for (const v of variants) expect(refusal(raw(['c1', 'demoList', SCOPE, ...v])).message).toMatch(/does not decode/)
    })

    it('afterKeys: null without a cursor; the error names the argument', () => {
        expect(afterKeys(LIST, SCOPE, null)).toBeNull()
        expect(afterKeys(LIST, SCOPE, undefined)).toBeNull()
        expect(() => afterKeys(LIST, SCOPE, 'zzz', 'votersAfter')).toThrow(/^votersAfter is not a cursor of demoList: .*omit votersAfter/)
    })

    it('requireOffsetOrCursor: one or the other', () => {
        expect(() => requireOffsetOrCursor('offset', 0, 'after', 'c')).not.toThrow()
        expect(() => requireOffsetOrCursor('offset', 5, 'after', null)).not.toThrow()
        expect(() => requireOffsetOrCursor('votersOffset', 5, 'votersAfter', 'c')).toThrow(/give votersOffset or votersAfter, not both/)
    })

    it('cursorPage: cuts the extra row, and the cursor continues after the last row shown', () => {
        const list = cursorList('ints', ['int'] as const)
        const p = cursorPage([1, 2, 3, 4], 3, list, SCOPE, (n) => [n])
        expect(p.rows).toEqual([1, 2, 3])
        expect(p.hasNextPage).toBe(true)
        expect(decodeCursor(list, SCOPE, p.endCursor!)).toEqual([3])
        expect(cursorPage([1, 2], 3, list, SCOPE, (n) => [n])).toMatchObject({rows: [1, 2], hasNextPage: false})
        expect(cursorPage([], 3, list, SCOPE, (n: number) => [n])).toEqual({rows: [], hasNextPage: false, endCursor: null})
    })
})

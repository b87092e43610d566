import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {DISPLAY_MAX_CHARS, safeString} from './strings'

describe('safeString', () => {
    it('keeps valid UTF-8 as it is', () => {
        const raw = new TextEncoder().encode('ipfs://model/ñ/🤖')
        expect(safeString(raw)).toEqual({text: 'ipfs://model/ñ/🤖', raw, truncated: false})
    })

    it('replaces NUL and invalid sequences, keeping the raw bytes', () => {
        const raw = Uint8Array.from([0x61, 0x00, 0x62, 0xff, 0xfe, 0x63, 0xc3])
        const s = safeString(raw)
        expect(s.text).toBe('a\uFFFDb\uFFFD\uFFFDc\uFFFD')
        expect(s.raw).toBe(raw)
    })

    it('cuts long text for display without splitting a surrogate pair', () => {
        const text = 'x'.repeat(DISPLAY_MAX_CHARS - 1) + '🤖' + 'y'.repeat(10_000)
        const s = safeString(new TextEncoder().encode(text))
        expect(s.truncated).toBe(true)
        expect(s.text).toBe('x'.repeat(DISPLAY_MAX_CHARS - 1))
    })

    it('always yields text PostgreSQL accepts (no NUL, no lone surrogate) from any bytes', () => {
        fc.assert(
            fc.property(fc.uint8Array({maxLength: 3000}), (bytes) => {
                const s = safeString(bytes)
                expect(s.text.includes('\u0000')).toBe(false)
                expect(s.text.length).toBeLessThanOrEqual(DISPLAY_MAX_CHARS)
                expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s.text)).toBe(false)
                expect(s.raw).toBe(bytes)
            }),
        )
    })
})

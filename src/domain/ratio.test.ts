/**
 * The one ratio helper (src/domain/ratio.ts) on a zero denominator: null — what the analytics
 * API's nullable ratio fields document ("null when none is decided", "null without payments") —
 * and 0 only through the explicit `...OrZero` forms the attribution API's non-null fields use.
 */
import {describe, expect, it} from 'vitest'
import {AnalyticsRatio} from '../api/analytics/common'
import {descendantRevenueShare, depthDistribution} from './attribution'
import {bpsOf, bpsOrZero, decimalOrZero, decimalRatio, ratio, ratioOrZero} from './ratio'

describe('ratios with a zero denominator', () => {
    it('are null (undefined ratio)', () => {
        expect(bpsOf(0n, 0n)).toBeNull()
        expect(bpsOf(5n, 0n)).toBeNull()
        expect(decimalRatio(5n, 0n)).toBeNull()
        expect(decimalRatio(0n, 0n, 0)).toBeNull()
        expect(ratio(5n, 0n)).toBeNull()
        expect(AnalyticsRatio.of(ratio(5n, 0n))).toBeNull()
    })

    it('read as 0 only through the OrZero forms (non-null attribution fields)', () => {
        expect(bpsOrZero(5n, 0n)).toBe(0)
        expect(decimalOrZero(0n, 0n)).toBe('0.000000')
        expect(decimalOrZero(0n, 0n, 0)).toBe('0')
        expect(ratioOrZero(5n, 0n)).toEqual({bps: 0, decimal: '0.000000'})
        expect(descendantRevenueShare(0n, 0n)).toEqual({bps: 0, decimal: '0.000000'})
        expect(depthDistribution([{depth: 0, amount: 0n}])).toEqual([{depth: 0, amount: 0n, count: 1, shareBps: 0}])
    })

    it('agree with the null-returning forms whenever the denominator is not 0', () => {
        expect(ratioOrZero(1n, 3n)).toEqual(ratio(1n, 3n))
        expect(bpsOrZero(2n, 3n)).toBe(bpsOf(2n, 3n))
        expect(decimalOrZero(2n, 3n, 2)).toBe(decimalRatio(2n, 3n, 2))
        expect(descendantRevenueShare(1n, 1n)).toEqual({bps: 5000, decimal: '0.500000'})
    })

    it('still reject negative inputs', () => {
        expect(() => bpsOf(-1n, 0n)).toThrow(RangeError)
        expect(() => decimalOrZero(-1n, 0n)).toThrow(RangeError)
    })
})

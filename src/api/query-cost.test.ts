import {parse} from 'graphql'
import {describe, expect, it} from 'vitest'
import {API_LIMITS} from './limits'
import {checkQuery, queryCost} from './query-cost'

/** A query whose fragment spreads double at each level: 2^levels expanded fields. */
function fragmentBomb(levels: number): string {
    const frags = [`fragment F0 on Asset { id }`]
    for (let i = 1; i <= levels; i++) frags.push(`fragment F${i} on Asset { ...F${i - 1} ...F${i - 1} }`)
    return `{ assets(limit: 1) { ...F${levels} } } ${frags.join(' ')}`
}

describe('query cost', () => {
    it('counts fields, depth and aliases with fragments expanded, as a reference walk does', () => {
        const q = `query { a: assets(limit: 1) { id ...X owner { id } } b: assets(limit: 1) { ...X } } fragment X on Asset { kind c: status parents { parent { id } } }`
        const c = queryCost(parse(q))
        // a: id, kind, c, parents, parent, id, owner, id = 8 + 1 (a); b: kind, c, parents, parent, id = 5 + 1 (b)
        expect(c.fields).toBe(15)
        expect(c.depth).toBe(4)
        expect(c.aliases).toBe(4) // a, b, and c twice
    })

    it('measures an exponential fragment bomb in milliseconds without expanding it', () => {
        const t = performance.now()
        const c = queryCost(parse(fragmentBomb(60)))
        expect(performance.now() - t).toBeLessThan(1000) // generous: it is microseconds; the point is no 2^60 walk
        expect(c.fields).toBe(Math.min(Number.MAX_SAFE_INTEGER, 2 ** 60 + 1))
        expect(checkQuery(fragmentBomb(24))?.code).toBe('QUERY_TOO_LARGE')
        expect(checkQuery(fragmentBomb(24))?.message).toContain(`limit of ${API_LIMITS.maxQueryFields}`)
    })

    it('refuses alias bombs of costly resolvers, cycles, unknown fragments and garbage', () => {
        const aliases = Array.from({length: 20}, (_, i) => `r${i}: protocolResidual { residual }`).join(' ')
        expect(checkQuery(`{ ${aliases} }`)?.code).toBe('QUERY_TOO_COSTLY')
        const plain = Array.from({length: 40}, (_, i) => `a${i}: assets(limit: 1) { id }`).join(' ')
        expect(checkQuery(`{ ${plain} }`)?.code).toBe('QUERY_TOO_MANY_ALIASES')
        expect(checkQuery(`{ assets { ...A } } fragment A on Asset { ...B } fragment B on Asset { ...A }`)?.code).toBe('GRAPHQL_VALIDATION_FAILED')
        expect(checkQuery(`{ assets { ...Nope } }`)?.code).toBe('GRAPHQL_VALIDATION_FAILED')
        expect(checkQuery(`{ assets {`)?.code).toBe('GRAPHQL_PARSE_FAILED')
        expect(checkQuery(undefined)?.code).toBe('BAD_USER_INPUT')
        expect(checkQuery(`{ assets(limit: 5) { id kind } }`)).toBeUndefined()
    })
})

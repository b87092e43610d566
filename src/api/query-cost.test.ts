import {getIntrospectionQuery, parse} from 'graphql'
import {describe, expect, it} from 'vitest'
import {API_LIMITS} from './limits'
import {checkQuery, MAX_INTROSPECTION_TYPE_LISTS, queryCost} from './query-cost'

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

    it('lets the standard introspection queries through (GraphiQL, graphql-codegen, Apollo), every option on or off', () => {
        const all = {descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true}
        for (const opts of [{}, all, {descriptions: false}]) {
            const q = getIntrospectionQuery(opts)
            expect(checkQuery(q, 'IntrospectionQuery'), JSON.stringify(opts)).toBeUndefined()
            const c = queryCost(parse(q))
            // __schema types fields args type (kind name ofType x7: no depth): 6 levels; one type's lists open
            expect(c.depth).toBe(6)
            expect(c.typeLists).toBe(MAX_INTROSPECTION_TYPE_LISTS)
            expect(c.fields).toBeLessThanOrEqual(API_LIMITS.maxQueryFields)
        }
        expect(checkQuery('{ __type(name: "Asset") { name fields { name description type { name kind ofType { name kind ofType { name } } } } } }')).toBeUndefined()
        expect(checkQuery('{ __schema { queryType { fields { name args { name type { name } } } } } }')).toBeUndefined()
        expect(checkQuery('{ assets(limit: 1) { id } __type(name: "Asset") { name } }')).toBeUndefined()
    })

    it('keeps introspection bounded: one type expanded per path, the field limit, no depth hidden outside ofType', () => {
        // fields of the types of the fields of every type: grows as a power of the schema
        const fanout = checkQuery('{ __schema { types { fields { type { fields { name } } } } } }')
        expect(fanout?.code).toBe('QUERY_TOO_DEEP')
        expect(fanout?.message).toContain(`limit of ${MAX_INTROSPECTION_TYPE_LISTS}`)
        expect(checkQuery('{ __type(name: "Asset") { fields { type { ofType { inputFields { name } } } } } }')?.code).toBe('QUERY_TOO_DEEP')
        expect(checkQuery('{ __schema { types { possibleTypes { interfaces { name } } } } }')?.code).toBe('QUERY_TOO_DEEP')
        // the same through fragments
        expect(checkQuery('{ __schema { types { ...T } } } fragment T on __Type { fields { type { ...T2 } } } fragment T2 on __Type { enumValues { name } }')?.code).toBe('QUERY_TOO_DEEP')
        // an ofType chain costs fields
        let chain = 'name'
        for (let i = 0; i < API_LIMITS.maxQueryFields; i++) chain = `ofType { ${chain} }`
        expect(checkQuery(`{ __type(name: "Asset") { ${chain} } }`)?.code).toBe('QUERY_TOO_LARGE')
        // ofType is free of depth only inside introspection; aliases count as everywhere
        let deep = 'id'
        for (let i = 0; i < API_LIMITS.maxQueryDepth; i++) deep = `ofType { ${deep} }`
        expect(checkQuery(`{ assets(limit: 1) { ${deep} } }`)?.code).toBe('QUERY_TOO_DEEP')
        const aliased = Array.from({length: API_LIMITS.maxQueryAliases + 1}, (_, i) => `t${i}: __type(name: "Asset") { name }`).join(' ')
        expect(checkQuery(`{ ${aliased} }`)?.code).toBe('QUERY_TOO_MANY_ALIASES')
    })
})

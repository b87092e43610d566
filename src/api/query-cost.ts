/**
 * The cost of a GraphQL document, measured on the parsed document WITHOUT expanding fragments:
 * each fragment's expanded size is computed once and reused (memoised), so a query whose fragment
 * spreads double at each level (2^30 expanded fields) is measured in microseconds, and refused
 * before any validation or execution. Used by the gateway (HTTP), the WebSocket server
 * (subscriptions) and the in-server request check alike.
 *
 * Introspection (the `__schema` and `__type` root fields) is public and passes the same limits,
 * measured for what it costs: a chain of `ofType` is one type reference (its NonNull and List
 * wrappers), not nesting, so it adds fields but no depth; and a path may open the member lists of
 * at most one type (`fields`, `inputFields`, `interfaces`, `enumValues`, `possibleTypes`), so the
 * answer stays linear in the schema's size (`types { fields { type { fields ... } } }` would grow
 * as a power of it). The standard introspection query of GraphiQL, graphql-codegen and Apollo
 * (graphql's getIntrospectionQuery) measures depth 6, 190 fields and one type list.
 */
import {DocumentNode, FragmentDefinitionNode, Kind, OperationDefinitionNode, parse, SelectionSetNode} from 'graphql'
import {API_LIMITS} from './limits'

export interface QueryCost {
    /** Deepest field nesting, fragments expanded. */
    depth: number
    /** Fields selected, fragments expanded (capped at 2^53). */
    fields: number
    /** Aliased fields, fragments expanded: many aliases of one costly resolver multiply its cost. */
    aliases: number
    /** Fields of the analytics resolvers (the costly ones), fragments expanded. */
    costly: number
    /** Most member lists of types (`fields`, `inputFields`, ...) on one path of an introspection selection. */
    typeLists: number
}

/** Most type member lists one path of an introspection selection may open: one type expanded at a time. */
export const MAX_INTROSPECTION_TYPE_LISTS = 1

/** Root fields of introspection. */
const INTROSPECTION_ROOTS = new Set(['__schema', '__type'])

/** Fields of `__Type` that list the type's members (each member can lead to another type). */
const TYPE_MEMBER_LISTS = new Set(['fields', 'inputFields', 'interfaces', 'enumValues', 'possibleTypes'])

const CAP = Number.MAX_SAFE_INTEGER
const add = (a: number, b: number) => Math.min(CAP, a + b)

export class QueryCostError extends Error {
    constructor(
        message: string,
        readonly code: string,
    ) {
        super(message)
    }
}

/** Root fields served by the analytics resolvers (each runs aggregate SQL). */
export const COSTLY_ROOT_FIELDS = new Set([
    'paymentAttribution',
    'contributorEarnings',
    'assetEarnings',
    'topContributors',
    'assetLineage',
    'protocolResidual',
    'assetResidual',
    'treasurySummary',
    'treasurySeries',
    'governanceStats',
    'proposalDetail',
    'votingPowerDistribution',
    'delegatePowerHistory',
    'councilHistory',
    'participation',
    'cohortRetention',
    'earningsDistribution',
    'roleOverlap',
])

/** Measures one operation of `doc` (the named one, or the only one). */
export function queryCost(doc: DocumentNode, operationName?: string | null): QueryCost {
    const fragments = new Map<string, FragmentDefinitionNode>()
    const ops: OperationDefinitionNode[] = []
    for (const d of doc.definitions) {
        if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d)
        else if (d.kind === Kind.OPERATION_DEFINITION) ops.push(d)
    }
    const op = operationName ? ops.find((o) => o.name?.value === operationName) : ops[0]
    if (op == null) return {depth: 0, fields: 0, aliases: 0, costly: 0, typeLists: 0}
    const memo = new Map<string, QueryCost>()
    const visiting = new Set<string>()

    // where: 'root' (the operation's own selection), 'intro' (inside __schema / __type), 'data'
    type Where = 'root' | 'intro' | 'data'
    const ofSet = (set: SelectionSetNode | undefined, where: Where): QueryCost => {
        const c: QueryCost = {depth: 0, fields: 0, aliases: 0, costly: 0, typeLists: 0}
        if (set == null) return c
        for (const sel of set.selections) {
            let sub: QueryCost
            if (sel.kind === Kind.FIELD) {
                const name = sel.name.value
                if (name.startsWith('__') && sel.selectionSet == null) continue
                const intro = where === 'intro' || (where === 'root' && INTROSPECTION_ROOTS.has(name))
                const inner = ofSet(sel.selectionSet, intro ? 'intro' : 'data')
                sub = {
                    depth: inner.depth + (where === 'intro' && name === 'ofType' ? 0 : 1),
                    fields: add(inner.fields, 1),
                    aliases: add(inner.aliases, sel.alias ? 1 : 0),
                    costly: add(inner.costly, where === 'root' && COSTLY_ROOT_FIELDS.has(name) ? 1 : 0),
                    typeLists: inner.typeLists + (where === 'intro' && TYPE_MEMBER_LISTS.has(name) ? 1 : 0),
                }
            } else if (sel.kind === Kind.INLINE_FRAGMENT) {
                sub = ofSet(sel.selectionSet, where)
            } else {
                sub = ofFragment(sel.name.value, where)
            }
            c.depth = Math.max(c.depth, sub.depth)
            c.fields = add(c.fields, sub.fields)
            c.aliases = add(c.aliases, sub.aliases)
            c.costly = add(c.costly, sub.costly)
            c.typeLists = Math.max(c.typeLists, sub.typeLists)
        }
        return c
    }
    const ofFragment = (name: string, where: Where): QueryCost => {
        const key = `${where}:${name}`
        const known = memo.get(key)
        if (known) return known
        const f = fragments.get(name)
        if (f == null) throw new QueryCostError(`unknown fragment "${name}"`, 'GRAPHQL_VALIDATION_FAILED')
        if (visiting.has(key)) throw new QueryCostError(`fragment "${name}" spreads itself (a cycle)`, 'GRAPHQL_VALIDATION_FAILED')
        visiting.add(key)
        const c = ofSet(f.selectionSet, where)
        visiting.delete(key)
        memo.set(key, c)
        return c
    }
    return ofSet(op.selectionSet, 'root')
}

/**
 * Parses and measures a query; returns undefined when it is within the limits, else a
 * QueryCostError whose message names the limit and what to change.
 */
export function checkQuery(query: unknown, operationName?: unknown, variables?: unknown): QueryCostError | undefined {
    if (typeof query !== 'string' || query.length === 0) return new QueryCostError('the request has no "query" string', 'BAD_USER_INPUT')
    let doc: DocumentNode
    try {
        doc = parse(query)
    } catch (e: any) {
        return new QueryCostError(`the query does not parse: ${e?.message ?? e}`, 'GRAPHQL_PARSE_FAILED')
    }
    let c: QueryCost
    try {
        c = queryCost(doc, typeof operationName === 'string' ? operationName : undefined)
    } catch (e) {
        if (e instanceof QueryCostError) return e
        throw e
    }
    const L = API_LIMITS
    const bad = checkListArgs(doc, variables)
    if (bad) return bad
    if (c.depth > L.maxQueryDepth) return new QueryCostError(`query depth ${c.depth} exceeds the limit of ${L.maxQueryDepth}: split the query or select fewer nested levels`, 'QUERY_TOO_DEEP')
    if (c.fields > L.maxQueryFields) return new QueryCostError(`query selects ${c.fields} fields (fragments expanded), more than the limit of ${L.maxQueryFields}: split it`, 'QUERY_TOO_LARGE')
    if (c.aliases > L.maxQueryAliases) return new QueryCostError(`query uses ${c.aliases} aliases, more than the limit of ${L.maxQueryAliases}: split it`, 'QUERY_TOO_MANY_ALIASES')
    if (c.costly > L.maxCostlyFields) return new QueryCostError(`query calls analytics resolvers ${c.costly} times, more than the limit of ${L.maxCostlyFields} per request: send them in separate requests`, 'QUERY_TOO_COSTLY')
    if (c.typeLists > MAX_INTROSPECTION_TYPE_LISTS) return new QueryCostError(`introspection opens the member lists (fields, inputFields, interfaces, enumValues, possibleTypes) of ${c.typeLists} nested types on one path, more than the limit of ${MAX_INTROSPECTION_TYPE_LISTS}: select a referenced type's name only and ask for its members in __type(name: ...) or from the full __schema { types { ... } }`, 'QUERY_TOO_DEEP')
    return undefined
}

const LIST_ARGS = new Set(['limit', 'first', 'offset'])

/**
 * `limit` and `first` arguments (literals or variables) within 0..maxListLimit, `offset` >= 0: a
 * negative one would reach the SQL and come back as an internal error; a huge one would be refused
 * later for the response size without saying which number to use.
 */
function checkListArgs(doc: DocumentNode, variables: unknown): QueryCostError | undefined {
    const vars = variables != null && typeof variables === 'object' ? (variables as Record<string, unknown>) : {}
    const max = API_LIMITS.maxListLimit
    let found: QueryCostError | undefined
    const visit = (node: any): void => {
        if (found || node == null || typeof node !== 'object') return
        if (node.kind === Kind.ARGUMENT && LIST_ARGS.has(node.name.value)) {
            const v = node.value
            const n = v.kind === Kind.INT ? Number(v.value) : v.kind === Kind.VARIABLE ? vars[v.name.value] : undefined
            // offset: only its sign is checked here (each resolver states its own upper bound)
            const top = node.name.value === 'offset' ? Number.MAX_SAFE_INTEGER : max
            if (typeof n === 'number' && (!Number.isInteger(n) || n < 0 || n > top)) {
                found = new QueryCostError(
                    node.name.value === 'offset'
                        ? `offset must be an integer >= 0, got ${n}`
                        : `${node.name.value} must be an integer from 0 to ${max}, got ${n}${n > max ? ` (a larger list could exceed the response size limit of ${API_LIMITS.maxResponseNodes} nodes; page with offset or a connection)` : ''}`,
                    'BAD_USER_INPUT',
                )
            }
            return
        }
        for (const k of Object.keys(node)) if (k !== 'loc') visit(node[k])
    }
    visit(doc)
    return found
}

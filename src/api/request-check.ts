import {FragmentDefinitionNode, Kind, OperationDefinitionNode, SelectionSetNode} from 'graphql'
import type {RequestCheckContext} from '@subsquid/graphql-server/lib/check'

import {API_LIMITS} from './limits'

export const MAX_QUERY_DEPTH = API_LIMITS.maxQueryDepth
export const MAX_QUERY_FIELDS = API_LIMITS.maxQueryFields

export interface QueryShape {
    depth: number
    fields: number
}

/** Depth and field count of an operation, following fragment spreads (cycles count once). */
export function queryShape(op: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>): QueryShape {
    let fields = 0
    const walk = (set: SelectionSetNode | undefined, depth: number, seen: Set<string>): number => {
        if (set == null) return depth
        let deepest = depth
        for (const sel of set.selections) {
            if (sel.kind === Kind.FIELD) {
                if (sel.name.value.startsWith('__')) continue
                fields += 1
                deepest = Math.max(deepest, walk(sel.selectionSet, depth + 1, seen))
            } else if (sel.kind === Kind.INLINE_FRAGMENT) {
                deepest = Math.max(deepest, walk(sel.selectionSet, depth, seen))
            } else {
                const name = sel.name.value
                if (seen.has(name) || fragments[name] == null) continue
                deepest = Math.max(deepest, walk(fragments[name].selectionSet, depth, new Set([...seen, name])))
            }
        }
        return deepest
    }
    const depth = walk(op.selectionSet, 0, new Set())
    return {depth, fields}
}

/** Loaded by @subsquid/graphql-server: rejects too deep or too large queries before execution. */
export async function requestCheck(req: RequestCheckContext): Promise<boolean | string> {
    const fragments: Record<string, FragmentDefinitionNode> = {}
    for (const def of req.request.query ? parseFragments(req) : []) fragments[def.name.value] = def
    const shape = queryShape(req.operation, fragments)
    if (shape.depth > MAX_QUERY_DEPTH) return `query depth ${shape.depth} exceeds the limit of ${MAX_QUERY_DEPTH}: split the query or select fewer nested levels`
    if (shape.fields > MAX_QUERY_FIELDS) return `query selects ${shape.fields} fields, more than the limit of ${MAX_QUERY_FIELDS}: split it`
    return true
}

function parseFragments(req: RequestCheckContext): FragmentDefinitionNode[] {
    const {parse} = require('graphql') as typeof import('graphql')
    try {
        return parse(req.request.query!).definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
    } catch {
        return []
    }
}

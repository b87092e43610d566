/**
 * Which fields of a resolver's answer the request selects (fragments and inline fragments
 * followed, aliases ignored), so a resolver runs only the queries the answer needs.
 */
import {Kind, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode} from 'graphql'

/** Dotted paths of the selected fields below the resolver's own field, e.g. `inflows.feesBySource`. */
export function selectedPaths(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, maxDepth = 4): Set<string> {
    const out = new Set<string>()
    const visit = (set: SelectionSetNode | undefined, prefix: string, depth: number, seen: Set<string>) => {
        if (set == null || depth > maxDepth) return
        for (const sel of set.selections) {
            if (sel.kind === Kind.FIELD) {
                const path = prefix ? `${prefix}.${sel.name.value}` : sel.name.value
                out.add(path)
                visit(sel.selectionSet, path, depth + 1, seen)
            } else if (sel.kind === Kind.INLINE_FRAGMENT) {
                visit(sel.selectionSet, prefix, depth, seen)
            } else if (!seen.has(sel.name.value)) {
                const f: FragmentDefinitionNode | undefined = info.fragments[sel.name.value]
                visit(f?.selectionSet, prefix, depth, new Set([...seen, sel.name.value]))
            }
        }
    }
    for (const node of info.fieldNodes) visit(node.selectionSet, '', 1, new Set())
    return out
}

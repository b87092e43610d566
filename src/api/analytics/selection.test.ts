import {Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode} from 'graphql'
import {describe, expect, it} from 'vitest'
import {selectedPaths} from './selection'

/** The info graphql-js hands the resolver of the operation's first root field. */
function infoOf(query: string) {
    const doc = parse(query)
    const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!
    const fragments = Object.fromEntries(doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]))
    return {fieldNodes: [op.selectionSet.selections[0] as any], fragments}
}

describe('selectedPaths', () => {
    it('lists nested fields by name, through aliases, fragments and inline fragments', () => {
        const paths = selectedPaths(
            infoOf(`{ treasurySummary(from: "x", to: "y") { a: openingBalance inflows { ...F } ... on TreasurySummary { topFeeAssets { assetId } } } }
                    fragment F on TreasuryInflows { fees feesBySource { source } }`),
        )
        expect([...paths].sort()).toEqual(['inflows', 'inflows.fees', 'inflows.feesBySource', 'inflows.feesBySource.source', 'openingBalance', 'topFeeAssets', 'topFeeAssets.assetId'])
    })

    it('does not select what is not asked for', () => {
        const paths = selectedPaths(infoOf(`{ treasurySummary(from: "x", to: "y") { closingBalance outflows { total } } }`))
        expect(paths.has('topFeeAssets')).toBe(false)
        expect(paths.has('outflows.byProposal')).toBe(false)
        expect(paths.has('outflows.total')).toBe(true)
    })
})

import {describe, expect, it} from 'vitest'
import {compileContracts, writeArtifacts} from '../../devnet/compile'

describe('compiled contracts', () => {
    it('abi/ and contracts/build/ are what `npm run compile` produces from contracts/', () => {
        expect(writeArtifacts(compileContracts(), {check: true})).toEqual([])
    }, 120_000)
})

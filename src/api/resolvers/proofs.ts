/**
 * `figureProofs`: how to confirm each served state figure of a row without trusting this API —
 * the contract, its address, the view function's signature, the arguments, the block, and what
 * the call must return. The same table `npm run verify` checks (src/verify/figures.ts); the
 * values are the served ones at the indexed head (README "Proofs" has a viem example).
 */
import {Arg, Field, Int, ObjectType, Query, registerEnumType, Resolver} from 'type-graphql'
import type {EntityManager} from 'typeorm'
import type {ManifestContract} from '../../config/manifest'
import {FIGURE_KINDS, protocolFigures, type Figure} from '../../verify/figures'
import {protocolRow, rowsById} from '../../verify/rows-sql'
import {ArgumentError} from '../errors'

export enum ProofEntity {
    Asset = 'Asset',
    Receipt = 'Receipt',
    Account = 'Account',
    License = 'License',
    Proposal = 'Proposal',
    Protocol = 'Protocol',
}
registerEnumType(ProofEntity, {name: 'ProofEntity', description: 'Entities whose state figures a contract view function confirms.'})

const KIND_OF: Record<string, string> = {Asset: 'asset', Receipt: 'receipt', Account: 'account', License: 'license', Proposal: 'proposal'}

@ObjectType({description: 'One eth_call that confirms a served figure.'})
export class FigureProofCall {
    @Field({description: 'SPEC name of the contract (e.g. RevenueVault).'})
    contract!: string
    @Field({description: 'Its address (lower-case), from the deployment the processor indexes.'})
    address!: string
    @Field({description: 'Solidity signature of the view function, as viem parseAbiItem reads it.'})
    signature!: string
    @Field({description: 'The function name.'})
    functionName!: string
    @Field(() => [String], {description: 'Arguments: integers in decimal, addresses lower-case.'})
    args!: string[]
    @Field({description: 'What the call returns at `block` if the served value is right, as JSON of its canonical form: integers as decimal strings, addresses lower-case, booleans, tuples as arrays.'})
    returns!: string
}

@ObjectType({description: 'How to confirm one served figure on chain.'})
export class FigureProof {
    @Field()
    entity!: string
    @Field()
    id!: string
    @Field({description: 'The served field (a path for nested ones, e.g. accrual.claimable).'})
    field!: string
    @Field({description: 'The served value, as text.'})
    served!: string
    @Field(() => Int, {description: 'The block to call at: the indexed head the value was served at.'})
    block!: number
    @Field({description: 'That block\'s hash (check it is on your chain).'})
    blockHash!: string
    @Field(() => [FigureProofCall])
    calls!: FigureProofCall[]
    @Field(() => String, {nullable: true, description: 'How the served value follows from the results when it is not the one result itself.'})
    formula!: string | null
}

const DECIMAL_ID = /^[1-9][0-9]{0,77}$/
const ADDRESS = /^0x[0-9a-fA-F]{40}$/

@Resolver()
export class ProofResolver {
    constructor(private tx: () => Promise<EntityManager>) {}

    @Query(() => [FigureProof], {
        description:
            "How to confirm each state figure of one row with your own RPC: per figure, the view call(s) (contract address, signature, arguments), the block (the indexed head) and the value each must return. Empty when the row does not exist. Entity Protocol takes id `sahara` (its figures include the treasury's and the vault's balances).",
    })
    async figureProofs(
        @Arg('entity', () => ProofEntity) entity: ProofEntity,
        @Arg('id', () => String, {description: 'The row id: decimal for Asset, Receipt, License, Proposal; a 0x address for Account; `sahara` for Protocol.'}) id: string,
    ): Promise<FigureProof[]> {
        if (entity === ProofEntity.Account ? !ADDRESS.test(id) : entity === ProofEntity.Protocol ? id !== 'sahara' : !DECIMAL_ID.test(id)) {
            const what = entity === ProofEntity.Account ? 'a 0x address of 40 hex digits' : entity === ProofEntity.Protocol ? '"sahara"' : 'a decimal id from 1'
            throw new ArgumentError(`id of ${entity} must be ${what}, got ${JSON.stringify(id.slice(0, 100))}`)
        }
        const em = await this.tx()
        const query = (sql: string, params?: unknown[]) => em.query(sql, params)
        const [head] = await query(`SELECT height, hash FROM indexed_head WHERE id = 'head'`)
        const deployed: {id: string; address: string}[] = await query(`SELECT id, address FROM deployed_contract`)
        if (head == null || deployed.length === 0) return []
        const contracts = Object.fromEntries(deployed.map((c) => [c.id, c.address])) as Record<ManifestContract, string>
        let figures: Figure[]
        if (entity === ProofEntity.Protocol) {
            const {protocol, vaultBalance} = await protocolRow(query, contracts.RevenueVault)
            figures = protocolFigures(protocol, vaultBalance, contracts)
        } else {
            const kind = FIGURE_KINDS.find((k) => k.name === KIND_OF[entity])!
            const [row] = await rowsById(query, kind, [entity === ProofEntity.Account ? id.toLowerCase() : id])
            figures = row ? kind.figures(row, contracts) : []
        }
        return figures.map((f) =>
            Object.assign(new FigureProof(), {
                entity: f.entity,
                id: f.id,
                field: f.field,
                served: f.served,
                block: head.height,
                blockHash: head.hash,
                formula: f.formula ?? null,
                calls: f.calls.map((c, i) =>
                    Object.assign(new FigureProofCall(), {
                        contract: c.contract,
                        address: contracts[c.contract],
                        signature: c.signature,
                        functionName: /^function (\w+)/.exec(c.signature)![1],
                        args: c.args.map(String),
                        returns: JSON.stringify(f.returns[i]),
                    }),
                ),
            }),
        )
    }
}

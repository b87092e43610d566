import {execFile} from 'child_process'
import fs from 'fs'
import path from 'path'
import {Kind, OperationDefinitionNode, parse} from 'graphql'
import {describe, expect, it} from 'vitest'
import {useIndexedEconomy} from '../helpers/economy'

const ROOT = path.resolve(__dirname, '../..')

/** The README's fenced blocks of a language, in order. */
function readmeBlocks(lang: string): string[] {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')
    return [...readme.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1])
}

/** The variable names the (single) operation of `query` declares. */
function declaredVariables(query: string): string[] {
    const op = parse(query).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
    return (op?.variableDefinitions ?? []).map((v) => v.variable.name.value)
}

/**
 * The README cookbook as a user follows it, verbatim: the first example lists real ids, each
 * later example runs with those ids as its variables (`$asset` from `assets`, `$account` from
 * `accounts`, `$payment` from `payments`, `$block` the indexed height, as the README says), and every root field answers
 * something (a wrong id would null it). The shell recipe runs as written, against this API.
 */
describe('README query cookbook', () => {
    const economy = useIndexedEconomy({seed: 5, scale: 'small', api: true})

    it('lists real ids first, then answers each example with them, no errors and no null root field', async () => {
        const blocks = readmeBlocks('graphql')
        expect(blocks.length).toBeGreaterThanOrEqual(5)
        const [findIds, ...examples] = blocks
        expect(declaredVariables(findIds)).toEqual([])
        const ids = await economy.api.gql(findIds)
        expect(ids.body.errors, findIds).toBeUndefined()
        const found = ids.body.data as Record<string, {id: string}[]>
        for (const list of ['assets', 'accounts', 'payments']) expect(found[list]?.length, `${list} in the id listing`).toBeGreaterThan(0)
        const head = (ids.body.data as {indexedHeadById: {height: number}}).indexedHeadById
        const variables: Record<string, string | number> = {asset: found.assets[0].id, account: found.accounts[0].id, payment: found.payments[0].id, block: head.height}

        for (const query of examples) {
            const names = declaredVariables(query)
            for (const n of names) expect(Object.keys(variables), `README variable $${n} is one the cookbook says where to find`).toContain(n)
            const r = await economy.api.gql(query, Object.fromEntries(names.map((n) => [n, variables[n]])))
            expect(r.body.errors, query).toBeUndefined()
            for (const [field, value] of Object.entries(r.body.data as object)) expect(value, `${field} in\n${query}`).not.toBeNull()
        }
    })

    it('the shell recipe finds an asset id and queries it, as written', async () => {
        const [script] = readmeBlocks('bash').filter((b) => b.includes('API=http://localhost:4350/graphql'))
        expect(script, 'README has the shell recipe').toBeDefined()
        const here = script.replace('API=http://localhost:4350/graphql', `API=${economy.api.url}/graphql`)
        const out = await new Promise<string>((resolve, reject) =>
            execFile('bash', ['-euo', 'pipefail', '-c', here], {timeout: 60_000}, (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout))),
        )
        const answer = JSON.parse(out)
        expect(answer.errors).toBeUndefined()
        expect(answer.data.assetById).toMatchObject({kind: expect.any(String), grossRevenue: expect.any(String)})
        expect(answer.data.assetById.parentCount).toBeGreaterThan(0)
    })
})

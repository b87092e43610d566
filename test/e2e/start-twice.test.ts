import fs from 'fs'
import os from 'os'
import path from 'path'
import {createPublicClient, http, type Address} from 'viem'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {readManifest} from '../../src/config/manifest'
import {freePort} from '../../src/util/ports'
import {loadArtifacts} from '../../devnet/compile'
import {ROOT, runNode, type NodeChild} from '../../local/child'
import {waitFor} from '../helpers/processor'

/**
 * Start-up as a user meets it (issue 12): a second `npm start` in the same folder says where the
 * first one serves and exits 1 without touching it; `npm run reset` refuses while it runs; after
 * Ctrl-C a new start resumes the chain, the index and the simulated economy (no second seed
 * scenario: its ~23 showcase assets appear at once, live activity adds only a few per minute);
 * a configuration error is its one line, exit 2, no stack.
 */
describe('npm start twice, reset while running, restart', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sahara-start-twice-'))
    fs.chmodSync(dataDir, 0o755)
    let ports: Record<string, number>
    let first: NodeChild | undefined
    const children: NodeChild[] = []

    beforeAll(async () => {
        ports = {db: await freePort(), devnet: await freePort(), gql: await freePort(), metrics: await freePort()}
    })

    afterAll(async () => {
        for (const c of children) await c.stop('SIGINT', 60_000)
        fs.rmSync(dataDir, {recursive: true, force: true})
    })

    function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
        return {
            DATABASE_URL: '',
            DB_URL: '',
            RPC_URL: '',
            MANIFEST: '',
            DATA_DIR: dataDir,
            DB_PORT: String(ports.db),
            DEVNET_PORT: String(ports.devnet),
            GQL_PORT: String(ports.gql),
            PROCESSOR_PROMETHEUS_PORT: String(ports.metrics),
            VERBOSE: '',
            ...extra,
        }
    }

    function run(script: string, extra: NodeJS.ProcessEnv = {}, prefix = '[start] '): NodeChild {
        const child = runNode(path.join(ROOT, script), [], env(extra), {prefix, quiet: !process.env.VERBOSE, maxOutput: 5_000_000})
        children.push(child)
        return child
    }

    async function gql(query: string): Promise<any> {
        const res = await fetch(`http://127.0.0.1:${ports.gql}/graphql`, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify({query})})
        const body: any = await res.json()
        if (body.errors) throw new Error(JSON.stringify(body.errors))
        return body.data
    }

    async function untilBanner(child: NodeChild, what: string): Promise<void> {
        await waitFor(what, async () => {
            if (child.exitCode != null) throw new Error(`npm start exited early (${child.exitCode}):\n${child.output().slice(-3000)}`)
            return child.output().includes('Indexed height')
        }, 240_000)
    }

    const lines = (s: string) => s.split('\n').filter((l) => l.trim() !== '')
    const stackLines = (s: string) => s.split('\n').filter((l) => /^\s+at /.test(l))

    it('refuses a second start and a reset while running, and a restart resumes without a second seed', async () => {
        first = run('local/start-cli.ts')
        await untilBanner(first, 'the first banner')
        const lock = JSON.parse(fs.readFileSync(path.join(dataDir, 'instance.json'), 'utf8'))
        expect(lock).toMatchObject({pid: first.pid, graphqlUrl: `http://localhost:${ports.gql}/graphql`, rpcUrl: `http://127.0.0.1:${ports.devnet}`, dbPort: ports.db, ready: true})

        // A second start in the same folder: one line, exit 1, before any port is looked at.
        const second = run('local/start-cli.ts', {}, '[second] ')
        expect(await second.exited).toBe(1)
        const said = lines(second.output())
        expect(said).toEqual([
            `Sahara squid is already running in this folder (pid ${first.pid}, since ${lock.startedAt}): GraphQL at http://localhost:${ports.gql}/graphql. Stop it (Ctrl-C in its terminal, or kill ${first.pid}) first.`,
        ])
        expect(second.output()).not.toContain('in use')
        // ... and the first keeps serving, its lock untouched.
        expect((await gql('{ squidStatus { height } }')).squidStatus.height).toBeGreaterThanOrEqual(0)
        expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'instance.json'), 'utf8'))).toEqual(lock)

        // npm run reset refuses and deletes nothing.
        const before = fs.readdirSync(dataDir).sort()
        const reset = run('local/reset-cli.ts', {}, '[reset] ')
        expect(await reset.exited).toBe(1)
        expect(lines(reset.output())).toHaveLength(1)
        expect(reset.output()).toContain(`pid ${first.pid}`)
        expect(reset.output()).toContain('nothing in')
        expect(fs.readdirSync(dataDir).sort()).toEqual(before)
        for (const f of ['postgres/PG_VERSION', 'devnet/deployment.json', 'instance.json']) expect(fs.existsSync(path.join(dataDir, f))).toBe(true)
        expect((await gql('{ squidStatus { height } }')).squidStatus.height).toBeGreaterThanOrEqual(0)

        // Assets on the chain when the first run is stopped (the seed scenario's and a few live ones).
        const manifest = readManifest(path.join(dataDir, 'devnet', 'deployment.json'))
        const art = loadArtifacts()
        const chainAssets = async () =>
            Number(
                await createPublicClient({transport: http(`http://127.0.0.1:${ports.devnet}`)}).readContract({
                    address: manifest.contracts.AssetRegistry as Address,
                    abi: art.AssetRegistry.abi,
                    functionName: 'assetCount',
                }),
            )
        const assetsAtStop = await chainAssets()
        expect(assetsAtStop).toBeGreaterThanOrEqual(23)

        // Ctrl-C: a clean stop removes the lock.
        expect(await first.stop('SIGINT', 60_000)).toBe(0)
        expect(fs.existsSync(path.join(dataDir, 'instance.json'))).toBe(false)
        expect(fs.existsSync(path.join(dataDir, 'devnet', 'state.json'))).toBe(true)

        // A restart resumes the chain and the economy on it.
        const again = run('local/start-cli.ts', {}, '[again] ')
        await untilBanner(again, 'the banner after the restart')
        const out = again.output()
        expect(out).toContain('devnet: resumed')
        expect(out).not.toContain('devnet: deployed')
        const resumed = /simulator: resumed the economy at block (\d+): (\d+) assets/.exec(out)
        expect(resumed, out.slice(-3000)).not.toBeNull()
        const assetsAtResume = Number(resumed![2])
        // the state dumped at stop holds everything the first run made
        expect(assetsAtResume).toBeGreaterThanOrEqual(assetsAtStop)

        // Index past the chain head of the restart by the first live blocks (where a second seed
        // scenario would land), then count the indexed assets.
        const headAtResume = Number(resumed![1])
        await waitFor('the restart to index past the resumed head', async () => (await gql('{ squidStatus { height } }')).squidStatus.height >= headAtResume + 3, 120_000)
        const indexed = (await gql('{ assetsConnection(orderBy: id_ASC) { totalCount } }')).assetsConnection.totalCount
        // a second seed scenario would add its 23 showcase assets at once; live activity adds a few
        expect(indexed).toBeGreaterThanOrEqual(assetsAtResume)
        expect(indexed - assetsAtResume).toBeLessThan(23)
        expect((await chainAssets()) - assetsAtResume).toBeLessThan(23)
        expect(await again.stop('SIGINT', 60_000)).toBe(0)
        expect(fs.existsSync(path.join(dataDir, 'instance.json'))).toBe(false)
    }, 600_000)

    it('a configuration error is one line, exit 2, no stack trace, and touches nothing', async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sahara-config-'))
        fs.rmSync(dir, {recursive: true})
        try {
            const bad = run('local/start-cli.ts', {DB_PORT: 'abc', DATA_DIR: dir}, '[config] ')
            expect(await bad.exited).toBe(2)
            expect(lines(bad.output())).toEqual(['DB_PORT must be a port number 0-65535, got "abc"'])
            expect(stackLines(bad.output())).toEqual([])
            expect(fs.existsSync(dir)).toBe(false)
        } finally {
            fs.rmSync(dir, {recursive: true, force: true})
        }
    }, 60_000)
})

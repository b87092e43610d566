/** `npm run verify -- ...`: checks served figures against the chain (src/verify/cli.ts). */
import {verifyCli} from '../src/verify/cli'

verifyCli(process.argv.slice(2)).then(
    (code) => {
        process.exitCode = code
    },
    (e) => {
        console.error(`verify: ${e instanceof Error ? e.message : e}`)
        process.exitCode = 2
    },
)

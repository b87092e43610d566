// `npm run export`: answers --help from the compiled usage text (lib/, built by npm install) without
// loading TypeScript, so it is instant; anything else runs local/export-cli.ts through tsx.
const args = process.argv.slice(2)
if (args.includes('--help') || args.includes('-h')) {
    try {
        console.log(require('../lib/export/usage.js').EXPORT_USAGE)
        process.exit(0)
    } catch {
        // lib/ not built yet: the TypeScript path below answers it
    }
}
require('tsx/cjs/api').register()
require('./export-cli.ts')

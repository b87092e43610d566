/**
 * Workaround for a bug in src/devnet/deploy.ts (reported, not ours to edit): it builds its wallet
 * client with `chain: null` but calls `sendTransaction` without `chain`, and viem 2.57 then throws
 * `ChainNotFoundError` ("No chain was provided to the request"), so `useDevnet()` cannot deploy.
 * `vi.mock('viem', ...)` with this factory makes every wallet client's `sendTransaction` default to
 * `chain: null` (no chain assertion), which is what deploy.ts intends. Harmless once fixed.
 */
export function patchViem<T extends Record<string, any>>(viem: T): T {
    const createWalletClient = (opts: any) => {
        const w = viem.createWalletClient(opts)
        const send = w.sendTransaction
        w.sendTransaction = (args: any) => send({chain: null, ...args})
        return w
    }
    return {...viem, createWalletClient}
}

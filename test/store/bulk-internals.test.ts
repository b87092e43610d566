/**
 * The typeorm-store 1.5.1 internals src/store/bulk-write.ts relies on, checked against the
 * installed package: if one of these fails, typeorm-store changed and the bulk path (BULK_WRITES,
 * default on) would write without the hot-block change log or not at all. Set BULK_WRITES=0 and
 * adapt src/store/bulk-write.ts to the new Store / ChangeTracker / TypeormDatabase.
 */
import fs from 'fs'
import path from 'path'
import {Store} from '@subsquid/typeorm-store'
import {describe, expect, it} from 'vitest'
import {storeInternals} from '../../src/store/bulk-write'

const pkgDir = path.resolve('node_modules/@subsquid/typeorm-store')
const source = (file: string) => fs.readFileSync(path.join(pkgDir, 'lib', file), 'utf8')

describe('typeorm-store internals used by the bulk path', () => {
    it('is version 1.5.1 (pinned exactly in package.json)', () => {
        const version = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version
        expect(version, 'typeorm-store is no longer 1.5.1: re-read lib/store.js, lib/hot.js and lib/database.js and update src/store/bulk-write.ts').toBe('1.5.1')
        const pinned = JSON.parse(fs.readFileSync('package.json', 'utf8')).dependencies['@subsquid/typeorm-store']
        expect(pinned, 'package.json must pin @subsquid/typeorm-store exactly (src/store/bulk-write.ts reads its internals)').toBe('1.5.1')
    })

    it('Store keeps its EntityManager getter in `em` and its ChangeTracker in `changes`', () => {
        const em = {query: async () => [], connection: {}} as any
        const tracker = {trackUpsert: async () => {}, trackInsert: async () => {}}
        const cold = storeInternals(new Store(() => em))
        expect(cold.em).toBe(em)
        expect(cold.changes, 'a Store without a tracker (final blocks) must have no `changes`').toBeUndefined()
        const hot = storeInternals(new (Store as any)(() => em, tracker))
        expect(hot.changes, 'Store(em, changes): the second constructor argument is no longer the change tracker').toBe(tracker)
    })

    it('Store.upsert / insert record with changes.trackUpsert / trackInsert before writing, as the bulk path does', () => {
        const store = source('store.js')
        expect(store, 'Store.upsert no longer calls this.changes?.trackUpsert').toMatch(/this\.changes\?\.trackUpsert\(entityClass, e\)/)
        expect(store, 'Store.insert no longer calls this.changes?.trackInsert').toMatch(/this\.changes\?\.trackInsert\(entityClass, e\)/)
        expect(store, 'Store no longer stores (em, changes) as this.em / this.changes').toMatch(/constructor\(em, changes\) \{\s*this\.em = em;\s*this\.changes = changes;/)
    })

    it('ChangeTracker has trackUpsert(type, entities) and trackInsert(type, entities), and hot transactions pass one to the Store', () => {
        const hot = source('hot.js')
        expect(hot).toMatch(/trackInsert\(type, entities\) \{/)
        expect(hot).toMatch(/async trackUpsert\(type, entities\) \{/)
        const database = source('database.js')
        expect(database, 'transactHot2 no longer gives each hot block a ChangeTracker').toMatch(/performUpdates\(store => cb\(store, i, i \+ 1\), em, new hot_1\.ChangeTracker\(em, this\.statusSchema, b\.height\)\)/)
        expect(database, 'performUpdates no longer builds the Store as new Store(() => em, changeTracker)').toMatch(/new store_1\.Store\(\(\) => \{[\s\S]*?return em;\s*\}, changeTracker\)/)
    })

    it('refuses a Store without em() with a message that says what to do', () => {
        expect(() => storeInternals({} as Store)).toThrow(/typeorm-store changed .*BULK_WRITES=0/)
        expect(() => storeInternals(new (Store as any)(() => ({query: async () => [], connection: {}}), {}))).toThrow(/trackUpsert\/trackInsert/)
    })
})

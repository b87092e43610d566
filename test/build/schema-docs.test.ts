import fs from 'fs'
import path from 'path'
import {Kind, parse} from 'graphql'
import {describe, expect, it} from 'vitest'

const ROOT = path.resolve(__dirname, '../..')

describe('schema.graphql', () => {
    it('documents every entity and every field (the API reference is generated from it)', () => {
        const doc = parse(fs.readFileSync(path.join(ROOT, 'schema.graphql'), 'utf8'))
        const missing: string[] = []
        for (const def of doc.definitions) {
            if (def.kind === Kind.OBJECT_TYPE_DEFINITION) {
                if (!def.description) missing.push(def.name.value)
                for (const f of def.fields ?? []) if (!f.description) missing.push(`${def.name.value}.${f.name.value}`)
            }
            if (def.kind === Kind.ENUM_TYPE_DEFINITION && !def.description) missing.push(def.name.value)
        }
        expect(missing).toEqual([])
    })
})

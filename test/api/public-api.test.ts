// The package's public surface (`import … from 'h2harness'`, impl/index.ts)
// changes only on purpose: every exported name, value or type, is listed in
// public-api.golden, and the names a user of H2Event or ServerConnection
// meets in their types are all exported (no deep import needed).
import t from 'tap';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import * as api from '../../impl/index.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../../..');
const ENTRY = resolve(ROOT, 'impl/index.ts');
const GOLDEN = resolve(ROOT, 'test/api/public-api.golden');

const program = ts.createProgram([ENTRY], {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  skipLibCheck: true,
  noEmit: true,
  types: ['node'],
});
const checker = program.getTypeChecker();
const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(ENTRY)!)!;
const exported = checker.getExportsOfModule(moduleSymbol).map((e) => {
  const target = e.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(e) : e;
  return { name: e.name, kind: target.flags & ts.SymbolFlags.Value ? 'value' : 'type', target };
});

t.test('the exported names are the committed list', async (t) => {
  const lines = exported.map((e) => `${e.kind} ${e.name}`).sort();
  const golden = readFileSync(GOLDEN, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'));
  t.same(lines, golden, 'update test/api/public-api.golden when the change is on purpose');
});

t.test('the values exported at run time are the declared ones', async (t) => {
  const values = exported.filter((e) => e.kind === 'value').map((e) => e.name).sort();
  t.same(Object.keys(api).sort(), values);
});

/** Named types declared in impl/ that `type` mentions (through unions, aliases, arrays, properties one level down). */
function namedTypes(type: ts.Type, out: Set<ts.Symbol>, depth: number): void {
  if (depth > 3) return;
  const named = type.aliasSymbol ?? type.getSymbol();
  const decl = named?.declarations?.[0];
  if (named && decl && decl.getSourceFile().fileName.startsWith(resolve(ROOT, 'impl'))) {
    if (out.has(named)) return;
    if (named.flags & (ts.SymbolFlags.TypeAlias | ts.SymbolFlags.Interface | ts.SymbolFlags.Class | ts.SymbolFlags.Enum)) out.add(named);
  }
  if (type.isUnion() || type.isIntersection()) for (const u of type.types) namedTypes(u, out, depth);
  for (const a of type.aliasTypeArguments ?? []) namedTypes(a, out, depth + 1);
  if (type.flags & ts.TypeFlags.Object && (type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference) {
    for (const a of checker.getTypeArguments(type as ts.TypeReference)) namedTypes(a, out, depth + 1);
  }
  if (!named || named.flags & ts.SymbolFlags.TypeLiteral) {
    for (const p of type.getProperties()) {
      const decl = p.valueDeclaration ?? p.declarations?.[0];
      if (decl) namedTypes(checker.getTypeOfSymbolAtLocation(p, decl), out, depth + 1);
    }
  }
}

t.test('every named type an H2Event or a ServerConnection method mentions is exported', async (t) => {
  const exportedTargets = new Set(exported.map((e) => e.target));
  const seen = new Set<ts.Symbol>();
  const event = exported.find((e) => e.name === 'H2Event')!;
  namedTypes(checker.getDeclaredTypeOfSymbol(event.target), seen, 0);
  const conn = exported.find((e) => e.name === 'ServerConnection')!;
  for (const m of checker.getDeclaredTypeOfSymbol(conn.target).getProperties()) {
    const decl = m.valueDeclaration;
    if (!decl || m.name.startsWith('#')) continue;
    const type = checker.getTypeOfSymbolAtLocation(m, decl);
    for (const sig of type.getCallSignatures()) {
      for (const p of sig.getParameters()) namedTypes(checker.getTypeOfSymbolAtLocation(p, decl), seen, 0);
      namedTypes(sig.getReturnType(), seen, 0);
    }
    if (type.getCallSignatures().length === 0) namedTypes(type, seen, 0);
  }
  const missing = [...seen].filter((s) => !exportedTargets.has(s)).map((s) => s.name);
  t.same(missing, [], 'types users meet but cannot import');
  t.ok(seen.size >= 8, `found the types in use (${[...seen].map((s) => s.name).join(', ')})`);
});

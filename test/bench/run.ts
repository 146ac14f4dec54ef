import type { BenchResult } from './harness';
import { benchFoundation } from './foundation.bench';
import { benchImport } from './import.bench';
import { benchBoard } from './board.bench';
import { benchDocuments } from './documents.bench';
import { benchSync } from './sync.bench';
import { benchCli } from './cli.bench';
import { benchQueue } from './queue.bench';
import { benchXlsx } from './xlsx.bench';
import { benchPaste } from './paste.bench';

type Bench = { name: string; run: () => Promise<BenchResult[]> };

/** Every benchmark, in the order they print. Each measures its own baseline in the same run. */
const BENCHES: Bench[] = [{ name: 'foundation', run: benchFoundation }, { name: 'import', run: benchImport }, { name: 'board', run: benchBoard }, { name: 'documents', run: benchDocuments }, { name: 'sync', run: benchSync }, { name: 'cli', run: benchCli }, { name: 'queue', run: benchQueue }, { name: 'xlsx', run: benchXlsx }, { name: 'paste', run: benchPaste }];

function fmt(n: number): string {
  return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}

const only = process.argv.slice(2);
let failed = 0;
for (const bench of BENCHES.filter((b) => only.length === 0 || only.includes(b.name))) {
  for (const r of await bench.run()) {
    const verdict = r.met === undefined ? '' : r.met ? '  ok' : '  MISSED';
    if (r.met === false) failed++;
    console.log(`${bench.name}: ${r.name}: ${fmt(r.value)} ${r.unit} (baseline ${fmt(r.baseline)} ${r.unit}, ratio ${r.ratio.toFixed(2)}${r.target ? `, target ${r.target}` : ''})${verdict}`);
  }
}
if (failed > 0) console.log(`${failed} figure(s) missed their target`);

/**
 * Offline calibration: fits the score models on GENERATED training cases and writes calibration.json.
 *
 *   node --import tsx desk/forensics/calibrate.ts            (≈ 10 min on 2 shared cores)
 *   CAL_AUTHORITIES=40 CAL_WRITERS=48 node --import tsx desk/forensics/calibrate.ts
 *
 * Training seeds are authorities / writers 0 … N−1 (stamps: plus CAL_EXTRA_BLACK black-ink seals after
 * them, see stampAuthorities), all below HELD_OUT_BASE; the benchmark evaluates
 * on seeds from HELD_OUT_BASE up, which calibration never sees. Real signatures (BHSig) are never
 * used here. Band thresholds come from out-of-fold scores (5 folds grouped by authority / writer):
 * "consistent" where at most 2 % of forgeries score as high, "inconsistent" where at most 2 % of
 * genuine marks score as low.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HELD_OUT_BASE, signatureCaseRows, stampCaseRows, type SignatureCaseClass, type StampCaseClass } from './dataset.ts';
import { sealSpec } from './synth/seals.ts';
import { auc, eer, fitLogistic } from './logistic.ts';
import { scoreWith, signatureFeatures, stampFeatures, type Model, type SignatureSummary } from './verify.ts';
import type { StampMeasures } from './measures.ts';

const here = dirname(fileURLToPath(import.meta.url));
const LAMBDA = 1;

export const STAMP_TRAIN_MIX: Partial<Record<StampCaseClass, number>> = {
  genuine: 3,
  reengraved: 1,
  wrong_diameter: 1,
  other_authority: 1,
  printed_copy: 1,
  pasted_copy: 1,
};
export const SIGNATURE_TRAIN_MIX: Partial<Record<SignatureCaseClass, number>> = { genuine: 3, simulated_signature: 2, other_signer: 1 };

/**
 * The stamp authorities calibration measures: 0 … n−1, plus the first `extraBlack` black-ink seals
 * after them (still training seeds). Black ink is one seal in nine and 0–47 hold a single one, yet
 * black is where colour tells nothing: prints in black toner and black seals under black text.
 */
export function stampAuthorities(n: number, extraBlack: number): number[] {
  const out = Array.from({ length: n }, (_, a) => a);
  for (let a = n, k = 0; k < extraBlack && a < HELD_OUT_BASE; a++) if (sealSpec(a).ink === 'black') out.push(a), k++;
  return out;
}

interface Row {
  group: number;
  y: number;
  x: Record<string, number>;
  cls: string;
}

/** The main model and one expert per forgery class (each fitted on genuine vs that class). */
function fitWithExperts(features: string[], rows: Row[]): Model {
  const main = fitLogistic(features, rows.map((r) => r.x), rows.map((r) => r.y), LAMBDA);
  const experts: NonNullable<Model['experts']> = [];
  for (const cls of [...new Set(rows.filter((r) => r.y === 0).map((r) => r.cls))]) {
    const sub = rows.filter((r) => r.y === 1 || r.cls === cls);
    experts.push({ cls, ...fitLogistic(features, sub.map((r) => r.x), sub.map((r) => r.y), LAMBDA) });
  }
  return { ...main, experts, thresholds: { consistent: 85, inconsistent: 40 } };
}

function outOfFold(rows: Row[], features: string[], folds = 5): number[] {
  const out = new Array<number>(rows.length).fill(0);
  for (let f = 0; f < folds; f++) {
    const train = rows.filter((r) => r.group % folds !== f);
    const m = fitWithExperts(features, train);
    rows.forEach((r, i) => {
      if (r.group % folds === f) out[i] = scoreWith(m, r.x).p;
    });
  }
  return out;
}

function thresholds(scores: number[], rows: Row[]): { consistent: number; inconsistent: number } {
  const gen = scores.filter((_, i) => rows[i]!.y === 1).map((s) => s * 100).sort((a, b) => a - b);
  const forg = scores.filter((_, i) => rows[i]!.y === 0).map((s) => s * 100).sort((a, b) => a - b);
  // consistent: above the 98th percentile of forgeries; inconsistent: below the 2nd percentile of genuine
  let consistent = forg[Math.min(forg.length - 1, Math.ceil(forg.length * 0.98) - 1)] ?? 85;
  let inconsistent = gen[Math.max(0, Math.floor(gen.length * 0.02))] ?? 60;
  consistent = Math.min(97, Math.max(60, Math.ceil(consistent)));
  inconsistent = Math.max(3, Math.min(consistent - 10, Math.floor(inconsistent)));
  return { consistent, inconsistent };
}

function fitModel(name: string, rows: Row[]): { model: Model; report: Record<string, unknown> } {
  const features = Object.keys(rows[0]!.x);
  const fitted: Model = fitWithExperts(features, rows);
  const oof = outOfFold(rows, features);
  const pos = oof.filter((_, i) => rows[i]!.y === 1);
  const neg = oof.filter((_, i) => rows[i]!.y === 0);
  const perClass: Record<string, number> = {};
  for (const cls of new Set(rows.filter((r) => r.y === 0).map((r) => r.cls))) {
    perClass[cls] = +auc(pos, oof.filter((_, i) => rows[i]!.cls === cls)).toFixed(4);
  }
  const th = thresholds(oof, rows);
  const report = {
    cases: rows.length,
    genuine: pos.length,
    forgeries: neg.length,
    outOfFoldAuc: +auc(pos, neg).toFixed(4),
    outOfFoldEer: +eer(pos, neg).toFixed(4),
    outOfFoldAucPerClass: perClass,
  };
  process.stdout.write(`${name}: ${JSON.stringify(report)} thresholds ${JSON.stringify(th)}\n`);
  return { model: { ...fitted, thresholds: th }, report };
}

async function main(): Promise<void> {
  const nA = Number(process.env.CAL_AUTHORITIES ?? 48);
  const nBlack = Number(process.env.CAL_EXTRA_BLACK ?? 16);
  const authorities = stampAuthorities(nA, nBlack);
  const nW = Number(process.env.CAL_WRITERS ?? 48);
  const t0 = performance.now();
  const log = (s: string) => process.stdout.write(`${s}\n`);
  // raw measures of every case are cached (CAL_FROM_CACHE=1 refits from them in seconds, e.g. after
  // changing only a feature transform or the model); a changed MEASURE needs a full run
  const cacheFile = join(tmpdir(), `od-forensics-calibration-rows-${nA}+${nBlack}b-${nW}.json`);
  let rawStamp: { group: number; cls: string; raw: Record<string, number> }[] = [];
  let rawSig: { group: number; cls: string; summary: SignatureSummary }[] = [];
  // CAL_FROM_CACHE=1: both kinds from the cache; =stamp / =signature: that kind from the cache, the other measured again
  const fromCache = process.env.CAL_FROM_CACHE;
  if ((fromCache === '1' || fromCache === 'stamp' || fromCache === 'signature') && existsSync(cacheFile)) {
    ({ rawStamp, rawSig } = JSON.parse(readFileSync(cacheFile, 'utf8')) as { rawStamp: typeof rawStamp; rawSig: typeof rawSig });
    log(`rows from ${cacheFile}`);
  }
  if (fromCache !== '1' || !existsSync(cacheFile)) {
    if (fromCache !== 'stamp' || !rawStamp.length) {
      rawStamp = [];
      log(`stamps: ${authorities.length} authorities × ${JSON.stringify(STAMP_TRAIN_MIX)}`);
      // group = position in the list (the folds take every 5th)
      authorities.forEach((a, g) => {
        for (const r of stampCaseRows([a], STAMP_TRAIN_MIX)) rawStamp.push({ group: g, cls: r.cls, raw: r.raw });
        if ((g + 1) % 8 === 0) log(`  ${g + 1}/${authorities.length} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
      });
    }
    if (fromCache !== 'signature' || !rawSig.length) {
      rawSig = [];
      log(`signatures: ${nW} writers × ${JSON.stringify(SIGNATURE_TRAIN_MIX)}`);
      for (let w = 0; w < nW; w++) {
        for (const r of signatureCaseRows([w], SIGNATURE_TRAIN_MIX)) rawSig.push({ group: w, cls: r.cls, summary: r.summary });
        if ((w + 1) % 8 === 0) log(`  ${w + 1}/${nW} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
      }
    }
    writeFileSync(cacheFile, JSON.stringify({ rawStamp, rawSig }));
  }
  const stampRows: Row[] = rawStamp.map((r) => ({ group: r.group, y: r.cls === 'genuine' ? 1 : 0, x: stampFeatures(r.raw as unknown as StampMeasures), cls: r.cls }));
  const sigRows: Row[] = rawSig.map((r) => ({ group: r.group, y: r.cls === 'genuine' ? 1 : 0, x: signatureFeatures(r.summary), cls: r.cls }));
  const stamp = fitModel('stamp', stampRows);
  const signature = fitModel('signature', sigRows);
  const calibration = {
    version: 2,
    produced: {
      by: 'node --import tsx desk/forensics/calibrate.ts',
      date: new Date().toISOString().slice(0, 10),
      method: 'logistic regression (IRLS, L2 λ=1 on standardised features, classes balanced by weight) plus one genuine-vs-class expert per forgery class, score = the lowest of their probabilities; thresholds from 5-fold out-of-fold scores grouped by authority/writer',
      data: `generated only: stamp authorities 0–${nA - 1} and the ${nBlack} black-ink seals after them (${authorities.slice(nA).join(', ')}) with ${JSON.stringify(STAMP_TRAIN_MIX)} cases each; signature writers 0–${nW - 1} with ${JSON.stringify(SIGNATURE_TRAIN_MIX)} (4 references each); held-out seeds (≥ 10000) and real BHSig signatures never used`,
      scoreMeaning: 'probability (×100) that the mark is genuine, for an even mix of genuine marks and forgeries of the generated kinds',
      stamp: stamp.report,
      signature: signature.report,
      seconds: Math.round((performance.now() - t0) / 1000),
      ...(fromCache ? { rowsFromCache: fromCache === '1' ? 'stamp and signature rows from the cache' : `${fromCache} rows from the cache written by the full run of the same code, the other kind measured again` } : {}),
    },
    stamp: stamp.model,
    signature: signature.model,
  };
  writeFileSync(join(here, 'calibration.json'), `${JSON.stringify(calibration, null, 2)}\n`);
  log(`wrote ${join(here, 'calibration.json')} in ${calibration.produced.seconds} s`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();

/**
 * C/O authentication figures (stamps and signatures), measured on HELD-OUT generated cases (seeds
 * calibration never saw), on real signatures (BHSig subset, writer-independent: the model was never
 * fitted on any BHSig data), detection on generated pages, and timings.
 *
 *   node --import tsx bench/forensics.ts        (prints the figures; ~5 min on 2 shared cores)
 *   BENCH_ONLY=auth npm run bench                (the same through bench/run.ts, merged into results.json)
 *
 * `benchForensics()` returns the figures for bench/run.ts to merge into results.json.
 * FORENSICS_BENCH_SCALE (default 1) scales the number of cases.
 *
 * Baselines are measured in the same run: for the AUC/EER figures the plain correlation of the
 * aligned ink maps (what a naive overlay comparison gives), for 1:N the brute-force exact ranking
 * of all specimens (no descriptor index).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareMark, type PreparedMark } from '../desk/forensics/align.ts';
import {
  HELD_OUT_BASE,
  SIGNATURE_CASE_CLASSES,
  STAMP_CASE_CLASSES,
  signatureCaseRows,
  stampCase,
  stampCaseRows,
  type SignatureCaseClass,
  type StampCaseClass,
} from '../desk/forensics/dataset.ts';
import { detectMarks } from '../desk/forensics/extract.ts';
import { decodeRgb, iou } from '../desk/forensics/image.ts';
import { SpecimenIndex, identify, rerankScore, stampDescriptor, stampRerankBlob } from '../desk/forensics/library.ts';
import { auc, eer, fitLogistic, predict } from '../desk/forensics/logistic.ts';
import { renderDesign, sealSpec } from '../desk/forensics/synth/seals.ts';
import { generatePage } from '../desk/forensics/synth/page.ts';
import { loadCalibration, scoreWith, signatureFeatures, signatureSummary, verify } from '../desk/forensics/verify.ts';
import { R0, CANON } from '../desk/forensics/align.ts';
import { gray, type Gray } from '../desk/forensics/image.ts';
import type { Figure } from './report.ts';
import { median, round } from './stats.ts';

const here = dirname(fileURLToPath(import.meta.url));
const BHSIG = join(here, '..', '..', 'shared', 'data', 'signatures', 'bhsig260-subset');

export const FORGERY_FIGURES: Record<string, StampCaseClass | SignatureCaseClass> = {
  reengraved: 'reengraved',
  wrong_diameter: 'wrong_diameter',
  other_authority: 'other_authority',
  printed_copy: 'printed_copy',
  pasted_copy: 'pasted_copy',
  simulated_signature: 'simulated_signature',
  other_signer: 'other_signer',
};

const fig = (
  name: string,
  value: number | null,
  unit: string,
  target: number | null,
  better: 'higher' | 'lower',
  description: string,
  extra: Partial<Figure> = {},
): Figure => ({
  name,
  value: value === null || Number.isNaN(value) ? null : round(value, 4),
  unit,
  target,
  baseline: extra.baseline === undefined || extra.baseline === null || Number.isNaN(extra.baseline) ? null : round(extra.baseline, 4),
  better,
  description,
  ...extra,
});

/** Canonical image of a seal design straight from its vector drawing (cheap index entries). */
function designCanon(seed: number): { canon: Gray; sizeMm: number } {
  const spec = sealSpec(seed);
  const diag = Math.hypot(spec.wMm, spec.hMm) / 2;
  const radiusMm = spec.shape === 'round' ? spec.wMm / 2 : diag;
  const dpi = (R0 / radiusMm) * 25.4;
  const d = renderDesign(spec, dpi, 0);
  const canon = gray(CANON, CANON);
  const off = Math.round((d.w - CANON) / 2);
  for (let y = 0; y < CANON; y++) {
    for (let x = 0; x < CANON; x++) {
      const sx = x + off;
      const sy = y + off;
      if (sx >= 0 && sy >= 0 && sx < d.w && sy < d.h) canon.d[y * CANON + x] = d.d[sy * d.w + sx]!;
    }
  }
  return { canon, sizeMm: spec.shape === 'round' ? spec.wMm : 2 * diag };
}

/**
 * Real signatures (BHSig subset: 4 writers, 24 genuine + 30 skilled forgeries each), writer-independent
 * throughout. Each writer: the first 4 genuine signatures are the references, the other genuine and
 * all forgeries are questioned. Two scorers:
 *  - the generated-data model from calibration.json (never saw a BHSig image);
 *  - leave-one-writer-out: a logistic model on the same features fitted on the OTHER 3 writers'
 *    cases (never on the writer it scores), pooled over the 4 folds → auth.eer_real_signatures.
 * Baseline: the plain correlation of the aligned signatures.
 */
async function benchRealSignatures(scale: number): Promise<Figure[]> {
  const cal = loadCalibration();
  const lines = readFileSync(join(BHSIG, 'labels.csv'), 'utf8').trim().split('\n').slice(1);
  const items = lines.map((l) => {
    const [path, label, script, signerId, idx] = l.split(',');
    return { path: path!, label: label!, writer: `${script}-${signerId}`, idx: Number(idx) };
  });
  const writers = [...new Set(items.map((i) => i.writer))];
  const nQ = Math.max(8, Math.round(20 * scale));
  const rows: { writer: string; y: number; x: Record<string, number> }[] = [];
  for (const writer of writers) {
    const mine = items.filter((i) => i.writer === writer);
    const genuine = mine.filter((i) => i.label === 'genuine').sort((a, b) => a.idx - b.idx);
    const forged = mine.filter((i) => i.label === 'forged').sort((a, b) => a.idx - b.idx);
    const prep = async (p: string) => prepareMark(await decodeRgb(readFileSync(join(BHSIG, p))), { kind: 'signature', dpi: 300 });
    const refs: PreparedMark[] = [];
    for (const g of genuine.slice(0, 4)) refs.push(await prep(g.path));
    for (const g of genuine.slice(4, 4 + nQ)) rows.push({ writer, y: 1, x: signatureFeatures(signatureSummary(await prep(g.path), refs).summary) });
    for (const f of forged.slice(0, Math.round(nQ * 1.5))) rows.push({ writer, y: 0, x: signatureFeatures(signatureSummary(await prep(f.path), refs).summary) });
  }
  const features = Object.keys(rows[0]!.x);
  const lowo: number[] = rows.map(() => 0);
  const perWriter: Record<string, number> = {};
  for (const w of writers) {
    const train = rows.filter((r) => r.writer !== w);
    const m = fitLogistic(features, train.map((r) => r.x), train.map((r) => r.y), 1);
    rows.forEach((r, i) => {
      if (r.writer === w) lowo[i] = predict(m, r.x);
    });
    const mine = rows.map((r, i) => ({ r, s: lowo[i]! })).filter((o) => o.r.writer === w);
    perWriter[w] = round(eer(mine.filter((o) => o.r.y === 1).map((o) => o.s), mine.filter((o) => o.r.y === 0).map((o) => o.s)), 3);
  }
  const split = (scores: number[]) => [scores.filter((_, i) => rows[i]!.y === 1), scores.filter((_, i) => rows[i]!.y === 0)] as const;
  const [lp, ln] = split(lowo);
  const [gp, gn] = split(rows.map((r) => scoreWith(cal.signature, r.x).p));
  const [bp, bn] = split(rows.map((r) => r.x.corr ?? 0));
  const nG = rows.filter((r) => r.y === 1).length;
  return [
    fig(
      'auth.eer_real_signatures',
      eer(lp, ln),
      'rate',
      null,
      'lower',
      `BHSig260 subset, ${writers.length} writers, 4 genuine references each, ${nG} genuine vs ${rows.length - nG} skilled forgeries questioned; leave-one-writer-out logistic model on the signature measures (never fitted on the writer it scores); per-writer EER ${JSON.stringify(perWriter)}; baseline: plain correlation`,
      { baseline: eer(bp, bn) },
    ),
    fig('auth.auc_real_signatures', auc(lp, ln), 'AUC', null, 'higher', 'same real signatures and scorer, area under the ROC curve; baseline: plain correlation', { baseline: auc(bp, bn) }),
    fig(
      'auth.eer_real_signatures_generated_model',
      eer(gp, gn),
      'rate',
      null,
      'lower',
      'same real signatures scored by the calibrated model of calibration.json (fitted on generated signatures only, never on BHSig): how the shipped model transfers to real handwriting',
      { baseline: eer(bp, bn) },
    ),
  ];
}

export async function benchForensics(log: (s: string) => void = () => undefined): Promise<Figure[]> {
  const scale = Number(process.env.FORENSICS_BENCH_SCALE ?? 1);
  const nA = Math.max(4, Math.round(12 * scale));
  const nW = Math.max(4, Math.round(12 * scale));
  const figures: Figure[] = [];
  const cal = loadCalibration();
  const t0 = performance.now();

  // --- stamps, held out ------------------------------------------------------------------------
  log(`stamps: ${nA} held-out authorities`);
  const stampMix: Partial<Record<StampCaseClass, number>> = { genuine: 2, reengraved: 1, wrong_diameter: 1, other_authority: 1, printed_copy: 1, pasted_copy: 1 };
  const authorities = Array.from({ length: nA }, (_, i) => HELD_OUT_BASE + i);
  const sRows = stampCaseRows(authorities, stampMix).map((r) => ({ cls: r.cls, s: scoreWith(cal.stamp, r.x).p, b: r.raw.corr ?? 0 }));
  log(`  ${sRows.length} cases (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  // --- signatures, held out --------------------------------------------------------------------
  log(`signatures: ${nW} held-out writers`);
  const sigMix: Partial<Record<SignatureCaseClass, number>> = { genuine: 2, simulated_signature: 2, other_signer: 1 };
  const writers = Array.from({ length: nW }, (_, i) => HELD_OUT_BASE + i);
  const gRows = signatureCaseRows(writers, sigMix).map((r) => ({ cls: r.cls, s: scoreWith(cal.signature, r.x).p, b: r.x.corr ?? 0 }));
  log(`  ${gRows.length} cases (${((performance.now() - t0) / 1000).toFixed(0)} s)`);

  const all = [...sRows, ...gRows];
  // AUC/EER held out: each kind's genuine against its own forgeries, pooled
  const pos = all.filter((r) => r.cls === 'genuine').map((r) => r.s);
  const neg = all.filter((r) => r.cls !== 'genuine').map((r) => r.s);
  const bPos = all.filter((r) => r.cls === 'genuine').map((r) => r.b);
  const bNeg = all.filter((r) => r.cls !== 'genuine').map((r) => r.b);
  const baseNote = 'baseline: plain correlation of the aligned ink maps, same cases';
  figures.push(
    fig('auth.auc_heldout', auc(pos, neg), 'AUC', 0.99, 'higher', `genuine vs all forgery classes, stamps and signatures pooled, ${pos.length} genuine / ${neg.length} forged held-out generated cases; ${baseNote}`, {
      baseline: auc(bPos, bNeg),
    }),
  );
  figures.push(fig('auth.eer_heldout', eer(pos, neg), 'rate', null, 'lower', `equal error rate on the same held-out cases; ${baseNote}`, { baseline: eer(bPos, bNeg) }));
  const sPos = sRows.filter((r) => r.cls === 'genuine').map((r) => r.s);
  const gPos = gRows.filter((r) => r.cls === 'genuine').map((r) => r.s);
  for (const [name, cls] of Object.entries(FORGERY_FIGURES)) {
    const isSig = cls === 'simulated_signature' || cls === 'other_signer';
    const rows = isSig ? gRows : sRows;
    const negs = rows.filter((r) => r.cls === cls).map((r) => r.s);
    const p = isSig ? gPos : sPos;
    const bP = rows.filter((r) => r.cls === 'genuine').map((r) => r.b);
    const bN = rows.filter((r) => r.cls === cls).map((r) => r.b);
    figures.push(
      fig(`auth.auc.${name}`, auc(p, negs), 'AUC', 0.99, 'higher', `held-out genuine ${isSig ? 'signatures' : 'stamp impressions'} (${p.length}) vs ${cls} (${negs.length}); ${baseNote}`, {
        baseline: auc(bP, bN),
      }),
    );
  }
  // band check: share of held-out genuine called consistent and forgeries called inconsistent
  const th = cal.stamp.thresholds;
  const gCons = sPos.filter((s) => s * 100 >= th.consistent).length / Math.max(1, sPos.length);
  const fIncons = sRows.filter((r) => r.cls !== 'genuine' && r.s * 100 <= th.inconsistent).length / Math.max(1, sRows.length - sPos.length);
  figures.push(fig('auth.stamp_genuine_consistent_rate', gCons, 'rate', null, 'higher', `held-out genuine stamp impressions scored ≥ ${th.consistent} % (band "consistent")`));
  figures.push(fig('auth.stamp_forgery_inconsistent_rate', fIncons, 'rate', null, 'higher', `held-out stamp forgeries scored ≤ ${th.inconsistent} % (band "inconsistent")`));

  // --- real signatures (BHSig subset), writer-independent --------------------------------------
  if (existsSync(join(BHSIG, 'labels.csv'))) {
    log('BHSig: real signatures');
    figures.push(...(await benchRealSignatures(scale)));
    log(`  done (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  } else {
    figures.push({ ...fig('auth.eer_real_signatures', null, 'rate', null, 'lower', 'BHSig subset not found'), skipped: `missing ${BHSIG}` });
  }

  // --- detection on generated pages ------------------------------------------------------------
  log('detection: generated pages');
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const nPages = Math.max(6, Math.round(24 * scale));
  const variants = ['standard', 'standard', 'overlap', 'black_seal', 'none', 'standard'] as const;
  for (let i = 0; i < nPages; i++) {
    const page = generatePage(`bench-${HELD_OUT_BASE + i}`, { dpi: 200, variant: variants[i % variants.length] });
    const marks = await detectMarks(page.rgb, page.dpi);
    const used = new Set<number>();
    for (const t of page.marks) {
      let best = -1;
      let bi = 0;
      marks.forEach((m, j) => {
        if (m.kind !== t.kind || used.has(j)) return;
        const v = iou(m.box, t.box);
        if (v > bi) {
          bi = v;
          best = j;
        }
      });
      if (best >= 0 && bi >= 0.5) {
        tp++;
        used.add(best);
      } else fn++;
    }
    fp += marks.length - used.size;
  }
  figures.push(fig('detect.precision', tp / Math.max(1, tp + fp), 'rate', 0.9, 'higher', `stamps + signatures on ${nPages} generated C/O pages at 200 dpi (IoU ≥ 0.5)`));
  figures.push(fig('detect.recall', tp / Math.max(1, tp + fn), 'rate', 0.9, 'higher', `same pages: ${tp} found of ${tp + fn} true marks`));
  log(`  done (${((performance.now() - t0) / 1000).toFixed(0)} s)`);

  // --- timings ---------------------------------------------------------------------------------
  log('timing: verify');
  const verifyMs: number[] = [];
  const nT = Math.max(5, Math.round(9 * scale));
  for (let i = 0; i < nT; i++) {
    const c = stampCase(HELD_OUT_BASE + 500 + i, 'genuine', 0);
    const specimen = prepareMark(c.specimen.rgb, { kind: 'stamp', dpi: c.specimen.dpi });
    const t = performance.now();
    const q = prepareMark(c.query.rgb, { kind: 'stamp', dpi: c.query.dpi });
    verify(q, [specimen]);
    verifyMs.push(performance.now() - t);
  }
  figures.push(fig('auth.verify_ms_median', median(verifyMs), 'ms', 300, 'lower', `prepare + verify of one questioned stamp crop against a prepared specimen (${nT} runs)`, { samples: verifyMs.map((v) => round(v, 1)) }));

  log('timing: identify among 10 000');
  const index = new SpecimenIndex();
  const blobs = new Map<string, Float32Array>();
  const N = 10_000;
  const tIdx = performance.now();
  for (let i = 0; i < N; i++) {
    const { canon, sizeMm } = designCanon(HELD_OUT_BASE + 1000 + i);
    index.add(`S${i}`, stampDescriptor(canon), { kind: 'stamp', sizeMm, ink: 'red' });
    blobs.set(`S${i}`, stampRerankBlob(canon));
  }
  log(`  index of ${N} built in ${((performance.now() - tIdx) / 1000).toFixed(0)} s`);
  const idMs: number[] = [];
  let top1 = 0;
  const nQ = Math.max(5, Math.round(10 * scale));
  for (let i = 0; i < nQ; i++) {
    const target = (i * 997) % N;
    const c = stampCase(HELD_OUT_BASE + 1000 + target, 'genuine', 1);
    const q = prepareMark(c.query.rgb, { kind: 'stamp', dpi: c.query.dpi });
    const t = performance.now();
    const cands = await identify(q, index, (id) => blobs.get(id) ?? null, 10);
    idMs.push(performance.now() - t);
    if (cands[0]?.id === `S${target}`) top1++;
  }
  // baseline: brute-force exact ranking (the re-rank score against every specimen, no index)
  const bruteMs: number[] = [];
  let bruteTop1 = 0;
  const blobList = [...blobs.entries()];
  for (let i = 0; i < Math.min(3, nQ); i++) {
    const target = (i * 997) % N;
    const c = stampCase(HELD_OUT_BASE + 1000 + target, 'genuine', 1);
    const q = prepareMark(c.query.rgb, { kind: 'stamp', dpi: c.query.dpi });
    const t = performance.now();
    const qb = stampRerankBlob(q.canon);
    let best = '';
    let bs = -Infinity;
    for (const [id, blob] of blobList) {
      const v = rerankScore(qb, blob);
      if (v > bs) {
        bs = v;
        best = id;
      }
    }
    bruteMs.push(performance.now() - t);
    if (best === `S${target}`) bruteTop1++;
  }
  figures.push(
    fig('auth.identify_10k_ms_median', median(idMs), 'ms', 200, 'lower', `1:N search of a prepared questioned stamp among ${N} specimens: descriptor pass + exact re-rank of the top 10 (${nQ} queries); baseline: brute-force exact ranking of all ${N} (top-1 ${bruteTop1}/${bruteMs.length})`, {
      samples: idMs.map((v) => round(v, 1)),
      baseline: median(bruteMs),
    }),
  );
  figures.push(fig('auth.identify_top1', top1 / nQ, 'rate', null, 'higher', `the true specimen ranked first among ${N} (${nQ} genuine field impressions)`, { baseline: bruteTop1 / Math.max(1, bruteMs.length) }));
  log(`total ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return figures;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const figures = await benchForensics((s) => process.stdout.write(`${s}\n`));
  for (const f of figures) process.stdout.write(`${f.name.padEnd(40)} ${String(f.value).padStart(10)} ${f.unit.padEnd(5)} target ${String(f.target ?? '—').padEnd(5)} baseline ${String(f.baseline ?? '—').padEnd(8)} ${f.description ?? ''}\n`);
}

export { STAMP_CASE_CLASSES, SIGNATURE_CASE_CLASSES };

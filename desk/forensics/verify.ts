/**
 * Verification: a questioned mark against the specimen(s) on record → one calibrated score (0–100 %),
 * a verdict band and the reasons, in plain words, that drove it.
 *
 * The score is a logistic regression over the evidence measures (measures.ts), fitted offline on
 * generated genuine-versus-forgery cases (calibrate.ts → calibration.json) so a percentage means the
 * same on every document: the probability that the mark is genuine under the calibration set's
 * balanced mix of genuine impressions and forgeries. Quality checks run first: a specimen or query
 * too poor to compare gives an explicit outcome instead of a confident number.
 */
import calibrationJson from './calibration.json' with { type: 'json' };
import { align, prepareFromMap, prepareGuided, prepareMark, type Alignment, type PreparedMark } from './align.ts';
import { nearDuplicate, printOcclusion, signatureMeasures, stampMeasures, strokeStatsOf, type SignatureMeasures, type StampMeasures } from './measures.ts';

// ---------------------------------------------------------------------------
// Calibration

export interface Model {
  features: string[];
  mean: number[];
  std: number[];
  coef: number[];
  intercept: number;
  thresholds: { consistent: number; inconsistent: number };
  /**
   * One-vs-genuine models, one per forgery class (same features): a forgery betrayed by one strong
   * cue (another ink, the wrong size) should not be averaged away by the cues it passes. The score
   * is the lowest of the main model's and the experts' probabilities.
   */
  experts?: { cls: string; features: string[]; mean: number[]; std: number[]; coef: number[]; intercept: number }[];
}

export interface Calibration {
  version: number;
  produced: Record<string, unknown>;
  stamp: Model;
  signature: Model;
}

let cached: Calibration | null = null;
/** The shipped calibration, bundled with the code (the packaged app has no file beside this module). */
export function loadCalibration(): Calibration {
  cached ??= calibrationJson as unknown as Calibration;
  return cached;
}

export function scoreWith(model: Model, x: Record<string, number>): { p: number; contributions: Record<string, number> } {
  let z = model.intercept;
  const contributions: Record<string, number> = {};
  model.features.forEach((f, i) => {
    const v = ((x[f] ?? model.mean[i]!) - model.mean[i]!) / (model.std[i]! || 1);
    const c = model.coef[i]! * v;
    contributions[f] = c;
    z += c;
  });
  let p = 1 / (1 + Math.exp(-z));
  for (const e of model.experts ?? []) {
    let t = e.intercept;
    e.features.forEach((f, i) => {
      t += e.coef[i]! * (((x[f] ?? e.mean[i]!) - e.mean[i]!) / (e.std[i]! || 1));
    });
    p = Math.min(p, 1 / (1 + Math.exp(-t)));
  }
  return { p, contributions };
}

// ---------------------------------------------------------------------------
// Feature vectors (what the model sees)

/**
 * What the stamp model sees. Cues that genuine impressions never show (a size mismatch, another
 * ink, pixel identity) enter as hinges — zero within genuine variation, growing beyond — so their
 * noise does not blur the rest; stroke distances are scaled by the query's pixel size (a 150-dpi
 * scan cannot place strokes as precisely as a 600-dpi one).
 */
export function stampFeatures(m: StampMeasures): Record<string, number> {
  const pxNoise = 0.3 + (0.5 * 120) / Math.max(20, m.queryRadiusPx); // one native pixel, in canonical px
  return {
    corr: m.corr,
    fscore: m.fscore,
    chamferQS: Math.log((m.chamferQS * 120) / pxNoise + 0.05),
    chamferSQ: Math.log((m.chamferSQ * 120) / pxNoise + 0.05),
    extraInk: Math.sqrt(m.extraInk),
    worstSector: Math.sqrt(m.worstSector),
    radialDiff: m.radialDiff,
    sizeHinge: Math.max(0, Math.min(0.2, m.sizeLog) - 0.012) * 20,
    colourHinge: Math.max(0, Math.min(40, m.colourDiff) - 4) / 4,
    // (no ink patch to take a spectrum of gives log10 of ~0: no evidence of dots either way)
    halftone: Math.max(0, m.halftone),
    cvLog: m.cvLog,
    coreFlat: Math.max(0, Math.log(0.09) - (m.coreCvLog ?? 0)),
    grainLog: Math.log(m.grain + 0.01),
    poolingDelta: m.poolingDelta,
    specks: Math.sqrt(m.specks),
    dupHinge: Math.max(0, m.duplicate - 0.4) * 2,
  };
}

export interface SignatureSummary {
  measures: SignatureMeasures;
  /** The same measures between the references themselves (the writer's own variation). */
  referenceSpread: SignatureMeasures | null;
  /** The closest reference per measure (highest correlation, smallest distances): several references, best match. */
  nearest?: { corr: number; chamfer: number; hogDist: number; profileDtw: number; dirDist: number };
}

export function signatureFeatures(s: SignatureSummary): Record<string, number> {
  const m = s.measures;
  const r = s.referenceSpread;
  const n = s.nearest;
  return {
    corr: m.corr,
    corrRel: r ? m.corr - r.corr : 0,
    chamferQS: Math.log(m.chamferQS + 0.2),
    chamferSQ: Math.log(m.chamferSQ + 0.2),
    chamferRel: r ? Math.log((m.chamferQS + m.chamferSQ + 0.4) / (r.chamferQS + r.chamferSQ + 0.4)) : 0,
    hogDist: m.hogDist,
    hogRel: r ? m.hogDist - r.hogDist : 0,
    aspectLog: m.aspectLog,
    widthLog: m.widthLog,
    roughnessDelta: m.roughnessDelta,
    endingsDelta: m.endingsDelta,
    piecesLog: m.piecesLog,
    scaleLog: Math.min(0.7, m.scaleLog),
    profileDtw: m.profileDtw ?? 0,
    profileRel: r && m.profileDtw !== undefined ? Math.log((m.profileDtw + 0.05) / (r.profileDtw + 0.05)) : 0,
    dirDist: Math.sqrt(m.dirDist ?? 0),
    dirRel: r && m.dirDist !== undefined ? Math.log((m.dirDist + 0.002) / (r.dirDist + 0.002)) : 0,
    gridDist: Math.sqrt(m.gridDist ?? 0),
    gridRel: r && m.gridDist !== undefined ? Math.log((m.gridDist + 0.005) / (r.gridDist + 0.005)) : 0,
    nearCorr: n ? n.corr - m.corr : 0,
    nearChamfer: n ? Math.log((n.chamfer + 0.4) / (m.chamferQS + m.chamferSQ + 0.4)) : 0,
    nearHog: n ? n.hogDist - m.hogDist : 0,
    nearDtw: n ? n.profileDtw : m.profileDtw ?? 0,
    nearDir: n ? Math.sqrt(n.dirDist) : Math.sqrt(m.dirDist ?? 0),
  };
}

// ---------------------------------------------------------------------------
// Quality

/**
 * One thing the quality check found wrong: a code (`low_dpi`, `too_small`, `too_short`,
 * `too_little_ink`, `blurred`, `noisy`, `incomplete_rim`), the values it quotes (formatted as in
 * the sentence) with `mark: 'specimen' | 'query'`, and the desk's English sentence. The UI words
 * it in the examiner's language (`auth.quality.<code>.<mark>`).
 */
export interface QualityIssue {
  code: string;
  text: string;
  params: Record<string, string | number>;
}

export interface Quality {
  ok: boolean;
  issues: QualityIssue[];
  metrics: { dpi: number; sizePx: number; inkShare: number; solidShare: number; noise: number; coverage: number };
}

/** Whether a mark is good enough to compare: resolution, size, ink, sharpness, noise, completeness. */
export function assessQuality(m: PreparedMark, role: 'specimen' | 'query'): Quality {
  let ink = 0;
  let solid = 0;
  let partial = 0;
  const cd = m.canon.d;
  const md = m.map.d;
  for (let i = 0; i < cd.length; i++) if (cd[i]! >= 0.35) ink++;
  for (let i = 0; i < md.length; i++) {
    const v = md[i]!;
    if (v >= 0.6) solid++;
    else if (v >= 0.15) partial++;
  }
  // sensor noise: differences between horizontal neighbours on bare paper (robust: print and ink
  // nearby are excluded by brightness, the median ignores the rest); σ ≈ median|Δ| / (0.6745·√2)
  const rd = m.rgb.d; // (local alias and inlined luminance: this scans the whole native crop)
  let bright = 0;
  for (let i = 0; i < m.rgb.w * m.rgb.h; i += 13) bright = Math.max(bright, (rd[i * 3]! + rd[i * 3 + 1]! + rd[i * 3 + 2]!) / 3);
  const diffs = new Uint32Array(256);
  let nd = 0;
  for (let y = 0; y < m.rgb.h; y += 3) {
    for (let x = 0; x < m.rgb.w - 1; x += 3) {
      const i = y * m.rgb.w + x;
      const a = (rd[i * 3]! + rd[i * 3 + 1]! + rd[i * 3 + 2]!) / 3;
      const b = (rd[i * 3 + 3]! + rd[i * 3 + 4]! + rd[i * 3 + 5]!) / 3;
      if (a < bright - 40 || b < bright - 40) continue;
      const k = Math.min(255, Math.round(Math.abs(a - b)));
      diffs[k] = diffs[k]! + 1;
      nd++;
    }
  }
  let medDiff = 0;
  for (let k = 0, acc = 0; k < 256; k++) {
    acc += diffs[k]!;
    if (acc >= nd / 2) {
      medDiff = k;
      break;
    }
  }
  const noise = nd > 50 ? medDiff / (0.6745 * Math.SQRT2) : 0;
  const sizePx = m.kind === 'stamp' ? 2 * m.outline.radius : Math.min(m.outline.rectW, m.outline.rectH);
  const metrics = {
    dpi: m.dpi,
    sizePx,
    inkShare: ink / m.canon.d.length,
    solidShare: solid + partial > 0 ? solid / (solid + partial) : 0,
    noise,
    coverage: m.outline.shape === 'round' ? m.outline.coverage : 1,
  };
  const issues: QualityIssue[] = [];
  const what = role === 'specimen' ? 'specimen' : 'questioned mark';
  const issue = (code: string, params: Record<string, string | number>, text: string) => issues.push({ code, params: { mark: role, ...params }, text: `${what} ${text}` });
  if (m.dpi < 100) {
    const dpi = fmt(m.dpi, 0);
    issue('low_dpi', { dpi }, `scanned at ${dpi} dpi (at least 100 dpi needed, 300 recommended)`);
  }
  const minPx = m.kind === 'stamp' ? 120 : 30;
  if (sizePx < minPx) {
    const px = fmt(sizePx, 0);
    if (m.kind === 'stamp') issue('too_small', { px, min: minPx }, `only ${px} px across (at least ${minPx} px needed)`);
    else issue('too_short', { px, min: minPx }, `only ${px} px high (at least ${minPx} px needed)`);
  }
  if (metrics.inkShare < (m.kind === 'stamp' ? 0.02 : 0.01)) {
    const share = fmt(metrics.inkShare * 100, 1);
    issue('too_little_ink', { share }, `has too little ink to compare (${share} % of its area)`);
  }
  if (metrics.solidShare < 0.2) {
    const solid = fmt(metrics.solidShare * 100, 0);
    issue('blurred', { solid }, `is blurred or washed out (only ${solid} % of its ink is solid)`);
  }
  if (noise > 12) {
    const sigma = fmt(noise, 0);
    issue('noisy', { sigma }, `is very noisy (sensor noise σ ≈ ${sigma} grey levels)`);
  }
  if (role === 'specimen' && m.kind === 'stamp' && m.outline.shape === 'round' && metrics.coverage < 0.5) {
    const coverage = fmt(metrics.coverage * 100, 0);
    issue('incomplete_rim', { coverage }, `is incomplete (only ${coverage} % of its rim printed)`);
  }
  return { ok: issues.length === 0, issues, metrics };
}

// ---------------------------------------------------------------------------
// Verdicts

export type Band = 'consistent' | 'inconclusive' | 'inconsistent';
export type Outcome = 'scored' | 'specimen_quality_too_low' | 'query_quality_too_low' | 'not_comparable';

export interface OnRecord {
  id: string;
  mark: PreparedMark;
}

export interface Verdict {
  outcome: Outcome;
  /** Calibrated 0–100 %, null unless scored. */
  score: number | null;
  band: Band | null;
  reasons: Reason[];
  /** Raw measures (for the examiner's table and the PDF report). */
  measures: Record<string, number>;
  /** The model's per-measure contributions to the log-odds (negative = towards forgery). */
  contributions: Record<string, number>;
  quality: { specimen: Quality; query: Quality };
  alignment: { rotationDeg: number; scale: number; physicalScale: number; correlation: number } | null;
  /** Index of the specimen the query was compared with (stamps: the best-aligned one). */
  specimenIndex: number;
  /** An impression on record the query is a digital copy of. */
  duplicateOf: string | null;
  /** Internal: the alignment, for evidence images. */
  aligned?: Alignment;
}

export interface VerifyOptions {
  /** Other impressions of the same seal on record (copy-paste check). */
  onRecord?: OnRecord[];
  calibration?: Calibration;
}

function bandOf(score: number, m: Model): Band {
  if (score >= m.thresholds.consistent) return 'consistent';
  if (score <= m.thresholds.inconsistent) return 'inconsistent';
  return 'inconclusive';
}

const CLOCK_WORDS = ['top', 'upper-right', 'upper-right', 'right', 'lower-right', 'lower-right', 'bottom', 'lower-left', 'lower-left', 'left', 'upper-left', 'upper-left'];
function clockWord(clock: number): string {
  return CLOCK_WORDS[Math.floor(((clock % 12) + 12) % 12)]!;
}

const fmt = (v: number, d = 2) => v.toFixed(d);

/**
 * One reason behind a verdict: the desk's English sentence, and a code with the values it quotes
 * (already formatted) so the UI can word it in the examiner's language.
 */
export interface Reason {
  code: string;
  text: string;
  params?: Record<string, string | number>;
  /** The quality issues a `*_quality_too_low` reason quotes (`params.issues`: their English sentences joined). */
  issues?: QualityIssue[];
}

type Weighted = Reason & { w: number };

function stampReasons(m: StampMeasures, c: Record<string, number>, band: Band, dup: string | null): Reason[] {
  const out: Weighted[] = [];
  const neg = (f: string) => -(c[f] ?? 0);
  const add = (w: number, code: string, params: Record<string, string | number>, text: string) => out.push({ w, code, params, text });
  if (m.duplicate >= 0.8) {
    const p = { source: dup ?? 'on record', identity: fmt(m.duplicate * 100, 0) };
    add(100, 'stamp.pixel_copy', p, `pixel-identical to impression ${p.source} (${p.identity} % identity): a digital copy, not a new impression — real impressions always differ in ink grain`);
  }
  const sizes = { query: fmt(m.queryMm, 1), specimen: fmt(m.specimenMm, 1) };
  if (m.sizeLog > 0.015) {
    const p = { ...sizes, percent: fmt((Math.exp(m.sizeLog) - 1) * 100, 1) };
    const larger = m.queryMm > m.specimenMm;
    add(10 + neg('sizeHinge'), larger ? 'stamp.size_larger' : 'stamp.size_smaller', p, `diameter ${p.query} mm vs ${p.specimen} mm on the specimen (${p.percent} % ${larger ? 'larger' : 'smaller'})`);
  }
  if (m.worstSectorAt && m.worstSector > 0.05) {
    const p = { where: clockWord(m.worstSectorAt.clock), clock: Math.round(m.worstSectorAt.clock) % 12 || 12, share: fmt(m.worstSector * 100, 0) };
    const ring = m.worstSectorAt.band === 'ring';
    add(
      neg('worstSector') + neg('extraInk'),
      ring ? 'stamp.ring_glyphs_differ' : 'stamp.centre_differs',
      p,
      `${ring ? `ring text glyphs differ in the ${p.where} arc` : `centre design differs (${p.where} part)`}: ${p.share} % of the ink there lies off the specimen's strokes`,
    );
  }
  if (m.corr < 0.75) add(neg('corr') + neg('fscore'), 'stamp.design_differs', { corr: fmt(m.corr) }, `overall design does not match the specimen (ink correlation ${fmt(m.corr)} after alignment)`);
  else if (neg('chamferQS') > 0.3) {
    const mm = fmt(m.chamferQS * 120 * (m.specimenMm / 2 / 120), 2);
    add(neg('chamferQS'), 'stamp.strokes_off', { mm }, `strokes sit on average ${mm} mm from the specimen's (genuine impressions stay closer)`);
  }
  if (m.halftone > 2.3 && neg('halftone') > 0.2) {
    const peak = fmt(10 ** m.halftone, 0);
    add(neg('halftone'), 'stamp.halftone', { peak }, `regular dot pattern in the ink (spectral peak ${peak}× the background): printed, not stamped`);
  }
  if (m.colourDiff > 7 && neg('colourHinge') > 0.2) {
    const degrees = fmt(m.colourDiff, 0);
    add(neg('colourHinge'), 'stamp.ink_colour', { degrees }, `ink colour differs from the specimen's (${degrees}° apart in colour space): another ink or a print`);
  }
  if (neg('coreFlat') > 0.3) {
    const variation = fmt(Math.max(0, Math.exp(m.coreCvLog) - 0.02) * 100, 0);
    add(neg('coreFlat'), 'stamp.flat_cores', { variation }, `ink inside the strokes is flat and even (density variation ${variation} %), as printed or photocopied rather than stamped`);
  }
  if (neg('grainLog') > 0.3) {
    const grain = fmt(m.grain * 100, 1);
    add(neg('grainLog'), 'stamp.no_grain', { grain }, `no ink grain inside the strokes (density grain ${grain} % between points 0.17 mm apart): flat like a print or a copy, a rubber stamp leaves grainy ink`);
  }
  if (neg('cvLog') > 0.3) {
    const flat = m.cvLog < 0;
    add(neg('cvLog'), flat ? 'stamp.ink_too_even' : 'stamp.ink_too_uneven', {}, `ink density ${flat ? 'unusually flat and uniform (no uneven inking)' : 'unusually uneven'} compared with the specimen`);
  }
  if (neg('specks') > 0.3) {
    const share = fmt(m.specks * 100, 1);
    add(neg('specks'), 'stamp.specks', { share }, `isolated specks around the strokes (${share} % of the ink), as toner scatter`);
  }
  if (neg('radialDiff') > 0.4) add(neg('radialDiff'), 'stamp.rings_differ', { diff: fmt(m.radialDiff) }, `ring positions or widths differ from the specimen's (radial profile difference ${fmt(m.radialDiff)})`);
  if (band === 'consistent') {
    const p = { corr: fmt(m.corr), within: fmt(m.fscore * 100, 0) };
    add(1, 'stamp.strokes_match', p, `strokes match the specimen after alignment (ink correlation ${p.corr}, ${p.within} % of the ink within 1.5 px)`);
    if (m.sizeLog <= 0.015) add(0.9, 'stamp.size_same', sizes, `diameter ${sizes.query} mm vs ${sizes.specimen} mm on the specimen`);
  }
  if (m.printIgnored > 0.05) {
    const share = fmt(m.printIgnored * 100, 0);
    add(0.6, 'stamp.print_ignored', { share }, `${share} % of the ink inside the seal is the document's print running through it (its rows continue beyond the rim): not held against the impression`);
  }
  if (m.missingInk > 0.3) {
    const share = fmt(m.missingInk * 100, 0);
    add(0.5, 'stamp.faint', { share }, `${share} % of the specimen's strokes are faint or missing (light or partial impression): judged on the rest`);
  }
  return top(out);
}

function signatureReasons(s: SignatureSummary, c: Record<string, number>, band: Band, q: PreparedMark): Reason[] {
  const m = s.measures;
  const out: Weighted[] = [];
  const neg = (f: string) => -(c[f] ?? 0);
  const add = (w: number, code: string, params: Record<string, string | number>, text: string) => out.push({ w, code, params, text });
  if (neg('corr') + neg('corrRel') + neg('chamferRel') > 0.5) {
    const p = { corr: fmt(m.corr), refs: s.referenceSpread ? fmt(s.referenceSpread.corr) : '' };
    add(
      neg('corr') + neg('corrRel') + neg('chamferRel'),
      s.referenceSpread ? 'signature.layout_differs_refs' : 'signature.layout_differs',
      p,
      `stroke layout differs from the reference signatures more than they differ from each other (correlation ${p.corr}${s.referenceSpread ? ` vs ${p.refs} among references` : ''})`,
    );
  }
  if (neg('hogDist') + neg('hogRel') > 0.4) add(neg('hogDist') + neg('hogRel'), 'signature.directions', { dist: fmt(m.hogDist) }, `stroke directions differ (direction-histogram distance ${fmt(m.hogDist)})`);
  if (neg('roughnessDelta') > 0.3) {
    const shaky = m.roughnessDelta > 0;
    add(neg('roughnessDelta'), shaky ? 'signature.tremor' : 'signature.smoother', {}, shaky ? 'tremulous, wavering strokes (slow, drawn rather than written)' : 'smoother strokes than the references');
  }
  if (neg('widthLog') > 0.3) {
    const mm = fmt(strokeStatsOf(q).widthMm, 2);
    const thicker = m.widthLog > 0;
    add(neg('widthLog'), thicker ? 'signature.line_thicker' : 'signature.line_thinner', { mm }, `pen line ${thicker ? 'thicker' : 'thinner'} than in the references (${mm} mm)`);
  }
  if (neg('endingsDelta') > 0.3) {
    const blunt = m.endingsDelta > 0;
    add(neg('endingsDelta'), blunt ? 'signature.blunt_endings' : 'signature.endings', {}, blunt ? 'blunt, blobbed stroke endings (the pen stopped before lifting)' : 'stroke endings differ');
  }
  if (neg('piecesLog') > 0.3) {
    const more = m.piecesLog > 0;
    add(neg('piecesLog'), more ? 'signature.more_lifts' : 'signature.fewer_lifts', {}, more ? 'more pen lifts or breaks than in the references' : 'fewer pen lifts than in the references');
  }
  if (neg('aspectLog') > 0.3) {
    const percent = fmt((Math.exp(m.aspectLog) - 1) * 100, 0);
    add(neg('aspectLog'), 'signature.proportions', { percent }, `proportions differ (width-to-height ratio off by ${percent} %)`);
  }
  if (band === 'consistent') add(1, 'signature.within_variation', { corr: fmt(m.corr) }, `stroke layout, directions and pen line within the references' own variation (correlation ${fmt(m.corr)})`);
  return top(out);
}

/** The five strongest reasons, strongest first. */
function top(out: Weighted[]): Reason[] {
  return out
    .sort((a, b) => b.w - a.w)
    .slice(0, 5)
    .map(({ code, text, params }) => ({ code, text, params }));
}

function meanMeasures<T extends object>(list: T[]): T {
  const out: Record<string, number> = {};
  for (const k of Object.keys(list[0]!)) {
    const vals = list.map((m) => (m as Record<string, unknown>)[k]).filter((v): v is number => typeof v === 'number');
    if (vals.length) out[k] = vals.reduce((a, b) => a + b, 0) / vals.length;
  }
  return out as T;
}

const spreadCache = new WeakMap<PreparedMark[], SignatureMeasures | null>();

/** The references' own variation: measures between every pair of references (cached per set). */
export function referenceSpread(refs: PreparedMark[]): SignatureMeasures | null {
  if (refs.length < 2) return null;
  const hit = spreadCache.get(refs);
  if (hit !== undefined) return hit;
  const list: SignatureMeasures[] = [];
  for (let i = 0; i < refs.length; i++) {
    for (let j = 0; j < refs.length; j++) {
      if (i === j || list.length >= 12) continue;
      list.push(signatureMeasures(refs[i]!, refs[j]!, align(refs[i]!, refs[j]!)));
    }
  }
  const m = meanMeasures(list);
  spreadCache.set(refs, m);
  return m;
}

/** Signature summary against a reference set: measures averaged over the references. */
export function signatureSummary(queryIn: PreparedMark, refs: PreparedMark[]): { summary: SignatureSummary; best: Alignment; bestIndex: number } {
  const query = withReferenceInk(queryIn, refs[0]!);
  const per = refs.map((r) => {
    const a = align(query, r);
    return { a, m: signatureMeasures(query, r, a) };
  });
  let bestIndex = 0;
  per.forEach((p, i) => {
    if (p.a.correlation > per[bestIndex]!.a.correlation) bestIndex = i;
  });
  const nearest = {
    corr: Math.max(...per.map((p) => p.m.corr)),
    chamfer: Math.min(...per.map((p) => p.m.chamferQS + p.m.chamferSQ)),
    hogDist: Math.min(...per.map((p) => p.m.hogDist)),
    profileDtw: Math.min(...per.map((p) => p.m.profileDtw)),
    dirDist: Math.min(...per.map((p) => p.m.dirDist)),
  };
  return { summary: { measures: meanMeasures(per.map((p) => p.m)), referenceSpread: referenceSpread(refs), nearest }, best: per[bestIndex]!.a, bestIndex };
}

/**
 * A signature crop often holds a seal too (the officer signs across it), and seal ink is the more
 * coloured one, so the crop's own ink estimate can pick the seal. When the references' pen is a
 * colour and the crop's estimate is not it, the crop is prepared again keeping to the references'
 * ink, and that preparation is kept when it aligns better with them (a forger's other pen colour
 * finds little ink of the references' colour and stays as it was).
 */
function withReferenceInk(query: PreparedMark, ref: PreparedMark): PreparedMark {
  if (query.kind !== 'signature' || ref.ink.name === 'black' || inkAngleDeg(query, ref) < 15) return query;
  return preparedKeepingTo(query, ref, (again) => inkAngleDeg(again, ref) < inkAngleDeg(query, ref) && align(again, ref).correlation > align(query, ref).correlation);
}

/** Angle between two inks' optical-density directions, degrees. */
export function inkAngleDeg(a: PreparedMark, b: PreparedMark): number {
  const d = a.ink.od[0] * b.ink.od[0] + a.ink.od[1] * b.ink.od[1] + a.ink.od[2] * b.ink.od[2];
  return (Math.acos(Math.max(-1, Math.min(1, d))) * 180) / Math.PI;
}

/**
 * When the questioned crop's dominant ink is not the specimen's (a blue signature under a violet
 * seal), prepare it again keeping to the specimen's ink; a genuinely different ink (a print, a
 * mono photocopy) stays as it was. A black specimen's ink is the print's too, so there the crop
 * prepared again in black must also align better with the specimen (a blue signature across a
 * black seal is the crop's most coloured ink, yet the seal is what is questioned).
 */
export function withSpecimenInk(query: PreparedMark, specimen: PreparedMark): PreparedMark {
  if (query.kind !== 'stamp' || inkAngleDeg(query, specimen) < 15) return query;
  if (specimen.ink.name === 'black') {
    if (query.ink.name === 'black') return query;
    return preparedKeepingTo(query, specimen, (again) => align(again, specimen).correlation > align(query, specimen).correlation, true);
  }
  return preparedKeepingTo(query, specimen, (again) => inkAngleDeg(again, specimen) < inkAngleDeg(query, specimen));
}

/**
 * `query` prepared again keeping to `reference`'s ink, when `better` says so (else `query` itself);
 * remembered per mark and ink: impressions on record are re-checked on every verification.
 */
function preparedKeepingTo(query: PreparedMark, reference: PreparedMark, better: (again: PreparedMark) => boolean, exact = false): PreparedMark {
  const key = `${exact ? 'ink' : 'near'}:${reference.ink.od.join(',')}`;
  let mine = reprepared.get(query);
  const hit = mine?.get(key);
  if (hit) return hit;
  // exact: the reference's ink itself (black: estimating near it still finds a pen's colour)
  const inkOpt = exact ? { ink: reference.ink } : { near: reference.ink };
  const again = prepareMark(query.rgb, { kind: query.kind, dpi: query.nativeDpi, ...inkOpt });
  const out = better(again) ? again : query;
  if (!mine) reprepared.set(query, (mine = new Map()));
  mine.set(key, out);
  return out;
}
const reprepared = new WeakMap<PreparedMark, Map<string, PreparedMark>>();

/** `prepareGuided`, remembered per mark and specimen (impressions on record are re-checked often). */
function guidedFor(query: PreparedMark, specimen: PreparedMark): PreparedMark | null {
  let mine = guidedCache.get(query);
  if (!mine) guidedCache.set(query, (mine = new WeakMap()));
  if (!mine.has(specimen)) mine.set(specimen, prepareGuided(query, specimen));
  return mine.get(specimen)!;
}
const guidedCache = new WeakMap<PreparedMark, WeakMap<PreparedMark, PreparedMark | null>>();

/**
 * A seal re-found under print darker than its own ink (black toner over a black seal): the ink map's
 * full-ink reference came from the print, so the seal's strokes sit at half density and the print
 * outweighs them in the alignment and the thresholds. The map is rescaled to the seal's own ink —
 * measured inside its outline off the print rows — and capped at full ink (print stays at full ink,
 * no stronger than the seal); the native map is rescaled uncapped (texture measures are ratios).
 * Null when the seal's ink is not clearly lighter than the map's reference.
 */
export function sealInkScaled(m: PreparedMark): PreparedMark | null {
  // (the outline's orientation is not known before alignment: an oval's or a rectangle's circle
  // through its long sides, not its corners, leaves paper beside it to see print run on)
  const o = m.outline;
  const seal = { cx: o.cx, cy: o.cy, r: o.shape === 'round' ? o.radius : Math.max(o.rectW, o.rectH) / 2 };
  const occ = printOcclusion(m, seal);
  if (!occ) return null;
  const { w, h, d } = m.map;
  const vals: number[] = [];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (d[i]! < 0.2 || occ.d[i]! >= 0.5 || (x - seal.cx) ** 2 + (y - seal.cy) ** 2 > seal.r * seal.r) continue;
      vals.push(d[i]!);
    }
  }
  if (vals.length < 200) return null;
  vals.sort((a, b) => a - b);
  const level = vals[Math.floor(vals.length * 0.9)]!;
  if (level > 0.75) return null;
  const scaled = (g: typeof m.map, cap: boolean) => {
    const out = { w: g.w, h: g.h, d: new Float32Array(g.d.length) };
    for (let i = 0; i < g.d.length; i++) out.d[i] = cap ? Math.min(1, g.d[i]! / level) : g.d[i]! / level;
    return out;
  };
  const out = prepareFromMap(m.rgb, scaled(m.map, true), m.inkRef * level, m.ink, { kind: 'stamp', dpi: m.dpi, outline: m.outline });
  out.nativeMap = m.nativeMap === m.map ? out.map : scaled(m.nativeMap, false);
  out.nativeDpi = m.nativeDpi;
  out.workScale = m.workScale;
  return out;
}

export function compareStamp(
  queryIn: PreparedMark,
  specimens: PreparedMark[],
  onRecord: OnRecord[] = [],
): { measures: StampMeasures; alignment: Alignment; specimenIndex: number; duplicateOf: string | null; query: PreparedMark } {
  let query = withSpecimenInk(queryIn, specimens[0]!);
  let best: { a: Alignment; i: number } | null = null;
  specimens.forEach((s, i) => {
    const a = align(query, s);
    if (!best || a.correlation > best.a.correlation) best = { a, i };
  });
  // an outline far from the specimen's size (no forgery in the catalogue is off by 20 %; print or
  // a black seal over black text makes the fit take the whole crop): locate the seal again by the
  // specimen's rings (as found, and rescaled to the seal's own ink where the print is darker) and
  // keep whichever preparation aligns better
  const sized = specimens[best!.i]!;
  if (Math.abs(Math.log(query.sizeMm.diameter / sized.sizeMm.diameter)) > 0.2) {
    const guided = guidedFor(query, sized);
    for (const g of guided ? [guided, sealInkScaled(guided)] : []) {
      if (!g) continue;
      const a = align(g, sized);
      if (a.correlation > best!.a.correlation) {
        query = g;
        best = { a, i: best!.i };
      }
    }
  }
  const { a, i } = best!;
  // copy-paste: against the specimens and every impression on record
  let dup = 0;
  let duplicateOf: string | null = null;
  specimens.forEach((s, k) => {
    const d = nearDuplicate(query, s, k === i ? a : undefined).score;
    if (d > dup) {
      dup = d;
      duplicateOf = `specimen ${k + 1}`;
    }
  });
  for (const r of onRecord) {
    const d = nearDuplicate(query, withSpecimenInk(r.mark, specimens[0]!)).score;
    if (d > dup) {
      dup = d;
      duplicateOf = r.id;
    }
  }
  // (query: the preparation the measures were taken on, guided or re-inked)
  return { measures: stampMeasures(query, specimens[i]!, a, dup), alignment: a, specimenIndex: i, duplicateOf: dup >= 0.8 ? duplicateOf : null, query };
}

/** Verifies a prepared questioned mark against prepared specimens (stamps) or references (signatures). */
export function verify(query: PreparedMark, specimens: PreparedMark[], opts: VerifyOptions = {}): Verdict {
  if (specimens.length === 0) throw new Error('no specimen to compare with');
  const sq = specimens.map((s) => assessQuality(s, 'specimen'));
  const qq = assessQuality(query, 'query');
  const quality = { specimen: sq.find((q) => !q.ok) ?? sq[0]!, query: qq };
  const empty = { score: null, band: null, measures: {}, contributions: {}, alignment: null, specimenIndex: 0, duplicateOf: null };
  if (specimens.some((s) => s.kind !== query.kind)) {
    const p = { query: query.kind, specimen: specimens[0]!.kind };
    return { outcome: 'not_comparable', reasons: [{ code: 'not_comparable', params: p, text: `a ${p.query} cannot be compared with a ${p.specimen} specimen` }], quality, ...empty };
  }
  const badSpecimens = sq.filter((q) => !q.ok);
  if (badSpecimens.length === sq.length || (query.kind === 'signature' && badSpecimens.length > 0)) {
    const list = badSpecimens[0]!.issues;
    const issues = list.map((i) => i.text).join('; ');
    return {
      outcome: 'specimen_quality_too_low',
      reasons: [
        { code: 'specimen_quality_too_low', params: { issues }, issues: list, text: `specimen quality too low for a reliable comparison: ${issues}` },
        { code: 'enrol_better_specimen', text: 'enrol a better specimen (a clean impression scanned at 300 dpi or more)' },
      ],
      quality,
      ...empty,
    };
  }
  if (!qq.ok) {
    const issues = qq.issues.map((i) => i.text).join('; ');
    return { outcome: 'query_quality_too_low', reasons: [{ code: 'query_quality_too_low', params: { issues }, issues: qq.issues, text: `questioned mark quality too low for a reliable comparison: ${issues}` }], quality, ...empty };
  }
  const usable = specimens.filter((_, i) => sq[i]!.ok);
  const cal = opts.calibration ?? loadCalibration();
  if (query.kind === 'stamp') {
    const { measures, alignment, specimenIndex, duplicateOf } = compareStamp(query, usable, opts.onRecord);
    const x = stampFeatures(measures);
    const { p, contributions } = scoreWith(cal.stamp, x);
    const score = Math.round(p * 1000) / 10;
    const band = bandOf(score, cal.stamp);
    return {
      outcome: 'scored',
      score,
      band,
      reasons: stampReasons(measures, contributions, band, duplicateOf),
      measures: { ...(measures as unknown as Record<string, number>), worstSectorAt: measures.worstSectorAt?.clock ?? -1 },
      contributions,
      quality,
      alignment: { rotationDeg: alignment.rotationDeg, scale: alignment.scale, physicalScale: alignment.physicalScale, correlation: alignment.correlation },
      specimenIndex: specimens.indexOf(usable[specimenIndex]!),
      duplicateOf,
      aligned: alignment,
    };
  }
  const { summary, best, bestIndex } = signatureSummary(query, usable);
  const x = signatureFeatures(summary);
  const { p, contributions } = scoreWith(cal.signature, x);
  const score = Math.round(p * 1000) / 10;
  const band = bandOf(score, cal.signature);
  return {
    outcome: 'scored',
    score,
    band,
    reasons: signatureReasons(summary, contributions, band, query),
    measures: summary.measures as unknown as Record<string, number>,
    contributions,
    quality,
    alignment: { rotationDeg: best.rotationDeg, scale: best.scale, physicalScale: best.physicalScale, correlation: best.correlation },
    specimenIndex: specimens.indexOf(usable[bestIndex]!),
    duplicateOf: null,
    aligned: best,
  };
}

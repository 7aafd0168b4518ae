import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { CANON, SIG_H, SIG_W, prepareMark } from '../../../desk/forensics/align.ts';
import { evidenceImages } from '../../../desk/forensics/evidence.ts';
import { gaussBlur, gray, type Rgb } from '../../../desk/forensics/image.ts';
import { rng } from '../../../desk/forensics/synth/rng.ts';
import '../../../desk/forensics/synth/page.ts';
import { sealSample, sealSpec } from '../../../desk/forensics/synth/seals.ts';
import { signatureSample, signer } from '../../../desk/forensics/synth/signatures.ts';
import { assessQuality, verify } from '../../../desk/forensics/verify.ts';
import { reasonMessage, qualityIssueMessage } from '../../../renderer/src/i18n/desk-messages.ts';

/** A specimen as a bad fax or phone photo would give it: washed out, blurred, noisy. */
function degrade(img: Rgb, blur: number, noise: number, fade: number): Rgb {
  const r = rng('degrade');
  const out: Rgb = { w: img.w, h: img.h, d: new Uint8Array(img.d.length) };
  for (let c = 0; c < 3; c++) {
    const g = gray(img.w, img.h);
    for (let i = 0; i < img.w * img.h; i++) g.d[i] = 255 - (255 - img.d[i * 3 + c]!) * fade;
    const b = gaussBlur(g, blur);
    for (let i = 0; i < img.w * img.h; i++) out.d[i * 3 + c] = Math.max(0, Math.min(255, Math.round(b.d[i]! + r.normal(0, noise))));
  }
  return out;
}

describe('specimen quality', () => {
  const spec = sealSpec(20201);
  const query = sealSample(spec, 'q', { dpi: 300 });
  const q = prepareMark(query.rgb, { kind: 'stamp', dpi: 300 });

  it('refuses a specimen scanned at 60 dpi instead of giving a confident score', () => {
    const tiny = sealSample(spec, 'specimen', { quality: 'specimen', dpi: 60 });
    const v = verify(q, [prepareMark(tiny.rgb, { kind: 'stamp', dpi: 60 })]);
    expect(v.outcome).toBe('specimen_quality_too_low');
    expect(v.score).toBeNull();
    expect(v.band).toBeNull();
    expect(v.reasons.map((r) => r.text).join(' ')).toMatch(/specimen quality too low/);
    expect(v.reasons.map((r) => r.text).join(' ')).toMatch(/60 dpi/);
  });

  it('refuses a washed-out, blurred and noisy specimen', () => {
    const s = sealSample(spec, 'specimen', { quality: 'specimen', dpi: 300 });
    const bad = degrade(s.rgb, 4, 30, 0.35);
    const v = verify(q, [prepareMark(bad, { kind: 'stamp', dpi: 300 })]);
    expect(v.outcome).toBe('specimen_quality_too_low');
    expect(v.score).toBeNull();
  });

  it('scores against a good specimen', () => {
    const s = sealSample(spec, 'specimen', { quality: 'specimen', dpi: 300 });
    const v = verify(q, [prepareMark(s.rgb, { kind: 'stamp', dpi: 300 })]);
    expect(v.outcome).toBe('scored');
    expect(v.score).not.toBeNull();
  });
});

describe('quality issues: a code, the values quoted and the sentence', () => {
  const spec = sealSpec(20201);
  const specimen = prepareMark(sealSample(spec, 'specimen', { quality: 'specimen', dpi: 300 }).rgb, { kind: 'stamp', dpi: 300 });

  it('a questioned seal scanned at 60 dpi: low_dpi {dpi}, in the reason and in its quality', () => {
    const q = prepareMark(sealSample(spec, 'q', { dpi: 60 }).rgb, { kind: 'stamp', dpi: 60 });
    const v = verify(q, [specimen]);
    expect(v.outcome).toBe('query_quality_too_low');
    const lowDpi = { code: 'low_dpi', params: { mark: 'query', dpi: '60' }, text: 'questioned mark scanned at 60 dpi (at least 100 dpi needed, 300 recommended)' };
    expect(v.quality.query.issues).toEqual([lowDpi]);
    const [reason] = v.reasons;
    expect(reason).toEqual({ code: 'query_quality_too_low', params: { issues: lowDpi.text }, issues: [lowDpi], text: `questioned mark quality too low for a reliable comparison: ${lowDpi.text}` });
    expect(reasonMessage('en', reason!)).toBe(reason!.text);
    expect(reasonMessage('ko', reason!)).toBe('검사 대상 표시의 품질이 신뢰할 수 있는 비교에 미달: 검사 대상 표시가 60 dpi로 스캔됨(최소 100 dpi 필요, 300 dpi 권장)');
  });

  it('a tiny questioned seal: too_small {px, min}', () => {
    // 40 dpi pixels read as 150 dpi: a seal some 95 px across
    const q = prepareMark(sealSample(spec, 'q', { dpi: 40 }).rgb, { kind: 'stamp', dpi: 150 });
    const { issues } = assessQuality(q, 'query');
    expect(issues.map((i) => i.code)).toEqual(['too_small']);
    const [small] = issues;
    expect(small!.params).toEqual({ mark: 'query', px: expect.stringMatching(/^\d+$/), min: 120 });
    expect(Number(small!.params.px)).toBeGreaterThan(60);
    expect(Number(small!.params.px)).toBeLessThan(120);
    expect(small!.text).toBe(`questioned mark only ${small!.params.px} px across (at least 120 px needed)`);
    expect(qualityIssueMessage('ko', small!)).toBe(`검사 대상 표시의 지름이 ${small!.params.px} px에 불과함(최소 120 px 필요)`);
    expect(verify(q, [specimen]).reasons[0]!.issues).toEqual(issues);
  });

  it('an inkless questioned region: too_little_ink {share}', () => {
    const blank: Rgb = { w: 200, h: 200, d: new Uint8Array(200 * 200 * 3).fill(250) };
    const v = verify(prepareMark(blank, { kind: 'stamp', dpi: 300 }), [specimen]);
    expect(v.outcome).toBe('query_quality_too_low');
    expect(v.quality.query.issues).toContainEqual({ code: 'too_little_ink', params: { mark: 'query', share: '0.0' }, text: 'questioned mark has too little ink to compare (0.0 % of its area)' });
    for (const i of v.quality.query.issues) expect(qualityIssueMessage('ko', i)).toMatch(/^검사 대상 표시/);
    expect(qualityIssueMessage('ko', v.quality.query.issues.find((i) => i.code === 'too_little_ink')!)).toBe('검사 대상 표시의 잉크가 너무 적어 비교할 수 없음(면적의 0.0 %)');
  });

  it('a specimen scanned at 60 dpi: the issue names the specimen', () => {
    const q = prepareMark(sealSample(spec, 'q', { dpi: 300 }).rgb, { kind: 'stamp', dpi: 300 });
    const v = verify(q, [prepareMark(sealSample(spec, 'specimen', { quality: 'specimen', dpi: 60 }).rgb, { kind: 'stamp', dpi: 60 })]);
    expect(v.outcome).toBe('specimen_quality_too_low');
    expect(v.reasons[0]!.issues).toContainEqual({ code: 'low_dpi', params: { mark: 'specimen', dpi: '60' }, text: 'specimen scanned at 60 dpi (at least 100 dpi needed, 300 recommended)' });
    expect(reasonMessage('ko', v.reasons[0]!)).toMatch(/^표본 품질이 신뢰할 수 있는 비교에 미달: .*표본이 60 dpi로 스캔됨/);
  });
});

describe('evidence images', () => {
  it('stamps: overlay, heat map and side by side have the expected sizes', async () => {
    const spec = sealSpec(20202);
    const s = prepareMark(sealSample(spec, 'specimen', { quality: 'specimen', dpi: 400 }).rgb, { kind: 'stamp', dpi: 400 });
    const q = prepareMark(sealSample(spec, 'q', { dpi: 200 }).rgb, { kind: 'stamp', dpi: 200 });
    const v = verify(q, [s]);
    const ev = await evidenceImages(q, s, v.aligned!, 2);
    for (const [buf, w, h] of [
      [ev.overlay, CANON * 2, CANON * 2],
      [ev.heatmap, CANON * 2, CANON * 2],
      [ev.sideBySide, (2 * CANON + 4) * 2, CANON * 2],
    ] as const) {
      const meta = await sharp(buf).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['png', w, h]);
    }
    expect([ev.width, ev.height]).toEqual([CANON * 2, CANON * 2]);
  });

  it('signatures: overlay has the signature frame size', async () => {
    const w = signer(20203);
    const refs = [0, 1, 2].map((i) => prepareMark(signatureSample(w, 'genuine', `r${i}`, { dpi: 300 }).rgb, { kind: 'signature', dpi: 300 }));
    const q = prepareMark(signatureSample(w, 'genuine', 'q', { dpi: 300 }).rgb, { kind: 'signature', dpi: 300 });
    const v = verify(q, refs);
    const ev = await evidenceImages(q, refs[v.specimenIndex]!, v.aligned!, 1);
    const meta = await sharp(ev.overlay).metadata();
    expect([meta.width, meta.height]).toEqual([SIG_W, SIG_H]);
  });
});

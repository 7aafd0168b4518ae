/** Logistic regression (IRLS with L2) and the ROC figures used to calibrate and benchmark it. */

export interface Fitted {
  features: string[];
  mean: number[];
  std: number[];
  coef: number[];
  intercept: number;
}

function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]!]);
  for (let i = 0; i < n; i++) {
    let piv = i;
    for (let j = i + 1; j < n; j++) if (Math.abs(M[j]![i]!) > Math.abs(M[piv]![i]!)) piv = j;
    [M[i], M[piv]] = [M[piv]!, M[i]!];
    const d = M[i]![i]! || 1e-12;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const f = M[j]![i]! / d;
      for (let k = i; k <= n; k++) M[j]![k] = M[j]![k]! - f * M[i]![k]!;
    }
  }
  return M.map((row, i) => row[n]! / (row[i]! || 1e-12));
}

/** Fits P(y=1|x) = σ(b + w·z), z = standardised x; `lambda` is the L2 penalty on w. */
export function fitLogistic(features: string[], rows: Record<string, number>[], labels: number[], lambda = 1): Fitted {
  const d = features.length;
  const X = rows.map((r) => features.map((f) => r[f] ?? 0));
  const mean = features.map((_, j) => X.reduce((s, x) => s + x[j]!, 0) / X.length);
  const std = features.map((_, j) => Math.sqrt(X.reduce((s, x) => s + (x[j]! - mean[j]!) ** 2, 0) / X.length) || 1);
  const Z = X.map((x) => [1, ...x.map((v, j) => (v - mean[j]!) / std[j]!)]);
  // class weights: balance genuine and forgery so the score means the same whatever the mix
  const pos = labels.filter((y) => y === 1).length;
  const neg = labels.length - pos;
  const wts = labels.map((y) => (y === 1 ? labels.length / (2 * pos) : labels.length / (2 * neg)));
  // weighted log-likelihood minus the L2 penalty (what the Newton steps climb)
  const objective = (b: number[]): number => {
    let ll = 0;
    for (let i = 0; i < Z.length; i++) {
      const z = Z[i]!;
      let t = 0;
      for (let j = 0; j <= d; j++) t += b[j]! * z[j]!;
      // log σ(t) and log(1 − σ(t)), stable for large |t|
      const lp = t >= 0 ? -Math.log1p(Math.exp(-t)) : t - Math.log1p(Math.exp(t));
      ll += wts[i]! * (labels[i] === 1 ? lp : lp - t);
    }
    let pen = 0;
    for (let j = 1; j <= d; j++) pen += b[j]! * b[j]!;
    return ll - (lambda / 2) * pen;
  };
  let beta = new Array(d + 1).fill(0);
  for (let it = 0; it < 50; it++) {
    const H = Array.from({ length: d + 1 }, () => new Array(d + 1).fill(0));
    const g = new Array(d + 1).fill(0);
    for (let i = 0; i < Z.length; i++) {
      const z = Z[i]!;
      let t = 0;
      for (let j = 0; j <= d; j++) t += beta[j]! * z[j]!;
      const p = 1 / (1 + Math.exp(-t));
      const w = wts[i]! * Math.max(1e-6, p * (1 - p));
      const r = wts[i]! * (labels[i]! - p);
      for (let j = 0; j <= d; j++) {
        g[j] += r * z[j]!;
        for (let k = 0; k <= d; k++) H[j]![k] += w * z[j]! * z[k]!;
      }
    }
    for (let j = 1; j <= d; j++) {
      g[j] -= lambda * beta[j]!;
      H[j]![j] += lambda;
    }
    const step = solve(H, g);
    // damped Newton: halve the step until the penalised likelihood does not fall (a full step can
    // overshoot by orders of magnitude where the predictions saturate — an expert whose class one
    // feature nearly separates — and the fit then diverges instead of converging)
    const before = objective(beta);
    let k = 1;
    let next = beta.map((b, j) => b + step[j]!);
    for (let h = 0; h < 30 && !(objective(next) >= before - 1e-12); h++) {
      k /= 2;
      next = beta.map((b, j) => b + k * step[j]!);
    }
    let change = 0;
    for (let j = 0; j <= d; j++) change = Math.max(change, Math.abs(next[j]! - beta[j]!));
    beta = next;
    if (change < 1e-7) break;
  }
  return { features, mean, std, coef: beta.slice(1), intercept: beta[0]! };
}

export function predict(m: Fitted, row: Record<string, number>): number {
  let t = m.intercept;
  m.features.forEach((f, j) => {
    t += m.coef[j]! * (((row[f] ?? m.mean[j]!) - m.mean[j]!) / m.std[j]!);
  });
  return 1 / (1 + Math.exp(-t));
}

/** Area under the ROC curve: P(score of a positive > score of a negative), ties count half. */
export function auc(pos: number[], neg: number[]): number {
  if (!pos.length || !neg.length) return NaN;
  let s = 0;
  for (const p of pos) for (const n of neg) s += p > n ? 1 : p === n ? 0.5 : 0;
  return s / (pos.length * neg.length);
}

/** Equal error rate: where the false-accept rate of negatives equals the false-reject rate of positives. */
export function eer(pos: number[], neg: number[]): number {
  if (!pos.length || !neg.length) return NaN;
  const ts = [...new Set([...pos, ...neg])].sort((a, b) => a - b);
  let best = 1;
  for (const t of [-Infinity, ...ts, Infinity]) {
    const frr = pos.filter((p) => p < t).length / pos.length;
    const far = neg.filter((n) => n >= t).length / neg.length;
    best = Math.min(best, Math.max(frr, far));
    if (frr > far) break;
  }
  return best;
}

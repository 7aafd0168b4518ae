/**
 * Real HS 2022 subheadings for generated goods: sampled from the nomenclature CSV in
 * `../shared` when it is there (read in place, never copied), else from a small built-in list.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Rng } from './rng.ts';

export interface HsGoods {
  /** 6-digit subheading, 'NNNN.NN'. */
  hs: string;
  /** Goods description as a trader would type it. */
  description: string;
  unit: 'PCS' | 'SETS' | 'KGS' | 'PAIRS' | 'UNITS' | 'MTR' | 'ROLLS';
}

/** Real 6-digit HS 2022 subheadings with trade-style descriptions (fallback when the CSV is absent). */
export const BUILTIN_HS: readonly HsGoods[] = [
  { hs: '0306.17', description: 'FROZEN SHRIMPS AND PRAWNS', unit: 'KGS' },
  { hs: '0803.90', description: 'FRESH BANANAS', unit: 'KGS' },
  { hs: '0901.11', description: 'COFFEE BEANS, NOT ROASTED, NOT DECAFFEINATED', unit: 'KGS' },
  { hs: '1006.30', description: 'SEMI-MILLED OR WHOLLY MILLED RICE', unit: 'KGS' },
  { hs: '1511.90', description: 'REFINED PALM OIL', unit: 'KGS' },
  { hs: '1905.31', description: 'SWEET BISCUITS', unit: 'KGS' },
  { hs: '2106.90', description: 'FOOD PREPARATIONS, INSTANT NOODLE SEASONING', unit: 'KGS' },
  { hs: '3304.99', description: 'BEAUTY AND SKIN CARE PREPARATIONS', unit: 'PCS' },
  { hs: '3923.21', description: 'SACKS AND BAGS OF POLYMERS OF ETHYLENE', unit: 'PCS' },
  { hs: '4011.10', description: 'NEW PNEUMATIC RUBBER TYRES FOR MOTOR CARS', unit: 'PCS' },
  { hs: '4202.92', description: 'TRAVEL BAGS WITH OUTER SURFACE OF TEXTILE MATERIALS', unit: 'PCS' },
  { hs: '4418.73', description: 'ASSEMBLED BAMBOO FLOORING PANELS', unit: 'SETS' },
  { hs: '5208.52', description: 'PRINTED PLAIN WEAVE COTTON FABRICS', unit: 'MTR' },
  { hs: '5407.61', description: 'WOVEN FABRICS OF NON-TEXTURED POLYESTER FILAMENTS', unit: 'MTR' },
  { hs: '6104.62', description: "WOMEN'S KNITTED TROUSERS OF COTTON", unit: 'PCS' },
  { hs: '6109.10', description: 'T-SHIRTS, KNITTED, OF COTTON', unit: 'PCS' },
  { hs: '6203.42', description: "MEN'S TROUSERS OF COTTON", unit: 'PCS' },
  { hs: '6402.99', description: 'FOOTWEAR WITH OUTER SOLES AND UPPERS OF RUBBER', unit: 'PAIRS' },
  { hs: '6911.10', description: 'PORCELAIN TABLEWARE AND KITCHENWARE', unit: 'SETS' },
  { hs: '7210.49', description: 'FLAT-ROLLED ZINC-COATED STEEL SHEETS', unit: 'KGS' },
  { hs: '7318.15', description: 'STAINLESS STEEL BOLTS AND SCREWS', unit: 'KGS' },
  { hs: '7323.93', description: 'STAINLESS STEEL KITCHENWARE', unit: 'SETS' },
  { hs: '8414.51', description: 'TABLE AND PEDESTAL FANS', unit: 'UNITS' },
  { hs: '8415.10', description: 'WALL-MOUNTED SPLIT AIR CONDITIONERS', unit: 'UNITS' },
  { hs: '8418.10', description: 'COMBINED REFRIGERATOR-FREEZERS', unit: 'UNITS' },
  { hs: '8450.11', description: 'FULLY-AUTOMATIC WASHING MACHINES', unit: 'UNITS' },
  { hs: '8471.30', description: 'PORTABLE LAPTOP COMPUTERS', unit: 'UNITS' },
  { hs: '8481.80', description: 'INDUSTRIAL VALVES', unit: 'PCS' },
  { hs: '8504.40', description: 'STATIC CONVERTERS (POWER ADAPTERS)', unit: 'PCS' },
  { hs: '8507.60', description: 'LITHIUM-ION ACCUMULATORS', unit: 'PCS' },
  { hs: '8516.60', description: 'ELECTRIC RICE COOKERS', unit: 'PCS' },
  { hs: '8517.13', description: 'SMARTPHONES', unit: 'UNITS' },
  { hs: '8528.72', description: 'COLOUR LED TELEVISION RECEIVERS', unit: 'UNITS' },
  { hs: '8541.43', description: 'PHOTOVOLTAIC CELLS ASSEMBLED IN MODULES', unit: 'PCS' },
  { hs: '8544.42', description: 'INSULATED ELECTRIC CONDUCTORS WITH CONNECTORS', unit: 'ROLLS' },
  { hs: '8708.29', description: 'PARTS AND ACCESSORIES OF MOTOR VEHICLE BODIES', unit: 'PCS' },
  { hs: '8711.60', description: 'ELECTRIC MOTORCYCLES', unit: 'UNITS' },
  { hs: '9018.39', description: 'MEDICAL CATHETERS AND CANNULAE', unit: 'PCS' },
  { hs: '9403.60', description: 'WOODEN FURNITURE', unit: 'SETS' },
  { hs: '9503.00', description: 'TOYS AND SCALE MODELS', unit: 'PCS' },
  { hs: '9506.91', description: 'GYMNASTICS AND FITNESS EQUIPMENT', unit: 'SETS' },
];

/** Default location of the nomenclature, beside the repository. */
export function defaultHsCsvPath(): string {
  const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  return join(repo, '..', 'shared', 'data', 'hs', 'harmonized-system-2022', 'harmonized-system.csv');
}

let loaded: { path: string; goods: HsGoods[] } | null | undefined;

/** Parse one CSV line with quoted fields. */
function csvFields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') out.push(cur), (cur = '');
    else cur += c;
  }
  out.push(cur);
  return out;
}

function unitFor(chapter: number): HsGoods['unit'] {
  if (chapter <= 24 || (chapter >= 25 && chapter <= 40) || (chapter >= 72 && chapter <= 81)) return 'KGS';
  if (chapter >= 50 && chapter <= 60) return 'MTR';
  if (chapter === 64) return 'PAIRS';
  if (chapter >= 84 && chapter <= 90) return 'UNITS';
  if (chapter === 94) return 'SETS';
  return 'PCS';
}

/** A nomenclature description turned into a typed goods description: upper case, short. */
export function tradeDescription(desc: string): string {
  const clean = desc
    .replace(/\([^)]*\)/g, '')
    .replace(/[“”"]/g, '')
    .replace(/;/g, ',')
    .replace(/\s+/g, ' ')
    .replace(/\s+,/g, ',')
    .trim()
    .toUpperCase();
  // Whole clauses only, up to about 60 characters, so no description ends mid-phrase.
  const clauses = clean.split(',').map((c) => c.trim()).filter(Boolean);
  let out = clauses[0] ?? '';
  for (const c of clauses.slice(1)) {
    if (out.length + c.length + 2 > 60) break;
    out += `, ${c}`;
  }
  if (out.length > 60) out = out.split(' ').slice(0, 7).join(' ');
  return out.replace(/[,;:\s-]+$/, '').replace(/\s+(OR|OF|AND|WITH|A|THE|FOR|IN|NOT)$/, '');
}

/** Loads the nomenclature's 6-digit subheadings (cached); null when the file is absent. */
export function loadHsGoods(path = process.env.ORIGINDESK_HS_CSV ?? defaultHsCsvPath()): HsGoods[] | null {
  if (loaded !== undefined && (loaded === null || loaded.path === path)) return loaded?.goods ?? null;
  if (!existsSync(path)) {
    loaded = null;
    return null;
  }
  const goods: HsGoods[] = [];
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/).slice(1)) {
    if (!line) continue;
    const [, code, desc, , level] = csvFields(line);
    if (level !== '6' || !code || !/^\d{6}$/.test(code) || !desc) continue;
    const chapter = Number(code.slice(0, 2));
    if (chapter === 77 || chapter === 98 || chapter === 99) continue;
    const description = tradeDescription(desc);
    if (description.length < 8) continue;
    goods.push({ hs: `${code.slice(0, 4)}.${code.slice(4)}`, description, unit: unitFor(chapter) });
  }
  loaded = { path, goods };
  return goods;
}

/** Where the goods come from (recorded in each truth file, since it changes the output). */
export function hsSource(): 'nomenclature-csv' | 'builtin' {
  return loadHsGoods() ? 'nomenclature-csv' : 'builtin';
}

export function sampleGoods(rng: Rng): HsGoods {
  const all = loadHsGoods();
  return rng.pick(all && all.length > 0 ? all : BUILTIN_HS);
}

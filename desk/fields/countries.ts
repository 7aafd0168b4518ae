/**
 * Country names → ISO 3166-1 alpha-2. English, Korean and Chinese names come from the ICU data
 * built into Node and Electron (Intl.DisplayNames), so every ISO region is covered without a
 * data file; common customs spellings, alpha-3 codes and short forms are added by hand.
 */
import { key, similarity } from './text.ts';

// Not countries (groupings, reserved) or withdrawn codes ICU still names (VD: North Viet Nam, …).
const NOT_COUNTRIES = new Set([
  'EU', 'EZ', 'UN', 'QO', 'ZZ', 'XA', 'XB', 'XK', 'AC', 'CP', 'DG', 'EA', 'IC', 'TA', 'CQ',
  'BU', 'CS', 'DD', 'DY', 'FQ', 'FX', 'HV', 'JT', 'MI', 'NH', 'NQ', 'NT', 'PC', 'PU', 'PZ', 'RH', 'SU', 'TP', 'UK', 'VD', 'WK', 'YD', 'YU', 'ZR', 'AN', 'CT', 'QU',
]);

const ALIASES: Record<string, string[]> = {
  CN: ['P.R. CHINA', 'PR CHINA', 'P.R.C.', 'PRC', "PEOPLE'S REPUBLIC OF CHINA", 'THE PEOPLE S REPUBLIC OF CHINA', 'CHINA MAINLAND', '中华人民共和国', '中國', '중화인민공화국'],
  KR: ['KOREA', 'SOUTH KOREA', 'REPUBLIC OF KOREA', 'KOREA, REPUBLIC OF', 'KOREA REP', 'ROK', '한국', '대한민국', '남한', '大韩民国', '韩国', '南韩', '大韓民國'],
  KP: ['NORTH KOREA', "DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA", 'DPRK', '북한', '朝鲜'],
  VN: ['VIET NAM', 'VIETNAM', 'SOCIALIST REPUBLIC OF VIETNAM', 'SOCIALIST REPUBLIC OF VIET NAM', '월남'],
  LA: ['LAOS', 'LAO PDR', 'LAO P.D.R.', "LAO PEOPLE'S DEMOCRATIC REPUBLIC", '老挝'],
  BN: ['BRUNEI', 'BRUNEI DARUSSALAM'],
  MM: ['MYANMAR', 'BURMA', 'REPUBLIC OF THE UNION OF MYANMAR'],
  KH: ['CAMBODIA', 'KINGDOM OF CAMBODIA'],
  TH: ['THAILAND', 'KINGDOM OF THAILAND'],
  ID: ['INDONESIA', 'REPUBLIC OF INDONESIA'],
  PH: ['PHILIPPINES', 'THE PHILIPPINES', 'REPUBLIC OF THE PHILIPPINES'],
  SG: ['SINGAPORE', 'REPUBLIC OF SINGAPORE'],
  US: ['USA', 'U.S.A.', 'U.S.', 'UNITED STATES', 'UNITED STATES OF AMERICA', 'AMERICA', '美國'],
  GB: ['UK', 'U.K.', 'UNITED KINGDOM', 'GREAT BRITAIN', 'BRITAIN', 'ENGLAND'],
  AE: ['UAE', 'U.A.E.', 'UNITED ARAB EMIRATES'],
  RU: ['RUSSIA', 'RUSSIAN FEDERATION'],
  TW: ['TAIWAN', 'CHINESE TAIPEI', 'TAIWAN, PROVINCE OF CHINA', '台湾', '臺灣'],
  HK: ['HONG KONG', 'HONGKONG', 'HONG KONG SAR', 'HONG KONG, CHINA', '香港'],
  MO: ['MACAU', 'MACAO', '澳门'],
  TR: ['TURKEY', 'TURKIYE', 'TÜRKIYE', 'REPUBLIC OF TURKIYE'],
  NL: ['NETHERLANDS', 'THE NETHERLANDS', 'HOLLAND'],
  DE: ['GERMANY', 'FEDERAL REPUBLIC OF GERMANY', 'DEUTSCHLAND'],
  CZ: ['CZECHIA', 'CZECH REPUBLIC'],
  IR: ['IRAN', 'ISLAMIC REPUBLIC OF IRAN'],
  SY: ['SYRIA'],
  VE: ['VENEZUELA'],
  BO: ['BOLIVIA'],
  TZ: ['TANZANIA'],
  MD: ['MOLDOVA'],
  CI: ["COTE D'IVOIRE", 'IVORY COAST'],
  SA: ['SAUDI ARABIA', 'KINGDOM OF SAUDI ARABIA', 'KSA'],
  JP: ['JAPAN', 'NIPPON'],
  AU: ['AUSTRALIA', 'COMMONWEALTH OF AUSTRALIA'],
  NZ: ['NEW ZEALAND', 'AOTEAROA'],
  CH: ['SWITZERLAND', 'SWISS CONFEDERATION'],
  IN: ['INDIA', 'REPUBLIC OF INDIA', 'BHARAT'],
  MX: ['MEXICO', 'MÉXICO'],
};

/** ISO alpha-3 → alpha-2 for the codes met on trade documents. */
const ALPHA3: Record<string, string> = {
  CHN: 'CN', KOR: 'KR', PRK: 'KP', JPN: 'JP', VNM: 'VN', THA: 'TH', MYS: 'MY', SGP: 'SG', IDN: 'ID', PHL: 'PH',
  KHM: 'KH', LAO: 'LA', MMR: 'MM', BRN: 'BN', AUS: 'AU', NZL: 'NZ', IND: 'IN', PAK: 'PK', BGD: 'BD', LKA: 'LK',
  USA: 'US', CAN: 'CA', MEX: 'MX', BRA: 'BR', ARG: 'AR', CHL: 'CL', PER: 'PE', COL: 'CO', DEU: 'DE', FRA: 'FR',
  ITA: 'IT', ESP: 'ES', PRT: 'PT', NLD: 'NL', BEL: 'BE', LUX: 'LU', AUT: 'AT', CHE: 'CH', NOR: 'NO', SWE: 'SE',
  DNK: 'DK', FIN: 'FI', POL: 'PL', CZE: 'CZ', HUN: 'HU', GRC: 'GR', TUR: 'TR', GBR: 'GB', IRL: 'IE', RUS: 'RU',
  UKR: 'UA', ARE: 'AE', SAU: 'SA', ISR: 'IL', EGY: 'EG', ZAF: 'ZA', NGA: 'NG', KEN: 'KE', HKG: 'HK', TWN: 'TW',
  MAC: 'MO', ROU: 'RO', BGR: 'BG', HRV: 'HR', SVN: 'SI', SVK: 'SK', EST: 'EE', LVA: 'LV', LTU: 'LT', IRN: 'IR',
};

interface Tables {
  exact: Map<string, string>;
  /** English names (keys) for fuzzy matching of OCR'd names. */
  english: [string, string][];
  codes: Set<string>;
  words: Set<string>;
  /** English names as written (ICU's and the customs spellings above). */
  names: string[];
}

let tables: Tables | undefined;

function build(): Tables {
  const exact = new Map<string, string>();
  const english: [string, string][] = [];
  const codes = new Set<string>();
  const words = new Set<string>();
  const englishNames: string[] = [];
  const addWords = (name: string) => {
    for (const w of name.toUpperCase().split(/[^A-Z]+/)) if (w.length >= 5) words.add(w);
  };
  const add = (name: string, code: string) => {
    const k = key(name);
    if (k && !exact.has(k)) exact.set(k, code);
  };
  const dn = (locale: string) => {
    try {
      return new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' });
    } catch {
      return null;
    }
  };
  const en = dn('en'), ko = dn('ko'), zh = dn('zh'), zhHant = dn('zh-Hant');
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (NOT_COUNTRIES.has(code)) continue;
      let name: string | undefined;
      try {
        name = en?.of(code);
      } catch {
        name = undefined;
      }
      if (!name || name === code) continue;
      codes.add(code);
      add(name, code);
      addWords(name);
      english.push([key(name), code]);
      englishNames.push(name);
      for (const d of [ko, zh, zhHant]) {
        try {
          const n = d?.of(code);
          if (n && n !== code) add(n, code);
        } catch {
          /* locale data missing: English only */
        }
      }
    }
  }
  for (const [code, names] of Object.entries(ALIASES)) {
    for (const n of names) {
      exact.set(key(n), code);
      addWords(n);
      englishNames.push(n);
      if (/^[A-Z .,'()-]+$/i.test(n) && key(n).length >= 5) english.push([key(n), code]);
    }
  }
  return { exact, english, codes, words, names: englishNames };
}

const t = () => (tables ??= build());

/** Words of five letters or more in English country names and their customs spellings, upper case. */
export const countryWords = (): ReadonlySet<string> => t().words;

let phrases: string[][] | undefined;
/**
 * English country names of two words or more, as words in upper case without their punctuation
 * ("FEDERAL REPUBLIC OF GERMANY", "THE NETHERLANDS", "KOREA REPUBLIC OF"); abbreviated ones left out.
 */
export function countryPhrases(): readonly string[][] {
  phrases ??= [
    ...new Set(
      t()
        .names.filter((n) => /^[A-Z][A-Z ,'()&-]*$/i.test(n)) // not abbreviations ("P.R. CHINA")
        .map((n) => n.toUpperCase().replace(/[,'()&-]/g, ' ').replace(/\s+/g, ' ').trim()),
    ),
  ]
    .map((n) => n.split(' '))
    .filter((w) => w.length >= 2 && w.length <= 6 && w.every((x) => x.length >= 2));
  return phrases;
}

export interface CountryResult {
  value: string | null;
  ok: boolean;
  note?: string;
  fuzzy?: boolean;
}

/** A country name or code (alone, or ending an address line) → alpha-2. */
export function lookupCountry(text: string): CountryResult {
  const raw = (text ?? '').trim();
  if (!raw) return { value: null, ok: false, note: 'empty' };
  const tb = t();
  const k = key(raw.replace(/^THE\s+/i, ''));
  if (!k) return { value: null, ok: false, note: 'empty' };
  if (/^[A-Za-z]{2}$/.test(raw.trim()) && tb.codes.has(raw.trim().toUpperCase())) return { value: raw.trim().toUpperCase(), ok: true };
  if (/^[A-Za-z]{3}$/.test(raw.trim()) && ALPHA3[raw.trim().toUpperCase()]) return { value: ALPHA3[raw.trim().toUpperCase()]!, ok: true };
  const direct = tb.exact.get(k) ?? tb.exact.get(key(raw));
  if (direct) return { value: direct, ok: true };
  // An address: the country is usually the last part.
  const parts = raw.split(/[,\n;]/).map((p) => p.trim()).filter(Boolean);
  if (parts.length > 1) {
    for (let i = parts.length - 1; i >= 0; i--) {
      const hit = tb.exact.get(key(parts[i]!.replace(/^THE\s+/i, '')));
      if (hit) return { value: hit, ok: true, note: `country taken from "${parts[i]}"` };
    }
  }
  // Fuzzy (OCR): the closest English name.
  if (k.length >= 4) {
    let best: [number, string] = [0, ''];
    for (const [name, code] of tb.english) {
      if (Math.abs(name.length - k.length) > 3) continue;
      const s = similarity(name, k);
      if (s > best[0]) best = [s, code];
    }
    if (best[0] >= 0.82) return { value: best[1], ok: true, fuzzy: true, note: `read as a misspelling of a country name (${Math.round(best[0] * 100)}% similar)` };
  }
  return { value: null, ok: false, note: `"${raw}" is not a country name or ISO code` };
}

/** Whether `text` names a country outright (a name or code, not a near spelling). */
export function isCountryName(text: string): boolean {
  const c = lookupCountry(text);
  return c.ok && !c.fuzzy;
}

/** Finds a country named anywhere inside a longer text (last occurrence wins). */
export function findCountryIn(text: string): string | null {
  const words = (text ?? '').toUpperCase().split(/[\s,;/()]+/).filter(Boolean);
  for (let n = Math.min(6, words.length); n >= 1; n--) {
    for (let i = words.length - n; i >= 0; i--) {
      const cand = words.slice(i, i + n).join(' ');
      if (n === 1 && cand.length < 4 && !/[\u3400-\u9fff\uac00-\ud7af]/.test(cand)) continue;
      const hit = t().exact.get(key(cand.replace(/^THE\s+/, '')));
      if (hit) return hit;
    }
  }
  return null;
}

export const isCountryCode = (code: string) => t().codes.has(code);

/** International calling codes (ITU-T E.164) of the countries trade documents name most. */
const CALLING_CODES: Record<string, string> = {
  CN: '86', KR: '82', JP: '81', TW: '886', HK: '852', MO: '853', VN: '84', TH: '66', MY: '60', SG: '65',
  ID: '62', PH: '63', KH: '855', LA: '856', MM: '95', BN: '673', IN: '91', BD: '880', PK: '92', LK: '94',
  AU: '61', NZ: '64', US: '1', CA: '1', MX: '52', BR: '55', AR: '54', CL: '56', PE: '51', CO: '57',
  DE: '49', FR: '33', IT: '39', ES: '34', PT: '351', NL: '31', BE: '32', LU: '352', AT: '43', CH: '41',
  GB: '44', IE: '353', DK: '45', SE: '46', NO: '47', FI: '358', PL: '48', CZ: '420', HU: '36', GR: '30',
  TR: '90', RU: '7', AE: '971', SA: '966', QA: '974', KW: '965', OM: '968', IL: '972', EG: '20', ZA: '27',
  NG: '234', KE: '254', MA: '212',
};

/** The calling code of a country (alpha-2), without the plus. */
export const callingCode = (country: string): string | undefined => CALLING_CODES[country];

/**
 * Seeded pools of realistic trade-document content: countries and their ports, company names
 * and addresses (English, Korean, Chinese), certifying authorities, vessels, marks.
 * Everything is invented; only the geography and institutions are real.
 */
import type { Rng } from './rng.ts';

export type Lang = 'en' | 'ko' | 'zh';

export interface CountryInfo {
  code: string; // ISO 3166 alpha-2
  /** How the country is printed on forms (several spellings, all normalising to `code`). */
  names: string[];
  cities: { city: string; port: string; postcode: string }[];
  suffixes: string[]; // company suffixes
  authorities: string[]; // bodies certifying origin there
  chamber: string;
}

export const COUNTRIES: Record<string, CountryInfo> = {
  CN: {
    code: 'CN',
    names: ['CHINA', "PEOPLE'S REPUBLIC OF CHINA", 'P.R. CHINA', 'THE PEOPLE\'S REPUBLIC OF CHINA'],
    cities: [
      { city: 'SHANGHAI', port: 'SHANGHAI', postcode: '200120' },
      { city: 'NINGBO', port: 'NINGBO', postcode: '315000' },
      { city: 'SHENZHEN', port: 'YANTIAN', postcode: '518083' },
      { city: 'QINGDAO', port: 'QINGDAO', postcode: '266071' },
      { city: 'XIAMEN', port: 'XIAMEN', postcode: '361006' },
      { city: 'GUANGZHOU', port: 'NANSHA', postcode: '510623' },
      { city: 'TIANJIN', port: 'TIANJIN XINGANG', postcode: '300456' },
    ],
    suffixes: ['CO., LTD.', 'IMPORT & EXPORT CO., LTD.', 'INDUSTRIAL CO., LTD.', 'TRADING CO., LTD.'],
    authorities: [
      'CHINA COUNCIL FOR THE PROMOTION OF INTERNATIONAL TRADE',
      "GENERAL ADMINISTRATION OF CUSTOMS OF THE PEOPLE'S REPUBLIC OF CHINA",
      'CCPIT SHANGHAI SUB-COUNCIL',
    ],
    chamber: 'CHINA CHAMBER OF INTERNATIONAL COMMERCE',
  },
  KR: {
    code: 'KR',
    names: ['KOREA', 'REPUBLIC OF KOREA', 'SOUTH KOREA', 'KOREA, REPUBLIC OF'],
    cities: [
      { city: 'SEOUL', port: 'BUSAN', postcode: '06133' },
      { city: 'BUSAN', port: 'BUSAN', postcode: '48058' },
      { city: 'INCHEON', port: 'INCHEON', postcode: '21984' },
      { city: 'ULSAN', port: 'ULSAN', postcode: '44676' },
      { city: 'CHANGWON', port: 'MASAN', postcode: '51390' },
    ],
    suffixes: ['CO., LTD.', 'CORPORATION', 'INC.', 'CO., LTD.'],
    authorities: ['KOREA CUSTOMS SERVICE', 'KOREA CHAMBER OF COMMERCE AND INDUSTRY', 'BUSAN CUSTOMS'],
    chamber: 'KOREA CHAMBER OF COMMERCE AND INDUSTRY',
  },
  JP: {
    code: 'JP',
    names: ['JAPAN'],
    cities: [
      { city: 'TOKYO', port: 'TOKYO', postcode: '105-0011' },
      { city: 'YOKOHAMA', port: 'YOKOHAMA', postcode: '231-0023' },
      { city: 'OSAKA', port: 'OSAKA', postcode: '530-0001' },
      { city: 'NAGOYA', port: 'NAGOYA', postcode: '450-0002' },
    ],
    suffixes: ['CO., LTD.', 'CORPORATION', 'K.K.'],
    authorities: ['JAPAN CHAMBER OF COMMERCE AND INDUSTRY'],
    chamber: 'JAPAN CHAMBER OF COMMERCE AND INDUSTRY',
  },
  VN: {
    code: 'VN',
    names: ['VIETNAM', 'VIET NAM', 'SOCIALIST REPUBLIC OF VIETNAM'],
    cities: [
      { city: 'HO CHI MINH CITY', port: 'CAT LAI', postcode: '700000' },
      { city: 'HAI PHONG', port: 'HAI PHONG', postcode: '180000' },
      { city: 'DA NANG', port: 'DA NANG', postcode: '550000' },
      { city: 'BINH DUONG', port: 'CAT LAI', postcode: '820000' },
    ],
    suffixes: ['CO., LTD.', 'JOINT STOCK COMPANY', 'CO., LTD.'],
    authorities: ['MINISTRY OF INDUSTRY AND TRADE OF VIETNAM', 'VIETNAM CHAMBER OF COMMERCE AND INDUSTRY'],
    chamber: 'VIETNAM CHAMBER OF COMMERCE AND INDUSTRY',
  },
  TH: {
    code: 'TH',
    names: ['THAILAND', 'KINGDOM OF THAILAND'],
    cities: [
      { city: 'BANGKOK', port: 'LAEM CHABANG', postcode: '10110' },
      { city: 'CHONBURI', port: 'LAEM CHABANG', postcode: '20230' },
      { city: 'RAYONG', port: 'MAP TA PHUT', postcode: '21150' },
    ],
    suffixes: ['CO., LTD.', 'PUBLIC COMPANY LIMITED'],
    authorities: ['DEPARTMENT OF FOREIGN TRADE, MINISTRY OF COMMERCE, THAILAND'],
    chamber: 'THE THAI CHAMBER OF COMMERCE',
  },
  MY: {
    code: 'MY',
    names: ['MALAYSIA'],
    cities: [
      { city: 'KUALA LUMPUR', port: 'PORT KLANG', postcode: '50450' },
      { city: 'PENANG', port: 'PENANG', postcode: '10200' },
      { city: 'JOHOR BAHRU', port: 'TANJUNG PELEPAS', postcode: '80000' },
    ],
    suffixes: ['SDN. BHD.', 'BERHAD'],
    authorities: ['MINISTRY OF INVESTMENT, TRADE AND INDUSTRY, MALAYSIA'],
    chamber: 'MALAYSIA INTERNATIONAL CHAMBER OF COMMERCE AND INDUSTRY',
  },
  SG: {
    code: 'SG',
    names: ['SINGAPORE', 'REPUBLIC OF SINGAPORE'],
    cities: [{ city: 'SINGAPORE', port: 'SINGAPORE', postcode: '018989' }],
    suffixes: ['PTE. LTD.', 'PTE LTD'],
    authorities: ['SINGAPORE CUSTOMS'],
    chamber: 'SINGAPORE INTERNATIONAL CHAMBER OF COMMERCE',
  },
  ID: {
    code: 'ID',
    names: ['INDONESIA', 'REPUBLIC OF INDONESIA'],
    cities: [
      { city: 'JAKARTA', port: 'TANJUNG PRIOK', postcode: '10310' },
      { city: 'SURABAYA', port: 'TANJUNG PERAK', postcode: '60175' },
      { city: 'SEMARANG', port: 'TANJUNG EMAS', postcode: '50174' },
    ],
    suffixes: ['TBK', 'INDONESIA'],
    authorities: ['MINISTRY OF TRADE OF THE REPUBLIC OF INDONESIA'],
    chamber: 'INDONESIAN CHAMBER OF COMMERCE AND INDUSTRY',
  },
  PH: {
    code: 'PH',
    names: ['PHILIPPINES', 'REPUBLIC OF THE PHILIPPINES'],
    cities: [
      { city: 'MANILA', port: 'MANILA', postcode: '1018' },
      { city: 'CEBU CITY', port: 'CEBU', postcode: '6000' },
    ],
    suffixes: ['INC.', 'CORPORATION'],
    authorities: ['BUREAU OF CUSTOMS, REPUBLIC OF THE PHILIPPINES'],
    chamber: 'PHILIPPINE CHAMBER OF COMMERCE AND INDUSTRY',
  },
  KH: {
    code: 'KH',
    names: ['CAMBODIA', 'KINGDOM OF CAMBODIA'],
    cities: [
      { city: 'PHNOM PENH', port: 'SIHANOUKVILLE', postcode: '12000' },
      { city: 'SIHANOUKVILLE', port: 'SIHANOUKVILLE', postcode: '18000' },
    ],
    suffixes: ['CO., LTD.', 'GARMENT CO., LTD.'],
    authorities: ['MINISTRY OF COMMERCE, KINGDOM OF CAMBODIA'],
    chamber: 'CAMBODIA CHAMBER OF COMMERCE',
  },
  LA: {
    code: 'LA',
    names: ['LAOS', 'LAO PDR', "LAO PEOPLE'S DEMOCRATIC REPUBLIC"],
    cities: [{ city: 'VIENTIANE', port: 'LAEM CHABANG', postcode: '01000' }],
    suffixes: ['SOLE CO., LTD.', 'CO., LTD.'],
    authorities: ['MINISTRY OF INDUSTRY AND COMMERCE, LAO PDR'],
    chamber: 'LAO NATIONAL CHAMBER OF COMMERCE AND INDUSTRY',
  },
  MM: {
    code: 'MM',
    names: ['MYANMAR', 'REPUBLIC OF THE UNION OF MYANMAR'],
    cities: [{ city: 'YANGON', port: 'YANGON', postcode: '11181' }],
    suffixes: ['CO., LTD.', 'COMPANY LIMITED'],
    authorities: ['MINISTRY OF COMMERCE, MYANMAR'],
    chamber: 'UNION OF MYANMAR FEDERATION OF CHAMBERS OF COMMERCE AND INDUSTRY',
  },
  BN: {
    code: 'BN',
    names: ['BRUNEI DARUSSALAM', 'BRUNEI'],
    cities: [{ city: 'BANDAR SERI BEGAWAN', port: 'MUARA', postcode: 'BS8811' }],
    suffixes: ['SDN BHD'],
    authorities: ['MINISTRY OF FINANCE AND ECONOMY, BRUNEI DARUSSALAM'],
    chamber: 'NATIONAL CHAMBER OF COMMERCE AND INDUSTRY OF BRUNEI DARUSSALAM',
  },
  AU: {
    code: 'AU',
    names: ['AUSTRALIA'],
    cities: [
      { city: 'SYDNEY', port: 'SYDNEY', postcode: 'NSW 2000' },
      { city: 'MELBOURNE', port: 'MELBOURNE', postcode: 'VIC 3000' },
    ],
    suffixes: ['PTY LTD'],
    authorities: ['AUSTRALIAN CHAMBER OF COMMERCE AND INDUSTRY'],
    chamber: 'AUSTRALIAN CHAMBER OF COMMERCE AND INDUSTRY',
  },
  NZ: {
    code: 'NZ',
    names: ['NEW ZEALAND'],
    cities: [{ city: 'AUCKLAND', port: 'AUCKLAND', postcode: '1010' }],
    suffixes: ['LIMITED'],
    authorities: ['NEW ZEALAND CHAMBERS OF COMMERCE'],
    chamber: 'AUCKLAND BUSINESS CHAMBER',
  },
  DE: {
    code: 'DE',
    names: ['GERMANY', 'FEDERAL REPUBLIC OF GERMANY'],
    cities: [
      { city: 'HAMBURG', port: 'HAMBURG', postcode: '20457' },
      { city: 'BREMEN', port: 'BREMERHAVEN', postcode: '28195' },
    ],
    suffixes: ['GMBH', 'GMBH & CO. KG', 'AG'],
    authorities: ['ZOLLAMT HAMBURG'],
    chamber: 'HANDELSKAMMER HAMBURG',
  },
  NL: {
    code: 'NL',
    names: ['NETHERLANDS', 'THE NETHERLANDS'],
    cities: [{ city: 'ROTTERDAM', port: 'ROTTERDAM', postcode: '3011 AA' }],
    suffixes: ['B.V.'],
    authorities: ['DOUANE ROTTERDAM'],
    chamber: 'KAMER VAN KOOPHANDEL',
  },
  FR: {
    code: 'FR',
    names: ['FRANCE'],
    cities: [{ city: 'LE HAVRE', port: 'LE HAVRE', postcode: '76600' }],
    suffixes: ['S.A.S.', 'SARL'],
    authorities: ['DOUANE DU HAVRE'],
    chamber: 'CCI PARIS ILE-DE-FRANCE',
  },
  IT: {
    code: 'IT',
    names: ['ITALY'],
    cities: [{ city: 'GENOA', port: 'GENOA', postcode: '16121' }],
    suffixes: ['S.P.A.', 'S.R.L.'],
    authorities: ['AGENZIA DELLE DOGANE GENOVA'],
    chamber: 'CAMERA DI COMMERCIO DI GENOVA',
  },
  BE: {
    code: 'BE',
    names: ['BELGIUM'],
    cities: [{ city: 'ANTWERP', port: 'ANTWERP', postcode: '2000' }],
    suffixes: ['N.V.', 'BV'],
    authorities: ['DOUANE ANTWERPEN'],
    chamber: 'VOKA ANTWERPEN-WAASLAND',
  },
  ES: {
    code: 'ES',
    names: ['SPAIN'],
    cities: [{ city: 'VALENCIA', port: 'VALENCIA', postcode: '46024' }],
    suffixes: ['S.L.', 'S.A.'],
    authorities: ['ADUANA DE VALENCIA'],
    chamber: 'CAMARA DE COMERCIO DE VALENCIA',
  },
  NO: {
    code: 'NO',
    names: ['NORWAY'],
    cities: [{ city: 'OSLO', port: 'OSLO', postcode: '0150' }],
    suffixes: ['AS'],
    authorities: ['NORWEGIAN CUSTOMS'],
    chamber: 'OSLO CHAMBER OF COMMERCE',
  },
  CH: {
    code: 'CH',
    names: ['SWITZERLAND'],
    cities: [{ city: 'BASEL', port: 'BASEL', postcode: '4051' }],
    suffixes: ['AG', 'SA', 'GMBH'],
    authorities: ['SWISS CUSTOMS'],
    chamber: 'BASEL CHAMBER OF COMMERCE',
  },
  CA: {
    code: 'CA',
    names: ['CANADA'],
    cities: [{ city: 'VANCOUVER', port: 'VANCOUVER', postcode: 'BC V6B 1A1' }],
    suffixes: ['INC.', 'LTD.'],
    authorities: ['CANADA BORDER SERVICES AGENCY'],
    chamber: 'VANCOUVER BOARD OF TRADE',
  },
  TR: {
    code: 'TR',
    names: ['TURKEY', 'TURKIYE'],
    cities: [{ city: 'ISTANBUL', port: 'AMBARLI', postcode: '34197' }],
    suffixes: ['A.S.', 'LTD. STI.'],
    authorities: ['ISTANBUL CHAMBER OF COMMERCE'],
    chamber: 'ISTANBUL CHAMBER OF COMMERCE',
  },
  US: {
    code: 'US',
    names: ['UNITED STATES', 'U.S.A.', 'UNITED STATES OF AMERICA'],
    cities: [
      { city: 'LOS ANGELES', port: 'LOS ANGELES', postcode: 'CA 90021' },
      { city: 'NEW YORK', port: 'NEW YORK', postcode: 'NY 10001' },
    ],
    suffixes: ['INC.', 'LLC', 'CORP.'],
    authorities: ['U.S. CHAMBER OF COMMERCE'],
    chamber: 'WORLD TRADE CENTER LOS ANGELES',
  },
  AE: {
    code: 'AE',
    names: ['UNITED ARAB EMIRATES', 'U.A.E.'],
    cities: [{ city: 'DUBAI', port: 'JEBEL ALI', postcode: 'P.O. BOX 17000' }],
    suffixes: ['L.L.C.', 'FZE'],
    authorities: ['DUBAI CHAMBER'],
    chamber: 'DUBAI CHAMBER',
  },
  IN: {
    code: 'IN',
    names: ['INDIA'],
    cities: [{ city: 'MUMBAI', port: 'NHAVA SHEVA', postcode: '400001' }],
    suffixes: ['PVT. LTD.', 'LIMITED'],
    authorities: ['FEDERATION OF INDIAN EXPORT ORGANISATIONS'],
    chamber: 'INDIAN MERCHANTS CHAMBER',
  },
  GB: {
    code: 'GB',
    names: ['UNITED KINGDOM', 'U.K.'],
    cities: [{ city: 'LONDON', port: 'FELIXSTOWE', postcode: 'EC1A 1BB' }],
    suffixes: ['LTD', 'PLC'],
    authorities: ['LONDON CHAMBER OF COMMERCE AND INDUSTRY'],
    chamber: 'LONDON CHAMBER OF COMMERCE AND INDUSTRY',
  },
};

export const ASEAN = ['BN', 'KH', 'ID', 'LA', 'MY', 'MM', 'PH', 'SG', 'TH', 'VN'];
export const EU = ['DE', 'NL', 'FR', 'IT', 'BE', 'ES'];

/** Korean and Chinese names of the countries (as printed in Korean / Chinese addresses). */
export const COUNTRY_NAME_KO: Record<string, string> = { KR: '대한민국', CN: '중국', VN: '베트남', TH: '태국', JP: '일본' };
export const COUNTRY_NAME_ZH: Record<string, string> = { CN: '中国', KR: '韩国', VN: '越南', TH: '泰国', JP: '日本', MY: '马来西亚', SG: '新加坡' };

const EN_NAME_A = [
  'GOLDEN', 'PACIFIC', 'EASTERN', 'SILVER', 'GREAT', 'ROYAL', 'BLUE', 'GREEN', 'SUNRISE', 'ORIENT',
  'UNITED', 'GLOBAL', 'PRIME', 'DRAGON', 'LOTUS', 'JADE', 'OCEAN', 'STAR', 'EVEREST', 'HARMONY',
];
const EN_NAME_B = [
  'STAR', 'RIVER', 'BRIDGE', 'WAVE', 'PEAK', 'HARBOUR', 'FIELD', 'LINK', 'WAY', 'GATE', 'BAY', 'CREST',
];
const EN_NAME_C = [
  'TEXTILE', 'ELECTRONICS', 'TRADING', 'INDUSTRIAL', 'MACHINERY', 'FOODS', 'CHEMICALS', 'HARDWARE',
  'FURNITURE', 'PLASTICS', 'METAL PRODUCTS', 'AGRO', 'AUTO PARTS', 'APPAREL', 'SEAFOOD',
];
const LOCAL_NAME: Record<string, string[]> = {
  CN: ['HUADONG', 'HENGDA', 'JINHAI', 'DONGFANG', 'HONGYUAN', 'XINHUA', 'SHENGSHI', 'ZHONGXING', 'TIANMA'],
  KR: ['HANBIT', 'DAESUNG', 'SEWON', 'DONGYANG', 'TAEKWANG', 'MIRAE', 'SINSUNG', 'SAMWOO', 'HYUNJIN'],
  VN: ['SAIGON', 'HOANG LONG', 'VIET THANG', 'PHU MY', 'THANH CONG', 'AN PHAT', 'MINH ANH'],
  TH: ['SIAM', 'CHAO PHRAYA', 'RATANA', 'SUKHUM', 'THAI UNION'],
  MY: ['SINAR', 'MUTIARA', 'PERDANA', 'KINTA', 'BERJAYA'],
  ID: ['SINAR JAYA', 'MAJU BERSAMA', 'CAHAYA', 'SURYA', 'NUSANTARA'],
  PH: ['LUZON', 'VISAYAS', 'MABUHAY', 'PACIFICA'],
  KH: ['ANGKOR', 'MEKONG', 'KHMER PRIDE'],
  SG: ['LION CITY', 'MERLION', 'STRAITS'],
  LA: ['LANE XANG', 'VIENTIANE STAR'],
  MM: ['IRRAWADDY', 'GOLDEN LAND'],
  BN: ['BORNEO', 'SERI'],
  JP: ['YAMATO', 'SAKURA', 'FUJI', 'MINATO'],
  DE: ['NORDHAFEN', 'ELBTAL', 'HANSA'],
  NL: ['MAASVLAKTE', 'ORANJE'],
};
const STREETS: Record<string, string[]> = {
  CN: ['NO. 88 ZHANGJIANG ROAD', 'NO. 1208 HUASHAN ROAD', 'ROOM 1502, NO. 66 JIANGNING ROAD', 'NO. 35 HAIER ROAD', 'NO. 17 XINGANG STREET'],
  KR: ['123, TEHERAN-RO, GANGNAM-GU', '97, CENTUM JUNGANG-RO, HAEUNDAE-GU', '32, SONGDOGWAHAK-RO, YEONSU-GU', '45, SAMSAN-RO, NAM-GU'],
  VN: ['LOT A5, TAN THUAN EPZ, DISTRICT 7', '12 NGUYEN HUE STREET, DISTRICT 1', 'LOT C2, VSIP II, THU DAU MOT'],
  TH: ['99/1 MOO 4, SUKHUMVIT ROAD', '55 AMATA NAKORN INDUSTRIAL ESTATE', '1 SILOM ROAD, BANGRAK'],
  MY: ['LOT 12, JALAN PERUSAHAAN 2', 'NO. 7, JALAN KLANG LAMA', 'PLOT 88, BAYAN LEPAS FTZ'],
  SG: ['10 ANSON ROAD #21-02', '2 JURONG EAST STREET 21', '30 TUAS AVENUE 8'],
  ID: ['JL. GATOT SUBROTO KAV. 52', 'JL. RAYA RUNGKUT NO. 17', 'KAWASAN INDUSTRI CANDI BLOK 7'],
  PH: ['2F, 888 AYALA AVENUE', 'MEPZ II, LAPU-LAPU CITY'],
  KH: ['NO. 21, STREET 598, TOUL KORK', 'PHNOM PENH SEZ, NATIONAL ROAD 4'],
  LA: ['BAN NONGBONE, SAYSETTHA DISTRICT'],
  MM: ['NO. 45, THILAWA SEZ ZONE A'],
  BN: ['UNIT 5, BLOCK B, SPG 88'],
  JP: ['2-3-1 MINATO-MIRAI, NISHI-KU', '1-1 MARUNOUCHI, CHIYODA-KU', '4-5 NAKANOSHIMA, KITA-KU'],
  AU: ['120 COLLINS STREET', '55 HARBOUR STREET'],
  NZ: ['22 QUAY STREET'],
  DE: ['AM SANDTORKAI 44', 'UEBERSEEALLEE 10'],
  NL: ['WAALHAVEN Z.Z. 19'],
  FR: ['12 QUAI DE SOUTHAMPTON'],
  IT: ['VIA GRAMSCI 12'],
  BE: ['NOORDERLAAN 147'],
  ES: ['CALLE DEL PUERTO 33'],
  NO: ['KARL JOHANS GATE 7'],
  CH: ['AESCHENVORSTADT 55'],
  CA: ['999 CANADA PLACE'],
  TR: ['BUYUKDERE CAD. NO. 45'],
  US: ['1200 E 7TH STREET', '350 FIFTH AVENUE'],
  AE: ['JAFZA VIEW 18, OFFICE 1204'],
  IN: ['PLOT 14, MIDC ANDHERI EAST'],
  GB: ['1 LONDON WALL'],
};

const KO_COMPANY_A = ['한빛', '대성', '세원', '동양', '태광', '미래', '신성', '삼우', '현진', '한국정밀'];
const KO_COMPANY_B = ['전자', '산업', '무역', '테크', '화학', '섬유', '기계', '물산'];
const KO_ADDR = [
  '서울특별시 강남구 테헤란로 123',
  '부산광역시 해운대구 센텀중앙로 97',
  '인천광역시 연수구 송도과학로 32',
  '경기도 수원시 영통구 광교로 156',
  '울산광역시 남구 삼산로 45',
  '경상남도 창원시 성산구 중앙대로 88',
];
const ZH_COMPANY_CITY = ['上海', '宁波', '深圳', '青岛', '厦门', '广州', '天津'];
const ZH_COMPANY_A = ['华东', '恒达', '金海', '东方', '宏远', '新华', '盛世', '中兴', '天马'];
const ZH_COMPANY_B = ['进出口', '贸易', '电子', '纺织', '机械', '化工', '实业'];
const ZH_ADDR = [
  '上海市浦东新区张江路88号',
  '浙江省宁波市北仑区新碶街道17号',
  '广东省深圳市盐田区海景二路35号',
  '山东省青岛市崂山区海尔路1号',
  '福建省厦门市湖里区兴隆路66号',
  '天津市滨海新区新港二号路12号',
];

export interface Party {
  country: string;
  lang: Lang;
  name: string;
  /** The lines as printed in a party box (name, address, country). */
  lines: string[];
  city: string;
  port: string;
}

export function makeParty(rng: Rng, country: string, lang: Lang): Party {
  const info = COUNTRIES[country]!;
  const place = rng.pick(info.cities);
  if (lang === 'ko' && country === 'KR') {
    const name = `주식회사 ${rng.pick(KO_COMPANY_A)}${rng.pick(KO_COMPANY_B)}`;
    const addr = rng.pick(KO_ADDR);
    const lines = [name, addr, rng.pick(['대한민국', 'REPUBLIC OF KOREA', 'KOREA'])];
    if (rng.chance(0.4)) lines.splice(2, 0, `TEL: +82-${rng.int(2, 70)}-${rng.int(200, 999)}-${rng.int(1000, 9999)}`);
    return { country, lang, name, lines, city: addr.slice(0, 2), port: place.port };
  }
  if (lang === 'zh' && country === 'CN') {
    const city = rng.pick(ZH_COMPANY_CITY);
    const name = `${city}${rng.pick(ZH_COMPANY_A)}${rng.pick(ZH_COMPANY_B)}有限公司`;
    const addr = rng.pick(ZH_ADDR);
    const lines = [name, addr, rng.pick(['中国', 'CHINA', "P.R. CHINA"])];
    if (rng.chance(0.4)) lines.splice(2, 0, `TEL: +86-${rng.int(10, 29)}-${rng.int(5000, 8999)}-${rng.int(1000, 9999)}`);
    return { country, lang, name, lines, city, port: place.port };
  }
  const local = LOCAL_NAME[country];
  const first = local && rng.chance(0.7) ? rng.pick(local) : `${rng.pick(EN_NAME_A)} ${rng.pick(EN_NAME_B)}`;
  const suffix = rng.pick(info.suffixes);
  let name = `${first} ${rng.pick(EN_NAME_C)} ${suffix}`;
  if (country === 'ID') name = `PT. ${first} ${rng.pick(EN_NAME_C)}${suffix === 'TBK' ? ' TBK' : ''}`;
  const street = rng.pick(STREETS[country] ?? ['1 MAIN STREET']);
  const cityLine = `${place.city} ${place.postcode}`;
  const countryName = rng.pick(info.names);
  const lines = rng.chance(0.5) ? [name, street, `${cityLine}, ${countryName}`] : [name, `${street}, ${place.city}`, countryName];
  if (rng.chance(0.3)) lines.push(`TEL: +${dialCode(country)} ${rng.int(10, 99)} ${rng.int(1000, 9999)} ${rng.int(1000, 9999)}`);
  return { country, lang: 'en', name, lines, city: place.city, port: place.port };
}

function dialCode(country: string): string {
  const codes: Record<string, string> = {
    CN: '86', KR: '82', JP: '81', VN: '84', TH: '66', MY: '60', SG: '65', ID: '62', PH: '63', KH: '855',
    LA: '856', MM: '95', BN: '673', AU: '61', NZ: '64', DE: '49', NL: '31', FR: '33', IT: '39', BE: '32',
    ES: '34', NO: '47', CH: '41', CA: '1', TR: '90', US: '1', AE: '971', IN: '91', GB: '44',
  };
  return codes[country] ?? '1';
}

export const VESSELS = [
  'COSCO SHIPPING ARIES', 'EVER GIVEN', 'HMM ALGECIRAS', 'MSC GULSUN', 'ONE APUS', 'MAERSK ESSEN',
  'CMA CGM MARCO POLO', 'YM WELLNESS', 'WAN HAI 316', 'SITC HAIPHONG', 'KMTC JAKARTA', 'OOCL HONG KONG',
  'HYUNDAI PRIDE', 'PANCON VICTORY', 'SINOKOR BUSAN',
];
export const AIRLINES = ['KE', 'OZ', 'CA', 'MU', 'VN', 'TG', 'SQ', 'MH'];

export const PACKAGE_KINDS = ['CARTONS', 'CASES', 'PALLETS', 'BAGS', 'DRUMS', 'BUNDLES', 'ROLLS', 'CRATES'];

const ONES = ['ZERO', 'ONE', 'TWO', 'THREE', 'FOUR', 'FIVE', 'SIX', 'SEVEN', 'EIGHT', 'NINE', 'TEN', 'ELEVEN', 'TWELVE',
  'THIRTEEN', 'FOURTEEN', 'FIFTEEN', 'SIXTEEN', 'SEVENTEEN', 'EIGHTEEN', 'NINETEEN'];
const TENS = ['', '', 'TWENTY', 'THIRTY', 'FORTY', 'FIFTY', 'SIXTY', 'SEVENTY', 'EIGHTY', 'NINETY'];
/** 1234 → "ONE THOUSAND TWO HUNDRED THIRTY FOUR" (as written in box 7 of C/Os). */
export function numberWords(n: number): string {
  if (n < 20) return ONES[n]!;
  if (n < 100) return TENS[Math.floor(n / 10)]! + (n % 10 ? ` ${ONES[n % 10]}` : '');
  if (n < 1000) return `${ONES[Math.floor(n / 100)]} HUNDRED` + (n % 100 ? ` ${numberWords(n % 100)}` : '');
  if (n < 1_000_000) return `${numberWords(Math.floor(n / 1000))} THOUSAND` + (n % 1000 ? ` ${numberWords(n % 1000)}` : '');
  return `${numberWords(Math.floor(n / 1_000_000))} MILLION` + (n % 1_000_000 ? ` ${numberWords(n % 1_000_000)}` : '');
}
